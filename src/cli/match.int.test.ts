import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../core/programs';
import { coaches } from '../server/features/coaches/coaches.table';
import { participants } from '../server/features/participants/participants.table';
import { programs } from '../server/features/programs/programs.table';
import { auditEvents } from '../server/platform/audit.table';
import { openDatabase } from '../server/platform/database';
import { dbDir } from '../server/platform/datadir';
import { lockDataDir } from '../server/platform/lock';
import { runCli as run } from './run-cli.testing';

describe('kindred match', () => {
  let dir: string;
  let dataDir: string;
  const programId = randomUUID();
  const coachId = randomUUID();
  const waitingId = randomUUID();
  const videoId = randomUUID();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-match-'));
    dataDir = join(dir, 'data');
    // A small program in an embedded database on disk, as an operator would have it.
    const db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
    const now = new Date('2026-03-02T15:00:00Z');
    await db.db.insert(programs).values({
      id: programId,
      name: 'CLI Program',
      site: 'Test Site',
      startOn: '2026-03-01',
      topics: DEFAULT_TOPICS.map((t) => ({ ...t })),
      createdAt: now,
      updatedAt: now,
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
      caseload: 1,
      trainedAt: now,
      agreementSignedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const participant = (id: string, code: string, familyName: string, preferredModality: 'phone' | 'video') => ({
      id,
      programId,
      code,
      givenName: 'Wanda',
      familyName,
      gender: 'woman' as const,
      painLocations: ['knee' as const],
      preferredModality,
      preferredChannel: 'phone' as const,
      preferredTimes: [],
      canShareContact: true,
      status: 'enrolled' as const,
      referredOn: '2026-03-01',
      enrolledOn: '2026-03-01',
      createdAt: now,
      updatedAt: now,
    });
    await db.db
      .insert(participants)
      .values([participant(waitingId, 'P-0001', 'Waiting', 'phone'), participant(videoId, 'P-0002', 'Video', 'video')]);
    await db.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the proposal as JSON (ids, codes and reasons, no names) and exits 0', async () => {
    const r = await run(['match', '--program', programId, '--dry-run'], { KINDRED_DATA_DIR: dataDir });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ waiting: 2, matched: 1, totalQuality: 4 });
    expect(json.proposals).toEqual([
      {
        participantId: waitingId,
        participantCode: 'P-0001',
        coachId,
        quality: 4,
        reasons: ['same gender', 'both have knee pain', 'both can meet by phone'],
        needsGenderReason: false,
      },
    ]);
    expect(json.unmatched).toEqual([
      {
        participantId: videoId,
        participantCode: 'P-0002',
        code: 'no_compatible_coach',
        reason: 'no coach in the program offers video calls',
      },
    ]);
    for (const name of ['Wanda', 'Carla', 'Coachwoman']) expect(r.out).not.toContain(name);
  });

  it('audits the read with no signed-in actor, and saves nothing else', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
    try {
      const rows = await db.db.select().from(auditEvents);
      expect(rows.map((e) => [e.action, e.actorId, e.requestId, e.programId])).toEqual([
        ['participant:list', null, 'cli:match', programId],
        ['coach:list', null, 'cli:match', programId],
      ]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('exits 2 for an unknown program', async () => {
    const other = randomUUID();
    const r = await run(['match', '--program', other, '--dry-run'], { KINDRED_DATA_DIR: dataDir });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`No program with id ${other}\n`);
    expect(r.out).toBe('');
  });

  it('exits 2 on bad usage without opening a database: no --program, not an id, no --dry-run', async () => {
    const env = { KINDRED_DATA_DIR: join(dir, 'never-created') };
    const missing = await run(['match', '--dry-run'], env);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--program');
    const notAnId = await run(['match', '--program', 'riverside', '--dry-run'], env);
    expect([notAnId.code, notAnId.err]).toEqual([2, '--program must be a program id (a UUID)\n']);
    const approve = await run(['match', '--program', programId], env);
    expect(approve.code).toBe(2);
    expect(approve.err).toContain('Approve pairs in the app');
    expect(existsSync(join(dir, 'never-created'))).toBe(false);
  });

  it('exits 3 while another process holds the data directory', async () => {
    const lock = lockDataDir(dataDir);
    try {
      const r = await run(['match', '--program', programId, '--dry-run'], { KINDRED_DATA_DIR: dataDir });
      expect(r.code).toBe(3);
    } finally {
      lock.release();
    }
  });
});
