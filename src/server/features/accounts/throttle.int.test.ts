import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, DEVICE_COOKIE, SESSION_COOKIE, type App } from '../../http/app';
import { auditEvents } from '../../platform/audit.table';
import { mailMessages } from '../../platform/mail.table';
import { createTestApp, T0, TEST_PASSWORD, type TestApp } from '../../testing/harness';
import { createUser } from './accounts.service';
import { knownDevices, signInThrottle } from './accounts.table';

const OWNER = '198.51.100.7';
const STRANGER = '203.0.113.66';

/** Sign-in throttling (ADR 0021): slowed per address and account, never locked, owner told once. */
describe('sign-in throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.seedWorld();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    t.clock.set(T0);
    await t.db.db.delete(signInThrottle);
  });

  const signIn = async (
    email: string,
    password: string,
    o: { ip?: string; device?: string | null; app?: App } = {},
  ): Promise<{ status: number; body: any; headers: Record<string, unknown>; device: string | null; session: string | null }> => {
    const res = await (o.app ?? t.app).inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: o.ip ?? STRANGER,
      headers: {
        'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
        ...(o.device ? { cookie: `${DEVICE_COOKIE}=${o.device}` } : {}),
      },
      payload: { email, password },
    });
    return {
      status: res.statusCode,
      body: JSON.parse(res.body),
      headers: res.headers as Record<string, unknown>,
      device: res.cookies.find((c) => c.name === DEVICE_COOKIE)?.value ?? null,
      session: res.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? null,
    };
  };
  const newUser = (email: string) =>
    createUser(t.db.db, t.clock.now(), { email, displayName: 'Dana Owner', password: TEST_PASSWORD, isAdmin: false });
  const mailTo = (to: string) => t.db.db.select().from(mailMessages).where(eq(mailMessages.toAddress, to));
  const advance = (ms: number) => t.clock.set(new Date(t.clock.now().getTime() + ms));

  it('a stranger’s many wrong passwords do not stop the owner signing in from a known device', async () => {
    await newUser('owner1@test.org');
    const first = await signIn('owner1@test.org', TEST_PASSWORD, { ip: OWNER });
    expect(first.status).toBe(200);
    expect(first.device).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // Only the device token's hash is kept.
    const devices = await t.db.db.select().from(knownDevices);
    expect(devices.map((d) => d.tokenHash)).not.toContain(first.device);

    const answers: number[] = [];
    for (let i = 0; i < 30; i++) {
      answers.push((await signIn('owner1@test.org', `guess number ${i}`, { ip: STRANGER })).status);
      advance(500);
    }
    expect(answers.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(answers).toContain(429);

    // The owner, on the known device, is not slowed at all.
    const owner = await signIn('owner1@test.org', TEST_PASSWORD, { ip: OWNER, device: first.device });
    expect(owner.status).toBe(200);
    expect(owner.session).toBeTruthy();
    // The same device cookie keeps working; it is the one the browser already had.
    expect(owner.device).toBe(first.device);
  });

  it('slows the attacker’s address with 429, Retry-After and a plain message, doubling the wait', async () => {
    await newUser('owner2@test.org');
    for (let i = 0; i < 4; i++) expect((await signIn('owner2@test.org', `wrong ${i}`)).status).toBe(401);
    const fifth = await signIn('owner2@test.org', 'wrong 5');
    expect(fifth.status).toBe(401);
    const slowed = await signIn('owner2@test.org', 'wrong 6');
    expect(slowed.status).toBe(429);
    expect(slowed.headers['retry-after']).toBe('1');
    expect(slowed.body).toMatchObject({
      error: 'rate_limited',
      reason: 'too_many_tries',
      message: 'Too many tries. Wait a few seconds, then try again.',
      // The wait in parts, for the web to say it in the reader's language (ADR 0051).
      waitUnit: 'few',
      waitCount: 1,
    });
    expect(JSON.stringify(slowed.body)).not.toContain('owner2');
    // While slowed, not even the right password is checked.
    expect((await signIn('owner2@test.org', TEST_PASSWORD)).status).toBe(429);
    advance(1000);
    expect((await signIn('owner2@test.org', 'wrong 7')).status).toBe(401);
    const again = await signIn('owner2@test.org', 'wrong 8');
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe('2');
    // Another account from the same address is slowed too: the address is what guesses.
    expect((await signIn('coach@test.org', TEST_PASSWORD)).status).toBe(429);
    // After the wait the right password works, from a new device.
    advance(2000);
    expect((await signIn('owner2@test.org', TEST_PASSWORD)).status).toBe(200);
  });

  it('slows an account guessed from many addresses for unknown devices only, and e-mails the owner once', async () => {
    await newUser('owner3@test.org');
    const known = await signIn('owner3@test.org', TEST_PASSWORD, { ip: OWNER });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn('owner3@test.org', `wrong ${i}`, { ip: `192.0.2.${i + 1}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toContain(429);
    // A new device of the owner's (fresh address, no cookie) waits like the stranger …
    expect((await signIn('owner3@test.org', TEST_PASSWORD, { ip: '192.0.2.200' })).status).toBe(429);
    // … the known device does not.
    expect((await signIn('owner3@test.org', TEST_PASSWORD, { ip: '192.0.2.201', device: known.device })).status).toBe(200);

    const mails = await mailTo('owner3@test.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Sign-in attempts on your Kindred account');
    expect(mails[0]!.subject).not.toMatch(/owner3|Dana/);
    expect(mails[0]!.bodyText).toContain('/forgot-password');
    expect(mails[0]!.bodyText).not.toMatch(/192\.0\.2/);
  });

  it('answers an unknown e-mail exactly as a real one: the same 401s, then the same 429', async () => {
    const real = await newUser('owner4@test.org');
    const seq = async (email: string, ip: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await signIn(email, `wrong ${i}`, { ip });
        out.push(`${r.status} ${r.body.reason} ${r.body.message} ${String(r.headers['retry-after'] ?? '')}`);
      }
      return out;
    };
    expect(await seq('nobody-at-all@test.org', '192.0.2.50')).toEqual(await seq('owner4@test.org', '192.0.2.51'));
    expect(real).toBeTruthy();
    expect(await mailTo('nobody-at-all@test.org')).toHaveLength(0);
  });

  it('keeps its counts in the database, so a second server sees the same waits', async () => {
    await newUser('owner5@test.org');
    const second = await buildApp({
      deps: t.deps,
      session: { idleMinutes: 30, maxHours: 12 },
      cookieSecure: false,
      logger: false,
      webDir: null,
      isDemo: false,
      loginRateLimit: 1000,
    });
    try {
      for (let i = 0; i < 5; i++) {
        const app = i % 2 === 0 ? t.app : second;
        expect((await signIn('owner5@test.org', `wrong ${i}`, { app, ip: '192.0.2.99' })).status).toBe(401);
      }
      expect((await signIn('owner5@test.org', 'wrong 6', { app: second, ip: '192.0.2.99' })).status).toBe(429);
      expect((await signIn('owner5@test.org', 'wrong 6', { app: t.app, ip: '192.0.2.99' })).status).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('forgets a spell after a quiet hour', async () => {
    await newUser('owner6@test.org');
    for (let i = 0; i < 6; i++) await signIn('owner6@test.org', `wrong ${i}`, { ip: '192.0.2.77' });
    expect((await signIn('owner6@test.org', TEST_PASSWORD, { ip: '192.0.2.77' })).status).toBe(429);
    advance(60 * 60_000);
    expect((await signIn('owner6@test.org', TEST_PASSWORD, { ip: '192.0.2.77' })).status).toBe(200);
  });

  it('records every refused attempt in the audit trail, without the e-mail', async () => {
    const rows = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'session:sign_in_failed'));
    expect(rows.length).toBeGreaterThan(30);
    expect(JSON.stringify(rows)).not.toContain('@test.org');
  });
});
