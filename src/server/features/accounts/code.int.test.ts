import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../http/app';
import { mailMessages } from '../../platform/mail.table';
import { createTestApp, T0, type TestApp } from '../../testing/harness';
import { signInCodes, signInThrottle } from './accounts.table';

/** Participants sign in with a six-digit code by e-mail or text (ADR 0021). */
describe('sign-in by a code', () => {
  let t: TestApp;
  let address = 10;
  beforeAll(async () => {
    t = await createTestApp();
    await t.seedWorld();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    t.clock.set(T0);
    address++;
    await t.db.db.delete(signInThrottle);
  });

  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, remoteAddress: `192.0.2.${address}`, payload });
    return { status: res.statusCode, body: JSON.parse(res.body), cookies: res.cookies, headers: res.headers };
  };
  const ask = (email: string, channel?: 'email' | 'sms') =>
    post('/auth/code/request', { email, ...(channel ? { channel } : {}) });
  const use = (email: string, code: string) => post('/auth/code/sign-in', { email, code });
  const messagesTo = (to: string) => t.db.db.select().from(mailMessages).where(eq(mailMessages.toAddress, to));
  const lastCode = async (to: string) => /code is (\d{6})/.exec((await messagesTo(to)).at(-1)?.bodyText ?? '')?.[1] ?? null;

  it('e-mails a participant a code that signs in once; the code is stored hashed', async () => {
    expect((await ask('participant@test.org')).status).toBe(202);
    const code = await lastCode('participant@test.org');
    expect(code).toMatch(/^\d{6}$/);
    const mail = (await messagesTo('participant@test.org')).at(-1)!;
    expect(mail.subject).toBe('Your Kindred sign-in code');
    const rows = await t.db.db.select().from(signInCodes);
    expect(JSON.stringify(rows)).not.toContain(code!);

    const ok = await use('participant@test.org', `${code!.slice(0, 3)} ${code!.slice(3)}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ email: 'participant@test.org', signInStep: 'done' });
    expect(ok.cookies.find((c) => c.name === SESSION_COOKIE)).toBeTruthy();
    expect((await use('participant@test.org', code!)).status).toBe(401);
  });

  it('sends by text to the participant’s phone when asked', async () => {
    await ask('participant@test.org', 'sms');
    const [text] = await t.db.db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.channel, 'sms'), eq(mailMessages.toAddress, '317 555 0200')));
    expect(text?.bodyText).toMatch(/Your Kindred sign-in code is \d{6}\./);
  });

  it('answers staff, coaches and unknown addresses the same, and sends them nothing', async () => {
    for (const email of ['coordinator@test.org', 'coach@test.org', 'admin@test.org', 'nobody@test.org']) {
      const res = await ask(email);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ ok: true });
      expect(await messagesTo(email)).toEqual([]);
    }
    expect((await use('coach@test.org', '123456')).status).toBe(401);
  });

  it('expires after 10 minutes and is used up after 5 wrong tries', async () => {
    await ask('participant@test.org');
    const code = (await lastCode('participant@test.org'))!;
    t.clock.set(new Date(new Date(T0).getTime() + 10 * 60_000));
    expect((await use('participant@test.org', code)).status).toBe(401);

    t.clock.set(new Date(new Date(T0).getTime() + 61 * 60_000));
    await t.db.db.delete(signInThrottle);
    await ask('participant@test.org');
    const fresh = (await lastCode('participant@test.org'))!;
    const wrong = fresh === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect((await use('participant@test.org', wrong)).status).toBe(401);
    // Past five failures the address waits; an hour later the used-up code still does not work.
    const slowed = await use('participant@test.org', fresh);
    expect(slowed.status).toBe(429);
    expect(slowed.headers['retry-after']).toBe('1');
    t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000));
    await t.db.db.delete(signInThrottle);
    expect((await use('participant@test.org', fresh)).status).toBe(401);
  });

  it('sends at most three codes an hour', async () => {
    t.clock.set(new Date(new Date(T0).getTime() + 3 * 3_600_000));
    const before = (await messagesTo('participant@test.org')).length;
    for (let i = 0; i < 5; i++) await ask('participant@test.org');
    expect((await messagesTo('participant@test.org')).length - before).toBe(3);
  });
});
