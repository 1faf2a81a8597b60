import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { newId } from '../../platform/ids';
import { safetyEvents } from '../safety/safety.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { actionPlans, encouragementNotes, painCheckIns, practiceLog, trackingSettings } from './plans.table';

const walk = { what: 'Walk around the block', howMuch: '20 minutes', when: 'After lunch', daysPerWeek: 5, confidence: 5 };
const smaller = { ...walk, howMuch: '10 minutes', daysPerWeek: 3, confidence: 8 };
/** T0 (2026-03-02T15:00Z) in the program's zone, America/New_York. */
const TODAY = '2026-03-02';

describe('action plans, check-ins and the practice log, with their access rules', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;
  let participant: Agent;
  let evaluator: Agent;
  let outsider: Agent;
  let planId = '';

  const base = () => `/programs/${w.programId}`;
  const of = (participantId: string, path: string) => `${base()}/participants/${participantId}/${path}`;
  const count = async (
    table: typeof actionPlans | typeof painCheckIns | typeof practiceLog | typeof encouragementNotes | typeof safetyEvents,
  ) => (await t.db.db.select().from(table)).length;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    [coordinator, coach, otherCoach, participant, evaluator, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
    for (const [participantId, coachId] of [
      [w.participantId, w.coachId],
      [w.otherParticipantId, w.otherCoachId],
    ]) {
      const res = await coordinator.request('POST', `${base()}/pairings`, {
        participantId,
        coachId,
        genderMismatchReason: 'He said any fellow veteran is fine.',
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  describe('making a plan', () => {
    it('keeps the original and the revised plan with both confidences, and audits the write', async () => {
      const res = await coach.request('POST', of(w.participantId, 'plans'), {
        kind: 'action_plan',
        clientKey: randomUUID(),
        ...smaller,
        earlierDrafts: [walk],
      });
      expect(res.status).toBe(201);
      planId = res.body.id;
      expect(res.body).toMatchObject({
        kind: 'action_plan',
        what: 'Walk around the block',
        howMuch: '10 minutes',
        daysPerWeek: 3,
        confidence: 8,
        readiness: null,
        madeOn: TODAY,
        madeBy: 'coach',
        coachName: 'Carl Coach',
        isCurrent: true,
        review: null,
      });
      expect(res.body.versions.map((v: { version: number; confidence: number }) => [v.version, v.confidence])).toEqual([
        [1, 5],
        [2, 8],
      ]);
      const [row] = await t.db.db.select().from(actionPlans).where(eq(actionPlans.id, planId));
      expect(row?.earlierDrafts).toEqual([walk]);
      expect(row?.coachId).toBe(w.coachId);
      const audited = await t.db.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, planId), eq(auditEvents.action, 'action_plan:create')));
      expect(audited).toHaveLength(1);
    });

    it('does not save a retried plan twice, and refuses a key reused for another participant', async () => {
      const body = { kind: 'action_plan', clientKey: randomUUID(), ...walk, confidence: 9 };
      const first = await coordinator.request('POST', of(w.otherParticipantId, 'plans'), body);
      expect(first.status).toBe(201);
      const before = await count(actionPlans);
      const retry = await coordinator.request('POST', of(w.otherParticipantId, 'plans'), body);
      expect(retry.status).toBe(200);
      expect(retry.body.id).toBe(first.body.id);
      expect(await count(actionPlans)).toBe(before);
      const reused = await coordinator.request('POST', of(w.participantId, 'plans'), body);
      expect(reused.status).toBe(409);
      expect(reused.body.reason).toBe('client_key_reused');
    });

    it('answers 400 for bad input and saves nothing', async () => {
      const before = await count(actionPlans);
      const bad = [
        { kind: 'action_plan', clientKey: randomUUID(), ...walk, confidence: 11 },
        { kind: 'action_plan', clientKey: randomUUID(), ...walk, daysPerWeek: 0 },
        { kind: 'action_plan', clientKey: randomUUID(), ...walk, what: '' },
        { kind: 'action_plan', clientKey: 'not-a-uuid', ...walk },
        { kind: 'small_step', clientKey: randomUUID(), what: 'Read the pacing handout' },
        { kind: 'goal', clientKey: randomUUID(), ...walk },
      ];
      for (const body of bad) {
        const res = await coach.request('POST', of(w.participantId, 'plans'), body);
        expect(res.status).toBe(400);
      }
      expect(await count(actionPlans)).toBe(before);
    });

    it("lets only the participant's own coach and staff make plans", async () => {
      const body = () => ({ kind: 'action_plan', clientKey: randomUUID(), ...smaller });
      const before = await count(actionPlans);
      expect((await otherCoach.request('POST', of(w.participantId, 'plans'), body())).status).toBe(404);
      expect((await coach.request('POST', of(w.otherParticipantId, 'plans'), body())).status).toBe(404);
      expect((await participant.request('POST', of(w.participantId, 'plans'), body())).status).toBe(404);
      expect((await evaluator.request('POST', of(w.participantId, 'plans'), body())).status).toBe(404);
      expect((await outsider.request('POST', of(w.participantId, 'plans'), body())).status).toBe(404);
      expect((await t.anonymous.request('POST', of(w.participantId, 'plans'), body())).status).toBe(401);
      expect(await count(actionPlans)).toBe(before);
    });
  });

  describe('reading plans', () => {
    it("shows a coach only his or her own participants' plans", async () => {
      const own = await coach.request('GET', of(w.participantId, 'plans'));
      expect(own.status).toBe(200);
      expect(own.body.map((p: { id: string }) => p.id)).toEqual([planId]);
      expect((await coach.request('GET', of(w.otherParticipantId, 'plans'))).status).toBe(404);
      expect((await otherCoach.request('GET', of(w.participantId, 'plans'))).status).toBe(404);
      expect((await otherCoach.request('GET', `${base()}/plans/${planId}`)).status).toBe(404);
    });

    it('shows a participant his or her own plans only', async () => {
      const own = await participant.request('GET', of(w.participantId, 'plans'));
      expect(own.status).toBe(200);
      expect(own.body).toHaveLength(1);
      expect((await participant.request('GET', `${base()}/plans/${planId}`)).body.id).toBe(planId);
      expect((await participant.request('GET', of(w.otherParticipantId, 'plans'))).status).toBe(404);
    });

    it('gives evaluators no plan text, only pseudonymous counts per pair', async () => {
      expect((await evaluator.request('GET', of(w.participantId, 'plans'))).status).toBe(404);
      expect((await evaluator.request('GET', `${base()}/plans/${planId}`)).status).toBe(404);
      const summary = await evaluator.request('GET', `${base()}/plans`);
      expect(summary.status).toBe(200);
      const row = summary.body.find((r: { participantId: string }) => r.participantId === w.participantId);
      expect(row).toMatchObject({ code: 'P-0001', participantName: null, coachName: null, plansMade: 1, reviewed: 0 });
      expect(JSON.stringify(summary.body)).not.toContain('Pat');
      expect(JSON.stringify(summary.body)).not.toContain('Walk');
    });

    it('shows coordinators plans made and reviewed per pair, and no one else', async () => {
      const summary = await coordinator.request('GET', `${base()}/plans`);
      expect(summary.status).toBe(200);
      expect(summary.body.map((r: { participantName: string; coachName: string; plansMade: number }) => r)).toEqual([
        expect.objectContaining({ participantName: 'Pat Person', coachName: 'Carl Coach', plansMade: 1 }),
        expect.objectContaining({ participantName: 'Quinn Other', coachName: 'Cora Coach', plansMade: 1 }),
      ]);
      expect((await coach.request('GET', `${base()}/plans`)).status).toBe(403);
      expect((await participant.request('GET', `${base()}/plans`)).status).toBe(403);
    });

    it('audits reads of plans', async () => {
      const reads = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'action_plan:list'));
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((r) => r.programId === w.programId)).toBe(true);
    });
  });

  describe('the practice log', () => {
    const practice = (agent: Agent, on: string, did: boolean, id = planId) =>
      agent.request('PUT', `${base()}/plans/${id}/practice/${on}`, { did });

    it('keeps one entry per day: the same answer again changes nothing, another replaces it', async () => {
      const first = await practice(participant, TODAY, true);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ planId, on: TODAY, did: true });
      expect((await practice(participant, TODAY, true)).status).toBe(200);
      expect(await t.db.db.select().from(practiceLog).where(eq(practiceLog.planId, planId))).toHaveLength(1);
      const changed = await practice(participant, TODAY, false);
      expect(changed.body.did).toBe(false);
      const rows = await t.db.db.select().from(practiceLog).where(eq(practiceLog.planId, planId));
      expect(rows.map((r) => [r.on, r.did])).toEqual([[TODAY, false]]);
      await practice(participant, TODAY, true);
      const writes = await t.db.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'practice_entry'));
      expect(writes.map((a) => a.action)).toEqual(['practice_entry:create', 'practice_entry:update', 'practice_entry:update']);
    });

    it('refuses a future day, a day before the plan, a bad date, and anyone but the participant', async () => {
      expect((await practice(participant, '2026-03-03', true)).body.reason).toBe('practice_in_future');
      expect((await practice(participant, '2026-03-01', true)).body.reason).toBe('practice_before_plan');
      expect((await practice(participant, '2026-02-30x', true)).status).toBe(400);
      expect((await participant.request('PUT', `${base()}/plans/${planId}/practice/${TODAY}`, { did: 'yes' })).status).toBe(400);
      expect((await practice(coach, TODAY, false)).status).toBe(404);
      expect((await practice(coordinator, TODAY, false)).status).toBe(404);
      const rows = await t.db.db.select().from(practiceLog).where(eq(practiceLog.planId, planId));
      expect(rows.map((r) => r.did)).toEqual([true]);
    });
  });

  describe('the weekly check-in', () => {
    it('scores PEG with the instrument library, and a second one the same day replaces the first', async () => {
      const res = await participant.request('POST', of(w.participantId, 'check-ins'), {
        pain: 6,
        enjoyment: 5,
        activity: 4,
        note: 'A better week.',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        on: TODAY,
        pain: 6,
        enjoyment: 5,
        activity: 4,
        score: 5,
        note: 'A better week.',
        source: 'app',
      });
      const again = await participant.request('POST', of(w.participantId, 'check-ins'), { pain: 6, enjoyment: 6, activity: 4 });
      expect(again.status).toBe(200);
      expect(again.body.score).toBeCloseTo(5.333, 3);
      expect(await count(painCheckIns)).toBe(1);
    });

    it('answers 400 when an item is missing or out of range, saving nothing', async () => {
      const [before] = await t.db.db.select().from(painCheckIns);
      for (const body of [
        { pain: 6, enjoyment: 5 },
        { pain: 6, enjoyment: 5, activity: 11 },
        { pain: -1, enjoyment: 5, activity: 4 },
      ]) {
        expect((await participant.request('POST', of(w.participantId, 'check-ins'), body)).status).toBe(400);
      }
      expect(await t.db.db.select().from(painCheckIns)).toEqual([before]);
    });

    it('is the participant’s own: nobody checks in for another', async () => {
      const body = { pain: 1, enjoyment: 1, activity: 1 };
      expect((await participant.request('POST', of(w.otherParticipantId, 'check-ins'), body)).status).toBe(404);
      expect((await coach.request('POST', of(w.participantId, 'check-ins'), body)).status).toBe(404);
      expect((await coordinator.request('POST', of(w.participantId, 'check-ins'), body)).status).toBe(404);
      expect(await count(painCheckIns)).toBe(1);
    });

    it('raises a safety event for a coordinator when the note holds risk words, without copying the note', async () => {
      const before = await count(safetyEvents);
      const res = await participant.request('POST', of(w.participantId, 'check-ins'), {
        pain: 6,
        enjoyment: 6,
        activity: 4,
        note: 'Some days I feel I would be better off dead.',
      });
      expect(res.status).toBe(200);
      const events = await t.db.db.select().from(safetyEvents).where(eq(safetyEvents.participantId, w.participantId));
      expect(events).toHaveLength(before + 1);
      expect(events[0]).toMatchObject({ trigger: 'risk_words', note: '' });
      expect(JSON.stringify(events[0])).not.toContain('better off dead.');
      // The note is put right the same day: the check-in is replaced, the event stays one.
      await participant.request('POST', of(w.participantId, 'check-ins'), {
        pain: 6,
        enjoyment: 6,
        activity: 4,
        note: 'Also better off dead',
      });
      expect(await count(safetyEvents)).toBe(before + 1);
      await participant.request('POST', of(w.participantId, 'check-ins'), { pain: 6, enjoyment: 6, activity: 4 });
    });

    it('serves the PEG questions from the instrument library', async () => {
      const res = await participant.request('GET', `${base()}/check-in-questions`);
      expect(res.status).toBe(200);
      expect(res.body.map((q: { field: string; linkId: string }) => [q.field, q.linkId])).toEqual([
        ['pain', 'peg-pain'],
        ['enjoyment', 'peg-enjoyment'],
        ['activity', 'peg-activity'],
      ]);
      expect(res.body[0].text).toBe('What number best describes your pain on average in the past week?');
      expect(res.body[0].options).toHaveLength(11);
      expect(res.body[0].options[0]).toEqual({ value: 0, label: '0 (No pain)' });
    });
  });

  describe('the progress picture and sharing with the coach', () => {
    beforeAll(async () => {
      // Two earlier weekly check-ins, so there is a change to put in words.
      const now = t.clock.now();
      await t.db.db.insert(painCheckIns).values(
        [
          { on: '2026-02-16', pain: 7, enjoyment: 7, activity: 6 },
          { on: '2026-02-23', pain: 6, enjoyment: 6, activity: 6 },
        ].map((c) => ({
          id: newId(),
          programId: w.programId,
          participantId: w.participantId,
          ...c,
          score: (c.pain + c.enjoyment + c.activity) / 3,
          note: '',
          createdAt: now,
          updatedAt: now,
        })),
      );
      const contact = await coach.request('POST', `${base()}/contacts`, {
        participantId: w.participantId,
        clientKey: randomUUID(),
        occurredAt: now.toISOString(),
        channel: 'phone',
        outcome: 'reached',
        minutes: 20,
        topics: ['pacing', 'relaxation'],
        discussedGoals: true,
      });
      expect(contact.status).toBe(201);
      const note = await coach.request('POST', of(w.participantId, 'notes'), { text: 'Great work on the walks, Pat.' });
      expect(note.status).toBe(201);
    });

    it('shows the participant PEG over time, the change in words, plans, skills tried and notes', async () => {
      const res = await participant.request('GET', of(w.participantId, 'progress'));
      expect(res.status).toBe(200);
      const p = res.body;
      expect(p.checkIns.map((c: { on: string }) => c.on)).toEqual(['2026-02-16', '2026-02-23', TODAY]);
      expect(p.change).toMatchObject({ kind: 'lower', difference: -1.3, isMeaningful: true, isEarly: false });
      expect(p.change.words).toBe(
        'Your pain score is 1.3 points lower than when you started (6.7 then, 5.3 now). A change of 1 point or more is one people usually notice.',
      );
      expect(p.checkIn).toEqual({ isDue: false, dueOn: '2026-03-09', lastOn: TODAY });
      expect(p.currentPlan.id).toBe(planId);
      expect(p.practice).toEqual([{ planId, on: TODAY, did: true }]);
      expect(p.plans).toEqual({ made: 1, reviewed: 0, done: 0, partly: 0, notDone: 0 });
      expect(p.planMarks).toEqual([{ on: TODAY, label: 'Plan 1' }]);
      expect(p.skillsTried.map((s: { key: string; skill: string }) => [s.key, s.skill])).toEqual([
        ['pacing', expect.any(String)],
        ['relaxation', 'Slow belly breathing'],
      ]);
      expect(p.notes).toEqual([expect.objectContaining({ text: 'Great work on the walks, Pat.', authorName: 'coach' })]);
    });

    it('names the skills tried in the participant’s language for the participant, and in English for the coach (issue #16)', async () => {
      const set = async (locale: 'en' | 'es') =>
        expect((await coordinator.request('PATCH', `${base()}/participants/${w.participantId}`, { locale })).status).toBe(200);
      await set('es');
      try {
        const mine = (await participant.request('GET', of(w.participantId, 'progress'))).body;
        expect(mine.skillsTried.find((s: { key: string }) => s.key === 'relaxation')).toMatchObject({
          title: 'Relajación',
          skill: 'Respirar despacio con el vientre',
        });
        const coachs = (await coach.request('GET', of(w.participantId, 'progress'))).body;
        expect(coachs.skillsTried.find((s: { key: string }) => s.key === 'relaxation')).toMatchObject({
          title: 'Relaxation',
          skill: 'Slow belly breathing',
        });
      } finally {
        await set('en');
      }
    });

    it('shows the coach the check-ins and practice log before the next call, in words about the participant', async () => {
      const res = await coach.request('GET', of(w.participantId, 'progress'));
      expect(res.status).toBe(200);
      expect(res.body.isHiddenFromCaller).toBe(false);
      expect(res.body.checkIns).toHaveLength(3);
      expect(res.body.checkIns[2].note).toBe('');
      expect(res.body.change.words).toContain('Pat’s pain score is 1.3 points lower than at the first check-in');
      expect(res.body.practice).toHaveLength(1);
      expect((await otherCoach.request('GET', of(w.participantId, 'progress'))).status).toBe(404);
      expect((await evaluator.request('GET', of(w.participantId, 'progress'))).status).toBe(404);
    });

    it('hides check-ins and the practice log from the coach when the participant turns sharing off', async () => {
      const off = await participant.request('PUT', of(w.participantId, 'sharing'), { shareWithCoach: false });
      expect(off).toMatchObject({ status: 200, body: { shareWithCoach: false } });
      const progress = await coach.request('GET', of(w.participantId, 'progress'));
      expect(progress.body).toMatchObject({
        isHiddenFromCaller: true,
        shareWithCoach: false,
        checkIns: null,
        change: null,
        checkIn: null,
        practice: null,
      });
      expect(progress.body.currentPlan.practice).toBeNull();
      expect(JSON.stringify(progress.body)).not.toContain('5.3');
      const plans = await coach.request('GET', of(w.participantId, 'plans'));
      expect(plans.body[0].practice).toBeNull();
      expect((await coach.request('GET', `${base()}/plans/${planId}`)).body.practice).toBeNull();
      // The plan itself, the skills and the coach's own notes stay visible to the coach.
      expect(progress.body.currentPlan.id).toBe(planId);
      expect(progress.body.notes).toHaveLength(1);
      // The participant and staff still see everything.
      expect((await participant.request('GET', of(w.participantId, 'progress'))).body.checkIns).toHaveLength(3);
      expect((await coordinator.request('GET', of(w.participantId, 'progress'))).body.checkIns).toHaveLength(3);

      const on = await participant.request('PUT', of(w.participantId, 'sharing'), { shareWithCoach: true });
      expect(on.body.shareWithCoach).toBe(true);
      expect((await coach.request('GET', of(w.participantId, 'progress'))).body.checkIns).toHaveLength(3);
    });

    it('lets only the participant change the sharing setting, and refuses bad input', async () => {
      expect((await coach.request('PUT', of(w.participantId, 'sharing'), { shareWithCoach: true })).status).toBe(404);
      expect((await coordinator.request('PUT', of(w.participantId, 'sharing'), { shareWithCoach: false })).status).toBe(404);
      expect((await participant.request('PUT', of(w.participantId, 'sharing'), { shareWithCoach: 'no' })).status).toBe(400);
      const [row] = await t.db.db.select().from(trackingSettings).where(eq(trackingSettings.participantId, w.participantId));
      expect(row?.shareWithCoach).toBe(true);
    });

    it("lets only the participant's coach and staff write notes, and refuses an empty one", async () => {
      const before = await count(encouragementNotes);
      expect((await otherCoach.request('POST', of(w.participantId, 'notes'), { text: 'Hi' })).status).toBe(404);
      expect((await participant.request('POST', of(w.participantId, 'notes'), { text: 'Hi' })).status).toBe(404);
      expect((await coach.request('POST', of(w.participantId, 'notes'), { text: '   ' })).status).toBe(400);
      expect((await coach.request('POST', of(w.participantId, 'notes'), { text: 'x'.repeat(501) })).status).toBe(400);
      expect(await count(encouragementNotes)).toBe(before);
    });

    it('audits reads of the progress picture', async () => {
      const reads = await t.db.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'progress:read'), eq(auditEvents.entityId, w.participantId)));
      expect(reads.length).toBeGreaterThanOrEqual(5);
    });
  });

  describe('reviewing a plan at the next contact', () => {
    it('records done / partly / not done with the barrier and what to change, once', async () => {
      const bad = await coach.request('POST', `${base()}/plans/${planId}/review`, { outcome: 'mostly' });
      expect(bad.status).toBe(400);
      expect((await otherCoach.request('POST', `${base()}/plans/${planId}/review`, { outcome: 'done' })).status).toBe(404);
      expect((await participant.request('POST', `${base()}/plans/${planId}/review`, { outcome: 'done' })).status).toBe(404);
      const [unreviewed] = await t.db.db.select().from(actionPlans).where(eq(actionPlans.id, planId));
      expect(unreviewed?.reviewedAt).toBeNull();

      const res = await coach.request('POST', `${base()}/plans/${planId}/review`, {
        outcome: 'partly',
        barrier: 'Rain on two days',
        change: 'Walk in the mall when it rains',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        isCurrent: false,
        review: { outcome: 'partly', barrier: 'Rain on two days', change: 'Walk in the mall when it rains', reviewedBy: 'coach' },
      });
      const twice = await coordinator.request('POST', `${base()}/plans/${planId}/review`, { outcome: 'done' });
      expect(twice.status).toBe(409);
      expect(twice.body.reason).toBe('plan_already_reviewed');
    });

    it('closes the practice log of a reviewed plan', async () => {
      const res = await participant.request('PUT', `${base()}/plans/${planId}/practice/${TODAY}`, { did: false });
      expect(res.status).toBe(422);
      expect(res.body.reason).toBe('plan_not_current');
    });

    it('records "not ready" as a small step with the readiness ruler, which becomes the current plan', async () => {
      const res = await coach.request('POST', of(w.participantId, 'plans'), {
        kind: 'small_step',
        clientKey: randomUUID(),
        readiness: 3,
        what: 'Read the pacing handout',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        kind: 'small_step',
        readiness: 3,
        confidence: null,
        daysPerWeek: null,
        howMuch: '',
        versions: [],
        isCurrent: true,
      });
      const progress = await participant.request('GET', of(w.participantId, 'progress'));
      expect(progress.body.currentPlan.id).toBe(res.body.id);
      expect(progress.body.plans).toEqual({ made: 2, reviewed: 1, done: 0, partly: 1, notDone: 0 });
      const summary = await coordinator.request('GET', `${base()}/plans`);
      expect(summary.body[0]).toMatchObject({ plansMade: 1, smallSteps: 1, reviewed: 1, partly: 1 });
    });
  });

  describe('with sharing off, the practice log stays hidden from the coach on every path', () => {
    beforeAll(async () => {
      expect((await participant.request('PUT', of(w.participantId, 'sharing'), { shareWithCoach: false })).status).toBe(200);
    });
    afterAll(async () => {
      expect((await participant.request('PUT', of(w.participantId, 'sharing'), { shareWithCoach: true })).status).toBe(200);
    });

    it('hides it when the coach makes a plan, replays it with the same key, and reviews it', async () => {
      // A minute later, so the new plan is the current one (same day in the program's zone).
      t.clock.set(new Date(t.clock.now().getTime() + 60_000));
      const body = { kind: 'action_plan', clientKey: randomUUID(), ...smaller };
      const made = await coach.request('POST', of(w.participantId, 'plans'), body);
      expect(made.status).toBe(201);
      expect(made.body.practice).toBeNull();
      expect((await participant.request('PUT', `${base()}/plans/${made.body.id}/practice/${TODAY}`, { did: true })).status).toBe(
        200,
      );
      const replay = await coach.request('POST', of(w.participantId, 'plans'), body);
      expect([replay.status, replay.body.id]).toEqual([200, made.body.id]);
      expect(replay.body.practice).toBeNull();
      // The participant sees the log on the same replay, staff too.
      expect((await participant.request('GET', `${base()}/plans/${made.body.id}`)).body.practice).toEqual({
        daysDone: 1,
        daysLogged: 1,
      });
      const reviewed = await coach.request('POST', `${base()}/plans/${made.body.id}/review`, { outcome: 'done' });
      expect(reviewed.status).toBe(200);
      expect(reviewed.body.practice).toBeNull();
      expect(JSON.stringify([made.body, replay.body, reviewed.body])).not.toContain('daysDone');
    });

    it('shows it to staff on the same paths', async () => {
      const body = { kind: 'action_plan', clientKey: randomUUID(), ...smaller };
      const made = await coordinator.request('POST', of(w.participantId, 'plans'), body);
      expect(made.body.practice).toEqual({ daysDone: 0, daysLogged: 0 });
      const replay = await coordinator.request('POST', of(w.participantId, 'plans'), body);
      expect(replay.body.practice).toEqual({ daysDone: 0, daysLogged: 0 });
      const reviewed = await coordinator.request('POST', `${base()}/plans/${made.body.id}/review`, { outcome: 'done' });
      expect(reviewed.body.practice).toEqual({ daysDone: 0, daysLogged: 0 });
    });
  });

  it('refuses plans and check-ins for someone no longer in the program', async () => {
    const ended = await coordinator.request('POST', `${base()}/participants/${w.otherParticipantId}/status`, {
      status: 'withdrawn',
      on: TODAY,
      reason: 'moved',
    });
    expect(ended.status).toBe(200);
    const res = await coordinator.request('POST', of(w.otherParticipantId, 'plans'), {
      kind: 'action_plan',
      clientKey: randomUUID(),
      ...smaller,
    });
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe('participant_not_in_program');
  });
});
