import { sql } from 'drizzle-orm';
import { selectRows, type Db, type Tx } from '../../platform/database';

/**
 * The curriculum topics covered in a participant's reached contacts, each with the first time it
 * came up, oldest first. Unscoped: the caller has already authorized reading the participant.
 */
export async function topicsCovered(
  db: Db | Tx,
  programId: string,
  participantId: string,
): Promise<{ key: string; firstAt: Date }[]> {
  const rows = await selectRows<{ key: string; first_at: string | Date }>(
    db,
    sql`select t.key, min(c.occurred_at) as first_at
        from contacts c cross join lateral jsonb_array_elements_text(c.topics) as t(key)
        where c.program_id = ${programId} and c.participant_id = ${participantId} and c.is_reached
        group by t.key
        order by first_at, t.key`,
  );
  return rows.map((r) => ({ key: r.key, firstAt: new Date(r.first_at) }));
}

/** What logging a contact needs to know, read in one statement (issue #14: not the whole record). */
export interface ContactTarget {
  /** The program's curriculum topic keys. */
  topics: string[];
  /** Null when the program has no such participant. */
  participant: { id: string; programId: string; pairing: { id: string; coachId: string; startedAt: Date } | null } | null;
  /** The id of a contact already saved with this client key (a retry), if any. */
  previousId: string | null;
}

/**
 * The program's topics, the participant's active pairing and any contact already saved under the
 * client key, in one round trip; null when there is no such program. Unscoped: the caller
 * authorizes against the relation this returns before using anything else.
 */
export async function contactTarget(
  db: Db | Tx,
  programId: string,
  participantId: string,
  clientKey: string,
): Promise<ContactTarget | null> {
  const [row] = await selectRows<{
    topics: { key: string }[];
    participant_id: string | null;
    pairing_id: string | null;
    coach_id: string | null;
    started_at: string | Date | null;
    previous_id: string | null;
  }>(
    db,
    sql`select pr.topics, pt.id as participant_id, p.id as pairing_id, p.coach_id, p.started_at, prev.id as previous_id
        from programs pr
        left join participants pt on pt.program_id = pr.id and pt.id = ${participantId}
        left join pairings p on p.participant_id = pt.id and p.ended_at is null
        left join contacts prev on prev.program_id = pr.id and prev.client_key = ${clientKey}
        where pr.id = ${programId}`,
  );
  if (!row) return null;
  return {
    topics: row.topics.map((t) => t.key),
    participant: row.participant_id
      ? {
          id: row.participant_id,
          programId,
          pairing:
            row.pairing_id && row.coach_id && row.started_at
              ? { id: row.pairing_id, coachId: row.coach_id, startedAt: new Date(row.started_at) }
              : null,
        }
      : null,
    previousId: row.previous_id,
  };
}
