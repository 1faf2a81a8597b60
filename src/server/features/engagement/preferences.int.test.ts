import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { coaches } from '../coaches/coaches.table';

/**
 * How and when people prefer to be reached, the participant's pause, and the best times to try:
 * T0 is Monday 2 March 2026, 10:00 in New York (the test program's zone).
 */
describe('contact preferences, pauses and the best times to try', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;
  let participant: Agent;
  let evaluator: Agent;

  const signIn = async () => {
    [coordinator, coach, otherCoach, participant, evaluator] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
    ]);
  };
  const prefsUrl = () => `${base}/participants/${w.participantId}/preferences`;
  const logAt = async (iso: string, outcome: string) => {
    t.clock.set(iso);
    await signIn();
    const res = await coach.request('POST', `${base}/contacts`, {
      participantId: w.participantId,
      clientKey: randomUUID(),
      occurredAt: iso,
      channel: 'phone',
      outcome,
      ...(outcome === 'reached' ? { minutes: 15 } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    await signIn();
    expect(
      (await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId })).status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  describe('a participant’s preferences', () => {
    it('lets the participant name days, a window and a pause on "How to reach me", and the coach sees them', async () => {
      const res = await participant.request('PUT', prefsUrl(), {
        preferredDays: ['tue', 'thu'],
        preferredTimes: ['evening'],
        notBefore: '17:30',
        notAfter: '20:00',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        view: 'self',
        preferredDays: ['tue', 'thu'],
        preferredTimes: ['evening'],
        notBefore: '17:30',
        notAfter: '20:00',
        contactPausedUntil: null,
      });
      const seen = await coach.request('GET', `${base}/participants/${w.participantId}`);
      expect(seen.body).toMatchObject({ view: 'coaching', preferredDays: ['tue', 'thu'], notBefore: '17:30', notAfter: '20:00' });
    });

    it('lets staff change them, but not a coach or another participant', async () => {
      expect((await coordinator.request('PUT', prefsUrl(), { notAfter: '20:30' })).body.notAfter).toBe('20:30');
      expect((await coach.request('PUT', prefsUrl(), { notAfter: '21:00' })).status).toBe(404);
      expect((await otherCoach.request('PUT', prefsUrl(), { notAfter: '21:00' })).status).toBe(404);
      expect(
        (await participant.request('PUT', `${base}/participants/${w.otherParticipantId}/preferences`, { notAfter: '21:00' }))
          .status,
      ).toBe(404);
      expect((await coordinator.request('GET', `${base}/participants/${w.participantId}`)).body.notAfter).toBe('20:30');
    });

    it('rejects bad values with the fields named, and impossible windows and pauses with a reason, changing nothing', async () => {
      const bad = await participant.request('PUT', prefsUrl(), {
        preferredDays: ['funday'],
        notBefore: '9am',
        contactPausedUntil: 'soon',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { path: string }) => f.path.split('.').slice(0, 2).join('.')).sort()).toEqual([
        'body.contactPausedUntil',
        'body.notBefore',
        'body.preferredDays',
      ]);
      const twice = await participant.request('PUT', prefsUrl(), { preferredDays: ['tue', 'tue'] });
      expect(twice.status).toBe(400);
      const empty = await participant.request('PUT', prefsUrl(), { notBefore: '21:00' });
      expect([empty.status, empty.body.reason]).toEqual([422, 'window_empty']);
      const past = await participant.request('PUT', prefsUrl(), { contactPausedUntil: '2026-03-02' });
      expect([past.status, past.body.reason]).toEqual([422, 'pause_in_past']);
      const long = await participant.request('PUT', prefsUrl(), { contactPausedUntil: '2027-06-01' });
      expect([long.status, long.body.reason]).toEqual([422, 'pause_too_long']);
      const now = (await coordinator.request('GET', `${base}/participants/${w.participantId}`)).body;
      expect(now).toMatchObject({
        notBefore: '17:30',
        notAfter: '20:30',
        preferredDays: ['tue', 'thu'],
        contactPausedUntil: null,
      });
    });
  });

  describe('a pause', () => {
    it('makes no task for the coach until the pause ends, and shows on the record', async () => {
      expect((await coach.request('GET', `${base}/tasks`)).body.map((x: { kind: string }) => x.kind)).toEqual(['first_contact']);
      const res = await participant.request('PUT', prefsUrl(), { contactPausedUntil: '2026-03-20' });
      expect(res.body.contactPausedUntil).toBe('2026-03-20');
      expect((await coach.request('GET', `${base}/tasks`)).body).toEqual([]);
      expect((await coach.request('GET', `${base}/today`)).body.participants[0]).toMatchObject({
        pairState: 'paused',
        contactPausedUntil: '2026-03-20',
      });
      // 20 March begins at 04:00 UTC in New York (daylight time).
      t.clock.set('2026-03-20T03:59:00.000Z');
      await signIn();
      expect((await coach.request('GET', `${base}/tasks`)).body).toEqual([]);
      t.clock.set('2026-03-20T04:00:00.000Z');
      await signIn();
      const [task] = (await coach.request('GET', `${base}/tasks`)).body;
      expect(task).toMatchObject({ kind: 'first_contact', dueOn: '2026-03-23' });
      expect(task.reason).toMatch(/^The pause they asked for ended today/);
      // A stored pause that has passed may be sent back unchanged with other preferences.
      expect((await participant.request('PUT', prefsUrl(), { contactPausedUntil: '2026-03-20', notAfter: '21:00' })).status).toBe(
        200,
      );
      expect((await participant.request('PUT', prefsUrl(), { contactPausedUntil: null })).status).toBe(200);
    });
  });

  describe('the best times to try', () => {
    it('answers "few attempts yet" from the program pattern, within the stated days and window', async () => {
      const res = await coach.request('GET', `${base}/participants/${w.participantId}/best-times`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ timeZone: 'America/New_York', ownAttempts: 0, pausedUntil: null });
      // Tuesday and Thursday evenings only, between 17:30 and 21:00.
      expect(
        res.body.suggestions.map((s: { weekday: string; band: string; from: string; to: string }) => [
          s.weekday,
          s.band,
          s.from,
          s.to,
        ]),
      ).toEqual([
        ['tue', 'evening', '17:30', '21:00'],
        ['thu', 'evening', '17:30', '21:00'],
      ]);
      expect(res.body.suggestions[0].reason).toMatch(/^Few attempts yet/);
    });

    it('learns from the participant’s attempts at their local day and hour, and says so', async () => {
      // Tuesday 24 March 18:30 New York = 22:30 UTC; Thursday 26 March 09:00 New York = 13:00 UTC.
      await logAt('2026-03-24T22:30:00.000Z', 'reached');
      await logAt('2026-03-26T13:00:00.000Z', 'no_answer');
      await logAt('2026-03-31T22:40:00.000Z', 'rescheduled');
      await logAt('2026-04-02T23:10:00.000Z', 'voicemail');
      await logAt('2026-04-02T23:50:00.000Z', 'no_answer');
      await participant.request('PUT', prefsUrl(), { preferredDays: [], preferredTimes: [], notBefore: null, notAfter: null });
      const res = await coach.request('GET', `${base}/participants/${w.participantId}/best-times`);
      expect(res.body.ownAttempts).toBe(5);
      expect(res.body.suggestions[0]).toMatchObject({ weekday: 'tue', band: 'evening', own: { attempts: 2, answered: 2 } });
      expect(res.body.suggestions[0].reason).toBe('Reached 2 of 2 times on Tuesday evenings.');
      expect(res.body.suggestions.map((s: { weekday: string; band: string }) => `${s.weekday}-${s.band}`)).not.toContain(
        'thu-evening',
      );
    });

    it('is for the participant’s coach and staff only, and audits each read', async () => {
      const url = `${base}/participants/${w.participantId}/best-times`;
      const res = await coordinator.request('GET', url);
      expect(res.status).toBe(200);
      const [event] = await t.db.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.requestId, res.headers['x-request-id'] as string), eq(auditEvents.action, 'best_times:read')));
      expect(event).toMatchObject({ actorId: w.people.coordinator, entityId: w.participantId });
      expect((await otherCoach.request('GET', url)).status).toBe(404);
      expect((await evaluator.request('GET', url)).status).toBe(404);
      expect((await participant.request('GET', url)).status).toBe(404);
      expect((await (await t.login('outsider@test.org')).request('GET', url)).status).toBe(404);
      expect((await coordinator.request('GET', `${base}/participants/${randomUUID()}/best-times`)).status).toBe(404);
    });
  });

  describe('outcomes', () => {
    it('accepts "rescheduled" as an unreached attempt that carries no session content', async () => {
      const body = {
        participantId: w.participantId,
        clientKey: randomUUID(),
        occurredAt: t.clock.now().toISOString(),
        channel: 'phone',
        outcome: 'rescheduled',
      };
      const res = await coach.request('POST', `${base}/contacts`, body);
      expect(res.body).toMatchObject({ outcome: 'rescheduled', isReached: false });
      const withTopics = await coach.request('POST', `${base}/contacts`, {
        ...body,
        clientKey: randomUUID(),
        topics: ['pacing'],
      });
      expect([withTopics.status, withTopics.body.reason]).toEqual([422, 'unreached_with_content']);
    });
  });

  describe('a coach’s preferences', () => {
    const url = () => `${base}/coaches/${w.coachId}/preferences`;

    it('lets the coach read and change his or her own, and staff anyone’s', async () => {
      expect((await coach.request('GET', url())).body).toEqual({
        coachId: w.coachId,
        preferredChannel: 'phone',
        preferredTimes: [],
        contactNotes: '',
        preferredDays: [],
        notBefore: null,
        notAfter: null,
        contactPausedUntil: null,
      });
      const res = await coach.request('PUT', url(), {
        preferredChannel: 'text',
        preferredDays: ['mon', 'wed'],
        notBefore: '10:00',
        contactPausedUntil: '2026-05-01',
        contactNotes: 'Text first, please.',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        preferredChannel: 'text',
        preferredDays: ['mon', 'wed'],
        contactPausedUntil: '2026-05-01',
      });
      expect((await coordinator.request('PUT', url(), { notAfter: '19:00' })).body).toMatchObject({
        notBefore: '10:00',
        notAfter: '19:00',
      });
      const [row] = await t.db.db.select().from(coaches).where(eq(coaches.id, w.coachId));
      expect(row).toMatchObject({ preferredChannel: 'text', notAfter: '19:00', contactNotes: 'Text first, please.' });
    });

    it('refuses other coaches, participants and outsiders (404), and bad values, changing nothing', async () => {
      expect((await otherCoach.request('GET', url())).status).toBe(404);
      expect((await otherCoach.request('PUT', url(), { notAfter: '22:00' })).status).toBe(404);
      expect((await participant.request('GET', url())).status).toBe(404);
      expect((await (await t.login('outsider@test.org')).request('GET', url())).status).toBe(404);
      expect((await coach.request('PUT', url(), { preferredChannel: 'pigeon' })).status).toBe(400);
      const empty = await coach.request('PUT', url(), { notBefore: '20:00' });
      expect([empty.status, empty.body.reason]).toEqual([422, 'window_empty']);
      const [row] = await t.db.db.select().from(coaches).where(eq(coaches.id, w.coachId));
      expect(row).toMatchObject({ notBefore: '10:00', notAfter: '19:00' });
    });
  });

  describe('the program’s time zone and ladder', () => {
    it('are program settings an administrator can change, validated', async () => {
      const admin = await t.login('admin@test.org');
      const bad = await admin.request('PATCH', base, {
        timeZone: 'Mars/Olympus',
        ladder: { firstContactDays: 7, reminderDays: 3, checkInGraceDays: 7, decisionGraceDays: 21 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { path: string }) => f.path.split('.').slice(0, 2).join('.')).sort()).toEqual([
        'body.ladder',
        'body.timeZone',
      ]);
      const ladder = { firstContactDays: 5, reminderDays: 9, checkInGraceDays: 10, decisionGraceDays: 30 };
      const res = await admin.request('PATCH', base, { timeZone: 'America/Chicago', ladder });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ timeZone: 'America/Chicago', ladder });
      expect((await coordinator.request('GET', `${base}/participants/${w.participantId}/best-times`)).body.timeZone).toBe(
        'America/Chicago',
      );
    });
  });
});
