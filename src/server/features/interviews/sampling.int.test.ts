import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { newId } from '../../platform/ids';
import { painCheckIns } from '../plans/plans.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

/** Purposive sampling, themes and the joint display through the API (issue #13, ADR 0044). */
describe('sampling and joint displays through the API', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let evaluator: Agent;
  let coach: Agent;
  let participant: Agent;
  let base: string;
  let sampleId: string;

  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    [coordinator, evaluator, coach, participant] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('evaluator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
    ]);
    // The first participant is paired (meeting frequency "too early" yet); the other is not paired.
    await ok(
      coordinator.request('POST', `/programs/${w.programId}/pairings`, { participantId: w.participantId, coachId: w.coachId }),
      201,
    );
    const study = await ok(
      coordinator.request('POST', `/programs/${w.programId}/interview-studies`, {
        title: 'Who engaged and why',
        audiences: ['participants'],
        targetCount: 4,
      }),
      201,
    );
    base = `/programs/${w.programId}/interview-studies/${study.id}`;
  });
  afterAll(async () => t.close());

  it('shows study staff the frame: every cell of the chosen dimensions with how many may be asked', async () => {
    const frame = await ok(coordinator.request('GET', `${base}/sampling-frame?dimensions=frequency,gender`));
    expect(frame.cells).toEqual([
      { values: ['not_paired', 'man'], people: 1, available: 1 },
      { values: ['too_early', 'man'], people: 1, available: 1 },
    ]);
    expect((await coordinator.request('GET', `${base}/sampling-frame?dimensions=frequency,frequency`)).status).toBe(400);
    expect((await coordinator.request('GET', `${base}/sampling-frame?dimensions=shoe_size`)).status).toBe(400);
  });

  it('cuts the frame by whether the weekly pain score improved, as the progress pages read it', async () => {
    // Three weekly check-ins, 7 then 6.3 then 5.7: about 1 point or more lower after three (ADR 0044).
    const at = new Date();
    const rows = [
      { on: '2026-01-05', score: 7 },
      { on: '2026-01-12', score: 6.3 },
      { on: '2026-01-19', score: 5.7 },
    ].map((r) => ({
      id: newId(),
      programId: w.programId,
      participantId: w.participantId,
      on: r.on,
      pain: Math.round(r.score),
      enjoyment: Math.round(r.score),
      activity: Math.round(r.score),
      score: r.score,
      createdAt: at,
      updatedAt: at,
    }));
    await t.db.db.insert(painCheckIns).values(rows);
    const improved = await ok(coordinator.request('GET', `${base}/sampling-frame?dimensions=outcomeImproved`));
    expect(improved.cells).toEqual([
      { values: ['too_early'], people: 1, available: 1 },
      { values: ['yes'], people: 1, available: 1 },
    ]);
    // A fourth week back up to 6.9: no longer about a point below the first.
    await t.db.db.insert(painCheckIns).values({ ...rows[0]!, id: newId(), on: '2026-01-26', score: 6.9 });
    const notImproved = await ok(coordinator.request('GET', `${base}/sampling-frame?dimensions=outcomeImproved`));
    expect(notImproved.cells.map((c: { values: string[] }) => c.values)).toEqual([['no'], ['too_early']]);
    await t.db.db.delete(painCheckIns);
  });

  it('draws a sample with quotas per cell and reports the shortfall', async () => {
    const bad = await coordinator.request('POST', `${base}/samples`, {
      dimensions: ['frequency'],
      quotas: [{ values: ['too_early', 'man'], target: 1 }],
      seed: 3,
    });
    expect(bad.status).toBe(400);
    const s = await ok(
      coordinator.request('POST', `${base}/samples`, {
        dimensions: ['frequency'],
        quotas: [
          { values: ['too_early'], target: 2 },
          { values: ['not_paired'], target: 1 },
        ],
        seed: 3,
      }),
      201,
    );
    sampleId = s.id;
    expect(s.cells.map((c: any) => [c.values, c.target, c.available, c.proposed, c.shortfall])).toEqual([
      [['too_early'], 2, 1, 1, 1],
      [['not_paired'], 1, 1, 1, 0],
    ]);
    expect(s.members.map((m: any) => [m.name, m.values, m.state])).toEqual([
      ['Quinn Other', ['not_paired'], 'proposed'],
      ['Pat Person', ['too_early'], 'proposed'],
    ]);
    expect(s.drawnBy).not.toBeNull();
  });

  it('lets evaluators read the drawn frame by code only, and nobody else', async () => {
    // Only on the study's team (ADR 0052): before, the study does not exist for the evaluator.
    expect((await evaluator.request('GET', `${base}/samples/${sampleId}`)).status).toBe(404);
    await ok(coordinator.request('POST', `${base}/team`, { personId: w.people.evaluator, role: 'coder' }), 201);
    const seen = await ok(evaluator.request('GET', `${base}/samples/${sampleId}`));
    expect(seen.members.every((m: any) => m.name === null && /\S/.test(m.code))).toBe(true);
    expect(JSON.stringify(seen)).not.toMatch(/Pat|Person|Quinn/);
    expect(seen.drawnBy).toBeNull();
    expect(seen.can).toEqual({ sample: false, invite: false });
    expect((await evaluator.request('POST', `${base}/samples`, { dimensions: ['arm'], quotas: [], seed: 1 })).status).toBe(403);
    expect((await evaluator.request('GET', `${base}/sampling-frame?dimensions=arm`)).status).toBe(403);
    const member = seen.members[0].id;
    const decline = { state: 'declined', reason: 'No time' };
    expect((await evaluator.request('PUT', `${base}/samples/${sampleId}/members/${member}`, decline)).status).toBe(403);
    for (const who of [coach, participant]) {
      expect((await who.request('GET', `${base}/samples`)).status).toBe(403);
      expect((await who.request('GET', `${base}/samples/${sampleId}`)).status).toBe(403);
      expect((await who.request('GET', `${base}/joint-display?by=arm`)).status).toBe(403);
    }
  });

  it('records invitations and declines with reasons, counted for the methods section', async () => {
    const s = await ok(coordinator.request('GET', `${base}/samples/${sampleId}`));
    const [otto, pat] = s.members;
    const path = `${base}/samples/${sampleId}/members`;
    expect((await coordinator.request('PUT', `${path}/${otto.id}`, { state: 'declined' })).status).toBe(400);
    await ok(coordinator.request('POST', `${path}/${pat.id}/invite`));
    const after = await ok(coordinator.request('PUT', `${path}/${otto.id}`, { state: 'declined', reason: 'Too busy' }));
    expect(after.members.map((m: any) => [m.state, m.declineReason])).toEqual([
      ['declined', 'Too busy'],
      ['invited', null],
    ]);
    expect(after.declineReasons).toEqual([{ reason: 'Too busy', count: 1 }]);
    expect((await coordinator.request('POST', `${path}/${w.participantId}/invite`)).status).toBe(404);
    expect((await coordinator.request('PUT', `${path}/${w.participantId}`, { state: 'proposed' })).status).toBe(404);
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'interview_sample_member'), eq(auditEvents.entityId, otto.id)));
    expect(audited).toHaveLength(1);
  });

  it('keeps the frame as drawn when the data change, and does not ask a decliner again', async () => {
    await ok(
      coordinator.request('POST', `/programs/${w.programId}/pairings`, {
        participantId: w.otherParticipantId,
        coachId: w.coachId,
      }),
      201,
    );
    const s = await ok(coordinator.request('GET', `${base}/samples/${sampleId}`));
    expect(s.members.map((m: any) => m.values)).toEqual([['not_paired'], ['too_early']]);
    const again = await ok(
      coordinator.request('POST', `${base}/samples`, {
        dimensions: ['frequency'],
        quotas: [{ values: ['too_early'], target: 2 }],
        seed: 3,
      }),
      201,
    );
    expect(again.cells[0]).toMatchObject({ available: 1, proposed: 1, shortfall: 1 });
    expect(again.excluded).toEqual([{ reason: 'declined_before', count: 1 }]);
    expect(again.members.map((m: any) => m.name)).toEqual(['Pat Person']);
  });

  it('builds a theme and a joint display of people and segments per group, with exemplars first', async () => {
    const tr = await ok(
      coordinator.request('POST', `${base}/transcripts`, {
        label: 'Interview 1',
        audience: 'participants',
        format: 'text',
        content: 'Interviewer: How was it?\nAnswer: The calls gave me hope. We mostly chatted about sports.',
        participantId: w.participantId,
      }),
      201,
    );
    const done = await ok(coordinator.request('POST', `${base}/transcripts/${tr.id}/deidentification`, { replacements: [] }));
    const text: string = done.text;
    const hope = await ok(coordinator.request('POST', `${base}/codes`, { name: 'Hope' }), 201);
    const other = await ok(coordinator.request('POST', `${base}/codes`, { name: 'Socializing' }), 201);
    const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    const path = `${base}/transcripts/${tr.id}/codings`;
    const c1 = await ok(coordinator.request('POST', path, { codeId: hope.id, ...span('The calls gave me hope.') }), 201);
    await ok(evaluator.request('POST', path, { codeId: hope.id, ...span('The calls gave me hope.') }), 201);
    const c2 = await ok(coordinator.request('POST', path, { codeId: hope.id, ...span('gave me hope') }), 201);
    await ok(coordinator.request('POST', path, { codeId: other.id, ...span('We mostly chatted about sports.') }), 201);

    expect((await coordinator.request('POST', `${base}/themes`, { name: 'X', codeIds: [w.programId] })).status).toBe(422);
    expect(
      (await coordinator.request('POST', `${base}/themes`, { name: 'X', codeIds: [other.id], exemplarCodingIds: [c1.id] }))
        .status,
    ).toBe(422);
    const theme = await ok(
      coordinator.request('POST', `${base}/themes`, {
        name: 'Encouragement',
        summary: 'Calls that lifted spirits',
        codeIds: [hope.id],
        exemplarCodingIds: [c2.id],
      }),
      201,
    );
    expect(theme.exemplars).toEqual([{ codingId: c2.id, transcriptId: tr.id, text: 'gave me hope' }]);

    // Values as they are now: both participants are paired, too early for a frequency; by adherence both "no".
    const d = await ok(evaluator.request('GET', `${base}/joint-display?by=adherent&quotes=2`));
    expect(d.groups).toEqual(['no']);
    expect(d.rows).toHaveLength(1);
    // Two coders on one span count once: 2 segments (the sentence, and "gave me hope"), 1 person.
    expect(d.rows[0].cells[0]).toMatchObject({ group: 'no', people: 1, segments: 2 });
    expect(d.rows[0].cells[0].quotes.map((q: any) => [q.text, q.isExemplar])).toEqual([
      ['gave me hope', true],
      ['The calls gave me hope.', false],
    ]);
    const csv = await evaluator.request('GET', `${base}/joint-display.csv?by=adherent&quotes=1`);
    expect(csv.status).toBe(200);
    expect(csv.body).toBe('theme,adherent,people,segments,quotes\nEncouragement,no,1,2,gave me hope\n');
    const exported = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'interview_joint_display:export'), eq(auditEvents.actorId, w.people.evaluator)));
    expect(exported).toHaveLength(1);
    expect((await evaluator.request('GET', `${base}/joint-display?by=shoe_size`)).status).toBe(400);
    expect((await evaluator.request('PUT', `${base}/transcripts/${tr.id}/participant`, { participantId: null })).status).toBe(
      403,
    );

    // Once the two coders' work is reconciled, the display counts what the team agreed: the
    // consensus starts as what both coded (the sentence), so "gave me hope" alone is no longer a
    // segment of its own, and the sentence's quote carries the first coder's coding.
    await ok(
      evaluator.request('POST', `${base}/transcripts/${tr.id}/consensus`, {
        first: w.people.coordinator,
        second: w.people.evaluator,
      }),
      201,
    );
    const agreed = await ok(evaluator.request('GET', `${base}/joint-display?by=adherent&quotes=2`));
    expect(agreed.rows[0].cells[0]).toMatchObject({ group: 'no', people: 1, segments: 1 });
    expect(agreed.rows[0].cells[0].quotes).toEqual([
      { codingId: c1.id, transcriptId: tr.id, text: 'The calls gave me hope.', isExemplar: false },
    ]);
  });
});
