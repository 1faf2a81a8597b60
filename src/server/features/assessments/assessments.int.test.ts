import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../../../core/programs';
import { createUser } from '../accounts/accounts.service';
import { auditEvents } from '../../platform/audit.table';
import { mailMessages } from '../../platform/mail.table';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp, type World } from '../../testing/harness';
import { pairings } from '../pairings/pairings.table';
import { programs } from '../programs/programs.table';
import { ALERT_SUBJECT } from '../safety';
import { safetyEvents } from '../safety/safety.table';
import { assessmentLinks, assessmentMisses, assessmentResponses, programInstruments } from './assessments.table';
import { LINK_RATE_LIMIT } from './assessments.routes';
import { LINK_REMINDER_SUBJECT, LINK_SUBJECT, sweepAssessmentMisses, sweepLinkReminders } from './assessments.service';

const SD = 'https://kindred.invalid/fhir/StructureDefinition/';
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

const phq9 = (item9: number, rest = 1) =>
  Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9-${i + 1}`, i === 8 ? item9 : rest])) as Record<string, number>;
const gad7 = (v = 1) => Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`gad7-${i + 1}`, v])) as Record<string, number>;
const peg = (v = 5) => ({ 'peg-pain': v, 'peg-enjoyment': v, 'peg-activity': v });

function sleepQuestionnaire(over: Record<string, unknown> = {}) {
  const options = ['never', 'rarely', 'sometimes', 'often', 'always'].map((code, v) => ({
    valueCoding: { system: 'urn:example', code, display: code, extension: [{ url: ORDINAL, valueDecimal: v }] },
  }));
  return {
    resourceType: 'Questionnaire',
    id: 'sleep-quality',
    title: 'Sleep quality',
    status: 'active',
    extension: [{ url: `${SD}scoring`, valueCode: 'sum' }],
    item: [
      { linkId: 's1', type: 'choice', text: 'Trouble falling asleep', answerOption: options },
      { linkId: 's2', type: 'choice', text: 'Waking at night', answerOption: options },
    ],
    ...over,
  };
}

const HEADER =
  '"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider Number","Text Validation Min","Text Validation Max","Identifier?","Branching Logic (Show field only if...)","Required Field?","Custom Alignment","Question Number (surveys only)","Matrix Group Name","Matrix Ranking?","Field Annotation"';
const redcapRow = (name: string, type: string, label: string, choices: string, annotation = '') =>
  [name, 'mood_check', '', type, label, choices, '', '', '', '', '', '', '', '', '', '', '', annotation]
    .map((c) => `"${c}"`)
    .join(',');
const often = '0, Not at all | 1, Several days | 2, More than half the days | 3, Nearly every day';
const redcap = (scoreTag = '@KINDRED-SCORE=sum') =>
  [
    HEADER,
    [`record_id`, 'enrolment', '', 'text', 'Record ID', '', '', '', '', '', '', '', '', '', '', '', '', '']
      .map((c) => `"${c}"`)
      .join(','),
    redcapRow('mood_1', 'radio', 'Feeling low', often, scoreTag),
    redcapRow('mood_2', 'radio', 'Worrying', often),
  ].join('\r\n');

describe('assessments', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let evaluator: Agent;
  let assessor: Agent;
  let participant: Agent;
  let otherProgramId: string;

  async function signInAll() {
    [coordinator, coach, evaluator, assessor, participant] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('evaluator@test.org'),
      t.login('assessor@test.org'),
      t.login('participant@test.org'),
    ]);
  }
  async function setClock(at: string) {
    t.clock.set(at);
    await signInAll();
  }
  const base = () => `/programs/${w.programId}`;
  const mine = (id = w.participantId) => `${base()}/participants/${id}`;
  const eventsOf = (participantId: string) =>
    t.db.db.select().from(safetyEvents).where(eq(safetyEvents.participantId, participantId));
  const mailsWith = async (subject: string) =>
    (await t.db.db.select().from(mailMessages).where(eq(mailMessages.subject, subject))).length;
  const tokenOf = (url: string) => url.split('#')[1]!;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    await createUser(t.db.db, t.clock.now(), {
      email: 'assessor@test.org',
      displayName: 'Ada Assessor',
      password: TEST_PASSWORD,
      isAdmin: false,
      grants: [{ programId: w.programId, role: 'assessor' }],
    });
    otherProgramId = randomUUID();
    await t.db.db.insert(programs).values({
      id: otherProgramId,
      name: 'Other Program',
      site: 'Elsewhere',
      startOn: '2026-03-01',
      topics: DEFAULT_TOPICS.map((x) => ({ ...x })),
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    });
    await signInAll();
  });
  afterAll(() => t.close());

  describe('schedule', () => {
    it('gives every enrolled participant baseline, 6 and 9 months by default, in local dates', async () => {
      const r = await coordinator.request('GET', `${mine()}/assessments`);
      expect(r.status).toBe(200);
      expect(r.body.participant).toMatchObject({ name: 'Pat Person', enrolledOn: '2026-03-01' });
      expect(r.body.schedule.map((s: any) => [s.key, s.state, s.dueOn, s.opensOn, s.closesOn])).toEqual([
        ['baseline', 'due', '2026-03-15', '2026-03-01', '2026-03-29'],
        ['month_6', 'upcoming', '2026-09-01', '2026-08-02', '2026-10-01'],
        ['month_9', 'upcoming', '2026-12-01', '2026-11-01', '2026-12-31'],
      ]);
      expect(r.body.forms.map((f: any) => f.id)).toEqual(['peg', 'phq9', 'gad7']);
    });

    it('puts due baselines on the coordinator’s task list', async () => {
      const r = await coordinator.request('GET', `${base()}/tasks`);
      const tasks = r.body.filter((x: any) => x.kind === 'assessment');
      expect(tasks.map((x: any) => x.participantName).sort()).toEqual(['Pat Person', 'Quinn Other']);
      expect(tasks[0].reason).toContain('Baseline assessment due');
      expect(tasks.every((x: any) => x.coachId === null && x.coachName === '')).toBe(true);
    });

    it('names the participant’s coach on the assessment task once paired (#16)', async () => {
      const pairingId = randomUUID();
      await t.db.db.insert(pairings).values({
        id: pairingId,
        programId: w.programId,
        participantId: w.participantId,
        coachId: w.coachId,
        startedAt: t.clock.now(),
        createdBy: w.people.coordinator,
      });
      try {
        const r = await coordinator.request('GET', `${base()}/tasks`);
        const byName = new Map(r.body.filter((x: any) => x.kind === 'assessment').map((x: any) => [x.participantName, x]));
        expect(byName.get('Pat Person')).toMatchObject({ coachId: w.coachId, coachName: 'Carl Coach' });
        expect(byName.get('Quinn Other')).toMatchObject({ coachId: null, coachName: '' });
      } finally {
        await t.db.db.delete(pairings).where(eq(pairings.id, pairingId));
      }
    });

    it('lets staff change the timepoints, refusing unknown instruments without changing anything', async () => {
      const bad = await coordinator.request('PUT', `${base()}/assessment-settings`, {
        timepoints: [{ key: 'baseline', label: 'Baseline', months: 0, isBaseline: true, instruments: ['nope'] }],
      });
      expect(bad.status).toBe(422);
      expect(bad.body.message).toContain('nope');
      const current = await coordinator.request('GET', `${base()}/assessment-settings`);
      expect(current.body.timepoints).toHaveLength(3);
      expect((await assessor.request('PUT', `${base()}/assessment-settings`, current.body)).status).toBe(403);
    });
  });

  describe('staff entry during a call', () => {
    it('stores the answers, score, who, how and when; an edit keeps the history', async () => {
      const first = await coordinator.request('POST', `${mine(w.otherParticipantId)}/assessments/baseline/responses`, {
        instrumentId: 'gad7',
        answers: gad7(1),
        method: 'phone',
      });
      expect(first.status).toBe(200);
      expect(first.body.response).toMatchObject({
        instrumentId: 'gad7',
        total: 7,
        severity: 'mild',
        complete: true,
        method: 'phone',
        enteredByName: 'coordinator',
        version: 1,
        enteredAt: '2026-03-02T15:00:00.000Z',
      });
      expect(first.body.safetyEventRaised).toBe(false);
      const edit = await coordinator.request('POST', `${mine(w.otherParticipantId)}/assessments/baseline/responses`, {
        instrumentId: 'gad7',
        answers: gad7(2),
        method: 'phone',
      });
      expect(edit.body.response).toMatchObject({ id: first.body.response.id, total: 14, severity: 'moderate', version: 2 });
      const history = await coordinator.request(
        'GET',
        `${mine(w.otherParticipantId)}/assessment-responses/${first.body.response.id}/history`,
      );
      expect(history.body.map((v: any) => [v.version, v.total, v.answers['gad7-1']])).toEqual([
        [1, 7, 1],
        [2, 14, 2],
      ]);
      const audits = await t.db.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, 'assessment_response'), eq(auditEvents.entityId, first.body.response.id)));
      expect(audits.map((a) => a.action)).toEqual([
        'assessment_response:create',
        'assessment_response:update',
        'assessment_response:read',
      ]);
    });

    it('refuses bad answers, naming the item, and stores nothing', async () => {
      const r = await coordinator.request('POST', `${mine(w.otherParticipantId)}/assessments/baseline/responses`, {
        instrumentId: 'phq9',
        answers: { 'phq9-1': 7 },
        method: 'phone',
      });
      expect(r.status).toBe(422);
      expect(r.body.message).toContain('phq9-1');
      const rows = await t.db.db.select().from(assessmentResponses).where(eq(assessmentResponses.instrumentId, 'phq9'));
      expect(rows).toHaveLength(0);
      const notInTimepoint = await coordinator.request('POST', `${mine(w.otherParticipantId)}/assessments/baseline/responses`, {
        instrumentId: 'pcs',
        answers: {},
        method: 'phone',
      });
      expect(notInTimepoint.status).toBe(422);
    });

    it('refuses a questionnaire with every item blank, with a plain message, and stores nothing', async () => {
      const stored = () =>
        t.db.db.select().from(assessmentResponses).where(eq(assessmentResponses.participantId, w.otherParticipantId));
      const before = await stored();
      for (const answers of [{}, { 'peg-pain': null, 'peg-enjoyment': null, 'peg-activity': null }]) {
        const r = await coordinator.request('POST', `${mine(w.otherParticipantId)}/assessments/baseline/responses`, {
          instrumentId: 'peg',
          answers,
          method: 'phone',
        });
        expect([r.status, r.body.reason]).toEqual([422, 'no_answers']);
        expect(r.body.message).toBe(
          'Every question was left blank. Enter at least one answer, or leave this questionnaire for now.',
        );
      }
      expect(await stored()).toEqual(before);
    });

    it('refuses a first entry before the window opens', async () => {
      const r = await coordinator.request('POST', `${mine(w.otherParticipantId)}/assessments/month_6/responses`, {
        instrumentId: 'peg',
        answers: peg(),
        method: 'phone',
      });
      expect(r.status).toBe(422);
      expect(r.body.reason).toBe('window_not_open');
    });

    it('raises one safety event for PHQ-9 item 9 entered by staff, however often it is corrected', async () => {
      const send = () =>
        coordinator.request('POST', `${mine(w.otherParticipantId)}/assessments/baseline/responses`, {
          instrumentId: 'phq9',
          answers: phq9(2),
          method: 'phone',
        });
      expect((await send()).body.safetyEventRaised).toBe(true);
      expect((await send()).body.safetyEventRaised).toBe(true);
      expect(await eventsOf(w.otherParticipantId)).toHaveLength(1);
    });
  });

  describe('the one-time link', () => {
    let url: string;

    it('is made for a participant and timepoint, e-mailed with a subject naming no one, only its hash stored', async () => {
      const r = await coordinator.request('POST', `${mine()}/assessment-links`, { timepointKey: 'baseline', sendEmail: true });
      expect(r.status).toBe(201);
      url = r.body.url;
      expect(url).toMatch(new RegExp(`^http://kindred.test/assess/${w.programId}#[A-Za-z0-9_-]{43}$`));
      expect(r.body).toMatchObject({ emailed: true, expiresAt: '2026-03-16T15:00:00.000Z' });
      const [mail] = await t.db.db.select().from(mailMessages).where(eq(mailMessages.subject, LINK_SUBJECT));
      expect(mail).toMatchObject({ toAddress: 'participant@test.org' });
      expect(mail!.bodyText).toContain(url);
      expect(mail!.subject).not.toMatch(/Pat|Person/);
      const links = await t.db.db.select().from(assessmentLinks).where(eq(assessmentLinks.participantId, w.participantId));
      expect(links[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(links)).not.toContain(tokenOf(url));
    });

    it('shows the questions and nothing personal, without an account', async () => {
      const r = await t.anonymous.request('POST', `${base()}/assessment-link`, { token: tokenOf(url) });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ locale: 'en', programName: 'Test Program', timepointLabel: 'Baseline', draft: {} });
      expect(r.body.instruments.map((i: any) => i.id)).toEqual(['peg', 'phq9', 'gad7']);
      const text = JSON.stringify(r.body);
      for (const personal of ['Pat Person', 'Person', 'participant@test.org', '555', w.participantId])
        expect(text).not.toContain(personal);
    });

    it('refuses a token in another program, and an unknown token', async () => {
      const other = await t.anonymous.request('POST', `/programs/${otherProgramId}/assessment-link`, { token: tokenOf(url) });
      expect(other.status).toBe(404);
      const unknown = await t.anonymous.request('POST', `${base()}/assessment-link`, { token: 'x'.repeat(43) });
      expect(unknown.status).toBe(404);
      expect(unknown.body.reason).toBe('link_unknown');
    });

    it('keeps partial answers so the participant can come back', async () => {
      const saved = await t.anonymous.request('PUT', `${base()}/assessment-link/draft`, {
        token: tokenOf(url),
        answers: { peg: { 'peg-pain': 6 } },
      });
      expect(saved.status).toBe(200);
      const bad = await t.anonymous.request('PUT', `${base()}/assessment-link/draft`, {
        token: tokenOf(url),
        answers: { peg: { 'peg-pain': 60 } },
      });
      expect(bad.status).toBe(422);
      const again = await t.anonymous.request('POST', `${base()}/assessment-link`, { token: tokenOf(url) });
      expect(again.body.draft).toEqual({ peg: { 'peg-pain': 6 } });
    });

    it('PHQ-9 item 9 = 1 submitted by link creates the event, the task and the e-mail exactly once, even on a double submit', async () => {
      const alertsBefore = await mailsWith(ALERT_SUBJECT);
      const body = { token: tokenOf(url), answers: { peg: peg(6), phq9: phq9(1), gad7: gad7(0) } };
      const [a, b] = await Promise.all([
        t.anonymous.request('POST', `${base()}/assessment-link/submit`, body),
        t.anonymous.request('POST', `${base()}/assessment-link/submit`, body),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const ok = a.status === 200 ? a : b;
      expect(ok.body.completed).toBe(true);
      expect(ok.body.crisis.lineName).toBe('Veterans Crisis Line');
      const reused = await t.anonymous.request('POST', `${base()}/assessment-link/submit`, body);
      expect(reused.status).toBe(409);
      expect(reused.body.reason).toBe('link_used');
      const reopened = await t.anonymous.request('POST', `${base()}/assessment-link`, { token: tokenOf(url) });
      expect(reopened.status).toBe(409);

      const events = await eventsOf(w.participantId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ trigger: 'assessment_flag', raisedBy: null });
      expect(await mailsWith(ALERT_SUBJECT)).toBe(alertsBefore + 1);
      const tasks = await coordinator.request('GET', `${base()}/tasks`);
      expect(tasks.body.filter((x: any) => x.kind === 'safety' && x.participantId === w.participantId)).toHaveLength(1);

      const view = await coordinator.request('GET', `${mine()}/assessments`);
      const baseline = view.body.schedule[0];
      expect(baseline.state).toBe('completed');
      expect(baseline.instruments.map((i: any) => [i.id, i.response.method, i.response.enteredByName, i.response.total])).toEqual(
        [
          ['peg', 'link', null, 6],
          ['phq9', 'link', null, 9],
          ['gad7', 'link', null, 0],
        ],
      );
      // The completed baseline is no longer a task.
      expect(tasks.body.some((x: any) => x.kind === 'assessment' && x.participantId === w.participantId)).toBe(false);
    });

    it('cannot be made again for a completed timepoint', async () => {
      const r = await coordinator.request('POST', `${mine()}/assessment-links`, { timepointKey: 'baseline', sendEmail: false });
      expect(r.status).toBe(409);
    });

    it('stops working when replaced by a newer link, answering 410', async () => {
      const first = await coordinator.request('POST', `${mine(w.otherParticipantId)}/assessment-links`, {
        timepointKey: 'baseline',
        sendEmail: true,
      });
      expect(first.body.emailed).toBe(false); // Quinn has no e-mail address: staff give the link by phone or text.
      const second = await coordinator.request('POST', `${mine(w.otherParticipantId)}/assessment-links`, {
        timepointKey: 'baseline',
        sendEmail: false,
        sendText: true,
      });
      expect(second.body).toMatchObject({ emailed: false, texted: true });
      const texts = await t.db.db.select().from(mailMessages).where(eq(mailMessages.channel, 'sms'));
      expect(texts).toHaveLength(1);
      expect(texts[0]!.bodyText).toContain(second.body.url);
      expect(texts[0]!.bodyText).not.toContain('Quinn');
      const old = await t.anonymous.request('POST', `${base()}/assessment-link`, { token: tokenOf(first.body.url) });
      expect(old.status).toBe(410);
      expect(old.body.reason).toBe('link_expired');
      expect((await t.anonymous.request('POST', `${base()}/assessment-link`, { token: tokenOf(second.body.url) })).status).toBe(
        200,
      );
    });
  });

  describe('importing instruments', () => {
    it('imports a FHIR Questionnaire, which timepoints can then use', async () => {
      const r = await coordinator.request('POST', `${base()}/instruments`, {
        format: 'fhir',
        content: JSON.stringify(sleepQuestionnaire()),
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ id: 'sleep-quality', origin: 'imported', itemCount: 2 });
      const list = await coordinator.request('GET', `${base()}/instruments`);
      expect(list.body.map((i: any) => i.id)).toContain('sleep-quality');
      const dup = await coordinator.request('POST', `${base()}/instruments`, {
        format: 'fhir',
        content: JSON.stringify(sleepQuestionnaire()),
      });
      expect(dup.status).toBe(409);
    });

    it('refuses a bad FHIR file with every problem and changes nothing', async () => {
      const before = (await t.db.db.select().from(programInstruments)).length;
      const noScore = await coordinator.request('POST', `${base()}/instruments`, {
        format: 'fhir',
        content: JSON.stringify(sleepQuestionnaire({ id: 'sleep-2', extension: [] })),
      });
      expect(noScore.status).toBe(422);
      expect(noScore.body.error).toBe('invalid_file');
      expect(noScore.body.problems.length).toBeGreaterThan(0);
      const notJson = await coordinator.request('POST', `${base()}/instruments`, { format: 'fhir', content: '{nope' });
      expect(notJson.body.problems).toEqual([{ where: 'file', message: 'not valid JSON' }]);
      const builtIn = await coordinator.request('POST', `${base()}/instruments`, {
        format: 'fhir',
        content: JSON.stringify(sleepQuestionnaire({ id: 'phq9' })),
      });
      expect(builtIn.status).toBe(422);
      expect((await t.db.db.select().from(programInstruments)).length).toBe(before);
    });

    it('imports a REDCap data dictionary and refuses a bad one', async () => {
      const good = await coordinator.request('POST', `${base()}/instruments`, { format: 'redcap', content: redcap() });
      expect(good.status).toBe(201);
      expect(good.body).toMatchObject({ origin: 'imported', itemCount: 2 });
      const bad = await coordinator.request('POST', `${base()}/instruments`, {
        format: 'redcap',
        content: redcap('@KINDRED-SCORE=median'),
      });
      expect(bad.status).toBe(422);
      expect(bad.body.problems[0].where).toContain('row');
    });

    it('loads licensed item text for a shipped instrument, checked item by item', async () => {
      const partial = await coordinator.request('PUT', `${base()}/instruments/bpi-sf/licensed-text`, {
        texts: { 'bpi-worst': 'Worst pain' },
      });
      expect(partial.status).toBe(422);
      expect(partial.body.problems.some((p: any) => p.where === 'bpi-least')).toBe(true);
      const ids = ['worst', 'least', 'average', 'now', 'activity', 'mood', 'walking', 'work', 'relations', 'sleep', 'enjoyment'];
      const full = await coordinator.request('PUT', `${base()}/instruments/bpi-sf/licensed-text`, {
        texts: Object.fromEntries(ids.map((id) => [`bpi-${id}`, `Licensed text ${id}`])),
      });
      expect(full.status).toBe(200);
      expect(full.body.hasItemText).toBe(true);
      const list = await coordinator.request('GET', `${base()}/instruments`);
      expect(list.body.find((i: any) => i.id === 'bpi-sf').hasItemText).toBe(true);
      expect(list.body.find((i: any) => i.id === 'pcs').hasItemText).toBe(false);
      expect((await assessor.request('PUT', `${base()}/instruments/pcs/licensed-text`, { texts: {} })).status).toBe(403);
    });
  });

  describe('blinded assessor', () => {
    beforeAll(async () => {
      await t.db.db.insert(pairings).values({
        id: randomUUID(),
        programId: w.programId,
        participantId: w.participantId,
        coachId: w.coachId,
        startedAt: new Date('2026-03-02T16:00:00Z'),
        createdBy: w.people.coordinator,
      });
    });

    it('enters assessments and sees the schedule, with no coach, pairing or arm anywhere', async () => {
      const view = await assessor.request('GET', `${mine()}/assessments`);
      expect(view.status).toBe(200);
      const text = JSON.stringify(view.body);
      for (const hidden of ['Carl', 'coach', 'pairing', 'arm"', w.coachId])
        expect(text.toLowerCase()).not.toContain(hidden.toLowerCase());
      const list = await assessor.request('GET', `${base()}/assessments`);
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body).toLowerCase()).not.toContain('coach');
      const entry = await assessor.request('POST', `${mine()}/assessments/baseline/responses`, {
        instrumentId: 'peg',
        answers: peg(4),
        method: 'in_person',
      });
      expect(entry.status).toBe(200);
      expect(entry.body.response).toMatchObject({ enteredByName: 'Ada Assessor', method: 'in_person', version: 2 });
      expect((await assessor.request('GET', `${base()}/assessment-report`)).status).toBe(200);
    });

    it('sees the same windows for a paired and an unpaired participant, and pairing changes nothing it sees', async () => {
      const windows = (body: any) =>
        body.schedule.map((r: any) => ({ key: r.key, opensOn: r.opensOn, dueOn: r.dueOn, closesOn: r.closesOn }));
      const quinnBefore = await assessor.request('GET', `${mine(w.otherParticipantId)}/assessments`);
      const listBefore = await assessor.request('GET', `${base()}/assessments`);
      const pat = await assessor.request('GET', `${mine()}/assessments`);
      // Both enrolled on 1 March: Pat is paired, Quinn is not; the windows must not tell them apart.
      expect(windows(pat.body)).toEqual(windows(quinnBefore.body));
      expect(quinnBefore.body.schedule[0]).toMatchObject({ key: 'baseline', opensOn: '2026-03-01', closesOn: '2026-03-29' });
      const pairingId = randomUUID();
      await t.db.db.insert(pairings).values({
        id: pairingId,
        programId: w.programId,
        participantId: w.otherParticipantId,
        coachId: w.otherCoachId,
        startedAt: new Date('2026-03-02T14:00:00Z'),
        createdBy: w.people.coordinator,
      });
      try {
        const quinnAfter = await assessor.request('GET', `${mine(w.otherParticipantId)}/assessments`);
        expect(quinnAfter.body).toEqual(quinnBefore.body);
        expect((await assessor.request('GET', `${base()}/assessments`)).body).toEqual(listBefore.body);
      } finally {
        await t.db.db.delete(pairings).where(eq(pairings.id, pairingId));
      }
    });

    it('is refused coaching data: participant records, contacts, plans, pairings, tasks, pairs', async () => {
      const refused = [
        `${mine()}`,
        `${mine()}/contacts`,
        `${mine()}/plans`,
        `${mine()}/progress`,
        `${base()}/participants`,
        `${base()}/pairings`,
        `${base()}/tasks`,
        `${base()}/pairs`,
        `${base()}/overview`,
      ];
      for (const url of refused) {
        const r = await assessor.request('GET', url);
        expect([url, [403, 404].includes(r.status)]).toEqual([url, true]);
      }
    });

    it('keeps coaches and participants out of assessments; evaluators get the report only', async () => {
      expect((await coach.request('GET', `${mine()}/assessments`)).status).toBe(404);
      expect((await participant.request('GET', `${mine()}/assessments`)).status).toBe(404);
      expect((await evaluator.request('GET', `${mine()}/assessments`)).status).toBe(404);
      expect((await evaluator.request('GET', `${base()}/assessments`)).status).toBe(403);
      const report = await evaluator.request('GET', `${base()}/assessment-report`);
      expect(report.status).toBe(200);
      const baseline = report.body.timepoints[0];
      expect(baseline.counts.completed).toBe(1);
      expect(baseline.instruments.find((i: any) => i.id === 'gad7').distribution).toMatchObject({ n: 2, min: 0, max: 14 });
      expect(JSON.stringify(report.body)).not.toContain('Person');
    });
  });

  describe('windows over time', () => {
    it('expires an unused link after 14 days with 410', async () => {
      const link = await coordinator.request('POST', `${mine(w.otherParticipantId)}/assessment-links`, {
        timepointKey: 'baseline',
        sendEmail: false,
      });
      await setClock('2026-03-16T14:59:00Z');
      expect((await t.anonymous.request('POST', `${base()}/assessment-link`, { token: tokenOf(link.body.url) })).status).toBe(
        200,
      );
      await setClock('2026-03-16T15:00:00Z');
      const r = await t.anonymous.request('POST', `${base()}/assessment-link/submit`, {
        token: tokenOf(link.body.url),
        answers: { peg: peg() },
      });
      expect(r.status).toBe(410);
      expect(r.body.message).toContain('expired');
    });

    it('records a closed window as missed: on the worklist and in the report, never dropped, no longer a task', async () => {
      // Quinn's baseline closed on 29 March, four weeks after enrolment; the pairing does not matter.
      await t.db.db.insert(pairings).values({
        id: randomUUID(),
        programId: w.programId,
        participantId: w.otherParticipantId,
        coachId: w.otherCoachId,
        startedAt: new Date('2026-03-20T15:00:00Z'),
        createdBy: w.people.coordinator,
      });
      await setClock('2026-08-15T15:00:00Z'); // inside both 6-month windows (due 2026-09-01)
      let worklist = await assessor.request('GET', `${base()}/assessments`);
      expect(worklist.body.map((r: any) => [r.participantName, r.timepointKey, r.state]).sort()).toEqual([
        ['Pat Person', 'month_6', 'due'],
        ['Quinn Other', 'baseline', 'missed'],
        ['Quinn Other', 'month_6', 'due'],
      ]);
      const tasks = await coordinator.request('GET', `${base()}/tasks`);
      const reasons = tasks.body.filter((x: any) => x.kind === 'assessment').map((x: any) => x.reason);
      expect(reasons).toHaveLength(2);
      for (const reason of reasons)
        expect(reason).toContain('6 months assessment due; the window closes after Thursday 1 October 2026');
      // Pat answers the 6-month questionnaires by phone with the assessor.
      for (const [instrumentId, answers] of [
        ['peg', peg(3)],
        ['phq9', phq9(0, 0)],
        ['gad7', gad7(0)],
      ] as const) {
        const r = await assessor.request('POST', `${mine()}/assessments/month_6/responses`, {
          instrumentId,
          answers,
          method: 'phone',
        });
        expect(r.status).toBe(200);
      }
      await setClock('2026-09-10T15:00:00Z');
      expect((await coordinator.request('GET', `${base()}/tasks`)).body.find((x: any) => x.kind === 'assessment')).toMatchObject({
        participantName: 'Quinn Other',
        isOverdue: true,
      });
      await setClock('2026-10-02T04:00:00Z'); // midnight in New York after the last day (1 October)
      worklist = await assessor.request('GET', `${base()}/assessments`);
      expect(worklist.body.map((r: any) => [r.participantName, r.timepointKey, r.state])).toEqual([
        ['Quinn Other', 'baseline', 'missed'],
        ['Quinn Other', 'month_6', 'missed'],
      ]);
      const late = await assessor.request('POST', `${mine(w.otherParticipantId)}/assessments/month_6/responses`, {
        instrumentId: 'peg',
        answers: peg(),
        method: 'phone',
      });
      expect(late.status).toBe(422);
      expect(late.body.reason).toBe('window_closed');
      expect((await coordinator.request('GET', `${base()}/tasks`)).body.some((x: any) => x.kind === 'assessment')).toBe(false);
      const report = await coordinator.request('GET', `${base()}/assessment-report`);
      const month6 = report.body.timepoints.find((x: any) => x.key === 'month_6');
      expect(month6.counts).toMatchObject({ completed: 1, missed: 1 });
      const chart = await coordinator.request('GET', `${mine()}/assessments`);
      expect(chart.body.series.find((s: any) => s.instrumentId === 'phq9').points).toEqual([
        { timepointKey: 'baseline', label: 'Baseline', total: 9, severity: 'mild' },
        { timepointKey: 'month_6', label: '6 months', total: 0, severity: 'minimal' },
      ]);
    });
  });
});

describe('the one-time link’s public routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('are rate-limited per address, so tokens cannot be guessed in bulk', async () => {
    const url = `/programs/${randomUUID()}/assessment-link`;
    const statuses: number[] = [];
    for (let i = 0; i <= LINK_RATE_LIMIT; i++)
      statuses.push((await t.anonymous.request('POST', url, { token: 'y'.repeat(43) })).status);
    expect(statuses.slice(0, LINK_RATE_LIMIT).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('a link whose window closes before it is used', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
  });
  afterAll(() => t.close());

  it('expires when the baseline window closes, four weeks after enrolment, not at pairing (410), and saves nothing', async () => {
    t.clock.set('2026-03-25T15:00:00Z');
    const coordinator = await t.login('coordinator@test.org');
    const url = `/programs/${w.programId}/participants/${w.otherParticipantId}/assessment-links`;
    const link = await coordinator.request('POST', url, { timepointKey: 'baseline', sendEmail: false });
    expect(link.status).toBe(201);
    const token = (link.body.url as string).split('#')[1]!;
    const open = await t.anonymous.request('POST', `/programs/${w.programId}/assessment-link`, { token });
    expect(open.status).toBe(200);
    await t.db.db.insert(pairings).values({
      id: randomUUID(),
      programId: w.programId,
      participantId: w.otherParticipantId,
      coachId: w.otherCoachId,
      startedAt: new Date('2026-03-25T16:00:00Z'),
      createdBy: w.people.coordinator,
    });
    // The pairing changes nothing; the close (midnight after 29 March in New York) does.
    expect(link.body.expiresAt).toBe('2026-03-30T04:00:00.000Z');
    t.clock.set('2026-03-30T03:59:00Z');
    expect((await t.anonymous.request('POST', `/programs/${w.programId}/assessment-link`, { token })).status).toBe(200);
    t.clock.set('2026-03-30T04:00:00Z');
    const r = await t.anonymous.request('POST', `/programs/${w.programId}/assessment-link/submit`, {
      token,
      answers: { peg: peg() },
    });
    expect(r.status).toBe(410);
    const saved = await t.db.db
      .select()
      .from(assessmentResponses)
      .where(eq(assessmentResponses.participantId, w.otherParticipantId));
    expect(saved).toHaveLength(0);
  });
});

describe('missed assessments recorded durably', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  const base = () => `/programs/${w.programId}`;
  const mine = (id: string) => `${base()}/participants/${id}`;
  const sweep = () => sweepAssessmentMisses({ db: t.db.db }, t.clock.now());
  const missRows = () => t.db.db.select().from(assessmentMisses).where(eq(assessmentMisses.programId, w.programId));
  async function setClock(at: string) {
    t.clock.set(at);
    coordinator = await t.login('coordinator@test.org');
  }
  const settingsWith = (change: (tp: any) => any) =>
    coordinator
      .request('GET', `${base()}/assessment-settings`)
      .then((r) => ({ timepoints: r.body.timepoints.map((tp: any) => change({ ...tp })) }));

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    coordinator = await t.login('coordinator@test.org');
    // Pat completes the baseline by phone; Quinn is paired without one (missed when the window closes, not at the pairing).
    for (const [instrumentId, answers] of [
      ['peg', peg(3)],
      ['phq9', phq9(0, 0)],
      ['gad7', gad7(0)],
    ] as const) {
      const r = await coordinator.request('POST', `${mine(w.participantId)}/assessments/baseline/responses`, {
        instrumentId,
        answers,
        method: 'phone',
      });
      expect(r.status).toBe(200);
    }
    await t.db.db.insert(pairings).values({
      id: randomUUID(),
      programId: w.programId,
      participantId: w.otherParticipantId,
      coachId: w.otherCoachId,
      startedAt: new Date('2026-03-20T15:00:00Z'),
      createdBy: w.people.coordinator,
    });
  });
  afterAll(() => t.close());

  it('records a closed window once, however often the sweep runs, audited as a system write', async () => {
    await setClock('2026-03-30T03:59:59Z');
    expect(await sweep()).toEqual({ recorded: 0 });
    await setClock('2026-03-31T15:00:00Z');
    expect(await sweep()).toEqual({ recorded: 1 });
    expect(await sweep()).toEqual({ recorded: 0 });
    const rows = await missRows();
    expect(
      rows.map((r) => [r.participantId, r.timepointKey, r.windowOpenedAt.toISOString(), r.windowClosedAt.toISOString()]),
    ).toEqual([[w.otherParticipantId, 'baseline', '2026-03-01T05:00:00.000Z', '2026-03-30T04:00:00.000Z']]);
    expect(rows[0]!.recordedAt.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'assessment_miss'), eq(auditEvents.entityId, rows[0]!.id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ action: 'assessment_miss:create', actorId: null, requestId: 'assessment-miss-sweep' });
  });

  it('keeps a recorded miss missed after the program widens its windows: worklist, page, report; a late entry is refused', async () => {
    await setClock('2026-10-02T04:00:00Z'); // both 6-month windows (due 1 September) closed at midnight in New York
    expect(await sweep()).toEqual({ recorded: 2 });
    const widened = await coordinator.request(
      'PUT',
      `${base()}/assessment-settings`,
      await settingsWith((tp) => (tp.key === 'month_6' ? { ...tp, windowAfterDays: 90 } : tp)),
    );
    expect(widened.status).toBe(200);
    const worklist = await coordinator.request('GET', `${base()}/assessments`);
    expect(worklist.body.map((r: any) => [r.participantName, r.timepointKey, r.state, r.missRecorded]).sort()).toEqual([
      ['Pat Person', 'month_6', 'missed', true],
      ['Quinn Other', 'baseline', 'missed', true],
      ['Quinn Other', 'month_6', 'missed', true],
    ]);
    const page = await coordinator.request('GET', `${mine(w.participantId)}/assessments`);
    expect(page.body.schedule.find((s: any) => s.key === 'month_6')).toMatchObject({ state: 'missed', missRecorded: true });
    const report = await coordinator.request('GET', `${base()}/assessment-report`);
    expect(report.body.timepoints.map((x: any) => [x.key, x.counts.missed, x.counts.overdue, x.missesRecorded])).toEqual([
      ['baseline', 1, 0, 1],
      ['month_6', 2, 0, 2],
      ['month_9', 0, 0, 0],
    ]);
    expect((await coordinator.request('GET', `${base()}/tasks`)).body.some((x: any) => x.kind === 'assessment')).toBe(false);
    const late = await coordinator.request('POST', `${mine(w.participantId)}/assessments/month_6/responses`, {
      instrumentId: 'peg',
      answers: peg(),
      method: 'phone',
    });
    expect(late.status).toBe(422);
    expect(late.body.reason).toBe('window_closed');
    const link = await coordinator.request('POST', `${mine(w.participantId)}/assessment-links`, {
      timepointKey: 'month_6',
      sendEmail: false,
    });
    expect(link.status).toBe(422);
    expect(await sweep()).toEqual({ recorded: 0 });
    expect(await missRows()).toHaveLength(3);
  });

  it('refuses to rename or remove a timepoint key that has answers or recorded misses, naming it, and changes nothing', async () => {
    const before = (await coordinator.request('GET', `${base()}/assessment-settings`)).body;
    const renamed = await coordinator.request(
      'PUT',
      `${base()}/assessment-settings`,
      await settingsWith((tp) => (tp.key === 'baseline' ? { ...tp, key: 'intake' } : tp)),
    );
    expect(renamed.status).toBe(422);
    expect(renamed.body.reason).toBe('timepoint_in_use');
    expect(renamed.body.message).toContain('"Baseline" (key baseline)');
    const removed = await coordinator.request('PUT', `${base()}/assessment-settings`, {
      timepoints: before.timepoints.filter((tp: any) => tp.key !== 'month_6'),
    });
    expect(removed.status).toBe(422);
    expect(removed.body.message).toContain('"6 months" (key month_6)');
    expect((await coordinator.request('GET', `${base()}/assessment-settings`)).body).toEqual(before);
    // A timepoint nothing refers to yet may still be renamed.
    const unused = await coordinator.request(
      'PUT',
      `${base()}/assessment-settings`,
      await settingsWith((tp) => (tp.key === 'month_9' ? { ...tp, key: 'month_nine' } : tp)),
    );
    expect(unused.status).toBe(200);
  });
});

describe('a reminder for an e-mailed link not opened 3 days before it expires', () => {
  let t: TestApp;
  let w: World;
  const sweep = () => sweepLinkReminders({ db: t.db.db, mailer: t.deps.mailer }, t.clock.now());
  const reminders = () => t.db.db.select().from(mailMessages).where(eq(mailMessages.subject, LINK_REMINDER_SUBJECT));
  const makeLink = async (participantId: string) => {
    const coordinator = await t.login('coordinator@test.org');
    const r = await coordinator.request('POST', `/programs/${w.programId}/participants/${participantId}/assessment-links`, {
      timepointKey: 'baseline',
      sendEmail: true,
    });
    expect(r.status).toBe(201);
    return r.body;
  };
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
  });
  afterAll(() => t.close());

  it('is queued once, naming no one and carrying no token, from 3 days before expiry', async () => {
    const link = await makeLink(w.participantId); // made 2 March 15:00 UTC, expires 16 March 15:00 UTC
    expect(link.emailed).toBe(true);
    await makeLink(w.otherParticipantId); // Quinn has no e-mail address: nothing was e-mailed, nothing to remind
    t.clock.set('2026-03-13T14:59:59Z');
    expect(await sweep()).toEqual({ queued: 0 });
    t.clock.set('2026-03-13T15:00:00Z');
    expect(await sweep()).toEqual({ queued: 1 });
    expect(await sweep()).toEqual({ queued: 0 });
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.toAddress).toBe('participant@test.org');
    expect(sent[0]!.idempotencyKey).toMatch(/^assessment-link-reminder:/);
    expect(sent[0]!.bodyText).toContain(LINK_SUBJECT);
    expect(sent[0]!.bodyText).toContain('works until Monday 16 March 2026');
    expect(sent[0]!.bodyText).not.toContain('Pat');
    expect(sent[0]!.bodyText).not.toContain(link.url.split('#')[1]);
    const [row] = await t.db.db.select().from(assessmentLinks).where(eq(assessmentLinks.participantId, w.participantId));
    expect(row!.remindedAt?.toISOString()).toBe('2026-03-13T15:00:00.000Z');
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, row!.id), eq(auditEvents.requestId, 'assessment-link-reminder-sweep')));
    expect(audited).toHaveLength(1);
  });

  it('is not sent for a link the participant opened', async () => {
    t.clock.set('2026-03-14T15:00:00Z');
    const link = await makeLink(w.participantId); // replaces the earlier one; expires 28 March
    const opened = await t.anonymous.request('POST', `/programs/${w.programId}/assessment-link`, {
      token: link.url.split('#')[1],
    });
    expect(opened.status).toBe(200);
    t.clock.set('2026-03-26T15:00:00Z');
    expect(await sweep()).toEqual({ queued: 0 });
    expect(await reminders()).toHaveLength(1);
  });
});
