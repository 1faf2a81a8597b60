import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../core/programs';
import { StudyDesign } from '../core/trials';
import { people } from '../server/features/accounts/accounts.table';
import { participants } from '../server/features/participants/participants.table';
import { programs } from '../server/features/programs/programs.table';
import { allocations, eligibilityScreenings, studies } from '../server/features/trials/trials.table';
import { openDatabase } from '../server/platform/database';
import { dbDir } from '../server/platform/datadir';
import { runCli as run } from './run-cli.testing';

describe('kindred consort', () => {
  let dir: string;
  let dataDir: string;
  const programId = randomUUID();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-consort-'));
    dataDir = join(dir, 'data');
    const db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
    // The CLI counts at the real time: enrolled 285 days ago, the 6-month window has closed (missed,
    // so lost to follow-up) and the 9-month window is open (not yet counted).
    const enrolledOn = new Date(Date.now() - 285 * 86_400_000).toISOString().slice(0, 10);
    const now = new Date('2026-03-02T15:00:00Z');
    const staff = randomUUID();
    await db.db
      .insert(people)
      .values({ id: staff, email: 'staff@test.org', displayName: 'Staff', passwordHash: null, isAdmin: false, createdAt: now });
    await db.db.insert(programs).values({
      id: programId,
      name: 'CLI Program',
      site: 'Test Site',
      startOn: '2026-03-01',
      topics: DEFAULT_TOPICS.map((t) => ({ ...t })),
      createdAt: now,
      updatedAt: now,
    });
    const design = StudyDesign.parse({
      design: 'parallel',
      title: 'Coaching or class',
      arms: [
        { key: 'coaching', label: 'Peer coaching', kind: 'coaching', ratio: 1 },
        { key: 'class', label: 'Pain class', kind: 'class', ratio: 1 },
      ],
      primaryTimepoint: 'month_9',
    });
    await db.db.insert(studies).values({ programId, version: 1, design, lockedAt: now, updatedAt: now, updatedBy: staff });
    // Five screened: one not eligible, one declined, three eligible of whom two were randomized.
    const outcomes = ['not_eligible', 'declined', 'eligible', 'eligible', 'eligible'] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const id = randomUUID();
      await db.db.insert(participants).values({
        id,
        programId,
        code: `P-000${i + 1}`,
        givenName: 'Wanda',
        familyName: `Person${i}`,
        gender: 'woman',
        painLocations: ['knee'],
        preferredModality: 'phone',
        preferredChannel: 'phone',
        preferredTimes: [],
        status: 'enrolled',
        referredOn: enrolledOn,
        enrolledOn,
        createdAt: now,
        updatedAt: now,
      });
      await db.db.insert(eligibilityScreenings).values({
        id: randomUUID(),
        programId,
        participantId: id,
        answers: {},
        outcome,
        reason: outcome === 'declined' ? 'Too far' : '',
        studyVersion: 1,
        screenedAt: now,
        screenedBy: staff,
      });
      if (i >= 3) {
        await db.db.insert(allocations).values({
          id: randomUUID(),
          programId,
          participantId: id,
          arm: i === 3 ? 'coaching' : 'class',
          stratum: 'all',
          strata: {},
          sequenceNumber: i - 2,
          overallNumber: i - 2,
          method: 'blocks',
          studyVersion: 1,
          clientKey: `k${i}`,
          allocatedAt: now,
          allocatedBy: staff,
          ...(i === 4 ? { deliveryState: 'received' as const } : {}),
        });
      }
    }
    await db.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the CONSORT flow as one JSON object matching a hand count, with no names', async () => {
    const r = await run(['consort', '--program', programId], { KINDRED_DATA_DIR: dataDir });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const zero = { month_6: 0, month_9: 0 };
    const lost = { month_6: 1, month_9: 0 };
    expect(JSON.parse(r.out)).toEqual({
      assessed: 5,
      excluded: { not_meeting_criteria: 1, declined: 1, awaiting_randomization: 1 },
      randomized: 2,
      arms: [
        {
          arm: 'coaching',
          allocated: 1,
          received: 0,
          notReceived: { not_yet_delivered: 1 },
          lostToFollowUp: lost,
          discontinued: zero,
          analysed: zero,
        },
        { arm: 'class', allocated: 1, received: 1, notReceived: {}, lostToFollowUp: lost, discontinued: zero, analysed: zero },
      ],
    });
    expect(r.out).not.toMatch(/Wanda|Person|P-000/);
  });

  it('exits 2 for an unknown program or a bad id', async () => {
    const other = randomUUID();
    const r = await run(['consort', '--program', other], { KINDRED_DATA_DIR: dataDir });
    expect([r.code, r.err]).toEqual([2, `No program with id ${other}\n`]);
    const bad = await run(['consort', '--program', 'riverside'], { KINDRED_DATA_DIR: join(dir, 'never') });
    expect([bad.code, bad.err]).toEqual([2, '--program must be a program id (a UUID)\n']);
  });
});
