import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProgram, type GeneratedProgram } from '../../../../bench/generate';
import {
  DEFAULT_LADDER,
  ladderPosition,
  ladderStates,
  pairSorts,
  PairsQuery,
  sortPairs,
  type LadderSettings,
  type PairHelpView,
} from '../../../core/engagement';
import { seededRandom } from '../../../core/shared/seeded-random';
import { addDays, localDateOf } from '../../../core/shared/time';
import { fixedClock } from '../../platform/clock';
import type { Caller, Deps } from '../../platform/context';
import type { Database } from '../../platform/database';
import { createMailer } from '../../platform/mail';
import { createTexter } from '../../platform/sms';
import { freshDatabase } from '../../testing/harness';
import { ContactInput } from '../../../core/contacts';
import { loadActor } from '../accounts/accounts.service';
import { logContact } from '../contacts/contacts.service';
import { loadCurriculum } from '../curriculum';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { taskRulesOf, type Program } from '../programs';
import { loadPairingActivity } from '../tasks';
import { loadTraining } from '../volunteers';
import { ladderEvents } from './engagement.table';
import { listPairs } from './pairs.service';
import { COACH_ACTIVITY_DAYS, presentPair } from './pairs.presenter';

/**
 * The property behind ADR 0048: for many programs' worth of varied pairs (histories that go quiet,
 * pauses ended and to come, acted steps, pairings past the program's end, several time zones,
 * ladder settings and clocks), paging through `GET …/pairs` gives exactly the list the pure rules
 * give: `ladderPosition` + `presentPair` over every active pair, filtered and ordered by `sortPairs`.
 */
describe('"Pairs that need help" ranked in SQL agrees with the pure ladder and sort', () => {
  let db: Database;
  /** The database's URL on PostgreSQL (null on PGlite), for a second connection. */
  let url: string | undefined;
  let close: () => Promise<void>;
  let gen: GeneratedProgram;
  let caller: Caller;
  const start = new Date('2026-06-01T16:00:00.000Z');
  const rand = seededRandom(14_048);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const mailer = createMailer({ smtpUrl: null, from: 'Kindred <test@example.org>' });

  beforeAll(async () => {
    ({ db, close, url } = await freshDatabase());
    gen = await generateProgram(db.db, { participants: 240, now: start, batchSize: 200, contactIntensity: 2.85 });
    caller = { actor: (await loadActor(db.db, gen.coordinatorPersonId))!, requestId: 't', ip: null };
    // Unique names, some starting in lower case or with a space, so the name order is total and tested.
    const rows = await db.db.select({ id: participants.id }).from(participants).where(eq(participants.programId, gen.programId));
    const syllables = ['an', 'be', 'co', 'de', 'el', 'fa', 'gu', 'ha', 'is', 'jo', 'ka', 'lu', 'mo', 'ne'];
    for (const [i, r] of rows.entries()) {
      const word = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(syllables)).join('');
      const given = rand() < 0.15 ? word : word[0]!.toUpperCase() + word.slice(1);
      const family = `${pick(['de ', 'Mc', 'Van ', ''])}${pick(syllables).toUpperCase()}${i}`;
      await db.db.update(participants).set({ givenName: given, familyName: family }).where(eq(participants.id, r.id));
    }
  }, 120_000);
  afterAll(async () => {
    mailer.close();
    await close?.();
  });

  const deps = (now: Date): Deps => ({
    db: db.db,
    clock: fixedClock(now),
    mailer,
    texter: createTexter({ sms: null }),
    publicUrl: 'http://test.invalid',
    curriculum: loadCurriculum(),
    training: loadTraining(),
  });

  /** The old way: every active pair presented in TypeScript. */
  async function oracle(program: Program, now: Date): Promise<PairHelpView[]> {
    const all = await loadPairingActivity(db.db, { programId: program.id }, { since: addDays(now, -COACH_ACTIVITY_DAYS) });
    return all.map((a) => presentPair(a, program, now));
  }

  async function everyPage(now: Date, q: Partial<PairsQuery>, limit: number) {
    const pages: PairHelpView[] = [];
    let total = -1;
    for (let offset = 0; total < 0 || offset < total; offset += limit) {
      const page = await listPairs(deps(now), caller, gen.programId, PairsQuery.parse({ ...q, limit, offset }));
      total = page.total;
      expect(page.pairs.length).toBe(Math.min(limit, total - offset));
      pages.push(...page.pairs);
      if (page.pairs.length === 0) break;
    }
    return pages;
  }

  /** Pauses (ended, ending, to come), acted steps of this episode and of old ones, and new program settings. */
  async function shuffle(now: Date): Promise<Program> {
    const ladder: LadderSettings = pick([
      DEFAULT_LADDER,
      { firstContactDays: 2, reminderDays: 5, checkInGraceDays: 0, decisionGraceDays: 3 },
      { firstContactDays: 10, reminderDays: 40, checkInGraceDays: 3, decisionGraceDays: 30 },
    ]);
    await db.db
      .update(programs)
      .set({
        ladder,
        cadenceDays: pick([7, 14, 21]),
        lengthDays: pick([120, 182, 365]),
        timeZone: pick(['America/New_York', 'Pacific/Auckland', 'Asia/Kolkata', 'America/Los_Angeles']),
      })
      .where(eq(programs.id, gen.programId));
    const [program] = await db.db.select().from(programs).where(eq(programs.id, gen.programId));
    const rows = await db.db.select({ id: participants.id }).from(participants).where(eq(participants.programId, gen.programId));
    for (const r of rows) {
      const paused = rand() < 0.25 ? localDateOf(addDays(now, Math.floor(rand() * 80) - 40), program!.timeZone) : null;
      await db.db.update(participants).set({ contactPausedUntil: paused }).where(eq(participants.id, r.id));
    }
    await db.db.delete(ladderEvents).where(eq(ladderEvents.programId, gen.programId));
    for (const a of await loadPairingActivity(db.db, { programId: gen.programId })) {
      if (rand() > 0.3) continue;
      const pos = ladderPosition(a, taskRulesOf(program!), now);
      const episodeStartedAt = rand() < 0.8 ? pos.episodeStartedAt : addDays(pos.episodeStartedAt, -30);
      await db.db.insert(ladderEvents).values({
        id: crypto.randomUUID(),
        programId: gen.programId,
        pairingId: a.pairingId,
        participantId: a.participantId,
        step: pick(['check_in', 'decision'] as const),
        episodeStartedAt,
        firedAt: episodeStartedAt,
        recordedAt: now,
        actedBy: gen.coordinatorPersonId,
        actedAt: now,
        outcome: 'called',
      });
    }
    return program!;
  }

  it('gives every page, total and count per step the pure rules give, over varied programs and clocks', async () => {
    const stepFilters = [undefined, 'needs_help', ...ladderStates] as const;
    let compared = 0;
    const seenSteps = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const now = addDays(start, pick([0, 3, 17, 45, 200]) + rand());
      const program = await shuffle(now);
      const all = await oracle(program, now);
      for (const p of all) seenSteps.add(p.step);
      const coachId = pick(all).coachId;
      const queries = [
        {},
        { coachId },
        ...Array.from({ length: 10 }, () => ({
          sort: pick(pairSorts),
          ...(rand() < 0.5 ? { order: pick(['asc', 'desc'] as const) } : {}),
          ...(rand() < 0.6 ? { step: pick(stepFilters) } : {}),
          ...(rand() < 0.15 ? { coachId } : {}),
        })),
      ];
      for (const q of queries) {
        const parsed = PairsQuery.parse(q);
        const expected = sortPairs(all, parsed);
        const got = await everyPage(now, q, pick([7, 50, 200]));
        expect({ round, q, got: got.map((p) => p.participantName) }).toEqual({
          round,
          q,
          got: expected.map((p) => p.participantName),
        });
        expect(got).toEqual(expected);
        compared += expected.length;
      }
      const first = await listPairs(deps(now), caller, gen.programId, PairsQuery.parse({}));
      const counts = Object.fromEntries(ladderStates.map((s) => [s, all.filter((p) => p.step === s).length]));
      expect(first.counts).toEqual(counts);
      expect(first.total).toBe(all.length);
      const one = pick(all);
      const single = await listPairs(deps(now), caller, gen.programId, PairsQuery.parse({ pairingId: one.pairingId }));
      expect(single).toMatchObject({ total: 1, pairs: [one] });
    }
    // The property is only worth something if the data reached every step.
    expect([...seenSteps].sort()).toEqual([...ladderStates].sort());
    expect(compared).toBeGreaterThan(2_000);
  }, 300_000);

  it("keeps each pairing's last reached contact right after contacts are logged, edited and deleted", async () => {
    const drift = async () =>
      db.rawQuery(
        `select p.id from pairings p
         left join lateral (select max(occurred_at) as last from contacts c where c.pairing_id = p.id and c.is_reached) l on true
         where p.program_id = $1 and (p.last_reached_at is distinct from l.last or p.attempts_since_reached <> (
           select count(*) from contacts c where c.pairing_id = p.id and not c.is_reached and (l.last is null or c.occurred_at > l.last)))`,
        [gen.programId],
      );
    // The generator's bulk insert went through the trigger too.
    expect(await drift()).toEqual([]);
    const [a] = await loadPairingActivity(db.db, { programId: gen.programId, participantId: gen.loggableParticipantIds[0]! });
    const lastOf = async () =>
      (
        (await db.rawQuery('select last_reached_at from pairings where id = $1', [a!.pairingId])) as {
          last_reached_at: unknown;
        }[]
      ).map((r) => (r.last_reached_at === null ? null : new Date(r.last_reached_at as string).toISOString()))[0];
    const now = addDays(start, 1);
    const log = (outcome: 'reached' | 'no_answer', at: Date) =>
      logContact(
        deps(now),
        caller,
        gen.programId,
        ContactInput.parse({
          participantId: a!.participantId,
          clientKey: crypto.randomUUID(),
          occurredAt: at.toISOString(),
          channel: 'phone',
          outcome,
          ...(outcome === 'reached' ? { minutes: 15, topics: ['pacing'] } : {}),
        }),
      );
    const reachedAt = addDays(start, 0.5);
    await log('reached', reachedAt);
    expect(await lastOf()).toBe(reachedAt.toISOString());
    // A missed call after it, or a reached contact entered late for an earlier day, changes nothing.
    await log('no_answer', addDays(start, 0.7));
    await log('reached', addDays(start, -3));
    expect(await lastOf()).toBe(reachedAt.toISOString());
    const [{ attempts }] = (await db.rawQuery('select attempts_since_reached as attempts from pairings where id = $1', [
      a!.pairingId,
    ])) as [{ attempts: number }];
    expect(attempts).toBe(1);
    expect(await drift()).toEqual([]);
    // Edited to a miss: the one before is the last again; edited to a later time: that time.
    await db.rawQuery(
      `update contacts set is_reached = false, outcome = 'no_answer' where pairing_id = $1 and occurred_at = $2`,
      [a!.pairingId, reachedAt.toISOString()],
    );
    expect(await lastOf()).toBe(addDays(start, -3).toISOString());
    await db.rawQuery(`update contacts set occurred_at = $2 where pairing_id = $1 and occurred_at = $3`, [
      a!.pairingId,
      addDays(start, 0.9).toISOString(),
      addDays(start, -3).toISOString(),
    ]);
    expect(await lastOf()).toBe(addDays(start, 0.9).toISOString());
    // Deleted: the one before; every reached contact deleted: never reached.
    await db.rawQuery(`delete from contacts where pairing_id = $1 and occurred_at = $2`, [
      a!.pairingId,
      addDays(start, 0.9).toISOString(),
    ]);
    expect(await lastOf()).toBe(a!.lastReachedAt?.toISOString() ?? null);
    await db.rawQuery(`delete from session_guides where contact_id in (select id from contacts where pairing_id = $1)`, [
      a!.pairingId,
    ]);
    await db.rawQuery(`delete from contacts where pairing_id = $1 and is_reached`, [a!.pairingId]);
    expect(await lastOf()).toBeNull();
    expect(await drift()).toEqual([]);
  });

  // Only PostgreSQL has two connections writing at once; PGlite runs one statement at a time.
  it.skipIf(!process.env.DATABASE_URL)('counts both of two missed calls written at once for one pairing', async () => {
    const [a] = await loadPairingActivity(db.db, { programId: gen.programId, participantId: gen.loggableParticipantIds[1]! });
    const attempts = async () =>
      (
        (await db.rawQuery('select attempts_since_reached as n from pairings where id = $1', [a!.pairingId])) as [{ n: number }]
      )[0].n;
    const before = await attempts();
    // A copy of one of the pairing's contacts, as a missed call now, with an id and key of its own.
    const missedCall = `insert into contacts select (jsonb_populate_record(null::contacts, to_jsonb(c) || jsonb_build_object(
        'id', gen_random_uuid(), 'client_key', gen_random_uuid(), 'is_reached', false, 'outcome', 'no_answer',
        'minutes', null, 'occurred_at', now()))).* from contacts c where c.pairing_id = $1 limit 1`;
    const first = new pg.Client({ connectionString: url });
    const second = new pg.Client({ connectionString: url });
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query('begin');
      await first.query(missedCall, [a!.pairingId]);
      await second.query('begin');
      const secondPid = ((await second.query('select pg_backend_pid() as pid')).rows[0] as { pid: number }).pid;
      const secondInsert = second.query(missedCall, [a!.pairingId]);
      // The second writer is waiting on the first one's lock on the pairing, not merely slow.
      for (;;) {
        const { rows } = await first.query('select wait_event_type from pg_stat_activity where pid = $1', [secondPid]);
        if ((rows[0] as { wait_event_type: string | null } | undefined)?.wait_event_type === 'Lock') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await first.query('commit');
      await secondInsert;
      await second.query('commit');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    expect(await attempts()).toBe(before + 2);
  });
});
