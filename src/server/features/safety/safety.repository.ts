import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import {
  DEFAULT_SAFETY_SETTINGS,
  type RaiserRole,
  type SafetyCategory,
  type SafetyDetails,
  type SafetySettings,
  type SafetyState,
  type SafetyTrigger,
} from '../../../core/safety';
import { selectRows, type Db, type Tx } from '../../platform/database';
import { people, roleGrants } from '../accounts/accounts.table';
import { safetyFollowUps, safetySettings } from './safety.table';

/** A safety event with the names and the first follow-up a screen needs, read in one query. */
export interface SafetyEventRecord {
  id: string;
  programId: string;
  participantId: string;
  participantName: string;
  participantCode: string;
  /** The participant's phone, for the staff member who calls them about the event (issue #16). */
  participantPhone: string | null;
  coachId: string | null;
  coachName: string | null;
  trigger: SafetyTrigger;
  category: SafetyCategory | null;
  sourceKey: string;
  raisedAt: Date;
  raisedBy: string | null;
  raisedByName: string | null;
  raisedByRole: RaiserRole;
  note: string;
  details: SafetyDetails;
  state: SafetyState;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  closedAt: Date | null;
  closedByName: string | null;
  closeNote: string;
  firstFollowUpAt: Date | null;
}

interface Row {
  id: string;
  program_id: string;
  participant_id: string;
  given_name: string;
  family_name: string;
  code: string;
  phone: string | null;
  coach_id: string | null;
  coach_given: string | null;
  coach_family: string | null;
  trigger: SafetyTrigger;
  category: SafetyCategory | null;
  source_key: string;
  raised_at: string | Date;
  raised_by: string | null;
  raised_by_name: string | null;
  raised_by_role: RaiserRole;
  note: string;
  details: SafetyDetails | string;
  state: SafetyState;
  acknowledged_at: string | Date | null;
  acknowledged_by_name: string | null;
  closed_at: string | Date | null;
  closed_by_name: string | null;
  close_note: string;
  first_follow_up_at: string | Date | null;
}

const instant = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

/** Safety events of one program, newest first, optionally by id, only those not closed or only those nobody acknowledged. */
export async function findSafetyEvents(
  db: Db | Tx,
  filter: { programId: string; ids?: string[]; isOpen?: boolean; isUnacknowledged?: boolean; sourceKey?: string },
): Promise<SafetyEventRecord[]> {
  const where: SQL[] = [sql`e.program_id = ${filter.programId}`];
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    where.push(
      sql`e.id in (${sql.join(
        filter.ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  }
  if (filter.isOpen) where.push(sql`e.state <> 'closed'`);
  if (filter.isUnacknowledged) where.push(sql`e.state = 'open' and e.acknowledged_at is null`);
  if (filter.sourceKey) where.push(sql`e.source_key = ${filter.sourceKey}`);
  const rows = await selectRows<Row>(
    db,
    sql`
    select e.*, pt.given_name, pt.family_name, pt.code, pt.phone,
      c.given_name as coach_given, c.family_name as coach_family,
      rb.display_name as raised_by_name, ab.display_name as acknowledged_by_name, cb.display_name as closed_by_name,
      (select min(f.done_at) from safety_follow_ups f where f.event_id = e.id) as first_follow_up_at
    from safety_events e
    join participants pt on pt.id = e.participant_id
    left join coaches c on c.id = e.coach_id
    left join people rb on rb.id = e.raised_by
    left join people ab on ab.id = e.acknowledged_by
    left join people cb on cb.id = e.closed_by
    where ${sql.join(where, sql` and `)}
    order by e.raised_at desc, e.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    programId: r.program_id,
    participantId: r.participant_id,
    participantName: `${r.given_name} ${r.family_name}`,
    participantCode: r.code,
    participantPhone: r.phone,
    coachId: r.coach_id,
    coachName: r.coach_id ? `${r.coach_given ?? ''} ${r.coach_family ?? ''}`.trim() : null,
    trigger: r.trigger,
    category: r.category,
    sourceKey: r.source_key,
    raisedAt: new Date(r.raised_at),
    raisedBy: r.raised_by,
    raisedByName: r.raised_by_name,
    raisedByRole: r.raised_by_role,
    note: r.note,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as SafetyDetails) : r.details,
    state: r.state,
    acknowledgedAt: instant(r.acknowledged_at),
    acknowledgedByName: r.acknowledged_by_name,
    closedAt: instant(r.closed_at),
    closedByName: r.closed_by_name,
    closeNote: r.close_note,
    firstFollowUpAt: instant(r.first_follow_up_at),
  }));
}

/** An event's follow-ups in the order they happened, with who recorded each. */
export async function findFollowUps(db: Db | Tx, programId: string, eventId: string) {
  return db
    .select({
      id: safetyFollowUps.id,
      doneAt: safetyFollowUps.doneAt,
      action: safetyFollowUps.action,
      referredTo: safetyFollowUps.referredTo,
      recordedAt: safetyFollowUps.recordedAt,
      recordedByName: people.displayName,
    })
    .from(safetyFollowUps)
    .innerJoin(people, eq(people.id, safetyFollowUps.recordedBy))
    .where(and(eq(safetyFollowUps.programId, programId), eq(safetyFollowUps.eventId, eventId)))
    .orderBy(asc(safetyFollowUps.doneAt), asc(safetyFollowUps.recordedAt));
}

/** The program's safety settings, or the defaults when none were saved. */
export async function loadSafetySettings(db: Db | Tx, programId: string): Promise<SafetySettings> {
  const [row] = await db.select().from(safetySettings).where(eq(safetySettings.programId, programId));
  return row ? { safetyContacts: row.safetyContacts, crisis: row.crisis } : DEFAULT_SAFETY_SETTINGS;
}

/**
 * Who is e-mailed about a new event: the program's safety contacts, or, when it has none, its
 * coordinators, so that an alert always reaches someone.
 */
export async function alertRecipients(db: Db | Tx, programId: string): Promise<string[]> {
  const settings = await loadSafetySettings(db, programId);
  if (settings.safetyContacts.length > 0) return settings.safetyContacts;
  const rows = await db
    .select({ email: people.email })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(and(eq(roleGrants.programId, programId), eq(roleGrants.role, 'coordinator')));
  return [...new Set(rows.map((r) => r.email.toLowerCase()))].sort();
}
