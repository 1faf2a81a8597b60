import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../http/app';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, type Agent, type TestApp } from '../../testing/harness';
import { loginAs } from '../../testing/signin';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

/** "Where you are signed in": one's own sessions, ending one or all others (ADR 0021). */
describe('my sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.seedWorld();
  });
  afterAll(() => t.close());

  it('lists only my live sessions, with the browser in words and this one marked; never a token', async () => {
    const laptop = await loginAs(t, 'coach@test.org', { userAgent: FIREFOX });
    t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000));
    const phone = await loginAs(t, 'coach@test.org', { userAgent: IPHONE });
    await loginAs(t, 'coach2@test.org', { userAgent: FIREFOX });
    const ended = await loginAs(t, 'coach@test.org', { userAgent: FIREFOX });
    await ended.request('POST', '/auth/logout');

    const res = await phone.request('GET', '/auth/sessions');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id: expect.any(String),
        createdAt: t.clock.now().toISOString(),
        lastSeenAt: t.clock.now().toISOString(),
        browser: 'Safari on iPhone',
        isCurrent: true,
      },
      expect.objectContaining({ browser: 'Firefox on Windows', isCurrent: false }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(laptop.sessionCookie);
    const [read] = await t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, res.headers['x-request-id'] as string));
    expect(read).toMatchObject({ action: 'session:list', actorId: phone.personId });
  });

  it('ends one session of mine; someone else’s answers 404 and stays live', async () => {
    const a = await loginAs(t, 'evaluator@test.org');
    const b = await loginAs(t, 'evaluator@test.org');
    const other = await loginAs(t, 'participant@test.org');
    const mine = (await a.request('GET', '/auth/sessions')).body as { id: string; isCurrent: boolean }[];
    const bId = mine.find((s) => !s.isCurrent)!.id;
    const theirs = ((await other.request('GET', '/auth/sessions')).body as { id: string }[])[0]!.id;

    expect((await a.request('DELETE', `/auth/sessions/${theirs}`)).status).toBe(404);
    expect((await other.request('GET', '/me')).status).toBe(200);
    expect((await a.request('DELETE', `/auth/sessions/not-a-uuid`)).status).toBe(400);

    const res = await a.request('DELETE', `/auth/sessions/${bId}`);
    expect(res.status).toBe(200);
    expect((await b.request('GET', '/me')).status).toBe(401);
    expect((await a.request('GET', '/me')).status).toBe(200);
    expect((await a.request('DELETE', `/auth/sessions/${bId}`)).status).toBe(404);
  });

  it('signs out everywhere else, keeping this session', async () => {
    const keep = await loginAs(t, 'coordinator@test.org');
    const others: Agent[] = [await loginAs(t, 'coordinator@test.org'), await loginAs(t, 'coordinator@test.org')];
    const res = await keep.request('POST', '/auth/sessions/end-others');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ended: 2 });
    for (const o of others) expect((await o.request('GET', '/me')).status).toBe(401);
    expect((await keep.request('GET', '/auth/sessions')).body).toHaveLength(1);
  });

  it('needs a session and the CSRF token', async () => {
    expect((await t.anonymous.request('GET', '/auth/sessions')).status).toBe(401);
    const a = await loginAs(t, 'admin@test.org');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sessions/end-others',
      headers: { cookie: `${SESSION_COOKIE}=${a.sessionCookie}` },
    });
    expect(res.statusCode).toBe(403);
  });
});
