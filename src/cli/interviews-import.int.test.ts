import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherToolProject, otherToolSourceGuid, otherToolSourceText } from '../core/interviews/fixtures/projects';
import { DEFAULT_TOPICS } from '../core/programs';
import { people } from '../server/features/accounts/accounts.table';
import {
  interviewCodes,
  interviewCodings,
  interviewMemos,
  interviewStudies,
  interviewStudyMembers,
  interviewTranscripts,
} from '../server/features/interviews/interviews.table';
import { programs } from '../server/features/programs/programs.table';
import { auditEvents } from '../server/platform/audit.table';
import { openDatabase } from '../server/platform/database';
import { dbDir } from '../server/platform/datadir';
import { writeZip } from '../server/platform/zip';
import { runCli as run } from './run-cli.testing';

describe('kindred interviews import', () => {
  let dir: string;
  let dataDir: string;
  const programId = randomUUID();
  const studyId = randomUUID();
  const rosa = randomUUID();

  const inDatabase = async <T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) => {
    const db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-interviews-import-'));
    dataDir = join(dir, 'data');
    const now = new Date('2026-03-02T15:00:00Z');
    await inDatabase(async (db) => {
      await db.db
        .insert(people)
        .values({ id: rosa, email: 'rosa@test.org', displayName: 'Rosa', passwordHash: null, isAdmin: false, createdAt: now });
      await db.db.insert(programs).values({
        id: programId,
        name: 'CLI Program',
        site: 'Test Site',
        startOn: '2026-03-01',
        topics: DEFAULT_TOPICS.map((t) => ({ ...t })),
        createdAt: now,
        updatedAt: now,
      });
      await db.db.insert(interviewStudies).values({
        id: studyId,
        programId,
        title: 'Benefits and barriers',
        aims: '',
        audiences: ['participants'],
        targetCount: 10,
        keepsOriginals: false,
        createdAt: now,
        createdBy: rosa,
      });
      await db.db.insert(interviewStudyMembers).values({ studyId, programId, personId: rosa, role: 'lead', addedAt: now });
    });
    writeFileSync(
      join(dir, 'project.qdpx'),
      writeZip([
        { path: 'project.qde', data: Buffer.from(otherToolProject, 'utf8') },
        { path: `Sources/${otherToolSourceGuid}.txt`, data: Buffer.from(otherToolSourceText, 'utf8') },
      ]),
    );
    writeFileSync(join(dir, 'not.qdpx'), 'not an archive');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the project: the file user named as a team member keeps his or her work, the rest is said not imported', async () => {
    const r = await run(['interviews', 'import', '--study', studyId, '--file', join(dir, 'project.qdpx')], {
      KINDRED_DATA_DIR: dataDir,
    });
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toBe(
      [
        'Imported 5 new codes, 1 transcript, 2 coded passages by 1 coder, 2 memos.',
        '3 coded passages and 1 memo not imported because the person who wrote them in the file was not matched to anyone on the team.',
        '1 case not imported because Kindred keeps no cases: link each transcript to the person interviewed instead.',
        'Each transcript waits for someone to confirm its de-identification before the team sees it.',
        '',
      ].join('\n'),
    );
    await inDatabase(async (db) => {
      const [t] = await db.db.select().from(interviewTranscripts).where(eq(interviewTranscripts.studyId, studyId));
      expect(t!.state).toBe('pending');
      expect(t!.createdBy).toBe(rosa);
      const codings = await db.db.select().from(interviewCodings).where(eq(interviewCodings.transcriptId, t!.id));
      expect(codings.map((c) => c.coderId)).toEqual([rosa, rosa]);
      expect(await db.db.select().from(interviewCodes).where(eq(interviewCodes.studyId, studyId))).toHaveLength(5);
      expect(await db.db.select().from(interviewMemos).where(eq(interviewMemos.studyId, studyId))).toHaveLength(2);
      const audited = await db.db.select().from(auditEvents).where(eq(auditEvents.requestId, 'cli:interviews-import'));
      expect(audited.every((a) => a.actorId === null)).toBe(true);
      expect(audited.filter((a) => a.action === 'interview_transcript:create')).toHaveLength(1);
    });
  });

  it('refuses a file that is not a project and an unknown study with exit 2, importing nothing', async () => {
    const bad = await run(['interviews', 'import', '--study', studyId, '--file', join(dir, 'not.qdpx')], {
      KINDRED_DATA_DIR: dataDir,
    });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/\(project_not_zip\)\n$/);
    const other = randomUUID();
    const none = await run(['interviews', 'import', '--study', other, '--file', join(dir, 'project.qdpx')], {
      KINDRED_DATA_DIR: dataDir,
    });
    expect([none.code, none.err]).toEqual([2, 'There is no interview study with that id (no_study)\n']);
    await inDatabase(async (db) => {
      expect(await db.db.select().from(interviewTranscripts)).toHaveLength(1);
    });
  });
});
