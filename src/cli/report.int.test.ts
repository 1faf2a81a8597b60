import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../core/programs';
import { people } from '../server/features/accounts/accounts.table';
import { coaches } from '../server/features/coaches/coaches.table';
import { contacts } from '../server/features/contacts/contacts.table';
import { pairings } from '../server/features/pairings/pairings.table';
import { participants } from '../server/features/participants/participants.table';
import { programs } from '../server/features/programs/programs.table';
import { auditEvents } from '../server/platform/audit.table';
import { openDatabase } from '../server/platform/database';
import { dbDir } from '../server/platform/datadir';
import { runCli as run } from './run-cli.testing';

const DAY = 86_400_000;

describe('kindred report', () => {
  let dir: string;
  let dataDir: string;
  const programId = randomUUID();
  const coachId = randomUUID();
  const participantId = randomUUID();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-report-'));
    dataDir = join(dir, 'data');
    const db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
    // Paired 30 days ago in a 182-day program: two reached contacts (SEA, then S) and one unanswered.
    const now = new Date();
    const pairedAt = new Date(now.getTime() - 30 * DAY);
    const personId = randomUUID();
    await db.db.insert(people).values({ id: personId, email: 'staff@test.org', displayName: 'Staff', createdAt: pairedAt });
    await db.db.insert(programs).values({
      id: programId,
      name: 'CLI Program',
      site: 'Test Site',
      startOn: '2026-01-01',
      topics: DEFAULT_TOPICS.map((t) => ({ ...t })),
      createdAt: pairedAt,
      updatedAt: pairedAt,
    });
    await db.db.insert(coaches).values({
      id: coachId,
      programId,
      givenName: 'Carla',
      familyName: 'Coachwoman',
      gender: 'woman',
      painLocations: ['knee'],
      modalities: ['phone'],
      status: 'active',
      createdAt: pairedAt,
      updatedAt: pairedAt,
    });
    await db.db.insert(participants).values({
      id: participantId,
      programId,
      code: 'P-0001',
      givenName: 'Wanda',
      familyName: 'Waiting',
      gender: 'woman',
      painLocations: ['knee'],
      preferredModality: 'phone',
      preferredChannel: 'phone',
      preferredTimes: [],
      status: 'active',
      referredOn: '2026-01-01',
      createdAt: pairedAt,
      updatedAt: pairedAt,
    });
    const pairingId = randomUUID();
    await db.db
      .insert(pairings)
      .values({ id: pairingId, programId, participantId, coachId, startedAt: pairedAt, createdBy: personId });
    const contact = (days: number, isReached: boolean, s: boolean, e: boolean, a: boolean) => ({
      id: randomUUID(),
      programId,
      pairingId,
      participantId,
      coachId,
      clientKey: randomUUID(),
      occurredAt: new Date(pairedAt.getTime() + days * DAY),
      channel: 'phone' as const,
      outcome: isReached ? ('reached' as const) : ('no_answer' as const),
      isReached,
      topics: [],
      discussedStrategies: s,
      gaveEncouragement: e,
      discussedAdjusting: a,
      discussedGoals: false,
      loggedBy: personId,
      createdAt: pairedAt,
    });
    await db.db
      .insert(contacts)
      .values([
        contact(3, true, true, true, true),
        contact(10, false, false, false, false),
        contact(17, true, true, false, false),
      ]);
    await db.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the fidelity report as one JSON object: codes, no names', async () => {
    const r = await run(['report', 'fidelity', '--program', programId], { KINDRED_DATA_DIR: dataDir });
    expect([r.code, r.err]).toEqual([0, '']);
    const json = JSON.parse(r.out);
    // 2 reached contacts: S 2/2, E 1/2, A 1/2, G 0/2; the coach's fidelity (3 + 1) / 8 = 0.5.
    expect(json).toMatchObject({ source: 'logged', windowDays: 182, reachedContacts: 2, reported: null, agreement: null });
    expect(json.elements).toEqual({
      discussedStrategies: { delivered: 2, rate: 1 },
      gaveEncouragement: { delivered: 1, rate: 0.5 },
      discussedAdjusting: { delivered: 1, rate: 0.5 },
      discussedGoals: { delivered: 0, rate: 0 },
    });
    expect(json.coaches).toEqual([{ coachCode: 'C-0001', reachedContacts: 2, fidelity: 0.5, high: false }]);
    expect(json.highFidelityShare).toBe(0);
    for (const name of ['Wanda', 'Carla', 'Coachwoman', participantId, coachId]) expect(r.out).not.toContain(name);
  });

  it('prints the engagement report and audits both reads without an actor', async () => {
    const r = await run(['report', 'engagement', '--program', programId], { KINDRED_DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    // 2 reached in 30 days: 2 / (30 / 30.44) = 2.03 a month → twice a month; not adherent (12).
    expect(json.participants).toEqual([
      expect.objectContaining({
        participantCode: 'P-0001',
        coachCode: 'C-0001',
        activeDays: 30,
        reachedInWindow: 2,
        adherent: false,
        frequency: 'twice_monthly',
      }),
    ]);
    expect(json.summary).toMatchObject({ participants: 1, reachedInWindow: 2, adherent: 0 });
    const db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
    try {
      const rows = await db.db.select().from(auditEvents);
      expect(rows.map((e) => [e.action, e.actorId, e.requestId, e.programId])).toEqual([
        ['fidelity_report:read', null, 'cli:report', programId],
        ['engagement_report:read', null, 'cli:report', programId],
      ]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('exits 2 on an unknown program, an unknown report or a bad id (without opening a database)', async () => {
    const other = randomUUID();
    const unknown = await run(['report', 'fidelity', '--program', other], { KINDRED_DATA_DIR: dataDir });
    expect([unknown.code, unknown.err, unknown.out]).toEqual([2, `No program with id ${other}\n`, '']);
    const env = { KINDRED_DATA_DIR: join(dir, 'never-created') };
    const kind = await run(['report', 'outcomes', '--program', programId], env);
    expect([kind.code, kind.err]).toEqual([2, 'The report must be "fidelity" or "engagement"\n']);
    const notAnId = await run(['report', 'engagement', '--program', 'riverside'], env);
    expect([notAnId.code, notAnId.err]).toEqual([2, '--program must be a program id (a UUID)\n']);
    expect(existsSync(join(dir, 'never-created'))).toBe(false);
  });
});
