ALTER TABLE "pairings" ADD COLUMN "last_reached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pairings" ADD COLUMN "attempts_since_reached" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- ADR 0048: pairings.last_reached_at and attempts_since_reached are copies of the pairing's last
-- reached contact and of the unreached contacts after it, kept by the database in the same
-- statement as every write to contacts (the app, the demos, the benchmark's bulk insert, any later
-- edit or delete), so they cannot drift. Statement-level triggers with transition tables: one
-- UPDATE per statement, recomputing only the pairings the statement touched (index lookups).
-- The pairings are locked first, in one order: a second transaction writing contacts of the same
-- pairing waits for the first to commit, and its UPDATE (a new statement, so a new snapshot in a
-- volatile function) then counts the first one's contacts too. Without the lock both could compute
-- from their own snapshot and the last to commit would leave a count missing the other's contact.
CREATE FUNCTION pairings_refresh_reach(ids uuid[]) RETURNS void LANGUAGE sql VOLATILE AS $$
  SELECT 1 FROM pairings WHERE id = ANY(ids) ORDER BY id FOR UPDATE;
  UPDATE pairings p SET last_reached_at = s.last, attempts_since_reached = s.since
  FROM (
    SELECT a.id, l.last,
      (SELECT count(*) FROM contacts c WHERE c.pairing_id = a.id AND NOT c.is_reached
         AND (l.last IS NULL OR c.occurred_at > l.last))::int AS since
    FROM unnest(ids) AS a(id)
    CROSS JOIN LATERAL (SELECT max(c.occurred_at) AS last FROM contacts c WHERE c.pairing_id = a.id AND c.is_reached) l
  ) s
  WHERE p.id = s.id;
$$;
--> statement-breakpoint
CREATE FUNCTION contacts_refresh_pairings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pairings_refresh_reach(ARRAY(SELECT DISTINCT pairing_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM pairings_refresh_reach(ARRAY(SELECT pairing_id FROM old_rows UNION SELECT pairing_id FROM new_rows));
  ELSE
    PERFORM pairings_refresh_reach(ARRAY(SELECT DISTINCT pairing_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER contacts_refresh_pairings_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contacts_refresh_pairings();
--> statement-breakpoint
CREATE TRIGGER contacts_refresh_pairings_update AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contacts_refresh_pairings();
--> statement-breakpoint
CREATE TRIGGER contacts_refresh_pairings_delete AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contacts_refresh_pairings();
--> statement-breakpoint
-- Backfill: every pairing as its contacts stand.
SELECT pairings_refresh_reach(ARRAY(SELECT DISTINCT pairing_id FROM contacts));
