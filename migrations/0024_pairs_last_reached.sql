ALTER TABLE "pairings" ADD COLUMN "last_reached_at" timestamp with time zone;
--> statement-breakpoint
-- ADR 0048: pairings.last_reached_at is a copy of the pairing's last reached contact, kept by the
-- database in the same statement as every write to contacts (the app, the demos, the benchmark's
-- bulk insert, any later edit or delete), so it cannot drift. Statement-level triggers with
-- transition tables: one UPDATE per statement, not one per row.
CREATE FUNCTION pairings_refresh_last_reached() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE pairings p SET last_reached_at = n.last
    FROM (SELECT pairing_id, max(occurred_at) AS last FROM new_rows WHERE is_reached GROUP BY pairing_id) n
    WHERE p.id = n.pairing_id AND (p.last_reached_at IS NULL OR p.last_reached_at < n.last);
  ELSIF TG_OP = 'UPDATE' THEN
    -- An edit can move or take away the last reached contact: recompute from the index.
    UPDATE pairings p SET last_reached_at = (
      SELECT max(c.occurred_at) FROM contacts c WHERE c.pairing_id = p.id AND c.is_reached
    )
    WHERE p.id IN (SELECT pairing_id FROM old_rows UNION SELECT pairing_id FROM new_rows);
  ELSE
    UPDATE pairings p SET last_reached_at = (
      SELECT max(c.occurred_at) FROM contacts c WHERE c.pairing_id = p.id AND c.is_reached
    )
    WHERE p.id IN (SELECT pairing_id FROM old_rows);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER contacts_last_reached_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pairings_refresh_last_reached();
--> statement-breakpoint
CREATE TRIGGER contacts_last_reached_update AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pairings_refresh_last_reached();
--> statement-breakpoint
CREATE TRIGGER contacts_last_reached_delete AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pairings_refresh_last_reached();
--> statement-breakpoint
-- Backfill: every pairing's last reached contact as it stands.
UPDATE pairings p SET last_reached_at = c.last
FROM (SELECT pairing_id, max(occurred_at) AS last FROM contacts WHERE is_reached GROUP BY pairing_id) c
WHERE p.id = c.pairing_id;
