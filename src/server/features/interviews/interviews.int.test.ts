import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { readZip, writeZip } from '../../platform/zip';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { participants } from '../participants/participants.table';
import { interviewTranscripts } from './interviews.table';
import { validateCodebook, validateProject } from './refi.testing';

/** A video call's export: the world's participant (Pat Person) and coach (Carl Coach) are named. */
const VTT = `WEBVTT

1
00:00:01.000 --> 00:00:05.000
<v Interviewer>How did coaching go for you, Pat?

2
00:00:05.500 --> 00:00:12.000
<v Pat Person>Carl called me every week. It gave me hope.

3
00:00:12.000 --> 00:00:18.000
<v Pat Person>He said call 317-555-0100 or write pat@example.org before March 3rd.
`;

describe('interview studies through the API', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let evaluator: Agent;
  let coach: Agent;
  let participant: Agent;
  let base: string;
  let studyId: string;
  let transcriptId: string;
  let hope: string;
  let text: string;

  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}/interview-studies`;
    [coordinator, evaluator, coach, participant] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('evaluator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
    ]);
  });
  afterAll(async () => t.close());

  it('study staff create a study and version its guides', async () => {
    const study = await ok(
      coordinator.request('POST', base, {
        title: 'Why coaching helped, or not',
        aims: 'Benefits and barriers',
        audiences: ['participants', 'coaches'],
        targetCount: 20,
      }),
      201,
    );
    studyId = study.id;
    expect(study.keepsOriginals).toBe(false);
    expect(study.myRole).toBe('lead');
    // The evaluator codes only once on the study's team (ADR 0052).
    expect((await evaluator.request('GET', `${base}/${studyId}`)).status).toBe(404);
    await ok(coordinator.request('POST', `${base}/${studyId}/team`, { personId: w.people.evaluator, role: 'coder' }), 201);
    const q = { audience: 'participants', questions: [{ text: 'Tell me about your coach.', probes: ['How often?'] }] };
    expect((await ok(coordinator.request('POST', `${base}/${studyId}/guides`, q), 201)).version).toBe(1);
    expect((await ok(coordinator.request('POST', `${base}/${studyId}/guides`, q), 201)).version).toBe(2);
    const staffGuide = { audience: 'staff', questions: [{ text: 'x' }] };
    expect((await coordinator.request('POST', `${base}/${studyId}/guides`, staffGuide)).status).toBe(422);
  });

  it('imports a WebVTT transcript as pending, with proposed pseudonyms for the people the program knows', async () => {
    const tr = await ok(
      coordinator.request('POST', `${base}/${studyId}/transcripts`, {
        label: 'Interview 1',
        audience: 'participants',
        format: 'vtt',
        content: VTT,
      }),
      201,
    );
    transcriptId = tr.id;
    expect(tr.state).toBe('pending');
    expect(tr.turns.map((x: { speaker: string }) => x.speaker)).toEqual(['Interviewer', 'Pat Person']);
    const found = tr.proposals.map((p: { start: number; end: number; replacement: string }) => [
      tr.text.slice(p.start, p.end),
      p.replacement,
    ]);
    expect(found).toEqual([
      ['Pat', '[Participant 1]'],
      ['Pat Person', '[Participant 1]'],
      ['Carl', '[Coach 1]'],
      ['317-555-0100', '[Phone]'],
      ['pat@example.org', '[Email]'],
      ['March 3rd', '[Date]'],
    ]);
  });

  it('keeps pending transcripts from evaluators, and everything from coaches and participants', async () => {
    const seen = await ok(evaluator.request('GET', `${base}/${studyId}`));
    expect(seen.transcripts).toEqual([]);
    expect(seen.can).toEqual({ manage: false, code: true, export: true, team: false });
    expect((await evaluator.request('GET', `${base}/${studyId}/transcripts/${transcriptId}`)).status).toBe(404);
    for (const who of [coach, participant]) {
      expect((await who.request('GET', base)).status).toBe(403);
      expect((await who.request('GET', `${base}/${studyId}/transcripts/${transcriptId}`)).status).toBe(403);
      expect((await who.request('POST', `${base}/${studyId}/codes`, { name: 'Hope' })).status).toBe(403);
      expect((await who.request('GET', `${base}/${studyId}/export?format=csv`)).status).toBe(403);
    }
    expect(
      (await evaluator.request('POST', `${base}/${studyId}/transcripts/${transcriptId}/deidentification`, { replacements: [] }))
        .status,
    ).toBe(403);
  });

  it('makes the de-identified copy from the confirmed replacements and drops the original', async () => {
    const pending = await ok(coordinator.request('GET', `${base}/${studyId}/transcripts/${transcriptId}`));
    const replacements = pending.proposals.map(({ start, end, replacement }: Record<string, unknown>) => ({
      start,
      end,
      replacement,
    }));
    const done = await ok(
      coordinator.request('POST', `${base}/${studyId}/transcripts/${transcriptId}/deidentification`, { replacements }),
    );
    text = done.text;
    expect(done.state).toBe('ready');
    expect(text).toBe(
      'Interviewer: How did coaching go for you, [Participant 1]?\n' +
        '[Participant 1]: [Coach 1] called me every week. It gave me hope. He said call [Phone] or write [Email] before [Date].',
    );
    expect(done.turns.map((x: { speaker: string }) => x.speaker)).toEqual(['Interviewer', '[Participant 1]']);
    expect(done.proposals).toBeNull();
    const [row] = await t.db.db.select().from(interviewTranscripts).where(eq(interviewTranscripts.id, transcriptId));
    expect(row!.originalText).toBeNull();
    expect(row!.proposals).toBeNull();
    expect(JSON.stringify(row)).not.toMatch(/Pat|Carl|317-555|example\.org/);
    const again = await coordinator.request('POST', `${base}/${studyId}/transcripts/${transcriptId}/deidentification`, {
      replacements,
    });
    expect(again.status).toBe(409);
  });

  it('two coders code it apart; agreement per code is computed at the character level', async () => {
    const benefits = await ok(coordinator.request('POST', `${base}/${studyId}/codes`, { name: 'Benefits' }), 201);
    hope = (
      await ok(
        evaluator.request('POST', `${base}/${studyId}/codes`, {
          parentId: benefits.id,
          name: 'Hope',
          definition: 'Encouragement and hope',
          whenToUse: 'The person says coaching gave hope',
        }),
        201,
      )
    ).id;
    expect((await coordinator.request('POST', `${base}/${studyId}/codes`, { parentId: benefits.id, name: 'hope' })).status).toBe(
      409,
    );
    const s1 = text.indexOf('[Coach 1] called');
    const e1 = text.indexOf(' He said');
    const s2 = text.indexOf('It gave');
    const e2 = text.indexOf(' before');
    const path = `${base}/${studyId}/transcripts/${transcriptId}/codings`;
    await ok(coordinator.request('POST', path, { codeId: hope, start: s1, end: e1 }), 201);
    const twice = await ok(coordinator.request('POST', path, { codeId: hope, start: s1, end: e1 }), 201);
    const mine = await ok(evaluator.request('POST', path, { codeId: hope, start: s2, end: e2 }), 201);
    expect((await evaluator.request('POST', path, { codeId: hope, start: 0, end: text.length + 1 })).status).toBe(422);
    expect((await evaluator.request('POST', path, { codeId: hope, start: 5, end: 2 })).status).toBe(400);
    // Another coder's work is not the evaluator's to remove.
    expect((await evaluator.request('DELETE', `${base}/${studyId}/codings/${twice.id}`)).status).toBe(404);
    expect(mine.coderId).toBe(w.people.evaluator);

    const a = await ok(evaluator.request('GET', `${base}/${studyId}/transcripts/${transcriptId}/agreement`));
    // Characters: both = [s2, e1); first only = [s1, s2); second only = [e1, e2); neither = the rest.
    const N = text.length;
    const both = e1 - s2;
    const b = s2 - s1;
    const c = e2 - e1;
    const d = N - both - b - c;
    const po = (both + d) / N;
    const pe = ((both + b) * (both + c) + (c + d) * (b + d)) / N ** 2;
    const n1 = 2 * both + b + c;
    const n0 = 2 * d + b + c;
    expect(a.unit).toBe('character');
    expect(a.first.id).toBe(w.people.coordinator);
    const [row] = a.codes;
    expect(row).toMatchObject({ name: 'Hope', bothCoded: both, firstOnly: b, secondOnly: c, neither: d });
    expect(row.percentAgreement).toBeCloseTo(po, 12);
    expect(row.kappa).toBeCloseTo((po - pe) / (1 - pe), 12);
    expect(row.alpha).toBeCloseTo(1 - ((2 * N - 1) * (b + c)) / (n0 * n1), 12);
    // By speaker turn: both coded within the participant's one turn, and neither the interviewer's.
    expect(a.turns).toBe(2);
    expect(row.byTurn).toMatchObject({
      bothCoded: 1,
      firstOnly: 0,
      secondOnly: 0,
      neither: 1,
      percentAgreement: 1,
      kappa: 1,
      alpha: 1,
    });
    expect(row.disagreements.map((x: { codedBy: string; text: string }) => [x.codedBy, x.text])).toEqual([
      ['first', text.slice(s1, s2)],
      ['second', text.slice(e1, e2)],
    ]);
  });

  it('the differences are reconciled into a consensus version kept apart from each coder’s', async () => {
    const path = `${base}/${studyId}/transcripts/${transcriptId}/consensus`;
    const s1 = text.indexOf('[Coach 1] called');
    const e1 = text.indexOf(' He said');
    const s2 = text.indexOf('It gave');
    const e2 = text.indexOf(' before');
    expect(await ok(evaluator.request('GET', path))).toEqual({ consensus: null });
    // Coaches and participants never see a study's coding; nobody decides before the version is started.
    expect((await coach.request('GET', path)).status).toBe(403);
    expect((await participant.request('POST', path, { first: w.people.coordinator, second: w.people.evaluator })).status).toBe(
      403,
    );
    const decision = { codeId: hope, start: s1, end: s2, keep: true };
    expect((await evaluator.request('PUT', `${path}/decisions`, decision)).status).toBe(422);
    expect((await evaluator.request('POST', path, { first: w.people.coordinator, second: w.people.coordinator })).status).toBe(
      422,
    );

    // It starts as what both coded: [s2, e1).
    const started = await ok(evaluator.request('POST', path, { first: w.people.coordinator, second: w.people.evaluator }), 201);
    expect(started.first.id).toBe(w.people.coordinator);
    expect(started.codes).toEqual([{ codeId: hope, name: 'Hope', spans: [{ start: s2, end: e1, text: text.slice(s2, e1) }] }]);
    expect(started.decisions).toEqual([]);
    expect((await coordinator.request('POST', path, { first: w.people.coordinator, second: w.people.evaluator })).status).toBe(
      409,
    );

    // The first coder's extra stretch is kept, the second's left out; a refused decision changes nothing.
    expect((await evaluator.request('PUT', `${path}/decisions`, { ...decision, end: text.length + 1 })).status).toBe(422);
    expect((await evaluator.request('PUT', `${path}/decisions`, { ...decision, end: s1 })).status).toBe(400);
    await ok(evaluator.request('PUT', `${path}/decisions`, decision));
    const after = await ok(coordinator.request('PUT', `${path}/decisions`, { codeId: hope, start: e1, end: e2, keep: false }));
    expect(after.codes[0].spans).toEqual([{ start: s1, end: e1, text: text.slice(s1, e1) }]);
    expect(after.decisions).toEqual([decision, { codeId: hope, start: e1, end: e2, keep: false }]);
    // Changing one's mind replaces the decision on that stretch.
    const changed = await ok(coordinator.request('PUT', `${path}/decisions`, { ...decision, keep: false }));
    expect(changed.codes[0].spans).toEqual([{ start: s2, end: e1, text: text.slice(s2, e1) }]);
    expect(changed.decisions).toHaveLength(2);
    expect(await ok(evaluator.request('GET', path))).toEqual({ consensus: changed });

    // Each coder's own coding is as it was, so the agreement between them is too.
    const a = await ok(evaluator.request('GET', `${base}/${studyId}/transcripts/${transcriptId}/agreement`));
    expect(a.codes[0]).toMatchObject({ bothCoded: e1 - s2, firstOnly: s2 - s1, secondOnly: e2 - e1 });
    const audited = await t.db.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityType, 'interview_consensus'));
    expect(audited.map((r) => r.action).sort()).toEqual([
      'interview_consensus:create',
      'interview_consensus:read',
      ...Array(3).fill('interview_consensus:update'),
    ]);
  });

  it('memos, then the .qdpx: valid against the REFI-QDA schema, de-identified, with each coder’s selections', async () => {
    await ok(
      evaluator.request('POST', `${base}/${studyId}/memos`, { text: 'Hope & connection', transcriptId, start: 0, end: 11 }),
      201,
    );
    await ok(evaluator.request('POST', `${base}/${studyId}/memos`, { text: 'Split hope?', codeId: hope }), 201);
    expect((await evaluator.request('POST', `${base}/${studyId}/memos`, { text: 'x', start: 0, end: 3 })).status).toBe(400);

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1${base}/${studyId}/export?format=qdpx`,
      headers: { cookie: `kindred_session=${evaluator.sessionCookie}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = readZip(res.rawPayload);
    expect(files.map((f) => f.path)).toEqual(['project.qde', `sources/${transcriptId}.txt`]);
    const qde = Buffer.from(files[0]!.data).toString('utf8');
    const result = await validateProject(qde);
    expect(result.errors).toEqual([]);
    expect(Buffer.from(files[1]!.data).toString('utf8')).toBe(text);
    expect(qde).toContain(`creatingUser="${w.people.coordinator}"`);
    expect(qde).toContain(`creatingUser="${w.people.evaluator}"`);
    // Each coder's coding, and the consensus version's one span as a coder of its own.
    expect(qde.match(/<Coding /g)).toHaveLength(3);
    const consensusUser = /<User guid="([^"]+)" name="Consensus \([^"]+ and [^"]+\)"/.exec(qde);
    expect(consensusUser).not.toBeNull();
    expect(qde).toContain(`creatingUser="${consensusUser![1]}"`);
    expect(qde).toContain('<PlainTextContent>Hope &amp; connection</PlainTextContent>');
    for (const f of files)
      expect(
        Buffer.from(f.data)
          .toString('utf8')
          .match(/Pat\b|Carl|317-555|example\.org/),
      ).toBeNull();

    const qdc = await evaluator.request('GET', `${base}/${studyId}/export?format=qdc`);
    expect(qdc.status).toBe(200);
    expect((await validateCodebook(String(qdc.body))).errors).toEqual([]);
    expect(String(qdc.body)).toMatch(/<Code guid="[^"]+" name="Benefits" isCodable="true">\s*<Code guid="[^"]+" name="Hope"/);

    const csv = await evaluator.request('GET', `${base}/${studyId}/export?format=csv`);
    const lines = String(csv.body).trim().split('\n');
    expect(lines[0]).toBe('transcript,audience,coder,code,code_path,start,end,speaker,text');
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.includes(',Consensus ('))).toHaveLength(1);
    expect(lines[1]).toContain('Benefits > Hope');
    expect(lines[1]).toContain('[Participant 1]');
  });

  it('audits reads and writes, with who did them', async () => {
    const rows = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.programId, w.programId), eq(auditEvents.entityId, transcriptId)));
    const seen = rows.map(
      (r) =>
        `${r.action}:${r.actorId === w.people.coordinator ? 'coordinator' : r.actorId === w.people.evaluator ? 'evaluator' : r.actorId}`,
    );
    expect(seen).toEqual(
      expect.arrayContaining([
        'interview_transcript:create:coordinator',
        'interview_transcript:read:coordinator',
        'interview_transcript_original:read:coordinator',
        'interview_transcript:update:coordinator',
        'interview_agreement:read:evaluator',
      ]),
    );
    const exports = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, studyId), eq(auditEvents.action, 'interview_study:export')));
    expect(exports.map((r) => r.actorId)).toEqual([w.people.evaluator, w.people.evaluator, w.people.evaluator]);
  });

  it('imports a Word document (.docx, base64) as a plain-text transcript', async () => {
    const documentXml =
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      '<w:p><w:r><w:t>Interviewer: What helped?</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Cora Coach: </w:t></w:r><w:r><w:t>Giving back at Test Site, out in Fairview.</w:t></w:r></w:p>' +
      '</w:body></w:document>';
    const docx = writeZip([
      {
        path: '[Content_Types].xml',
        data: Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      },
      { path: 'word/document.xml', data: Buffer.from(documentXml) },
    ]);
    // A town Kindred knows (a participant's) and the program's site are places to replace.
    await t.db.db.update(participants).set({ town: 'Fairview' }).where(eq(participants.programId, w.programId));
    const tr = await ok(
      coordinator.request('POST', `${base}/${studyId}/transcripts`, {
        label: 'Coach interview',
        audience: 'coaches',
        format: 'docx',
        content: docx.toString('base64'),
      }),
      201,
    );
    expect(tr.text).toBe('Interviewer: What helped?\nCora Coach: Giving back at Test Site, out in Fairview.');
    expect(tr.turns.map((x: { speaker: string }) => x.speaker)).toEqual(['Interviewer', 'Cora Coach']);
    expect(tr.proposals.map((p: { kind: string; replacement: string }) => [p.kind, p.replacement])).toEqual([
      ['name', '[Coach 1]'],
      ['place', '[Place]'],
      ['place', '[Place]'],
    ]);
    const notDocx = await coordinator.request('POST', `${base}/${studyId}/transcripts`, {
      label: 'Broken',
      audience: 'coaches',
      format: 'docx',
      content: Buffer.from('plain text, not a zip').toString('base64'),
    });
    expect([notDocx.status, notDocx.body.reason]).toEqual([422, 'transcript_not_docx']);
  });

  it('refuses an unreadable transcript with the line, and bad input with 400', async () => {
    const bad = await coordinator.request('POST', `${base}/${studyId}/transcripts`, {
      label: 'Interview 2',
      audience: 'coaches',
      format: 'vtt',
      content: 'not a vtt file',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.reason).toBe('transcript_not_webvtt');
    expect((await coordinator.request('POST', base, { title: '', audiences: [], targetCount: 0 })).status).toBe(400);
  });

  it('keeps the original for study staff only when the study says so', async () => {
    const kept = await ok(
      coordinator.request('POST', base, { title: 'Coaches', audiences: ['coaches'], targetCount: 5, keepsOriginals: true }),
      201,
    );
    const kb = `${base}/${kept.id}`;
    const tr = await ok(
      coordinator.request('POST', `${kb}/transcripts`, {
        label: 'Coach 1',
        audience: 'coaches',
        format: 'text',
        content: 'Interviewer: Who do you coach?\nCarl Coach: I coach Quinn.',
      }),
      201,
    );
    // The world's two coaches are both called "Coach": the word "coach" is flagged as a name either
    // could be, and the person confirming leaves those out.
    expect(tr.proposals.filter((p: { replacement: string }) => p.replacement === '[Name]')).toHaveLength(2);
    const replacements = tr.proposals
      .filter((p: { replacement: string }) => p.replacement !== '[Name]')
      .map(({ start, end, replacement }: Record<string, unknown>) => ({ start, end, replacement }));
    await ok(coordinator.request('POST', `${kb}/transcripts/${tr.id}/deidentification`, { replacements }));
    const staffView = await ok(coordinator.request('GET', `${kb}/transcripts/${tr.id}?original=true`));
    expect(staffView.text).toBe('Interviewer: Who do you coach?\n[Coach 1]: I coach [Participant 1].');
    expect(staffView.original.text).toBe('Interviewer: Who do you coach?\nCarl Coach: I coach Quinn.');
    // Off the team, the evaluator does not see the study at all; on it, the de-identified copy only.
    expect((await evaluator.request('GET', `${kb}/transcripts/${tr.id}`)).status).toBe(404);
    await ok(coordinator.request('POST', `${kb}/team`, { personId: w.people.evaluator, role: 'reader' }), 201);
    expect((await evaluator.request('GET', `${kb}/transcripts/${tr.id}?original=true`)).status).toBe(403);
    const evalView = await ok(evaluator.request('GET', `${kb}/transcripts/${tr.id}`));
    expect(evalView.original).toBeNull();
    expect(JSON.stringify(evalView)).not.toMatch(/Carl|Quinn/);
    // An administrator who codes on the team but does not lead it reads the de-identified copy too.
    const admin = await t.login('admin@test.org');
    expect((await admin.request('GET', `${kb}/transcripts/${tr.id}`)).status).toBe(404);
    await ok(coordinator.request('POST', `${kb}/team`, { personId: w.people.admin, role: 'coder' }), 201);
    expect((await admin.request('GET', `${kb}/transcripts/${tr.id}?original=true`)).status).toBe(403);
    const adminView = await ok(admin.request('GET', `${kb}/transcripts/${tr.id}`));
    expect(adminView.original).toBeNull();
    expect(JSON.stringify(adminView)).not.toMatch(/Carl|Quinn/);
  });
});
