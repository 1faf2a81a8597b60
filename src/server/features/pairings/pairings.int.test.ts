import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import {
  addCoach as addCoachVia,
  addParticipant as addParticipantVia,
  createTestApp,
  type Agent,
  type TestApp,
  type World,
} from '../../testing/harness';
import { participants } from '../participants/participants.table';
import { pairings } from './pairings.table';

describe('pairings', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let evaluator: Agent;
  let outsider: Agent;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    [coordinator, coach, evaluator, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
  });
  afterAll(() => t.close());

  const addParticipant = (o: Record<string, unknown> = {}) => addParticipantVia(coordinator, w.programId, o);
  const addCoach = (o: Record<string, unknown> = {}) => addCoachVia(coordinator, w.programId, o);
  const pair = (participantId: string, coachId: string, extra: Record<string, unknown> = {}, agent = coordinator) =>
    agent.request('POST', `${base}/pairings`, { participantId, coachId, ...extra });
  const statusOf = async (id: string) => (await t.db.db.select().from(participants).where(eq(participants.id, id)))[0]!.status;
  const pairingsOf = (participantId: string) => t.db.db.select().from(pairings).where(eq(pairings.participantId, participantId));

  /** Expects a refusal with this status and reason, and that the participant stayed as it was. */
  const expectRefused = async (
    participantId: string,
    coachId: string,
    status: number,
    reason: string,
    extra: Record<string, unknown> = {},
  ) => {
    const before = { status: await statusOf(participantId), pairings: await pairingsOf(participantId) };
    const res = await pair(participantId, coachId, extra);
    expect([res.status, res.body.reason]).toEqual([status, reason]);
    expect({ status: await statusOf(participantId), pairings: await pairingsOf(participantId) }).toEqual(before);
  };

  it('pairs an enrolled participant with an active coach: 201, participant active, audited', async () => {
    const res = await pair(w.participantId, w.coachId);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      participantId: w.participantId,
      coachId: w.coachId,
      coachName: 'Carl Coach',
      startedAt: t.clock.now().toISOString(),
      endedAt: null,
      endReason: null,
      endNote: null,
      genderMismatchReason: null,
      enteredLate: null,
    });
    expect(await statusOf(w.participantId)).toBe('active');
    const view = await coordinator.request('GET', `${base}/participants/${w.participantId}`);
    expect(view.body).toMatchObject({ status: 'active', coach: { id: w.coachId }, pairedAt: t.clock.now().toISOString() });
    const events = await t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, res.headers['x-request-id'] as string));
    expect(events.map((e) => [e.action, e.entityId])).toEqual([
      ['pairing:create', res.body.id],
      ['participant:update', w.participantId],
    ]);
  });

  it('refuses a participant who already has a coach (409)', async () => {
    await expectRefused(w.participantId, w.otherCoachId, 409, 'participant_already_paired', {
      genderMismatchReason: 'Any reason',
    });
  });

  it('refuses a coach at capacity (409)', async () => {
    const solo = await addCoach({ caseload: 1 });
    expect((await pair(await addParticipant(), solo)).status).toBe(201);
    await expectRefused(await addParticipant(), solo, 409, 'coach_at_capacity');
  });

  it('refuses a paused coach (422)', async () => {
    await expectRefused(await addParticipant(), await addCoach({ status: 'paused', caseload: 3 }), 422, 'coach_not_active');
  });

  it('refuses without permission to share contact details (422)', async () => {
    await expectRefused(await addParticipant({ canShareContact: false }), w.otherCoachId, 422, 'no_permission_to_share_contact', {
      genderMismatchReason: 'Any reason',
    });
  });

  it('refuses a participant who is only referred (422)', async () => {
    await expectRefused(await addParticipant({ status: 'referred' }), w.coachId, 422, 'participant_not_enrolled');
  });

  it('refuses a gender mismatch without a reason (422), then pairs with one and records it', async () => {
    const p = await addParticipant({ gender: 'man' });
    const womanCoach = await addCoach({ gender: 'woman' });
    await expectRefused(p, womanCoach, 422, 'gender_mismatch_needs_reason');
    const res = await pair(p, womanCoach, { genderMismatchReason: 'Only coach free on evenings' });
    expect(res.status).toBe(201);
    expect(res.body.genderMismatchReason).toBe('Only coach free on evenings');
    expect((await pairingsOf(p))[0]?.genderMismatchReason).toBe('Only coach free on evenings');
  });

  it('pairs across genders without a reason when the participant says gender does not matter', async () => {
    const p = await addParticipant({ gender: 'man', genderMatters: false });
    const res = await pair(p, await addCoach({ gender: 'woman' }), { genderMismatchReason: 'Not needed here' });
    expect(res.status).toBe(201);
    expect(res.body.genderMismatchReason).toBeNull();
  });

  it('refuses non-staff (403, outsider 404), bad input (400) and records out of scope (404), changing nothing', async () => {
    const before = (await t.db.db.select().from(pairings)).length;
    expect((await pair(w.otherParticipantId, w.coachId, {}, coach)).status).toBe(403);
    expect((await pair(w.otherParticipantId, w.coachId, {}, evaluator)).status).toBe(403);
    expect((await pair(w.otherParticipantId, w.coachId, {}, outsider)).status).toBe(404);
    const bad = await pair('not-a-uuid', w.coachId, { genderMismatchReason: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body.genderMismatchReason',
      'body.participantId',
    ]);
    expect((await pair(w.otherParticipantId, randomUUID())).status).toBe(404);
    expect((await pair(randomUUID(), w.coachId)).status).toBe(404);
    expect(
      (
        await coordinator.request('POST', `/programs/${randomUUID()}/pairings`, {
          participantId: w.otherParticipantId,
          coachId: w.coachId,
        })
      ).status,
    ).toBe(404);
    expect((await t.db.db.select().from(pairings)).length).toBe(before);
    expect(await statusOf(w.otherParticipantId)).toBe('enrolled');
  });

  it('ends a pairing with a reason: the participant is enrolled again and the history is kept', async () => {
    const p = await addParticipant();
    const first = await pair(p, w.coachId);
    expect(first.status).toBe(201);
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const ended = await coordinator.request('POST', `${base}/pairings/${first.body.id}/end`, {
      reason: 'fit',
      note: 'Schedules never matched',
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      id: first.body.id,
      endReason: 'fit',
      endNote: 'Schedules never matched',
      endedAt: t.clock.now().toISOString(),
    });
    expect(await statusOf(p)).toBe('enrolled');

    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const second = await pair(p, w.coachId);
    expect(second.status).toBe(201);
    const history = await coordinator.request('GET', `${base}/participants/${p}/pairings`);
    expect(history.status).toBe(200);
    expect(history.body.map((h: { id: string; endReason: string | null }) => [h.id, h.endReason])).toEqual([
      [second.body.id, null],
      [first.body.id, 'fit'],
    ]);

    const again = await coordinator.request('POST', `${base}/pairings/${first.body.id}/end`, { reason: 'other' });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('pairing_already_ended');
  });

  it('frees the coach’s place when a pairing ends', async () => {
    const solo = await addCoach({ caseload: 1 });
    const first = await pair(await addParticipant(), solo);
    const waiting = await addParticipant();
    expect((await pair(waiting, solo)).body.reason).toBe('coach_at_capacity');
    await coordinator.request('POST', `${base}/pairings/${first.body.id}/end`, { reason: 'coach_paused' });
    expect((await pair(waiting, solo)).status).toBe(201);
  });

  it('refuses to end or list pairings for non-staff and bad input, changing nothing', async () => {
    const [active] = await t.db.db.select().from(pairings).where(eq(pairings.participantId, w.participantId));
    const url = `${base}/pairings/${active!.id}/end`;
    expect((await coach.request('POST', url, { reason: 'fit' })).status).toBe(403);
    expect((await outsider.request('POST', url, { reason: 'fit' })).status).toBe(404);
    const bad = await coordinator.request('POST', url, { reason: 'bored', note: 'n'.repeat(501) });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.note', 'body.reason']);
    expect((await coordinator.request('POST', `${base}/pairings/${randomUUID()}/end`, { reason: 'fit' })).status).toBe(404);
    const [after] = await t.db.db.select().from(pairings).where(eq(pairings.id, active!.id));
    expect(after).toEqual(active);
    expect(await statusOf(w.participantId)).toBe('active');
    expect((await coach.request('GET', `${base}/participants/${w.participantId}/pairings`)).status).toBe(403);
    expect((await evaluator.request('GET', `${base}/participants/${w.participantId}/pairings`)).status).toBe(403);
  });

  it('answers 404 for the pairings of a participant outside the program, like every other route', async () => {
    expect((await coordinator.request('GET', `${base}/participants/${randomUUID()}/pairings`)).status).toBe(404);
    const admin = await t.login('admin@test.org');
    const elsewhere = await admin.request('POST', '/programs', { name: 'Elsewhere', site: 'Far', startOn: '2026-03-01' });
    expect(elsewhere.status).toBe(201);
    const theirs = await addParticipantVia(admin, elsewhere.body.id);
    expect((await coordinator.request('GET', `${base}/participants/${theirs}/pairings`)).status).toBe(404);
    expect((await admin.request('GET', `/programs/${elsewhere.body.id}/participants/${w.participantId}/pairings`)).status).toBe(
      404,
    );
    const own = await coordinator.request('GET', `${base}/participants/${w.participantId}/pairings`);
    expect(own.status).toBe(200);
    expect(own.body.length).toBeGreaterThan(0);
  });
});
