import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../src/server/features/accounts/accounts.service';
import { logContact } from '../src/server/features/contacts/contacts.service';
import { PairsQuery } from '../src/core/engagement';
import { listPairs } from '../src/server/features/engagement/pairs.service';
import { loadCurriculum } from '../src/server/features/curriculum';
import { loadTraining } from '../src/server/features/volunteers';
import { coachToday } from '../src/server/features/tasks/tasks.service';
import { fixedClock } from '../src/server/platform/clock';
import type { Deps } from '../src/server/platform/context';
import { openDatabase, type Database, type Db } from '../src/server/platform/database';
import { createMailer } from '../src/server/platform/mail';
import { createTexter } from '../src/server/platform/sms';
import * as schema from '../src/server/schema';
import { generateProgram, type GeneratedProgram } from './generate';
import * as Q from './sql';

// Opening and migrating PGlite takes a few seconds on a busy machine.
const SLOW = 60_000;

describe('the benchmark generator', () => {
  let db: Database;
  let gen: GeneratedProgram;
  const now = new Date('2026-06-01T12:00:00.000Z');
  const rows = async <T>(sql: string, params: unknown[] = []) => (await db.rawQuery(sql, params)) as T[];

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
    gen = await generateProgram(db.db, { participants: 60, now, batchSize: 25 });
  }, SLOW);
  afterAll(async () => {
    await db?.close();
  });

  it('writes the program it reports: N participants, N/3 coaches of three places, most paired, about ten contacts a pair', async () => {
    const [c] = await rows<Record<string, string>>(
      `select (select count(*) from participants where program_id = $1) as participants,
              (select count(*) from coaches where program_id = $1 and caseload = 3) as coaches,
              (select count(*) from pairings where program_id = $1) as pairings,
              (select count(*) from pairings where program_id = $1 and ended_at is null) as active,
              (select count(*) from contacts where program_id = $1) as contacts`,
      [gen.programId],
    );
    expect(Number(c!.participants)).toBe(60);
    expect(Number(c!.coaches)).toBe(20);
    expect(Number(c!.pairings)).toBe(gen.counts.pairings);
    expect(Number(c!.active)).toBe(gen.counts.activePairings);
    expect(Number(c!.contacts)).toBe(gen.counts.contacts);
    expect(gen.counts.activePairings).toBeGreaterThan(60 * 0.7);
    expect(gen.counts.contacts / gen.counts.pairings).toBeGreaterThan(5);
    expect(gen.counts.contacts / gen.counts.pairings).toBeLessThan(20);
  });

  it('makes a denser history with a higher contact intensity (issue #3: 250,000 contacts for 10,000 participants)', async () => {
    const dense = await generateProgram(db.db, { participants: 60, now, batchSize: 25, seed: 7, contactIntensity: 2.85 });
    expect(dense.counts.contacts / dense.counts.pairings).toBeGreaterThan(18);
    const outside = await rows(
      `select c.id from contacts c join pairings p on p.id = c.pairing_id
       where c.program_id = $1 and (c.occurred_at <= p.started_at or c.occurred_at >= coalesce(p.ended_at, $2::timestamptz))`,
      [dense.programId, now.toISOString()],
    );
    expect(outside).toEqual([]);
  });

  it('keeps every coach within capacity and gives the caller coach a full caseload', async () => {
    const load = await rows<{ id: string; caseload: number; active: string }>(
      `select c.id, c.caseload, count(p.id) as active from coaches c
       left join pairings p on p.coach_id = c.id and p.ended_at is null
       where c.program_id = $1 group by c.id, c.caseload`,
      [gen.programId],
    );
    for (const c of load) expect(Number(c.active)).toBeLessThanOrEqual(c.caseload);
    expect(Number(load.find((c) => c.id === gen.coachId)?.active)).toBe(3);
    const [coach] = await rows<{ person_id: string }>('select person_id from coaches where id = $1', [gen.coachId]);
    expect(coach?.person_id).toBe(gen.coachPersonId);
  });

  it('pairs exactly the active participants, and dates every contact inside its pairing and before now', async () => {
    const mismatched = await rows(
      `select pt.id from participants pt
       left join pairings p on p.participant_id = pt.id and p.ended_at is null
       where pt.program_id = $1 and ((pt.status = 'active') <> (p.id is not null))`,
      [gen.programId],
    );
    expect(mismatched).toEqual([]);
    const outside = await rows(
      `select c.id from contacts c join pairings p on p.id = c.pairing_id
       where c.program_id = $1 and (c.occurred_at <= p.started_at or c.occurred_at >= coalesce(p.ended_at, $2::timestamptz)
         or c.participant_id <> p.participant_id or c.coach_id <> p.coach_id or c.is_reached <> (c.outcome = 'reached'))`,
      [gen.programId, now.toISOString()],
    );
    expect(outside).toEqual([]);
    const crossGender = await rows(
      `select p.id from pairings p join participants pt on pt.id = p.participant_id join coaches c on c.id = p.coach_id
       where p.program_id = $1 and pt.gender <> c.gender and p.gender_mismatch_reason is null`,
      [gen.programId],
    );
    expect(crossGender).toEqual([]);
  });

  it('lists loggable participants that are active, paired and not the caller coach’s', async () => {
    expect(gen.loggableParticipantIds.length).toBe(gen.counts.activePairings - 3);
    const bad = await rows(
      `select pt.id from participants pt join pairings p on p.participant_id = pt.id and p.ended_at is null
       where pt.id = any($1::uuid[]) and (pt.status <> 'active' or p.coach_id = $2)`,
      [gen.loggableParticipantIds, gen.coachId],
    );
    expect(bad).toEqual([]);
  });

  it('sends the same SQL from the use cases as bench/sql.ts runs raw, and the raw queries see the same rows', async () => {
    const seen: string[] = [];
    const logged = drizzle(db.pglite!, {
      schema,
      logger: { logQuery: (q) => seen.push(q.replace(/\s+/g, ' ').trim()) },
    }) as unknown as Db;
    const mailer = createMailer({ smtpUrl: null, from: 'Kindred <bench@example.org>' });
    const deps: Deps = {
      db: logged,
      clock: fixedClock(now),
      mailer,
      texter: createTexter({ sms: null }),
      publicUrl: 'http://bench.invalid',
      curriculum: loadCurriculum(),
      training: loadTraining(),
    };
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    try {
      const coach = (await loadActor(db.db, gen.coachPersonId))!;
      const today = await coachToday(deps, { actor: coach, requestId: 't', ip: null }, gen.programId);
      expect(today.participants).toHaveLength(3);
      expect(seen).toEqual(
        [
          Q.SELECT_PROGRAM,
          Q.SELECT_PAIRING_ACTIVITY_OF_COACH,
          Q.SELECT_PARTICIPANTS_OF_COACH,
          Q.SELECT_UPCOMING_SESSIONS_OF_COACH,
          Q.SELECT_NEXT_SESSIONS_OF_COACH,
          Q.SELECT_AGREED_NEXT_CONTACTS_OF_COACH,
          Q.selectSharedCheckInsOf(3),
          Q.INSERT_AUDIT_THREE,
        ].map(norm),
      );
      expect(await db.rawQuery(Q.SELECT_PARTICIPANTS_OF_COACH, [gen.programId, gen.coachId])).toHaveLength(3);
      expect(await db.rawQuery(Q.SELECT_PAIRING_ACTIVITY_OF_COACH, [gen.programId, gen.coachId])).toHaveLength(3);

      seen.length = 0;
      const coordinator = (await loadActor(db.db, gen.coordinatorPersonId))!;
      const participantId = gen.loggableParticipantIds[0]!;
      const { isNew } = await logContact(deps, { actor: coordinator, requestId: 't', ip: null }, gen.programId, {
        participantId,
        clientKey: randomUUID(),
        occurredAt: new Date(now.getTime() - 3_600_000).toISOString(),
        channel: 'phone',
        outcome: 'reached',
        minutes: 20,
        topics: ['pacing'],
        discussedStrategies: true,
        gaveEncouragement: true,
        discussedAdjusting: false,
        discussedGoals: true,
        note: 'Benchmark contact.',
      });
      expect(isNew).toBe(true);
      expect(seen).toEqual([Q.SELECT_CONTACT_TARGET, Q.INSERT_CONTACT_AUDITED].map(norm));
      expect(await db.rawQuery(Q.SELECT_CONTACT_TARGET, [participantId, randomUUID(), gen.programId])).toEqual([
        expect.objectContaining({ participant_id: participantId, previous_id: null }),
      ]);

      seen.length = 0;
      const page = await listPairs(deps, { actor: coordinator, requestId: 't', ip: null }, gen.programId, PairsQuery.parse({}));
      expect(page.total).toBe(gen.counts.activePairings);
      expect(page.pairs).toHaveLength(Math.min(50, gen.counts.activePairings));
      // The program, the ranking (JIT off), the page's pairs in full, the audit row: four statements whatever the size.
      expect(seen[0]).toBe(norm(Q.SELECT_PROGRAM));
      expect(seen.slice(1, 3)).toEqual([norm(Q.SET_LOCAL_JIT_OFF), expect.stringMatching(/^with firsts as/)]);
      expect(seen).toHaveLength(5);
      expect(seen[4]).toBe(norm(Q.INSERT_AUDIT));
    } finally {
      mailer.close();
    }
  });
});
