import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

/** Records entered late (ADR 0030): pairing starts and contacts from paper, with who, when and why. */
describe('records entered late', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  const url = (p: string) => `/programs/${w.programId}${p}`;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    t.clock.set('2026-03-20T15:00:00.000Z');
    coordinator = await t.login('coordinator@test.org');
    coach = await t.login('coach@test.org');
  });
  afterAll(() => t.close());

  const lateAudits = async () => t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'late_entry:create'));

  it('a pairing started in the past needs a reason; with one it is kept and shown with who entered it', async () => {
    const pairing = { participantId: w.participantId, coachId: w.coachId, startedAt: '2026-03-02T15:00:00.000Z' };
    const bare = await coordinator.request('POST', url('/pairings'), pairing);
    expect(bare.status).toBe(422);
    expect(bare.body.reason).toBe('late_entry_reason_required');
    expect((await coordinator.request('GET', url(`/participants/${w.participantId}/pairings`))).body).toEqual([]);

    const future = await coordinator.request('POST', url('/pairings'), {
      ...pairing,
      startedAt: '2026-03-21T15:00:00.000Z',
      enteredLate: { reason: 'Paper form' },
    });
    expect(future.status).toBe(422);
    expect(future.body.reason).toBe('pairing_in_future');

    const late = await coordinator.request('POST', url('/pairings'), {
      ...pairing,
      enteredLate: { reason: 'Paired on paper at the clinic' },
    });
    expect(late.status).toBe(201);
    expect(late.body.startedAt).toBe('2026-03-02T15:00:00.000Z');
    expect(late.body.enteredLate).toEqual({
      byName: 'coordinator',
      at: '2026-03-20T15:00:00.000Z',
      reason: 'Paired on paper at the clinic',
    });
    const history = await coordinator.request('GET', url(`/participants/${w.participantId}/pairings`));
    expect(history.body[0].enteredLate.reason).toBe('Paired on paper at the clinic');
    expect(await lateAudits()).toHaveLength(1);
  });

  it('a pairing made now is not late and carries no mark', async () => {
    const now = await coordinator.request('POST', url('/pairings'), {
      participantId: w.otherParticipantId,
      coachId: w.otherCoachId,
      genderMismatchReason: 'He asked for this coach',
    });
    expect([now.status, now.body.reason]).toEqual([201, undefined]);
    expect(now.body.enteredLate).toBeNull();
  });

  const contact = (o: Record<string, unknown> = {}) => ({
    participantId: w.participantId,
    clientKey: randomUUID(),
    occurredAt: '2026-03-19T15:00:00.000Z',
    channel: 'phone',
    outcome: 'reached',
    minutes: 20,
    topics: ['pacing'],
    discussedStrategies: true,
    ...o,
  });

  it('a coach logs yesterday as usual, but not a contact more than 7 days back, and may not mark one late', async () => {
    const yesterday = await coach.request('POST', url('/contacts'), contact());
    expect(yesterday.status).toBe(201);
    expect(yesterday.body.enteredLate).toBeNull();
    const old = await coach.request('POST', url('/contacts'), contact({ occurredAt: '2026-03-10T15:00:00.000Z' }));
    expect(old.status).toBe(422);
    expect(old.body.reason).toBe('late_entry_reason_required');
    const marked = await coach.request(
      'POST',
      url('/contacts'),
      contact({ occurredAt: '2026-03-10T15:00:00.000Z', enteredLate: { reason: 'I forgot to log it' } }),
    );
    expect(marked.status).toBe(403);
    const list = await coach.request('GET', url(`/participants/${w.participantId}/contacts`));
    expect(list.body).toHaveLength(1);
  });

  it('staff enter an old contact late with a reason; the history shows who, when and why, and a retry answers the same', async () => {
    const body = contact({ occurredAt: '2026-03-10T15:00:00.000Z', enteredLate: { reason: 'Paper log from the coach' } });
    const late = await coordinator.request('POST', url('/contacts'), body);
    expect(late.status).toBe(201);
    const mark = { byName: 'coordinator', at: '2026-03-20T15:00:00.000Z', reason: 'Paper log from the coach' };
    expect(late.body.enteredLate).toEqual(mark);
    const retry = await coordinator.request('POST', url('/contacts'), body);
    expect(retry.status).toBe(200);
    expect(retry.body.enteredLate).toEqual(mark);
    const seenByCoach = await coach.request('GET', url(`/participants/${w.participantId}/contacts`));
    expect(seenByCoach.body.map((c: { enteredLate: unknown }) => c.enteredLate)).toEqual([null, mark]);
    expect(await lateAudits()).toHaveLength(2);
  });
});
