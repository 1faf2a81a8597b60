import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { SESSION_ENDS_HEADER } from '../../http/app';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { sweepGuideDrafts } from './drafts.service';
import { guideDrafts } from './guidance.table';

const allFalse = { discussedStrategies: false, gaveEncouragement: false, discussedAdjusting: false, discussedGoals: false };

describe('guide drafts: saved as the coach goes, resumed, deleted on finishing (ADR 0035)', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;
  let participant: Agent;

  const draftUrl = () => `/programs/${w.programId}/participants/${w.participantId}/guide/draft`;
  const guideUrl = () => `/programs/${w.programId}/participants/${w.participantId}/guide`;
  const answers = (o: Record<string, unknown> = {}) => ({
    openedAt: t.clock.now().toISOString(),
    pain: 6,
    mood: 4,
    outcome: '',
    barrier: '',
    change: '',
    encouraged: false,
    topics: ['getting_started'],
    plan: null,
    overrides: {},
    channel: 'phone',
    minutes: '',
    note: 'He mentioned the garden again.',
    nextOn: '2026-03-16',
    nextTime: '',
    nextHow: 'phone',
    nextMinutes: '30',
    nextPlace: '',
    ...o,
  });
  const audits = (action: string) => t.db.db.select().from(auditEvents).where(eq(auditEvents.action, action));

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    [coordinator, coach, otherCoach, participant] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('participant@test.org'),
    ]);
    const res = await coordinator.request('POST', `/programs/${w.programId}/pairings`, {
      participantId: w.participantId,
      coachId: w.coachId,
      genderMismatchReason: 'He said any fellow veteran is fine.',
    });
    expect(res.status).toBe(201);
  });
  afterAll(() => t.close());

  const clientKey = randomUUID();

  it('has no draft before anything is entered', async () => {
    const res = await coach.request('GET', draftUrl());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ draft: null });
  });

  it('saves what was entered, audited as a write, and gives it back on opening again', async () => {
    const saved = await coach.request('PUT', draftUrl(), { clientKey, step: 2, answers: answers() });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ clientKey, step: 2, savedAt: t.clock.now().toISOString() });
    expect(await audits('guide_draft:update')).toHaveLength(1);

    // A later save replaces it: one draft per participant and coach.
    t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000));
    const again = await coach.request('PUT', draftUrl(), { clientKey, step: 3, answers: answers({ encouraged: true }) });
    expect(again.status).toBe(200);
    expect(await t.db.db.select().from(guideDrafts)).toHaveLength(1);

    const res = await coach.request('GET', draftUrl());
    expect(res.status).toBe(200);
    expect(res.body.draft).toMatchObject({
      clientKey,
      step: 3,
      answers: { pain: 6, encouraged: true, note: 'He mentioned the garden again.' },
    });
    const reads = await audits('guide_draft:read');
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actorId).toBe(coach.personId);
  });

  it('is not readable or writable by another coach or the participant, and staff see only their own', async () => {
    for (const agent of [otherCoach, participant]) {
      expect((await agent.request('GET', draftUrl())).status).toBe(404);
      expect((await agent.request('PUT', draftUrl(), { clientKey: randomUUID(), step: 0, answers: answers() })).status).toBe(404);
      expect((await agent.request('DELETE', draftUrl())).status).toBe(404);
    }
    const staff = await coordinator.request('GET', draftUrl());
    expect(staff.status).toBe(200);
    expect(staff.body).toEqual({ draft: null });
    const rows = await t.db.db.select().from(guideDrafts);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.step).toBe(3);
  });

  it('refuses a draft that does not fit with a 400 and changes nothing', async () => {
    for (const body of [
      { clientKey, step: 7, answers: answers() },
      { clientKey, step: 1, answers: answers({ pain: 11 }) },
      { clientKey, step: 1, answers: answers({ note: 'x'.repeat(4001) }) },
      { clientKey: 'not-a-key', step: 1, answers: answers() },
    ]) {
      expect((await coach.request('PUT', draftUrl(), body)).status).toBe(400);
    }
    const [row] = await t.db.db.select().from(guideDrafts);
    expect(row!.step).toBe(3);
  });

  it('"Start over" deletes it, audited', async () => {
    expect((await coach.request('DELETE', draftUrl())).status).toBe(200);
    expect(await t.db.db.select().from(guideDrafts)).toHaveLength(0);
    expect(await audits('guide_draft:delete')).toHaveLength(1);
    expect((await coach.request('GET', draftUrl())).body).toEqual({ draft: null });
  });

  it('finishing the guide deletes the draft in the same request, and a late save cannot bring it back', async () => {
    expect((await coach.request('PUT', draftUrl(), { clientKey, step: 4, answers: answers() })).status).toBe(200);
    const finished = await coach.request('POST', guideUrl(), {
      clientKey,
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      check: { pain: 6, mood: 4 },
      topics: ['getting_started'],
      elements: allFalse,
      nextContactOn: '2026-03-16',
    });
    expect(finished.status).toBe(201);
    expect(await t.db.db.select().from(guideDrafts)).toHaveLength(0);
    expect(await audits('guide_draft:delete')).toHaveLength(2);

    const late = await coach.request('PUT', draftUrl(), { clientKey, step: 4, answers: answers() });
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('guide_already_finished');
    expect(await t.db.db.select().from(guideDrafts)).toHaveLength(0);
  });

  it('a refused finish keeps the draft', async () => {
    const key = randomUUID();
    expect((await coach.request('PUT', draftUrl(), { clientKey: key, step: 4, answers: answers() })).status).toBe(200);
    const refused = await coach.request('POST', guideUrl(), {
      clientKey: key,
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      elements: allFalse,
      nextContactOn: '2020-01-01',
    });
    expect(refused.status).toBe(422);
    expect(await t.db.db.select().from(guideDrafts)).toHaveLength(1);
  });

  it('ignores a draft older than two weeks, and the sweep deletes it', async () => {
    t.clock.advanceDays(14);
    // The session has long ended: sign in again.
    const later = await t.login('coach@test.org');
    expect((await later.request('GET', draftUrl())).body).toEqual({ draft: null });
    expect(await sweepGuideDrafts(t.deps, t.clock.now())).toBe(1);
    expect(await t.db.db.select().from(guideDrafts)).toHaveLength(0);
    const swept = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'guide_draft:delete'), like(auditEvents.requestId, 'job:%')));
    expect(swept).toHaveLength(1);
  });
});

describe('the idle clock the web app warns with (ADR 0035)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.seedWorld();
  });
  afterAll(() => t.close());

  it('tells every signed-in response how long is left; any request starts the idle time again', async () => {
    const coach = await t.login('coach@test.org');
    const first = await coach.request('GET', '/me');
    expect(first.headers[SESSION_ENDS_HEADER]).toBe(String(30 * 60));

    t.clock.set(new Date(t.clock.now().getTime() + 20 * 60_000));
    const later = await coach.request('GET', '/me');
    expect(later.status).toBe(200);
    expect(later.headers[SESSION_ENDS_HEADER]).toBe(String(30 * 60));

    // 29 minutes idle: still signed in, with one minute left.
    t.clock.set(new Date(t.clock.now().getTime() + 29 * 60_000));
    const close = await coach.request('GET', '/me');
    expect(close.status).toBe(200);

    t.clock.set(new Date(t.clock.now().getTime() + 31 * 60_000));
    const ended = await coach.request('GET', '/me');
    expect(ended.status).toBe(401);
    expect(ended.headers[SESSION_ENDS_HEADER]).toBeUndefined();
  });

  it('reads the time left without restarting it, so the web app can check whether the session really ended', async () => {
    const coach = await t.login('coach@test.org');
    t.clock.set(new Date(t.clock.now().getTime() + 20 * 60_000));
    const left = await coach.request('GET', '/session/remaining');
    expect(left.status).toBe(200);
    expect(left.body).toEqual({ secondsLeft: 10 * 60 });
    t.clock.set(new Date(t.clock.now().getTime() + 9 * 60_000));
    expect((await coach.request('GET', '/session/remaining')).body).toEqual({ secondsLeft: 60 });
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    expect((await coach.request('GET', '/session/remaining')).status).toBe(401);
  });
});
