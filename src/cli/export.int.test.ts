import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../core/programs';
import { StudyDesign } from '../core/trials';
import { people } from '../server/features/accounts/accounts.table';
import { participants } from '../server/features/participants/participants.table';
import { programs } from '../server/features/programs/programs.table';
import { allocations, studies, studyWithdrawals } from '../server/features/trials/trials.table';
import { openDatabase } from '../server/platform/database';
import { dbDir } from '../server/platform/datadir';
import { runCli as run } from './run-cli.testing';

describe('kindred export', () => {
  let dir: string;
  let dataDir: string;
  const programId = randomUUID();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-export-cli-'));
    dataDir = join(dir, 'data');
    const db = await openDatabase({ kind: 'pglite', dataDir: dbDir(dataDir) });
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
    await db.db.insert(studies).values({
      programId,
      version: 1,
      design,
      lockedAt: now,
      masks: { coaching: 'Arm B', class: 'Arm A' },
      updatedAt: now,
      updatedBy: staff,
    });
    // Two randomized: the second withdrew from use of data and must not appear.
    for (const i of [1, 2]) {
      const id = randomUUID();
      await db.db.insert(participants).values({
        id,
        programId,
        code: `P-000${i}`,
        givenName: 'Wanda',
        familyName: `Person${i}`,
        gender: 'woman',
        birthYear: 1970,
        painLocations: ['knee'],
        preferredModality: 'phone',
        preferredChannel: 'phone',
        preferredTimes: [],
        status: 'enrolled',
        referredOn: '2026-03-01',
        enrolledOn: '2026-03-01',
        createdAt: now,
        updatedAt: now,
      });
      await db.db.insert(allocations).values({
        id: randomUUID(),
        programId,
        participantId: id,
        arm: i === 1 ? 'coaching' : 'class',
        stratum: 'all',
        strata: {},
        sequenceNumber: i,
        overallNumber: i,
        method: 'blocks',
        studyVersion: 1,
        clientKey: `k${i}`,
        allocatedAt: now,
        allocatedBy: staff,
      });
      if (i === 2)
        await db.db.insert(studyWithdrawals).values({
          id: randomUUID(),
          programId,
          participantId: id,
          scope: 'data',
          on: '2026-03-05',
          reason: 'No',
          recordedAt: now,
          recordedBy: staff,
        });
    }
    await db.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the long CSV and both dictionaries with masked arms, leaving out the data withdrawal', async () => {
    const out = join(dir, 'trial.csv');
    const r = await run(['export', '--program', programId, '--format', 'long-csv', '--out', out], { KINDRED_DATA_DIR: dataDir });
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toBe(`Wrote ${out}\nWrote ${out}.dictionary.csv\nWrote ${out}.redcap-dictionary.csv\n`);
    expect(readFileSync(out, 'utf8')).toBe(
      [
        'participant_code,coach_code,arm,stratum,age,gender,contacts,adherent,timepoint,peg,phq9,gad7',
        'P-0001,,Arm B,all,56,woman,0,0,0,,,',
        'P-0001,,Arm B,all,56,woman,0,0,6,,,',
        'P-0001,,Arm B,all,56,woman,0,0,9,,,',
        '',
      ].join('\n'),
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${out}.redcap-dictionary.csv`, 'utf8').split('\n')[0]).toMatch(/^Variable \/ Field Name,Form Name,/);
    expect(existsSync(`${out}.dictionary.csv`)).toBe(true);
  });

  it('refuses real arm names before unblinding, and bad usage, with exit 2', async () => {
    const out = join(dir, 'blind.csv');
    const r = await run(['export', '--program', programId, '--format', 'redcap', '--out', out, '--unblinded'], {
      KINDRED_DATA_DIR: dataDir,
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^The study is still blinded/);
    expect(existsSync(out)).toBe(false);
    const bad = await run(['export', '--program', programId, '--format', 'xml', '--out', out], { KINDRED_DATA_DIR: dataDir });
    expect([bad.code, bad.err]).toEqual([2, '--format must be one of long-csv, redcap, fhir\n']);
    const other = randomUUID();
    const none = await run(['export', '--program', other, '--format', 'fhir', '--out', out], { KINDRED_DATA_DIR: dataDir });
    expect([none.code, none.err]).toEqual([2, `No program with id ${other}\n`]);
  });
});
