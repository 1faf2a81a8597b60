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
