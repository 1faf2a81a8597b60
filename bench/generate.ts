import { participantCode } from '../src/core/participants';
import { DEFAULT_TOPICS } from '../src/core/programs';
import { addDays, DEFAULT_TIME_ZONE, localDateOf } from '../src/core/shared/time';
import type { Channel, Gender } from '../src/core/shared/vocab';
import type { ContactOutcome } from '../src/core/contacts';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../src/server/platform/database';
import { coaches, contacts, pairings, participants, people, programs, roleGrants } from '../src/server/schema';
import { FAMILY, GIVEN, PAIN, TIMES } from '../src/server/demo/names';
import { pick, pickSome, seededRandom, seededUuid } from '../src/server/demo/random';

/**
 * A bulk generator for the benchmarks: a program of N participants, about N/3 coaches with a
 * caseload of three, active pairings for most participants and about six months of contacts
 * (roughly ten per pair). Seeded, so the same N gives the same program (dates are relative to
 * `now`). Everything is inserted in one transaction, in batches of a few thousand rows a statement.
 */

export interface GenerateOptions {
  participants: number;
  /** The generated history ends just before this instant. */
  now: Date;
  seed?: number;
  /** Rows per INSERT statement. */
  batchSize?: number;
  /**
   * How densely pairs are in touch: 1 (the default) gives about ten contacts a pairing over six
   * months; 2.85 about twenty-six and a half (250,000 contacts for 10,000 participants, as issue #3 asks).
   */
  contactIntensity?: number;
}

export interface GeneratedProgram {
  programId: string;
  /** A coordinator account: may log a contact for any participant. */
  coordinatorPersonId: string;
  /** The account of `coachId`, a coach with a full caseload (the caller of "Today"). */
  coachPersonId: string;
  coachId: string;
  /** Active, paired participants not coached by `coachId`, in generation order (for logging contacts). */
  loggableParticipantIds: string[];
  counts: { participants: number; coaches: number; pairings: number; activePairings: number; contacts: number };
}

const CASELOAD = 3;

const NO_REACH: readonly ContactOutcome[] = ['no_answer', 'no_answer', 'voicemail', 'voicemail', 'declined'];
const TOPIC_KEYS = DEFAULT_TOPICS.map((t) => t.key);

type ParticipantRow = typeof participants.$inferInsert;
type CoachRow = typeof coaches.$inferInsert & { id: string; gender: Gender };
type PairingRow = typeof pairings.$inferInsert;
type ContactRow = typeof contacts.$inferInsert;

/** A time of day in the afternoon (UTC) on the calendar day of `at`. */
function atHour(at: Date, rand: () => number): Date {
  const d = new Date(at);
  d.setUTCHours(14 + Math.floor(rand() * 6), Math.floor(rand() * 60), 0, 0);
  return d;
}

/**
 * Inserts many rows, `batchSize` per statement, as one JSON parameter expanded by
 * json_populate_recordset: one INSERT ... SELECT per batch instead of 19 parameters a row, which
 * is about three times faster on PGlite (with Drizzle's multi-row VALUES, 10,000 participants and
 * their 90,000 contacts took 72 s instead of 25). Foreign keys and indexes stay on: the generated
 * program passes every constraint.
 * The row objects are Drizzle's own insert types; their keys are mapped to the column names.
 */
async function bulkInsert<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][], batchSize: number): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(first).filter((k) => columns[k]);
  const names = keys.map((k) => columns[k]!.name);
  const columnList = sql.raw(names.map((c) => `"${c}"`).join(', '));
  const tableName = sql.raw(`"${getTableName(table)}"`);
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize).map((row) => {
      const out: Record<string, unknown> = {};
      keys.forEach((k, j) => {
        const v = (row as Record<string, unknown>)[k];
        out[names[j]!] = v instanceof Date ? v.toISOString() : (v ?? null);
      });
      return out;
    });
    await tx.execute(
      sql`insert into ${tableName} (${columnList}) select ${columnList} from json_populate_recordset(null::${tableName}, ${JSON.stringify(batch)}::json)`,
    );
  }
}

export async function generateProgram(db: Db, opts: GenerateOptions): Promise<GeneratedProgram> {
  const n = Math.floor(opts.participants);
  if (!Number.isFinite(n) || n < 10) throw new Error('the generated program needs at least 10 participants');
  const rand = seededRandom(opts.seed ?? 10_000);
  const id = () => seededUuid(rand);
  const now = opts.now;
  const batchSize = opts.batchSize ?? 2000;
  const intensity = opts.contactIntensity ?? 1;
  if (!(intensity > 0)) throw new Error('contactIntensity must be positive');
  const programStart = addDays(now, -270);
  const programId = id();
  const coordinatorPersonId = id();
  const coachPersonId = id();

  // Coaches: ceil(N/3), all active, three places each. Coach 0 is the benchmark's "Today" caller.
  const coachRows: CoachRow[] = Array.from({ length: Math.ceil(n / CASELOAD) }, (_, i) => {
    const gender: Gender = rand() < 0.3 ? 'woman' : 'man';
    return {
      id: id(),
      programId,
      personId: i === 0 ? coachPersonId : null,
      givenName: pick(rand, GIVEN[gender]),
      familyName: pick(rand, FAMILY),
      gender,
      painLocations: pickSome(rand, PAIN, 1, 2),
      modalities: (rand() < 0.5 ? ['phone', 'in_person'] : ['phone']) as Channel[],
      phone: `(317) 555-${String(i % 10_000).padStart(4, '0')}`,
      email: `coach${i + 1}@bench.example.org`,
      status: 'active',
      caseload: CASELOAD,
      createdAt: programStart,
      updatedAt: programStart,
    };
  });

  // Places for active pairings: coach 0's three first (a full caseload), then every other place shuffled.
  const places: CoachRow[] = [];
  for (const c of coachRows.slice(1)) for (let k = 0; k < CASELOAD; k++) places.push(c);
  for (let i = places.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [places[i], places[j]] = [places[j]!, places[i]!];
  }
  places.unshift(coachRows[0]!, coachRows[0]!, coachRows[0]!);

  const participantRows: ParticipantRow[] = [];
  const pairingRows: PairingRow[] = [];
  const contactRows: ContactRow[] = [];
  const loggableParticipantIds: string[] = [];
  let activePairings = 0;

  /** About ten contacts over six months: reached every 9 to 14 days, a retry 2 to 4 days after a miss. */
  const addContacts = (pairing: PairingRow & { id: string; startedAt: Date }, coach: CoachRow, until: Date) => {
    const lastDay = Math.floor((until.getTime() - pairing.startedAt.getTime()) / 86_400_000);
    const fades = rand() < 0.15; // some pairs go quiet, so "Today" has overdue work
    const quietAfter = fades ? Math.floor(lastDay * (0.3 + rand() * 0.5)) : lastDay;
    let day = 1 + Math.floor(rand() * 4);
    while (day < lastDay && day < quietAfter) {
      const at = atHour(addDays(pairing.startedAt, Math.floor(day)), rand);
      const isReached = rand() < 0.75;
      contactRows.push({
        id: id(),
        programId,
        pairingId: pairing.id,
        participantId: pairing.participantId,
        coachId: coach.id,
        clientKey: id(),
        occurredAt: at,
        channel: isReached && rand() < 0.2 ? 'in_person' : 'phone',
        outcome: isReached ? 'reached' : pick(rand, NO_REACH),
        isReached,
        minutes: isReached ? 10 + Math.floor(rand() * 35) : null,
        topics: isReached ? pickSome(rand, TOPIC_KEYS, 0, 2) : [],
        discussedStrategies: isReached && rand() < 0.74,
        gaveEncouragement: isReached && rand() < 0.69,
        discussedAdjusting: isReached && rand() < 0.52,
        discussedGoals: isReached && rand() < 0.34,
        note: isReached && rand() < 0.3 ? 'Talked about the week; planning a short walk most days.' : '',
        loggedBy: coach.personId ?? coordinatorPersonId,
        createdAt: at,
      });
      day += (isReached ? 9 + Math.floor(rand() * 6) : 2 + Math.floor(rand() * 3)) / intensity;
    }
  };

  const pair = (
    participantId: string,
    participantGender: Gender,
    coach: CoachRow,
    startedAt: Date,
    endedAt: Date | null,
    endReason: PairingRow['endReason'],
  ) => {
    const row = {
      id: id(),
      programId,
      participantId,
      coachId: coach.id,
      startedAt,
      endedAt,
      endReason: endedAt ? endReason : null,
      endNote: null,
      genderMismatchReason:
        coach.gender !== participantGender ? 'No coach of the same gender had a place; participant agreed.' : null,
      createdBy: coordinatorPersonId,
    };
    pairingRows.push(row);
    addContacts(row, coach, endedAt ?? now);
  };

  for (let i = 0; i < n; i++) {
    // The first three are coach 0's caseload; then 85% active, 5% enrolled, 3% referred, 4% completed, 3% withdrawn.
    const r = i < CASELOAD ? 0 : rand();
    const status: ParticipantRow['status'] =
      r < 0.85 ? 'active' : r < 0.9 ? 'enrolled' : r < 0.93 ? 'referred' : r < 0.97 ? 'completed' : 'withdrawn';
    const coach = status === 'active' ? places[activePairings] : undefined;
    // If the places run out (they do not with 85% active), the participant waits enrolled.
    const effective = status === 'active' && !coach ? 'enrolled' : status;
    const gender: Gender = coach && rand() < 0.9 ? coach.gender : rand() < 0.3 ? 'woman' : 'man';
    const participantId = id();
    const pairedDaysAgo =
      effective === 'completed' || effective === 'withdrawn' ? 190 + Math.floor(rand() * 75) : 7 + Math.floor(rand() * 175);
    const referredAt = addDays(now, -(pairedDaysAgo + 5 + Math.floor(rand() * 20)));
    const ended =
      effective === 'completed'
        ? addDays(now, -(pairedDaysAgo - 182))
        : effective === 'withdrawn'
          ? addDays(now, -(pairedDaysAgo - 30 - Math.floor(rand() * 100)))
          : null;
    participantRows.push({
      id: participantId,
      programId,
      personId: null,
      code: participantCode(i + 1),
      givenName: pick(rand, GIVEN[gender === 'woman' ? 'woman' : 'man']),
      familyName: pick(rand, FAMILY),
      gender,
      birthYear: 1945 + Math.floor(rand() * 45),
      painLocations: pickSome(rand, PAIN, 1, 3),
      preferredModality: rand() < 0.8 ? 'phone' : 'in_person',
      preferredChannel: 'phone',
      preferredTimes: pickSome(rand, TIMES, 1, 2),
      contactNotes: rand() < 0.3 ? 'Best after lunch; leave a message if no answer.' : '',
      genderMatters: rand() < 0.85,
      phone: `(317) 555-${String(i % 10_000).padStart(4, '0')}`,
      email: null,
      canShareContact: effective !== 'referred',
      status: effective,
      referredOn: localDateOf(referredAt, DEFAULT_TIME_ZONE),
      enrolledOn: effective === 'referred' ? null : localDateOf(addDays(referredAt, 3), DEFAULT_TIME_ZONE),
      endedOn: ended ? localDateOf(ended, DEFAULT_TIME_ZONE) : null,
      withdrawalReason:
        effective === 'withdrawn' ? pick(rand, ['lost_to_follow_up', 'health', 'participant_request'] as const) : null,
      createdAt: referredAt,
      updatedAt: referredAt,
    });

    if (effective === 'active' && coach) {
      const startedAt = atHour(addDays(now, -pairedDaysAgo), rand);
      // One in twenty changed coach: an earlier pairing with another coach ended when this one began.
      if (pairedDaysAgo > 60 && rand() < 0.05) {
        const earlier = pick(rand, coachRows);
        if (earlier !== coach)
          pair(participantId, gender, earlier, addDays(startedAt, -(20 + Math.floor(rand() * 30))), startedAt, 'fit');
      }
      pair(participantId, gender, coach, startedAt, null, null);
      activePairings++;
      if (coach !== coachRows[0]) loggableParticipantIds.push(participantId);
    } else if (ended) {
      const startedAt = atHour(addDays(now, -pairedDaysAgo), rand);
      pair(
        participantId,
        gender,
        pick(rand, coachRows),
        startedAt,
        ended,
        effective === 'completed' ? 'program_completed' : 'participant_withdrawn',
      );
    }
  }

  await db.transaction(async (tx) => {
    await tx.insert(programs).values({
      id: programId,
      name: `Benchmark program (${n} participants)`,
      site: 'Synthetic data',
      startOn: localDateOf(programStart, DEFAULT_TIME_ZONE),
      lengthDays: 182,
      cadenceDays: 14,
      targetContacts: 12,
      topics: DEFAULT_TOPICS.map((t) => ({ ...t })),
      createdAt: programStart,
      updatedAt: programStart,
    });
    await tx.insert(people).values([
      {
        id: coordinatorPersonId,
        email: `coordinator+${programId}@bench.example.org`,
        displayName: 'Bench Coordinator',
        createdAt: programStart,
      },
      { id: coachPersonId, email: `coach+${programId}@bench.example.org`, displayName: 'Bench Coach', createdAt: programStart },
    ]);
    await tx.insert(roleGrants).values([
      { personId: coordinatorPersonId, programId, role: 'coordinator', createdAt: programStart },
      { personId: coachPersonId, programId, role: 'coach', createdAt: programStart },
    ]);
    await bulkInsert(tx, coaches, coachRows, batchSize);
    await bulkInsert(tx, participants, participantRows, batchSize);
    await bulkInsert(tx, pairings, pairingRows, batchSize);
    await bulkInsert(tx, contacts, contactRows, batchSize);
  });

  return {
    programId,
    coordinatorPersonId,
    coachPersonId,
    coachId: coachRows[0]!.id,
    loggableParticipantIds,
    counts: {
      participants: participantRows.length,
      coaches: coachRows.length,
      pairings: pairingRows.length,
      activePairings,
      contacts: contactRows.length,
    },
  };
}
