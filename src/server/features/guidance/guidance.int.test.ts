import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { outboxMessages } from '../../platform/mail.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { contacts } from '../contacts/contacts.table';
import { scheduledSessions } from '../engagement/engagement.table';
import { participants } from '../participants/participants.table';
import { actionPlans } from '../plans/plans.table';
import { sweepCheckInReminders } from './reminders.service';
import { sessionGuides } from './guidance.table';

const walk = { what: 'Walk around the block', howMuch: '20 minutes', when: 'After lunch', daysPerWeek: 5, confidence: 5 };
const smaller = { ...walk, howMuch: '10 minutes', daysPerWeek: 3, confidence: 8 };
const allFalse = { discussedStrategies: false, gaveEncouragement: false, discussedAdjusting: false, discussedGoals: false };

describe('the session guide, with its access rules', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;
  let participant: Agent;
  let evaluator: Agent;
  let firstPlanId = '';

  const guideUrl = (participantId = w.participantId) => `/programs/${w.programId}/participants/${participantId}/guide`;
  const count = async (table: typeof contacts | typeof actionPlans | typeof sessionGuides) =>
    (await t.db.db.select().from(table)).length;
  const counts = async () => [await count(contacts), await count(actionPlans), await count(sessionGuides)];

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    [coordinator, coach, otherCoach, participant, evaluator] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
    ]);
    for (const [participantId, coachId] of [
      [w.participantId, w.coachId],
      [w.otherParticipantId, w.otherCoachId],
    ]) {
      const res = await coordinator.request('POST', `/programs/${w.programId}/pairings`, {
        participantId,
        coachId,
        genderMismatchReason: 'He said any fellow veteran is fine.',
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  const firstSession = () => ({
    clientKey: randomUUID(),
    occurredAt: t.clock.now().toISOString(),
    channel: 'phone',
    minutes: 35,
    check: { pain: 6, mood: 7 },
    topics: ['getting_started'],
    suggestedTopic: 'getting_started',
    plan: { kind: 'action_plan', ...smaller, earlierDrafts: [walk] },
    elements: { discussedStrategies: true, gaveEncouragement: false, discussedAdjusting: true, discussedGoals: true },
    note: 'Talked about his garden.',
    nextContactOn: '2026-03-09',
  });

  it('opens with the topics, the suggested topic and why, and the bridge and "what if" help', async () => {
    const res = await coach.request('GET', guideUrl());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      participantId: w.participantId,
      givenName: 'Pat',
      today: '2026-03-02',
      cadenceDays: 14,
      lastPlan: null,
      lastCheckIn: null,
      lastCheck: null,
      suggestion: { key: 'getting_started', basis: 'order' },
    });
    expect(res.body.topics).toHaveLength(12);
    expect(res.body.topics.every((x: { isCovered: boolean }) => !x.isCovered)).toBe(true);
    expect(res.body.whatIfs.map((x: { key: string }) => x.key)).toEqual(['only_chat', 'not_ready', 'bad_week', 'crisis']);
    expect(res.body.whatIfs.at(-1).link).toBe('safety');
    expect(res.body.bridges.length).toBeGreaterThan(0);
    const opened = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'session_guide:read'), eq(auditEvents.entityId, w.participantId)));
    expect(opened).toHaveLength(1);
  });

  it("answers 404 to anyone but the participant's coach and staff", async () => {
    for (const agent of [otherCoach, participant, evaluator]) {
      expect((await agent.request('GET', guideUrl())).status).toBe(404);
    }
    expect((await coordinator.request('GET', guideUrl())).status).toBe(200);
  });

  it('finishes in one request: the contact, the plan with its earlier draft, the check and the elements, audited', async () => {
    const body = firstSession();
    const res = await coach.request('POST', guideUrl(), body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      topics: ['getting_started'],
      reviewedPlanId: null,
      nextContactOn: '2026-03-09',
      elements: body.elements,
      derivedElements: { discussedStrategies: true, gaveEncouragement: false, discussedAdjusting: true, discussedGoals: true },
    });
    firstPlanId = res.body.planId;
    const [contact] = await t.db.db.select().from(contacts).where(eq(contacts.id, res.body.contactId));
    expect(contact).toMatchObject({
      participantId: w.participantId,
      coachId: w.coachId,
      outcome: 'reached',
      isReached: true,
      minutes: 35,
      topics: ['getting_started'],
      discussedStrategies: true,
      gaveEncouragement: false,
      discussedAdjusting: true,
      discussedGoals: true,
      note: 'Talked about his garden.',
    });
    const [plan] = await t.db.db.select().from(actionPlans).where(eq(actionPlans.id, firstPlanId));
    expect(plan).toMatchObject({ kind: 'action_plan', confidence: 8, daysPerWeek: 3, clientKey: body.clientKey });
    expect(plan?.earlierDrafts).toEqual([walk]);
    const [guide] = await t.db.db.select().from(sessionGuides).where(eq(sessionGuides.id, res.body.guideId));
    expect(guide).toMatchObject({ pain: 6, mood: 7, suggestedTopic: 'getting_started', contactId: contact?.id });
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, (await lastRequestId())!));
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['contact:create', 'action_plan:create', 'session_guide:create']),
    );
  });

  /** The request id of the last session_guide:create audit event. */
  async function lastRequestId() {
    const rows = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'session_guide:create'));
    return rows.at(-1)?.requestId;
  }

  it('saves a retried finish once and answers with what was saved', async () => {
    t.clock.set(new Date(t.clock.now().getTime() + 10 * 60_000));
    const body = firstSession();
    const first = await coach.request('POST', guideUrl(), body);
    const before = await counts();
    const retry = await coach.request('POST', guideUrl(), body);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.guideId).toBe(first.body.guideId);
    expect(await counts()).toEqual(before);
    // The second session above made a new current plan: review that one next.
    firstPlanId = first.body.planId;
  });

  it('reviews the last plan, records a smaller step when not ready, and keeps the coach’s corrections', async () => {
    t.clock.advanceDays(7);
    // A week later: sign in again (sessions expire when idle).
    [coach, otherCoach, participant] = await Promise.all([
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('participant@test.org'),
    ]);
    const opened = await coach.request('GET', guideUrl());
    expect(opened.body.lastPlan.id).toBe(firstPlanId);
    expect(opened.body.lastCheck).toMatchObject({ pain: 6, mood: 7 });
    expect(opened.body.topics.find((x: { key: string }) => x.key === 'getting_started').isCovered).toBe(true);
    // The last plan was a walk: physical activity comes before the program's next topic.
    expect(opened.body.suggestion).toMatchObject({ key: 'physical_activity', basis: 'plan' });

    const res = await coach.request('POST', guideUrl(), {
      clientKey: randomUUID(),
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      check: { pain: 7, mood: null },
      review: { planId: firstPlanId, outcome: 'partly', barrier: 'I slept badly', change: 'Walk in the morning' },
      topics: ['sleep'],
      suggestedTopic: 'sleep',
      plan: { kind: 'small_step', readiness: 3, what: 'Read the sleep handout', when: '' },
      // The coach unticks encouragement the guide derived from a partly done plan.
      elements: { discussedStrategies: true, gaveEncouragement: false, discussedAdjusting: true, discussedGoals: true },
    });
    expect(res.status).toBe(201);
    expect(res.body.derivedElements).toEqual({
      discussedStrategies: true,
      gaveEncouragement: true,
      discussedAdjusting: true,
      discussedGoals: true,
    });
    expect(res.body.elements.gaveEncouragement).toBe(false);
    const [reviewed] = await t.db.db.select().from(actionPlans).where(eq(actionPlans.id, firstPlanId));
    expect(reviewed).toMatchObject({ reviewOutcome: 'partly', reviewBarrier: 'I slept badly' });
    const [step] = await t.db.db.select().from(actionPlans).where(eq(actionPlans.id, res.body.planId));
    expect(step).toMatchObject({ kind: 'small_step', readiness: 3, confidence: null });
    const [guide] = await t.db.db.select().from(sessionGuides).where(eq(sessionGuides.id, res.body.guideId));
    expect(guide?.derivedElements).toContain('gaveEncouragement');
    expect(guide?.confirmedElements).not.toContain('gaveEncouragement');
    expect(guide).toMatchObject({ pain: 7, mood: null, reviewedPlanId: firstPlanId });
  });

  it('schedules the next session with its invitations in the same request when a day and time are agreed', async () => {
    const res = await coach.request('POST', guideUrl(), {
      ...firstSession(),
      occurredAt: t.clock.now().toISOString(),
      plan: null,
      topics: [],
      elements: allFalse,
      nextContactOn: null,
      schedule: { date: '2026-03-16', time: '10:30', modality: 'phone' },
    });
    expect(res.status).toBe(201);
    expect(res.body.nextContactOn).toBe('2026-03-16');
    const sessions = await t.db.db.select().from(scheduledSessions).where(eq(scheduledSessions.participantId, w.participantId));
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ modality: 'phone', coachId: w.coachId, status: 'scheduled' });
    const invitations = (await t.db.db.select().from(outboxMessages)).filter((m) =>
      m.idempotencyKey?.startsWith('session-invite:'),
    );
    expect(invitations.length).toBeGreaterThan(0);
  });

  it('refuses a stale plan, a bad next date, bad input and another coach, and saves nothing', async () => {
    const before = await counts();
    const base = { ...firstSession(), plan: null, topics: [], elements: allFalse, nextContactOn: null };
    const stale = await coach.request('POST', guideUrl(), {
      ...base,
      review: { planId: firstPlanId, outcome: 'done' },
    });
    expect(stale.status).toBe(422);
    expect(stale.body.reason).toBe('plan_not_current');
    const past = await coach.request('POST', guideUrl(), { ...base, nextContactOn: '2026-03-09' });
    expect(past.status).toBe(422);
    expect(past.body.reason).toBe('next_contact_out_of_range');
    const unknownTopic = await coach.request('POST', guideUrl(), { ...base, clientKey: randomUUID(), topics: ['astrology'] });
    expect(unknownTopic.status).toBe(422);
    const bad = await coach.request('POST', guideUrl(), { ...base, check: { pain: 11 }, channel: 'pigeon' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.channel', 'body.check.pain']);
    const notHis = await otherCoach.request('POST', guideUrl(), { ...base, clientKey: randomUUID() });
    expect(notHis.status).toBe(404);
    const asParticipant = await participant.request('POST', guideUrl(), { ...base, clientKey: randomUUID() });
    expect(asParticipant.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('rolls the whole session back when a later part fails (the contact is not kept alone)', async () => {
    const before = await counts();
    // A plan key already used for another participant's plan makes createPlan refuse after the contact was written.
    const other = await otherCoach.request('POST', `/programs/${w.programId}/participants/${w.otherParticipantId}/plans`, {
      kind: 'small_step',
      clientKey: randomUUID(),
      readiness: 2,
      what: 'Think about it',
    });
    expect(other.status).toBe(201);
    const [otherPlan] = await t.db.db.select().from(actionPlans).where(eq(actionPlans.id, other.body.id));
    const res = await coach.request('POST', guideUrl(), {
      ...firstSession(),
      clientKey: otherPlan!.clientKey,
      nextContactOn: null,
    });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('client_key_reused');
    expect(await counts()).toEqual([before[0]!, before[1]! + 1, before[2]!]);
  });
});

describe('weekly check-in reminders', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
  });
  afterAll(() => t.close());

  const reminders = () => t.db.db.select().from(outboxMessages).where(eq(outboxMessages.programId, w.programId));

  it('enqueues one reminder a week by the preferred channel, and nothing outside the stated hours', async () => {
    // T0 is Monday 10:00 in New York: Pat (an account, mornings) has never checked in. Quinn has no account.
    expect(await sweepCheckInReminders(t.deps, t.clock.now())).toEqual({ queued: 1 });
    expect(await sweepCheckInReminders(t.deps, t.clock.now())).toEqual({ queued: 0 });
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      channel: 'email',
      toAddress: 'participant@test.org',
      subject: 'Your weekly check-in',
      idempotencyKey: `checkin-reminder:${w.participantId}:2026-W10`,
    });
    expect(sent[0]?.bodyText).toContain(`http://kindred.test/programs/${w.programId}/check-in`);
    const audited = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'checkin_reminder:create'), eq(auditEvents.entityId, w.participantId)));
    expect(audited).toHaveLength(1);

    // Later the same week (Wednesday morning): already reminded this ISO week.
    t.clock.advanceDays(2);
    expect(await sweepCheckInReminders(t.deps, t.clock.now())).toEqual({ queued: 0 });
  });

  it('follows a text preference, and stays quiet in the evening when mornings were asked for', async () => {
    await t.db.db.update(participants).set({ preferredChannel: 'text' }).where(eq(participants.id, w.participantId));
    // Next Monday 19:00 in New York: Pat asked for mornings.
    t.clock.set('2026-03-10T00:00:00Z');
    expect(await sweepCheckInReminders(t.deps, t.clock.now())).toEqual({ queued: 0 });
    // Tuesday 10:00: a new ISO week, by text this time.
    t.clock.set('2026-03-10T14:00:00Z');
    expect(await sweepCheckInReminders(t.deps, t.clock.now())).toEqual({ queued: 1 });
    const texts = (await reminders()).filter((m) => m.channel === 'sms');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ idempotencyKey: `checkin-reminder:${w.participantId}:2026-W11` });
  });

  it('sends no reminder to someone who gets the check-in itself by text (#16, ADR 0040)', async () => {
    await t.db.db
      .update(participants)
      .set({ textCheckInDay: 'fri', textCheckInTime: '18:00' })
      .where(eq(participants.id, w.participantId));
    // Monday of the next ISO week, 10:00 in New York: a reminder would be due.
    t.clock.set('2026-03-16T14:00:00Z');
    expect(await sweepCheckInReminders(t.deps, t.clock.now())).toEqual({ queued: 0 });
    await t.db.db
      .update(participants)
      .set({ textCheckInDay: null, textCheckInTime: null })
      .where(eq(participants.id, w.participantId));
    expect(await sweepCheckInReminders(t.deps, t.clock.now())).toEqual({ queued: 1 });
  });
});
