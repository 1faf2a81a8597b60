import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../http/app';
import { hashToken } from '../../platform/ids';
import { mailMessages } from '../../platform/mail.table';
import { createTestApp, T0, TEST_PASSWORD, type TestApp } from '../../testing/harness';
import { startSmtpStandIn, type SmtpStandIn } from '../../testing/smtp';
import { createUser } from './accounts.service';
import { passwordResets, sessions } from './accounts.table';

const NEW_PASSWORD = 'a brand new long passphrase';

/** "Forgot your password?" by e-mail, through the outbox to a local SMTP server (ADR 0021). */
describe('password reset', () => {
  let t: TestApp;
  let smtp: SmtpStandIn;

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    t = await createTestApp({ smtpUrl: smtp.url });
    await t.seedWorld();
  });
  afterAll(async () => {
    await t?.close();
    await smtp.close();
  });
  beforeEach(async () => {
    smtp.received.length = 0;
    t.clock.set(T0);
    await t.db.db.delete(mailMessages);
  });

  let nextAddress = 1;
  beforeEach(() => {
    nextAddress++;
  });
  /** Each test asks from an address of its own: the per-address limit (10 an hour) is counted in real time. */
  const ask = async (email: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      remoteAddress: `192.0.2.${nextAddress}`,
      payload: { email },
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };
  const reset = (token: string, password = NEW_PASSWORD) =>
    t.anonymous.request('POST', '/auth/password-reset', { token, password });
  const deliver = () => t.deps.mailer.deliverPending(t.db.db, () => t.clock.now());
  /** The link's token from the last delivered e-mail (quoted-printable soft breaks undone). */
  const tokenFromMail = () => {
    const text = smtp.received
      .at(-1)!
      .raw.toString('utf8')
      .replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=');
    return /\/reset-password#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
  };
  const signIn = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.20', payload: { email, password } });

  it('e-mails a one-time link; the new password works, the old one does not, and every session ends', async () => {
    await createUser(t.db.db, t.clock.now(), {
      email: 'forgot@test.org',
      displayName: 'Frances',
      password: TEST_PASSWORD,
      isAdmin: false,
    });
    const a = await t.login('forgot@test.org');
    const b = await t.login('forgot@test.org');

    const res = await ask('FORGOT@test.org');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ok: true });
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.raw.toString('utf8')).toMatch(/^Subject: Choose a new Kindred password$/m);
    const token = tokenFromMail();
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // Only the hash is stored.
    const [row] = await t.db.db
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, hashToken(token!)));
    expect(row?.expiresAt).toEqual(new Date(new Date(T0).getTime() + 30 * 60_000));
    expect(JSON.stringify(await t.db.db.select().from(passwordResets))).not.toContain(token!);

    const done = await reset(token!);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ email: 'forgot@test.org' });
    expect((await a.request('GET', '/me')).status).toBe(401);
    expect((await b.request('GET', '/me')).status).toBe(401);
    const live = await t.db.db.select().from(sessions).where(eq(sessions.personId, a.personId));
    expect(live.every((s) => s.revokedAt !== null)).toBe(true);
    expect((await signIn('forgot@test.org', TEST_PASSWORD)).statusCode).toBe(401);
    const fresh = await signIn('forgot@test.org', NEW_PASSWORD);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.cookies.find((c) => c.name === SESSION_COOKIE)).toBeTruthy();

    // The link works once.
    const again = await reset(token!, 'yet another long passphrase');
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error: 'not_found', reason: 'reset_invalid' });
    expect((await signIn('forgot@test.org', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown address exactly like a known one, and sends nothing', async () => {
    const unknown = await ask('no-such-person@test.org');
    const known = await ask('coach@test.org');
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(await t.db.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'no-such-person@test.org'))).toEqual([]);
    expect(await t.db.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'coach@test.org'))).toHaveLength(1);
  });

  it('refuses an expired link (30 minutes), changing nothing', async () => {
    await ask('coach2@test.org');
    await deliver();
    const token = tokenFromMail()!;
    t.clock.set(new Date(new Date(T0).getTime() + 30 * 60_000));
    const res = await reset(token);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('This link is not valid any more. Ask for a new one.');
    expect((await signIn('coach2@test.org', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a short password naming the field; the link still works afterwards', async () => {
    await ask('evaluator@test.org');
    await deliver();
    const token = tokenFromMail()!;
    const short = await reset(token, 'short');
    expect(short.status).toBe(400);
    expect(short.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.password']);
    expect((await reset(token)).status).toBe(200);
  });

  it('sends at most three e-mails an hour to one account however often someone asks', async () => {
    for (let i = 0; i < 5; i++) expect((await ask('participant@test.org')).status).toBe(202);
    expect(await t.db.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'participant@test.org'))).toHaveLength(3);
    t.clock.set(new Date(new Date(T0).getTime() + 61 * 60_000));
    await ask('participant@test.org');
    expect(await t.db.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'participant@test.org'))).toHaveLength(4);
  });

  it('is rate-limited per address (10 requests an hour): 429 with a plain message', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 10; i++) answers.push((await ask(`someone${i}@test.org`)).status);
    const limited = await ask('someone-else@test.org');
    expect(answers).toEqual(Array(10).fill(202));
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'rate_limited', message: 'Too many requests; wait a minute and try again' });
  });
});
