import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { mailMessages } from '../../platform/mail.table';
import { T0, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { sweepLadder } from './ladder.sweep';
import { ladderEvents } from './engagement.table';

const DAY = 86_400_000;

/**
 * The escalation ladder and "Pairs that need help" over one program whose clock moves forward:
 * four pairs made at T0, then reminders (day 7), check-in calls (day 21) and decisions (day 35).
 * Agents sign in again after each jump (sessions idle out in 30 minutes).
 */
describe('the escalation ladder and "Pairs that need help"', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let coordinator: Agent;
  let carl: Agent;
  let cora: Agent;
  const ids = { c: '', d: '' };
  const pairingOf: Record<string, string> = {};
  const other = { programId: '', pairingId: '' };

  const at = (days: number) => t.clock.set(new Date(new Date(T0).getTime() + days * DAY));
  const signIn = async () => {
    [coordinator, carl, cora] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
    ]);
  };
  const ok = async (
    agent: Agent,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: unknown,
    status = method === 'POST' ? 201 : 200,
  ) => {
    const res = await agent.request(method, url, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };
  type Pair = { participantId: string; step: string; nextAction: string | null; [k: string]: unknown };
  const pairs = async (query = ''): Promise<Pair[]> =>
    ((await ok(coordinator, 'GET', `${base}/pairs${query}`)) as { pairs: Pair[] }).pairs;
  const pairOf = async (participantId: string) => (await pairs()).find((p) => p.participantId === participantId);
  const contact = (participantId: string, outcome: string) => ({
    participantId,
    clientKey: randomUUID(),
    occurredAt: t.clock.now().toISOString(),
    channel: 'phone',
    outcome,
    ...(outcome === 'reached' ? { minutes: 20, topics: ['pacing'] } : {}),
  });
  const checkIn = { reachedParticipant: true, reachedCoach: true, findings: ['busy_season'], note: 'Harvest; back next month.' };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    await signIn();
    const admin = await t.login('admin@test.org');
    const newParticipant = async (programId: string, givenName: string, gender: string) =>
      (
        await ok(admin, 'POST', `/programs/${programId}/participants`, {
          givenName,
          familyName: 'Ladder',
          gender,
          painLocations: ['knee'],
          canShareContact: true,
          referredOn: '2026-03-01',
          status: 'enrolled',
        })
      ).id as string;
    ids.c = await newParticipant(w.programId, 'Cyril', 'man');
    ids.d = await newParticipant(w.programId, 'Dana', 'woman');
    const pair = async (participantId: string, coachId: string, genderMismatchReason: string | null = null) => {
      pairingOf[participantId] = (
        await ok(coordinator, 'POST', `${base}/pairings`, { participantId, coachId, genderMismatchReason })
      ).id;
    };
    await pair(w.participantId, w.coachId);
    await pair(ids.c, w.coachId);
    await pair(w.otherParticipantId, w.otherCoachId, 'The participant asked for this coach');
    await pair(ids.d, w.otherCoachId);
    // A second program with one pair, which the first program's views must never show.
    other.programId = (await ok(admin, 'POST', '/programs', { name: 'Elsewhere', site: 'Far', startOn: '2026-03-01' })).id;
    const elsewhere = await newParticipant(other.programId, 'Elsie', 'woman');
    const coach = await ok(admin, 'POST', `/programs/${other.programId}/coaches`, {
      givenName: 'Olga',
      familyName: 'Other',
      gender: 'woman',
    });
    other.pairingId = (
      await ok(admin, 'POST', `/programs/${other.programId}/pairings`, { participantId: elsewhere, coachId: coach.id })
    ).id;
  });
  afterAll(() => t.close());

  it('lists every active pair of the program, at the first step, with names, the coach and measures', async () => {
    const list = await pairs();
    expect(list).toHaveLength(4);
    expect(list.map((p) => p.pairingId)).not.toContain(other.pairingId);
    const pat = list.find((p) => p.participantId === w.participantId)!;
    expect(pat).toMatchObject({
      participantName: 'Pat Person',
      coachName: 'Carl Coach',
      coachId: w.coachId,
      step: 'first_contact',
      nextAction: null,
      daysQuiet: 0,
      attemptsSince: 0,
      lastReachedAt: null,
      pausedUntil: null,
      coachActivity: { attempts: 0, reached: 0, days: 14 },
      measures: { reached: 0, attempts: 0, reachRate: null, frequency: null, isAdherent: false },
    });
  });

  it('refuses the view to coaches and evaluators (403) and to people outside the program (404), and validates the query', async () => {
    expect((await carl.request('GET', `${base}/pairs`)).status).toBe(403);
    expect((await (await t.login('evaluator@test.org')).request('GET', `${base}/pairs`)).status).toBe(403);
    expect((await (await t.login('participant@test.org')).request('GET', `${base}/pairs`)).status).toBe(403);
    expect((await (await t.login('outsider@test.org')).request('GET', `${base}/pairs`)).status).toBe(404);
    expect((await coordinator.request('GET', `/programs/${other.programId}/pairs`)).status).toBe(404);
    const bad = await coordinator.request('GET', `${base}/pairs?sort=shoe_size&step=lost`);
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['querystring.sort', 'querystring.step']);
    const badPage = await coordinator.request('GET', `${base}/pairs?limit=201&offset=-1`);
    expect(badPage.status).toBe(400);
    expect(badPage.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['querystring.limit', 'querystring.offset']);
    expect((await coordinator.request('GET', `${base}/pairs?limit=ten`)).status).toBe(400);
  });

  it('records each step once when the sweep sees it fire, and e-mails the coach a reminder with nothing personal', async () => {
    at(1);
    await signIn();
    await ok(carl, 'POST', `${base}/contacts`, contact(ids.c, 'reached'));
    at(7);
    // Four reminders fire: three here and one in the other program (whose coach has no e-mail address).
    expect(await sweepLadder(t.deps, t.clock.now())).toEqual({ recorded: 4, mailed: 3 });
    expect(await sweepLadder(t.deps, t.clock.now())).toEqual({ recorded: 0, mailed: 0 });
    const events = await t.db.db.select().from(ladderEvents).where(eq(ladderEvents.programId, w.programId));
    expect(events.map((e) => [e.participantId, e.step, e.firedAt.toISOString()]).sort()).toEqual(
      [
        [w.participantId, 'reminder', '2026-03-09T15:00:00.000Z'],
        [w.otherParticipantId, 'reminder', '2026-03-09T15:00:00.000Z'],
        [ids.d, 'reminder', '2026-03-09T15:00:00.000Z'],
      ].sort(),
    );
    const mails = await t.db.db.select().from(mailMessages).where(eq(mailMessages.programId, w.programId));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(['coach2@test.org', 'coach2@test.org', 'coach@test.org']);
    for (const m of mails) {
      expect(m.subject).toBe('A reminder from Kindred');
      expect(m.bodyText).toContain('Tips for reaching people');
      for (const name of ['Pat', 'Person', 'Quinn', 'Dana', 'Ladder']) expect(m.bodyText).not.toContain(name);
    }
    // The coach's task carries the tips too.
    await signIn();
    const tasks = await ok(carl, 'GET', `${base}/tasks`);
    expect(tasks.find((x: { participantId: string }) => x.participantId === w.participantId).tips.length).toBeGreaterThan(0);
    expect((await pairOf(w.participantId))!.step).toBe('reminder');
  });

  it('asks staff to call at cadence + 7 and records the check-in call with what was learnt', async () => {
    at(15);
    await signIn();
    await ok(carl, 'POST', `${base}/contacts`, contact(w.participantId, 'no_answer'));
    at(21);
    await signIn();
    const needing = await pairs('?step=check_in');
    expect(needing.map((p) => p.participantId).sort()).toEqual([w.participantId, w.otherParticipantId, ids.d].sort());
    expect(needing.every((p) => p.nextAction === 'check_in')).toBe(true);
    const pat = needing.find((p) => p.participantId === w.participantId)!;
    expect(pat).toMatchObject({
      daysQuiet: 21,
      attemptsSince: 1,
      coachActivity: { attempts: 1, reached: 0 },
      stepSince: '2026-03-23T15:00:00.000Z',
    });

    const event = await ok(coordinator, 'POST', `${base}/pairings/${pairingOf[w.participantId]}/check-ins`, checkIn);
    expect(event).toMatchObject({
      step: 'check_in',
      pairingId: pairingOf[w.participantId],
      actedBy: w.people.coordinator,
      outcome: 'called',
      findings: ['busy_season'],
      reachedParticipant: true,
      note: 'Harvest; back next month.',
      firedAt: '2026-03-23T15:00:00.000Z',
    });
    const after = (await pairOf(w.participantId))!;
    expect(after).toMatchObject({ step: 'check_in', nextAction: null, checkInRecordedAt: t.clock.now().toISOString() });
    const coordinatorTasks = await ok(coordinator, 'GET', `${base}/tasks`);
    expect(
      coordinatorTasks
        .filter((x: { kind: string }) => x.kind === 'check_in_call')
        .map((x: { participantId: string }) => x.participantId)
        .sort(),
    ).toEqual([w.otherParticipantId, ids.d].sort());
    const [audited] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'ladder_event:create'), eq(auditEvents.entityId, event.id)));
    expect(audited).toMatchObject({ actorId: w.people.coordinator, programId: w.programId });
  });

  it('refuses a second check-in, one not yet due, a decision too early, and bad input, changing nothing', async () => {
    const count = async () => (await t.db.db.select().from(ladderEvents)).length;
    const before = await count();
    const again = await coordinator.request('POST', `${base}/pairings/${pairingOf[w.participantId]}/check-ins`, checkIn);
    expect([again.status, again.body.reason]).toEqual([409, 'step_already_recorded']);
    const early = await coordinator.request('POST', `${base}/pairings/${pairingOf[ids.c]}/check-ins`, checkIn);
    expect([early.status, early.body.reason]).toEqual([422, 'check_in_not_due']);
    const decision = await coordinator.request('POST', `${base}/pairings/${pairingOf[w.participantId]}/decisions`, {
      outcome: 're_pair',
      reason: 'reach',
    });
    expect([decision.status, decision.body.reason]).toEqual([422, 'decision_not_due']);
    const url = `${base}/pairings/${pairingOf[ids.d]}/check-ins`;
    expect((await coordinator.request('POST', url, { ...checkIn, findings: [] })).status).toBe(400);
    const unsaid = await coordinator.request('POST', url, { ...checkIn, findings: ['other'], note: '' });
    expect([unsaid.status, unsaid.body.fields?.[0]?.path]).toEqual([400, 'body.note']);
    expect((await coordinator.request('POST', url, { ...checkIn, findings: ['bored'] })).status).toBe(400);
    expect((await coordinator.request('POST', `${base}/pairings/${randomUUID()}/check-ins`, checkIn)).status).toBe(404);
    expect((await coordinator.request('POST', `${base}/pairings/${other.pairingId}/check-ins`, checkIn)).status).toBe(404);
    expect((await cora.request('POST', url, checkIn)).status).toBe(403);
    expect((await (await t.login('outsider@test.org')).request('POST', url, checkIn)).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('resolves the steps by itself when the coach logs a reached contact', async () => {
    await ok(cora, 'POST', `${base}/contacts`, contact(w.otherParticipantId, 'reached'));
    const quinn = (await pairOf(w.otherParticipantId))!;
    expect(quinn).toMatchObject({ step: 'none', nextAction: null, daysQuiet: 0, attemptsSince: 0 });
    const late = await coordinator.request('POST', `${base}/pairings/${pairingOf[w.otherParticipantId]}/check-ins`, checkIn);
    expect([late.status, late.body.reason]).toEqual([422, 'check_in_not_due']);
    // The old episode's steps stay on record.
    const history = await ok(coordinator, 'GET', `${base}/pairings/${pairingOf[w.otherParticipantId]}/ladder-events`);
    expect(history.map((e: { step: string }) => e.step)).toEqual(['reminder']);
    // Ids outside the program answer 404 like every other route, not an empty list.
    expect((await coordinator.request('GET', `${base}/pairings/${randomUUID()}/ladder-events`)).status).toBe(404);
    expect((await coordinator.request('GET', `${base}/pairings/${other.pairingId}/ladder-events`)).status).toBe(404);
    expect((await ok(cora, 'GET', `${base}/tasks`)).map((x: { participantId: string }) => x.participantId)).toEqual([ids.d]);
  });

  it('sorts and filters: most urgent first by default, by days quiet, by coach', async () => {
    const urgency = await pairs();
    expect(urgency.map((p) => p.step)).toEqual(['check_in', 'check_in', 'reminder', 'none']);
    expect(urgency[0]!.participantId).toBe(ids.d); // not yet called: 21 days quiet, same as Pat, then by name
    const quiet = await pairs('?sort=days_quiet');
    expect(quiet.map((p) => p.daysQuiet)).toEqual([21, 21, 20, 0]);
    expect((await pairs('?sort=days_quiet&order=asc')).map((p) => p.daysQuiet)).toEqual([0, 20, 21, 21]);
    expect((await pairs(`?coachId=${w.coachId}`)).map((p) => p.participantId).sort()).toEqual([w.participantId, ids.c].sort());
    expect((await pairs('?step=needs_help')).map((p) => p.participantId).sort()).toEqual([w.participantId, ids.c, ids.d].sort());
    expect((await pairs('?sort=participant')).map((p) => p.participantName)).toEqual([
      'Cyril Ladder',
      'Dana Ladder',
      'Pat Person',
      'Quinn Other',
    ]);
  });

  it('shows staff the phones to call, audited as reads, and records a call that reached no one', async () => {
    const pairingId = pairingOf[ids.d]!;
    const call = await ok(coordinator, 'GET', `${base}/pairings/${pairingId}/check-in-call`);
    const [dana] = await t.db.db.select().from(participants).where(eq(participants.id, ids.d));
    expect(call).toMatchObject({
      pairingId,
      participant: { id: ids.d, name: 'Dana Ladder', phone: dana!.phone },
      coach: { id: w.otherCoachId },
    });
    const reads = await t.db.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.actorId, w.people.coordinator),
          eq(auditEvents.action, 'participant:read'),
          eq(auditEvents.entityId, ids.d),
        ),
      );
    expect(reads.length).toBeGreaterThan(0);
    const coachReads = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'coach:read'), eq(auditEvents.entityId, w.otherCoachId)));
    expect(coachReads.length).toBeGreaterThan(0);
    // Coaches and people outside the program cannot read the numbers this way.
    expect((await cora.request('GET', `${base}/pairings/${pairingId}/check-in-call`)).status).toBe(403);
    expect(
      (await (await t.login('outsider@test.org')).request('GET', `${base}/pairings/${pairingId}/check-in-call`)).status,
    ).toBe(404);
    expect((await coordinator.request('GET', `${base}/pairings/${randomUUID()}/check-in-call`)).status).toBe(404);

    // Reached no one: nothing learnt is needed; the step is done and the decision comes on its date.
    const event = await ok(coordinator, 'POST', `${base}/pairings/${pairingId}/check-ins`, {
      reachedParticipant: false,
      reachedCoach: false,
      findings: [],
      note: 'Voicemail for both.',
    });
    expect(event).toMatchObject({ outcome: 'reached_no_one', reachedParticipant: false, reachedCoach: false, findings: [] });
    expect((await pairOf(ids.d))!).toMatchObject({
      step: 'check_in',
      nextAction: null,
      checkInRecordedAt: t.clock.now().toISOString(),
    });
    const coordinatorTasks = await ok(coordinator, 'GET', `${base}/tasks`);
    expect(
      coordinatorTasks.filter(
        (x: { kind: string; participantId: string }) => x.kind === 'check_in_call' && x.participantId === ids.d,
      ),
    ).toHaveLength(0);
  });

  it('records a decision at cadence + 21 and carries it out: re-pair, pause, withdraw', async () => {
    at(36);
    await signIn();
    expect((await pairs('?step=decision')).map((p) => p.participantId).sort()).toEqual([w.participantId, ids.c, ids.d].sort());
    expect(
      (
        await coordinator.request('POST', `${base}/pairings/${pairingOf[ids.d]}/decisions`, {
          outcome: 'pause',
          until: '2026-05-01',
        })
      ).status,
    ).toBe(400);

    const rePair = await ok(coordinator, 'POST', `${base}/pairings/${pairingOf[w.participantId]}/decisions`, {
      outcome: 're_pair',
      reason: 'reach',
      note: 'Try a coach who can call in the evenings.',
    });
    expect(rePair).toMatchObject({ step: 'decision', outcome: 're_pair', reason: 'reach', actedBy: w.people.coordinator });
    const [ended] = await t.db.db.select().from(pairings).where(eq(pairings.id, pairingOf[w.participantId]!));
    expect(ended).toMatchObject({ endReason: 'reach', endNote: 'Try a coach who can call in the evenings.' });
    expect(ended!.endedAt).not.toBeNull();
    const pat = await ok(coordinator, 'GET', `${base}/participants/${w.participantId}`);
    expect(pat).toMatchObject({ status: 'enrolled', coach: null });

    const pause = await ok(coordinator, 'POST', `${base}/pairings/${pairingOf[ids.d]}/decisions`, {
      outcome: 'pause',
      until: '2026-05-01',
      note: 'Surgery in April; she asked to pause.',
    });
    expect(pause).toMatchObject({ outcome: 'pause', pausedUntil: '2026-05-01', reason: null });
    expect((await pairOf(ids.d))!).toMatchObject({ step: 'paused', pausedUntil: '2026-05-01', nextAction: null });
    // Cora's only task is Quinn's next contact: Dana's pause makes none.
    expect((await ok(cora, 'GET', `${base}/tasks`)).map((x: { participantId: string }) => x.participantId)).toEqual([
      w.otherParticipantId,
    ]);

    const withdraw = await ok(coordinator, 'POST', `${base}/pairings/${pairingOf[ids.c]}/decisions`, {
      outcome: 'withdraw',
      reason: 'lost_to_follow_up',
    });
    expect(withdraw).toMatchObject({ outcome: 'withdraw', reason: 'lost_to_follow_up' });
    const [cyril] = await t.db.db.select().from(participants).where(eq(participants.id, ids.c));
    expect(cyril).toMatchObject({ status: 'withdrawn', withdrawalReason: 'lost_to_follow_up', endedOn: '2026-04-07' });
    const [cyrilPairing] = await t.db.db.select().from(pairings).where(eq(pairings.id, pairingOf[ids.c]!));
    expect(cyrilPairing!.endReason).toBe('participant_withdrawn');
    // Each decision and what it carried out are audited, in its transaction.
    const audited = async (action: string, entityId: string) =>
      (
        await t.db.db
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.action, action),
              eq(auditEvents.entityId, entityId),
              eq(auditEvents.actorId, w.people.coordinator),
            ),
          )
      ).length;
    for (const event of [rePair, pause, withdraw]) expect(await audited('ladder_event:create', event.id)).toBe(1);
    expect(await audited('pairing:update', pairingOf[w.participantId]!)).toBeGreaterThan(0);
    expect(await audited('participant:update', ids.d)).toBeGreaterThan(0);
    expect(await audited('participant:update', ids.c)).toBeGreaterThan(0);

    expect((await pairs()).map((p) => p.participantId).sort()).toEqual([w.otherParticipantId, ids.d].sort());
    const again = await coordinator.request('POST', `${base}/pairings/${pairingOf[w.participantId]}/decisions`, {
      outcome: 'withdraw',
      reason: 'other',
    });
    expect([again.status, again.body.reason]).toEqual([422, 'pairing_ended']);
  });

  it('leaves nothing half-done when the action the decision calls for is refused', async () => {
    // Dana is paused, so no decision is due; a refused pause (a date in the past) must not record one.
    at(36 + 60);
    await signIn();
    const before = (await t.db.db.select().from(ladderEvents).where(eq(ladderEvents.pairingId, pairingOf[ids.d]!))).length;
    expect((await pairOf(ids.d))!.step).toBe('decision');
    const res = await coordinator.request('POST', `${base}/pairings/${pairingOf[ids.d]}/decisions`, {
      outcome: 'pause',
      until: '2026-04-01',
      note: 'A date already gone.',
    });
    expect([res.status, res.body.reason]).toEqual([422, 'pause_in_past']);
    expect((await t.db.db.select().from(ladderEvents).where(eq(ladderEvents.pairingId, pairingOf[ids.d]!))).length).toBe(before);
  });
});
