import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorePhq9 } from '../../../core/instruments';
import { DEFAULT_CRISIS_INFO } from '../../../core/safety';
import { auditEvents } from '../../platform/audit.table';
import { mailMessages } from '../../platform/mail.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { pairings } from '../pairings/pairings.table';
import { ALERT_SUBJECT, recordCheckInNoteFlags, recordScoredResponseFlags } from './index';
import { safetyEvents, safetyFollowUps } from './safety.table';

describe('safety events', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;
  let participant: Agent;
  let evaluator: Agent;
  let outsider: Agent;
  const key = () => `key-${randomUUID()}`;
  const phq9 = (item9: number) =>
    Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9-${i + 1}`, i === 8 ? item9 : 1])) as Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    // Pat Person is coached by Carl Coach; Quinn Other waits for a coach.
    await t.db.db.insert(pairings).values({
      id: randomUUID(),
      programId: w.programId,
      participantId: w.participantId,
      coachId: w.coachId,
      startedAt: new Date('2026-03-01T15:00:00Z'),
      createdBy: w.people.coordinator,
    });
    [coordinator, coach, otherCoach, participant, evaluator, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
  });
  afterAll(() => t.close());

  /** Moves the clock and signs everyone in again (sessions end after 30 idle minutes). */
  async function setClock(at: string) {
    t.clock.set(at);
    [coordinator, coach, otherCoach, participant, evaluator, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
  }

  const events = () => t.db.db.select().from(safetyEvents).where(eq(safetyEvents.programId, w.programId));
  const alerts = () => t.db.db.select().from(mailMessages).where(eq(mailMessages.subject, ALERT_SUBJECT));
  const env = () => ({ mailer: t.deps.mailer, publicUrl: t.deps.publicUrl, now: t.clock.now() });
  const system = { actor: null, requestId: 'test-request', ip: null };
  const tasks = async () =>
    (await coordinator.request('GET', `/programs/${w.programId}/tasks`)).body as {
      kind: string;
      safetyEventId?: string;
      participantId: string;
      reason: string;
    }[];

  describe('settings', () => {
    it('start with the Veterans Crisis Line and no safety contacts', async () => {
      const res = await coordinator.request('GET', `/programs/${w.programId}/safety/settings`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ safetyContacts: [], crisis: DEFAULT_CRISIS_INFO });
    });

    it('refuse bad values naming the fields, and anyone but staff, changing nothing', async () => {
      const bad = await coordinator.request('PUT', `/programs/${w.programId}/safety/settings`, {
        safetyContacts: ['not-an-address'],
        crisis: { ...DEFAULT_CRISIS_INFO, chatUrl: 'http://insecure.example.org' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
        'body.crisis.chatUrl',
        'body.safetyContacts.0',
      ]);
      const body = { safetyContacts: ['x@test.org'], crisis: DEFAULT_CRISIS_INFO };
      expect((await coach.request('PUT', `/programs/${w.programId}/safety/settings`, body)).status).toBe(403);
      expect((await evaluator.request('GET', `/programs/${w.programId}/safety/settings`)).status).toBe(403);
      expect((await outsider.request('PUT', `/programs/${w.programId}/safety/settings`, body)).status).toBe(404);
      expect((await coordinator.request('GET', `/programs/${w.programId}/safety/settings`)).body.safetyContacts).toEqual([]);
    });

    it('are saved by staff, and everyone in the program reads the crisis information', async () => {
      const crisis = {
        ...DEFAULT_CRISIS_INFO,
        programContact: { name: 'Program office', phone: '317 555 0150', hours: 'Weekdays 8 to 4' },
      };
      const res = await coordinator.request('PUT', `/programs/${w.programId}/safety/settings`, {
        safetyContacts: ['Safety@Test.org', 'oncall@test.org'],
        crisis,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ safetyContacts: ['safety@test.org', 'oncall@test.org'], crisis });
      for (const agent of [participant, coach, evaluator]) {
        const info = await agent.request('GET', `/programs/${w.programId}/safety/crisis-info`);
        expect(info.status).toBe(200);
        expect(info.body.programContact).toEqual(crisis.programContact);
      }
      expect((await outsider.request('GET', `/programs/${w.programId}/safety/crisis-info`)).status).toBe(404);
    });
  });

  describe('a PHQ-9 with item 9 = 1', () => {
    it('creates the event, the task and the e-mail exactly once', async () => {
      const result = scorePhq9(phq9(1));
      expect(result.flags).toEqual(['suicidal_ideation']);
      const responseId = randomUUID();
      const input = {
        programId: w.programId,
        participantId: w.participantId,
        responseId,
        result,
        answers: phq9(1),
        enteredBy: null,
      };
      const before = { events: (await events()).length, alerts: (await alerts()).length };

      const first = await t.db.db.transaction((tx) => recordScoredResponseFlags(tx, env(), system, input));
      const second = await t.db.db.transaction((tx) => recordScoredResponseFlags(tx, env(), system, input));
      expect(first).toEqual([{ eventId: expect.any(String), isNew: true }]);
      expect(second).toEqual([{ eventId: first[0]!.eventId, isNew: false }]);

      const saved = (await events()).filter((e) => e.details.responseId === responseId);
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatchObject({
        trigger: 'assessment_flag',
        category: 'self_harm',
        state: 'open',
        participantId: w.participantId,
        coachId: w.coachId,
        raisedByRole: 'system',
        details: { instrument: 'phq9', flag: 'suicidal_ideation', itemValue: 1 },
      });
      expect((await events()).length).toBe(before.events + 1);

      // One alert to each safety contact, naming no one, linking to the event.
      const mail = (await alerts()).slice(before.alerts);
      expect(mail.map((m) => m.toAddress).sort()).toEqual(['oncall@test.org', 'safety@test.org']);
      for (const m of mail) {
        expect(m.subject).toBe('Kindred: a safety event needs attention');
        expect(m.bodyText).toContain(`http://kindred.test/programs/${w.programId}/safety/${first[0]!.eventId}`);
        expect(m.bodyText).not.toMatch(/Pat|Person|P-0/);
      }

      // The coordinator's task list starts with it.
      const list = await tasks();
      expect(list[0]).toMatchObject({ kind: 'safety', safetyEventId: first[0]!.eventId, participantId: w.participantId });
      expect(list[0]!.reason).toMatch(
        /^PHQ-9 item 9 .* answered above 0 \(1\); found by Kindred on Monday 2 March 2026 at 10:00 AM\. Acknowledge it now\.$/,
      );
      expect(list.filter((x) => x.safetyEventId === first[0]!.eventId)).toHaveLength(1);

      const audited = await t.db.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, 'safety_event'), eq(auditEvents.entityId, first[0]!.eventId)));
      expect(audited.map((a) => a.action)).toEqual(['safety_event:create']);
    });

    it('raises nothing when item 9 is 0', async () => {
      const before = (await events()).length;
      const result = scorePhq9(phq9(0));
      const out = await t.db.db.transaction((tx) =>
        recordScoredResponseFlags(tx, env(), system, {
          programId: w.programId,
          participantId: w.participantId,
          responseId: randomUUID(),
          result,
          enteredBy: null,
        }),
      );
      expect(out).toEqual([]);
      expect((await events()).length).toBe(before);
    });
  });

  describe('risk words in a check-in note', () => {
    it('flag the note for review once, recording the phrases and never the note', async () => {
      const checkInId = randomUUID();
      const input = {
        programId: w.programId,
        participantId: w.otherParticipantId,
        checkInId,
        note: 'Rough week. Honestly I want to die some days.',
        enteredBy: w.people.participant,
      };
      const first = await t.db.db.transaction((tx) => recordCheckInNoteFlags(tx, env(), system, input));
      const again = await t.db.db.transaction((tx) => recordCheckInNoteFlags(tx, env(), system, input));
      expect(first).toEqual({ eventId: expect.any(String), isNew: true });
      expect(again).toEqual({ eventId: first!.eventId, isNew: false });
      const [row] = (await events()).filter((e) => e.id === first!.eventId);
      expect(row).toMatchObject({
        trigger: 'risk_words',
        coachId: null,
        note: '',
        details: { phrases: ['want to die'], checkInId },
      });
      expect(JSON.stringify(row)).not.toContain('Rough week');
    });

    it('leave everyday pain talk alone', async () => {
      const before = (await events()).length;
      const out = await t.db.db.transaction((tx) =>
        recordCheckInNoteFlags(tx, env(), system, {
          programId: w.programId,
          participantId: w.participantId,
          checkInId: randomUUID(),
          note: 'My back is killing me but I killed it at the gym.',
          enteredBy: null,
        }),
      );
      expect(out).toBeNull();
      expect((await events()).length).toBe(before);
    });
  });

  describe('"I need help now"', () => {
    it('raises the event for the participant and answers with what to do now, once per key', async () => {
      const clientKey = key();
      const res = await participant.request('POST', `/programs/${w.programId}/safety/help`, { clientKey });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        trigger: 'participant_help',
        crisis: { callNumber: '988', callPress: '1', textNumber: '838255' },
      });
      const retry = await participant.request('POST', `/programs/${w.programId}/safety/help`, { clientKey });
      expect(retry.status).toBe(200);
      expect(retry.body.id).toBe(res.body.id);
      expect((await events()).filter((e) => e.id === res.body.id)).toHaveLength(1);
      const [row] = (await events()).filter((e) => e.id === res.body.id);
      expect(row).toMatchObject({ participantId: w.participantId, raisedBy: w.people.participant, raisedByRole: 'participant' });
      expect((await tasks()).some((x) => x.safetyEventId === res.body.id)).toBe(true);
    });

    it('is for participants: a coach or staff member is refused and nothing is raised', async () => {
      const before = (await events()).length;
      expect((await coach.request('POST', `/programs/${w.programId}/safety/help`, { clientKey: key() })).status).toBe(403);
      expect((await coordinator.request('POST', `/programs/${w.programId}/safety/help`, { clientKey: key() })).status).toBe(403);
      expect((await outsider.request('POST', `/programs/${w.programId}/safety/help`, { clientKey: key() })).status).toBe(404);
      expect((await participant.request('POST', `/programs/${w.programId}/safety/help`, {})).status).toBe(400);
      expect((await events()).length).toBe(before);
    });
  });

  describe('"Pressed by mistake? Tell us" (issue #16)', () => {
    it('notes it on the participant’s own event, which stays open for staff, with the phone to call', async () => {
      const res = await participant.request('POST', `/programs/${w.programId}/safety/help`, { clientKey: key() });
      const url = `/programs/${w.programId}/safety/help/${res.body.id}/mistake`;
      expect((await coach.request('POST', url)).status).toBe(403);
      expect((await coordinator.request('POST', url)).status).toBe(403);
      expect((await outsider.request('POST', url)).status).toBe(404);
      expect((await participant.request('POST', url)).status).toBe(200);
      const seen = await coordinator.request('GET', `/programs/${w.programId}/safety/events/${res.body.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.state).toBe('open');
      expect(seen.body.steps).toContain('acknowledge');
      expect(typeof seen.body.details.mistakeReportedAt).toBe('string');
      expect(seen.body).toHaveProperty('participantPhone');
      const first = seen.body.details.mistakeReportedAt;
      expect((await participant.request('POST', url)).status).toBe(200);
      const again = await coordinator.request('GET', `/programs/${w.programId}/safety/events/${res.body.id}`);
      expect(again.body.details.mistakeReportedAt).toBe(first);
    });

    it('is not found for an event the participant did not raise by pressing', async () => {
      const concern = await coach.request('POST', `/programs/${w.programId}/safety/concerns`, {
        participantId: w.participantId,
        clientKey: key(),
        category: null,
        note: '',
      });
      expect(concern.status).toBe(201);
      const res = await participant.request('POST', `/programs/${w.programId}/safety/help/${concern.body.id}/mistake`);
      expect(res.status).toBe(404);
    });
  });

  describe('a coach’s safety concern', () => {
    it('is raised for the coach’s own participant, with the crisis information in the answer', async () => {
      const res = await coach.request('POST', `/programs/${w.programId}/safety/concerns`, {
        participantId: w.participantId,
        clientKey: key(),
        category: 'self_harm',
        note: 'Said he has been thinking of ending it.',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        trigger: 'coach_concern',
        crisis: { lineName: 'Veterans Crisis Line', emergencyNumber: '911' },
      });
      const [row] = (await events()).filter((e) => e.id === res.body.id);
      expect(row).toMatchObject({ raisedBy: w.people.coach, raisedByRole: 'coach', category: 'self_harm', coachId: w.coachId });
    });

    it('answers 404 to a coach not paired with the participant, and to evaluators and outsiders; nothing is raised', async () => {
      const before = { events: (await events()).length, alerts: (await alerts()).length };
      const body = { participantId: w.participantId, clientKey: key(), category: null };
      expect((await otherCoach.request('POST', `/programs/${w.programId}/safety/concerns`, body)).status).toBe(404);
      expect((await evaluator.request('POST', `/programs/${w.programId}/safety/concerns`, body)).status).toBe(404);
      expect((await outsider.request('POST', `/programs/${w.programId}/safety/concerns`, body)).status).toBe(404);
      expect(
        (
          await coach.request('POST', `/programs/${w.programId}/safety/concerns`, {
            ...body,
            participantId: w.otherParticipantId,
          })
        ).status,
      ).toBe(404);
      expect(
        (await coach.request('POST', `/programs/${w.programId}/safety/concerns`, { ...body, participantId: randomUUID() }))
          .status,
      ).toBe(404);
      expect((await participant.request('POST', `/programs/${w.programId}/safety/concerns`, body)).status).toBe(403);
      expect((await events()).length).toBe(before.events);
      expect((await alerts()).length).toBe(before.alerts);
    });

    it('refuses bad input (400) and a key reused for another participant (409)', async () => {
      const before = (await events()).length;
      const bad = await coach.request('POST', `/programs/${w.programId}/safety/concerns`, {
        participantId: 'nobody',
        clientKey: 'x',
        category: 'panic',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
        'body.category',
        'body.clientKey',
        'body.participantId',
      ]);
      const clientKey = key();
      expect(
        (
          await coordinator.request('POST', `/programs/${w.programId}/safety/concerns`, {
            participantId: w.participantId,
            clientKey,
          })
        ).status,
      ).toBe(201);
      const reused = await coordinator.request('POST', `/programs/${w.programId}/safety/concerns`, {
        participantId: w.otherParticipantId,
        clientKey,
      });
      expect(reused.status).toBe(409);
      expect(reused.body.reason).toBe('client_key_reused');
      expect((await events()).length).toBe(before + 1);
    });
  });

  describe('acknowledge, follow up, close', () => {
    let eventId: string;
    const url = (path = '') => `/programs/${w.programId}/safety/events/${eventId}${path}`;
    const state = async () => (await t.db.db.select().from(safetyEvents).where(eq(safetyEvents.id, eventId)))[0]!;

    beforeAll(async () => {
      await setClock('2026-03-02T15:00:00.000Z');
      const res = await coach.request('POST', `/programs/${w.programId}/safety/concerns`, {
        participantId: w.participantId,
        clientKey: key(),
        category: 'medical_emergency',
      });
      eventId = res.body.id;
    });

    it('shows the event to staff only (404 to a coach, the participant and evaluators)', async () => {
      const res = await coordinator.request('GET', url());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        participantName: 'Pat Person',
        coachName: 'Carl Coach',
        trigger: 'coach_concern',
        category: 'medical_emergency',
        state: 'open',
        raisedByName: 'coach',
        raisedByRole: 'coach',
        steps: ['acknowledge'],
        followUps: [],
        timings: { minutesToAcknowledge: null, followUpStatus: 'pending', followUpDueAt: '2026-03-04T05:00:00.000Z' },
      });
      for (const agent of [coach, participant, evaluator, outsider]) expect((await agent.request('GET', url())).status).toBe(404);
      expect((await coordinator.request('GET', `/programs/${w.programId}/safety/events/${randomUUID()}`)).status).toBe(404);
    });

    it('refuses to close or follow up an event nobody acknowledged (409) and changes nothing', async () => {
      const close = await coordinator.request('POST', url('/close'), { note: 'done' });
      expect(close.status).toBe(409);
      expect(close.body.reason).toBe('no_follow_up');
      const follow = await coordinator.request('POST', url('/follow-ups'), { doneAt: '2026-03-02T15:00:00Z', action: 'Called' });
      expect(follow.status).toBe(409);
      expect(follow.body.reason).toBe('not_acknowledged');
      expect(await state()).toMatchObject({ state: 'open', closedAt: null, acknowledgedAt: null });
      expect(await t.db.db.select().from(safetyFollowUps).where(eq(safetyFollowUps.eventId, eventId))).toEqual([]);
    });

    it('lets only staff act (a coach gets 404)', async () => {
      expect((await coach.request('POST', url('/acknowledge'))).status).toBe(404);
      expect((await evaluator.request('POST', url('/acknowledge'))).status).toBe(404);
      expect((await state()).state).toBe('open');
    });

    it('is acknowledged once', async () => {
      await setClock('2026-03-02T15:12:00.000Z');
      const res = await coordinator.request('POST', url('/acknowledge'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'acknowledged', acknowledgedByName: 'coordinator', steps: ['follow_up'] });
      expect(res.body.timings.minutesToAcknowledge).toBe(12);
      const again = await coordinator.request('POST', url('/acknowledge'));
      expect(again.status).toBe(409);
      expect(again.body.reason).toBe('already_acknowledged');
      expect((await state()).acknowledgedAt?.toISOString()).toBe('2026-03-02T15:12:00.000Z');
      // Still a task until closed, now asking for the follow-up.
      const task = (await tasks()).find((x) => x.safetyEventId === eventId);
      expect(task?.reason).toMatch(/Record the follow-up/);
    });

    it('still cannot close without a follow-up; a follow-up in the future is refused', async () => {
      expect((await coordinator.request('POST', url('/close'), {})).status).toBe(409);
      const future = await coordinator.request('POST', url('/follow-ups'), {
        doneAt: '2026-03-03T15:00:00Z',
        action: 'Called him',
      });
      expect(future.status).toBe(422);
      expect(future.body.reason).toBe('follow_up_in_future');
      expect((await coordinator.request('POST', url('/follow-ups'), { doneAt: '2026-03-02T15:00:00Z' })).status).toBe(400);
      expect((await state()).state).toBe('acknowledged');
    });

    it('records who followed up, when, what was done and the referral, then closes', async () => {
      await setClock('2026-03-02T18:30:00.000Z');
      const follow = await coordinator.request('POST', url('/follow-ups'), {
        doneAt: '2026-03-02T18:00:00Z',
        action: 'Called Pat; he is safe and seeing his doctor today.',
        referredTo: 'Primary care, same-day visit',
      });
      expect(follow.status).toBe(201);
      expect(follow.body).toMatchObject({
        state: 'followed_up',
        steps: ['follow_up', 'close'],
        followUps: [
          {
            doneAt: '2026-03-02T18:00:00.000Z',
            action: 'Called Pat; he is safe and seeing his doctor today.',
            referredTo: 'Primary care, same-day visit',
            recordedByName: 'coordinator',
            recordedAt: '2026-03-02T18:30:00.000Z',
          },
        ],
        timings: { minutesToAcknowledge: 12, minutesToFollowUp: 180, followUpStatus: 'on_time' },
      });
      const close = await coordinator.request('POST', url('/close'), { note: 'No further action needed.' });
      expect(close.status).toBe(200);
      expect(close.body).toMatchObject({
        state: 'closed',
        closedByName: 'coordinator',
        closeNote: 'No further action needed.',
        steps: [],
      });
      expect((await tasks()).some((x) => x.safetyEventId === eventId)).toBe(false);
      const after = await coordinator.request('POST', url('/follow-ups'), { doneAt: '2026-03-02T18:00:00Z', action: 'Again' });
      expect(after.status).toBe(409);
      expect(after.body.reason).toBe('event_closed');
      const audited = await t.db.db.select().from(auditEvents).where(eq(auditEvents.entityId, eventId));
      expect(audited.map((a) => a.action).sort()).toEqual([
        'safety_event:create',
        'safety_event:read',
        'safety_event:update',
        'safety_event:update',
        'safety_event:update',
      ]);
      const [followUp] = await t.db.db.select().from(safetyFollowUps).where(eq(safetyFollowUps.eventId, eventId));
      const followUpAudit = await t.db.db.select().from(auditEvents).where(eq(auditEvents.entityId, followUp!.id));
      expect(followUpAudit.map((a) => a.action)).toEqual(['safety_follow_up:create']);
    });
  });

  describe('the safety log', () => {
    it('gives staff every event with names and timings, newest first', async () => {
      const res = await coordinator.request('GET', `/programs/${w.programId}/safety/events`);
      expect(res.status).toBe(200);
      expect(res.body.view).toBe('full');
      const closed = res.body.events.find((e: { state: string }) => e.state === 'closed');
      expect(closed).toMatchObject({
        view: 'full',
        participantName: 'Pat Person',
        acknowledgedAt: '2026-03-02T15:12:00.000Z',
        firstFollowUpAt: '2026-03-02T18:00:00.000Z',
        timings: { minutesToAcknowledge: 12, minutesToFollowUp: 180, followUpStatus: 'on_time' },
      });
      expect(res.body.summary).toMatchObject({
        total: res.body.events.length,
        notClosed: res.body.events.length - 1,
        medianMinutesToAcknowledge: 12,
        medianMinutesToFollowUp: 180,
      });
      const times = res.body.events.map((e: { raisedAt: string }) => e.raisedAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('is pseudonymous for evaluators: codes, no names, no notes', async () => {
      const res = await evaluator.request('GET', `/programs/${w.programId}/safety/events`);
      expect(res.status).toBe(200);
      expect(res.body.view).toBe('pseudonymous');
      expect(
        res.body.events.every(
          (e: { view: string; participantCode: string }) => e.view === 'pseudonymous' && /^P-/.test(e.participantCode),
        ),
      ).toBe(true);
      const text = JSON.stringify(res.body);
      for (const word of ['Pat', 'Person', 'Quinn', 'Carl', 'coordinator', 'ending it', 'participantId', 'raisedByName']) {
        expect(text).not.toContain(word);
      }
    });

    it('is refused to coaches and participants', async () => {
      expect((await coach.request('GET', `/programs/${w.programId}/safety/events`)).status).toBe(403);
      expect((await participant.request('GET', `/programs/${w.programId}/safety/events`)).status).toBe(403);
      expect((await outsider.request('GET', `/programs/${w.programId}/safety/events`)).status).toBe(404);
    });
  });

  it('lets only one of two coordinators acting at once acknowledge an event', async () => {
    const raised = await coach.request('POST', `/programs/${w.programId}/safety/concerns`, {
      participantId: w.participantId,
      clientKey: key(),
    });
    const second = await t.login('coordinator@test.org');
    const url = `/programs/${w.programId}/safety/events/${raised.body.id}/acknowledge`;
    const answers = await Promise.all([coordinator.request('POST', url), second.request('POST', url)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const updates = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, raised.body.id), eq(auditEvents.action, 'safety_event:update')));
    expect(updates).toHaveLength(1);
  });

  describe('alert recipients', () => {
    it('fall back to the program’s coordinators when no safety contacts are set', async () => {
      await coordinator.request('PUT', `/programs/${w.programId}/safety/settings`, {
        safetyContacts: [],
        crisis: DEFAULT_CRISIS_INFO,
      });
      const before = (await alerts()).length;
      const res = await coach.request('POST', `/programs/${w.programId}/safety/concerns`, {
        participantId: w.participantId,
        clientKey: key(),
      });
      expect(res.status).toBe(201);
      expect((await alerts()).slice(before).map((m) => m.toAddress)).toEqual(['coordinator@test.org']);
    });
  });
});
