import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyReplacements, parseTranscript, proposeReplacements } from '../core/interviews';
import { DEFAULT_TOPICS } from '../core/programs';
import { people } from '../server/features/accounts/accounts.table';
import {
  interviewCodes,
  interviewCodings,
  interviewStudies,
  interviewTranscripts,
} from '../server/features/interviews/interviews.table';
import { validateProject } from '../server/features/interviews/refi.testing';
import { programs } from '../server/features/programs/programs.table';
import { openDatabase } from '../server/platform/database';
import { dbDir } from '../server/platform/datadir';
import { readZip } from '../server/platform/zip';
import { runCli as run } from './run-cli.testing';

describe('kindred interviews export', () => {
  let dir: string;
  let dataDir: string;
  const programId = randomUUID();
  const studyId = randomUUID();
  const readyId = randomUUID();
  const pendingId = randomUUID();
  const coders = [randomUUID(), randomUUID()];
  const codeId = randomUUID();
  let text: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-interviews-cli-'));
    dataDir = join(dir, 'data');
    const db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
    const now = new Date('2026-03-02T15:00:00Z');
    await db.db.insert(people).values(
      coders.map((id, i) => ({
        id,
        email: `coder${i}@test.org`,
        displayName: `Coder ${i + 1}`,
        passwordHash: null,
        isAdmin: false,
        createdAt: now,
      })),
    );
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
      keepsOriginals: true,
      createdAt: now,
      createdBy: coders[0]!,
    });
    const original = parseTranscript(
      'srt',
      '1\n00:00:01,000 --> 00:00:03,000\nInterviewer: Hello.\n\n2\n00:00:03,000 --> 00:00:09,000\nMe: Call me at 555-123-4567, it helped a lot.\n',
    );
    const replacements = proposeReplacements(original.text, []);
    const doc = applyReplacements(original, replacements);
    text = doc.text;
    const base = {
      programId,
      studyId,
      audience: 'participants' as const,
      format: 'srt' as const,
      createdAt: now,
      createdBy: coders[0]!,
    };
    await db.db.insert(interviewTranscripts).values([
      {
        ...base,
        id: readyId,
        label: 'Interview 1',
        interviewedOn: '2026-02-27',
        state: 'ready',
        originalText: original.text,
        originalTurns: original.turns,
        text: doc.text,
        turns: doc.turns,
        deidentifiedAt: now,
        deidentifiedBy: coders[0]!,
      },
      // Not yet de-identified: never exported.
      { ...base, id: pendingId, label: 'Interview 2', state: 'pending', originalText: 'Secret Name: hi', originalTurns: [] },
    ]);
    await db.db.insert(interviewCodes).values({
      id: codeId,
      programId,
      studyId,
      name: 'Helped',
      definition: 'Says it helped',
      createdAt: now,
      createdBy: coders[0]!,
    });
    const start = text.indexOf('it helped');
    await db.db.insert(interviewCodings).values(
      coders.map((coderId, i) => ({
        id: randomUUID(),
        programId,
        transcriptId: readyId,
        codeId,
        coderId,
        start: start - i * 5,
        end: text.length,
        createdAt: now,
      })),
    );
    await db.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a .qdpx that validates against the REFI-QDA schema, de-identified copies only', async () => {
    const out = join(dir, 'study.qdpx');
    const r = await run(['interviews', 'export', '--study', studyId, '--format', 'qdpx', '--out', out], {
      KINDRED_DATA_DIR: dataDir,
    });
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toBe(`Wrote ${out}\n`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const files = readZip(readFileSync(out));
    expect(files.map((f) => f.path)).toEqual(['project.qde', `sources/${readyId}.txt`]);
    const qde = Buffer.from(files[0]!.data).toString('utf8');
    expect((await validateProject(qde)).errors).toEqual([]);
    expect(Buffer.from(files[1]!.data).toString('utf8')).toBe(text);
    expect(text).toContain('[Phone]');
    expect(qde).not.toMatch(/555-123|Secret Name|Interview 2/);
    expect(qde.match(/<PlainTextSelection /g)).toHaveLength(2);
    for (const c of coders) expect(qde).toContain(`creatingUser="${c}"`);
  });

  it('writes the coded segments as CSV', async () => {
    const out = join(dir, 'segments.csv');
    const r = await run(['interviews', 'export', '--study', studyId, '--format', 'csv', '--out', out], {
      KINDRED_DATA_DIR: dataDir,
    });
    expect(r.code).toBe(0);
    const start = text.indexOf('it helped');
    expect(readFileSync(out, 'utf8')).toBe(
      [
        'transcript,audience,coder,code,code_path,start,end,speaker,text',
        `Interview 1,participants,Coder 2,Helped,Helped,${start - 5},${text.length},Me,"${text.slice(start - 5)}"`,
        `Interview 1,participants,Coder 1,Helped,Helped,${start},${text.length},Me,it helped a lot.`,
        '',
      ].join('\n'),
    );
  });

  it('refuses bad usage and an unknown study with exit 2, writing nothing', async () => {
    const out = join(dir, 'none.qdpx');
    const bad = await run(['interviews', 'export', '--study', studyId, '--format', 'nvivo', '--out', out], {
      KINDRED_DATA_DIR: dataDir,
    });
    expect([bad.code, bad.err]).toEqual([2, '--format must be one of qdpx, qdc, csv\n']);
    const other = randomUUID();
    const none = await run(['interviews', 'export', '--study', other, '--format', 'qdpx', '--out', out], {
      KINDRED_DATA_DIR: dataDir,
    });
    expect([none.code, none.err]).toEqual([2, `No interview study with id ${other}\n`]);
    expect(existsSync(out)).toBe(false);
  });
});
