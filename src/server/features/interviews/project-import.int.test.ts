import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherToolProject, otherToolSourceGuid, otherToolSourceText } from '../../../core/interviews/fixtures/projects';
import { auditEvents } from '../../platform/audit.table';
import { writeZip } from '../../platform/zip';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp, type World } from '../../testing/harness';
import { createUser } from '../accounts/accounts.service';
import { interviewCodes, interviewCodings, interviewMemos, interviewTranscripts } from './interviews.table';
import { validateProject } from './refi.testing';

const zip = (files: Record<string, string | Buffer>) =>
  writeZip(Object.entries(files).map(([path, c]) => ({ path, data: typeof c === 'string' ? Buffer.from(c, 'utf8') : c })));
const otherToolZip = () => zip({ 'project.qde': otherToolProject, [`Sources/${otherToolSourceGuid}.txt`]: otherToolSourceText });

/** Importing a REFI-QDA project (.qdpx) into a study through the API (issue #13, ADR 0055). */
describe('importing a .qdpx project through the API', () => {
  let t: TestApp;
  let w: World;
  let lead: Agent;
  let coder: Agent;
  let outsider: Agent;
  let outsiderId: string;
  let base: string;

  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const newStudy = async (title: string) => {
    const id = (await ok(lead.request('POST', base, { title, audiences: ['participants'], targetCount: 5 }), 201)).id as string;
    await ok(lead.request('POST', `${base}/${id}/team`, { personId: w.people.evaluator, role: 'coder' }), 201);
    return id;
  };
  const importInto = (who: Agent, study: string, file: Buffer, extra: Record<string, unknown> = {}) =>
    who.request('POST', `${base}/${study}/project/import`, {
      content: file.toString('base64'),
      audience: 'participants',
      ...extra,
    });
  /** What a study holds, in words that do not depend on its ids. */
  const contents = async (study: string) => {
    const codes = await t.db.db.select().from(interviewCodes).where(eq(interviewCodes.studyId, study));
    const pathOf = (id: string | null): string => {
      const c = codes.find((x) => x.id === id);
      return c ? (c.parentId ? `${pathOf(c.parentId)} > ${c.name}` : c.name) : '';
    };
    const transcripts = await t.db.db.select().from(interviewTranscripts).where(eq(interviewTranscripts.studyId, study));
    const label = (id: string | null) => transcripts.find((x) => x.id === id)?.label ?? null;
    const codings = transcripts.length
      ? await t.db.db
          .select()
          .from(interviewCodings)
          .where(
            inArray(
              interviewCodings.transcriptId,
              transcripts.map((x) => x.id),
            ),
          )
      : [];
    const memos = await t.db.db.select().from(interviewMemos).where(eq(interviewMemos.studyId, study));
    return {
      codes: codes.map((c) => [pathOf(c.id), c.definition, c.whenToUse]).sort(),
      transcripts: transcripts.map((x) => [x.label, x.text]).sort(),
      codings: codings.map((c) => [label(c.transcriptId), c.coderId, pathOf(c.codeId), c.start, c.end].join('|')).sort(),
      memos: memos.map((m) => [m.authorId, m.text, label(m.transcriptId), pathOf(m.codeId), m.start, m.end].join('|')).sort(),
    };
  };
  const counts = async () => {
    const n = async (table: typeof interviewCodes | typeof interviewTranscripts | typeof interviewMemos) =>
      (await t.db.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    return [await n(interviewCodes), await n(interviewTranscripts), await n(interviewMemos)];
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    outsiderId = await createUser(t.db.db, t.clock.now(), {
      email: 'outsider@test.org',
      displayName: 'Not on the team',
      password: TEST_PASSWORD,
      isAdmin: false,
      grants: [{ programId: w.programId, role: 'coordinator' }],
    });
    [lead, coder, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
    base = `/programs/${w.programId}/interview-studies`;
  });
  afterAll(async () => t.close());

  it('round trip: a study exported as .qdpx comes back into a fresh study with its codes, transcripts, each coder’s codings and memos', async () => {
    const a = await newStudy('First study');
    const tr = await ok(
      lead.request('POST', `${base}/${a}/transcripts`, {
        label: 'Interview 1',
        audience: 'participants',
        format: 'text',
        content: 'Interviewer: How was it, Pat?\nPat Person: Carl called every week. It gave me hope. Phones were hard.',
      }),
      201,
    );
    const replacements = tr.proposals.map(({ start, end, replacement }: Record<string, unknown>) => ({
      start,
      end,
      replacement,
    }));
    const { text } = await ok(lead.request('POST', `${base}/${a}/transcripts/${tr.id}/deidentification`, { replacements }));
    const benefits = await ok(lead.request('POST', `${base}/${a}/codes`, { name: 'Benefits', definition: 'What helped' }), 201);
    const hope = await ok(
      lead.request('POST', `${base}/${a}/codes`, { parentId: benefits.id, name: 'Hope', whenToUse: 'Hope is named' }),
      201,
    );
    const barriers = await ok(lead.request('POST', `${base}/${a}/codes`, { name: 'Barriers' }), 201);
    const span = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });
    const codings = `${base}/${a}/transcripts/${tr.id}/codings`;
    await ok(lead.request('POST', codings, { codeId: hope.id, ...span('It gave me hope.') }), 201);
    await ok(coder.request('POST', codings, { codeId: hope.id, ...span('It gave me hope') }), 201);
    await ok(coder.request('POST', codings, { codeId: barriers.id, ...span('Phones were hard.') }), 201);
    const memos = `${base}/${a}/memos`;
    await ok(coder.request('POST', memos, { text: 'Hope again', transcriptId: tr.id, ...span('It gave me hope.') }), 201);
    await ok(lead.request('POST', memos, { text: 'Split hope?', codeId: hope.id }), 201);
    await ok(lead.request('POST', memos, { text: 'A quiet interview', transcriptId: tr.id }), 201);
    await ok(coder.request('POST', memos, { text: 'About the whole study' }), 201);

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1${base}/${a}/export?format=qdpx`,
      headers: { cookie: `kindred_session=${lead.sessionCookie}` },
    });
    expect(res.statusCode).toBe(200);

    const b = await newStudy('Second study');
    const before = await counts();
    const preview = await ok(importInto(lead, b, res.rawPayload, { preview: true }));
    expect(await counts()).toEqual(before);
    expect(preview).toMatchObject({ saved: false, transcripts: 1, codings: 3, memos: 4, codes: { inFile: 3 } });
    expect(preview.users.map((u: { guid: string; codings: number }) => [u.guid, u.codings])).toEqual(
      expect.arrayContaining([
        [w.people.coordinator, 1],
        [w.people.evaluator, 2],
      ]),
    );
    expect(preview.team.map((m: { personId: string }) => m.personId).sort()).toEqual(
      [w.people.coordinator, w.people.evaluator].sort(),
    );

    const users = { [w.people.coordinator]: w.people.coordinator, [w.people.evaluator]: w.people.evaluator };
    const done = await ok(importInto(lead, b, res.rawPayload, { users }));
    expect(done).toMatchObject({ saved: true, transcripts: 1, codings: 3, coders: 2, memos: 4, codes: { created: 3 } });
    expect(done.notImported).toEqual({ codings: 0, memos: 0, cases: 1, otherSources: 0 });
    // The imported transcript waits for a person to confirm its de-identification, as every transcript does.
    const [imported] = await t.db.db.select().from(interviewTranscripts).where(eq(interviewTranscripts.studyId, b));
    expect(imported!.state).toBe('pending');
    expect(imported!.originalText).toBe(text);
    expect((await coder.request('GET', `${base}/${b}/transcripts/${imported!.id}/agreement`)).status).toBe(404);
    await ok(lead.request('POST', `${base}/${b}/transcripts/${imported!.id}/deidentification`, { replacements: [] }));

    expect(await contents(b)).toEqual(await contents(a));
    const audited = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'interview_coding:create'));
    expect(audited.filter((e) => e.actorId === w.people.coordinator).length).toBeGreaterThanOrEqual(4);
  });

  it('imports another tool’s project (valid against the REFI-QDA schema): users mapped by the lead, codings moved with the pseudonyms', async () => {
    expect((await validateProject(otherToolProject)).errors).toEqual([]);
    const c = await newStudy('From QualCoder');
    const preview = await ok(importInto(lead, c, otherToolZip(), { preview: true }));
    expect(preview.users.map((u: { name: string; codings: number; memos: number }) => [u.name, u.codings, u.memos])).toEqual([
      ['Rosa', 2, 2],
      ['Sam', 3, 1],
    ]);
    const [rosa, sam] = preview.users.map((u: { guid: string }) => u.guid);
    // Sam's work goes to the coder; Rosa's to nobody, so it is not imported.
    const done = await ok(importInto(lead, c, otherToolZip(), { users: { [rosa]: null, [sam]: w.people.evaluator } }));
    expect(done).toMatchObject({ transcripts: 1, codings: 3, coders: 1, memos: 1, codes: { created: 5 } });
    expect(done.notImported).toEqual({ codings: 2, memos: 2, cases: 1, otherSources: 0 });

    const [tr] = await t.db.db.select().from(interviewTranscripts).where(eq(interviewTranscripts.studyId, c));
    const pending = await ok(lead.request('GET', `${base}/${c}/transcripts/${tr!.id}`));
    const replacements = pending.proposals.map(({ start, end, replacement }: Record<string, unknown>) => ({
      start,
      end,
      replacement,
    }));
    expect(replacements.length).toBeGreaterThan(0);
    const ready = await ok(lead.request('POST', `${base}/${c}/transcripts/${tr!.id}/deidentification`, { replacements }));
    expect(ready.text).not.toMatch(/Pat|Carl/);
    const coded = await t.db.db.select().from(interviewCodings).where(eq(interviewCodings.transcriptId, tr!.id));
    expect(coded.map((x) => ready.text.slice(x.start, x.end)).sort()).toEqual([
      'Getting hold of him by phone.',
      '[Coach 1] called me on Sundays.',
      '[Participant 1]: 🙂 It gave me hope',
    ]);
    expect(coded.every((x) => x.coderId === w.people.evaluator)).toBe(true);
    const view = await ok(coder.request('GET', `${base}/${c}/transcripts/${tr!.id}`));
    expect(view.codings).toHaveLength(3);
  });

  it('moves a held passage memo with the pseudonyms too, and keeps both coders’ work apart', async () => {
    const f = await newStudy('Both coders');
    const preview = await ok(importInto(lead, f, otherToolZip(), { preview: true }));
    const [rosa, sam] = preview.users.map((u: { guid: string }) => u.guid);
    const users = { [rosa]: w.people.coordinator, [sam]: w.people.evaluator };
    expect(await ok(importInto(lead, f, otherToolZip(), { users }))).toMatchObject({ codings: 5, coders: 2, memos: 3 });
    const [tr] = await t.db.db.select().from(interviewTranscripts).where(eq(interviewTranscripts.studyId, f));
    const pending = await ok(lead.request('GET', `${base}/${f}/transcripts/${tr!.id}`));
    const replacements = pending.proposals.map(({ start, end, replacement }: Record<string, unknown>) => ({
      start,
      end,
      replacement,
    }));
    const ready = await ok(lead.request('POST', `${base}/${f}/transcripts/${tr!.id}/deidentification`, { replacements }));
    const view = await ok(coder.request('GET', `${base}/${f}/transcripts/${tr!.id}`));
    const passage = view.memos.find((m: { start: number | null }) => m.start !== null);
    expect(ready.text.slice(passage.start, passage.end)).toBe('It gave me hope.');
    const byCoder = (id: string) =>
      view.codings
        .filter((c: { coderId: string }) => c.coderId === id)
        .map((c: { start: number; end: number }) => ready.text.slice(c.start, c.end));
    expect(byCoder(w.people.coordinator).sort()).toEqual(['Getting hold of him by phone.', 'It gave me hope.']);
    expect(byCoder(w.people.evaluator)).toHaveLength(3);
  });

  it('refuses a file that is not a project with a stable reason, and changes nothing', async () => {
    const d = await newStudy('Refusals');
    const before = await counts();
    const auditBefore = (await t.db.db.select().from(auditEvents)).length;
    const cases: [Buffer, string][] = [
      [Buffer.from('just some words, not an archive'), 'project_not_zip'],
      [zip({ 'other.txt': 'x' }), 'project_no_qde'],
      [zip({ 'project.qde': '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>' }), 'project_not_refi'],
      [zip({ 'project.qde': otherToolProject.replace('<Users>', '<Gadgets/><Users>') }), 'project_invalid'],
      [zip({ 'project.qde': otherToolProject }), 'project_source_missing'],
      [
        zip({
          'project.qde': otherToolProject.replace('endPosition="162"', 'endPosition="400"'),
          [`Sources/${otherToolSourceGuid}.txt`]: otherToolSourceText,
        }),
        'project_selection_outside',
      ],
      [
        zip({
          'project.qde': otherToolProject.replace('<CodeRef targetGUID="C0DE0000-0003', '<CodeRef targetGUID="C0DE0000-0009'),
          [`Sources/${otherToolSourceGuid}.txt`]: otherToolSourceText,
        }),
        'project_unknown_code',
      ],
      // A zip bomb: 70 MB of zeros that deflate to a few kilobytes.
      [zip({ 'project.qde': otherToolProject, 'Sources/big.txt': Buffer.alloc(70 * 1024 * 1024) }), 'project_too_large'],
    ];
    for (const [file, reason] of cases) {
      const r = await importInto(lead, d, file);
      expect(r.status, reason).toBe(422);
      expect(r.body.reason).toBe(reason);
      expect(JSON.stringify(r.body)).not.toMatch(/Pat|Carl|hope/i);
    }
    expect(await counts()).toEqual(before);
    expect((await t.db.db.select().from(auditEvents)).length).toBe(auditBefore);
  });

  it('is the lead’s: a coder gets 403, someone off the team 404, and work only goes to someone coding on the team', async () => {
    const e = await newStudy('Access');
    const before = await counts();
    expect((await importInto(coder, e, otherToolZip())).status).toBe(403);
    expect((await importInto(outsider, e, otherToolZip())).status).toBe(404);
    const users = { 'a1b2c3d4-0001-4000-8000-000000000001': outsiderId };
    const r = await importInto(lead, e, otherToolZip(), { users });
    expect([r.status, r.body.reason]).toEqual([422, 'project_user_not_on_team']);
    expect((await importInto(lead, e, otherToolZip(), { audience: 'coaches' })).body.reason).toBe('audience_not_in_study');
    expect(await counts()).toEqual(before);
    const rows = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'interview_codebook:update'), eq(auditEvents.entityId, e)));
    expect(rows).toEqual([]);
  });
});
