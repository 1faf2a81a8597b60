import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { count, eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { SESSION_COOKIE } from '../../http/app';
import { createTestApp, T0, type TestApp } from '../../testing/harness';
import { people, sessions, signInThrottle, totpFactors } from './accounts.table';
import { OIDC_COOKIE, SSO_FAILED } from './oidc.routes';

const KINDRED = 'http://kindred.test';
const CALLBACK = `${KINDRED}/api/v1/auth/oidc/callback`;

/** The provider's test users: its account id → the claims it asserts. */
const USERS: Record<string, { email: string; email_verified: unknown }> = {
  coordinator: { email: 'Coordinator@Test.org', email_verified: true },
  unverified: { email: 'evaluator@test.org', email_verified: false },
  stringly: { email: 'evaluator@test.org', email_verified: 'true' },
  unknown: { email: 'nobody@test.org', email_verified: true },
  coach: { email: 'coach@test.org', email_verified: true },
  participant: { email: 'participant@test.org', email_verified: true },
};

/**
 * Single sign-on for staff (ADR 0031) against a real OpenID Connect provider (`oidc-provider`) on a
 * random local port: the whole authorization code flow with PKCE is driven by HTTP requests, the
 * provider's login step finished in-process through its interaction API.
 */
describe('single sign-on for staff (OpenID Connect)', () => {
  let t: TestApp;
  let server: Server;
  let issuer: string;
  /** Who logs in at the provider, and with which authentication methods, in the next flow. */
  let loginAs = 'coordinator';
  let amr: string[] = ['pwd'];
  let address = 20;

  beforeAll(async () => {
    let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'kindred',
          client_secret: 'kindred-test-secret',
          redirect_uris: [CALLBACK],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
        {
          // A public client: no secret, PKCE alone.
          client_id: 'kindred-public',
          token_endpoint_auth_method: 'none',
          redirect_uris: [CALLBACK],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test' }] },
      cookies: { keys: ['oidc-test-cookie-key'] },
      // `amr` is released so Kindred can see whether the provider asked for a second factor.
      claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      // A first-party client: consent is given by the deployment, not asked of each person.
      loadExistingGrant: async (ctx) => {
        const accountId = ctx.oidc.session?.accountId;
        if (!accountId || !ctx.oidc.client) return undefined;
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
        grant.addOIDCScope('openid email');
        await grant.save();
        return grant;
      },
      findAccount: (_ctx, sub) => (USERS[sub] ? { accountId: sub, claims: () => ({ sub, ...USERS[sub] }) } : undefined),
    });
    // The login page: the person named by `loginAs` signs in, with the methods in `amr`.
    provider.use(async (ctx, next) => {
      if (!ctx.path.startsWith('/interaction/')) return next();
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: loginAs, amr } });
      ctx.status = 303;
      ctx.redirect(returnTo);
    });
    handler = provider.callback();
    t = await createTestApp({
      oidc: {
        issuer,
        clientId: 'kindred',
        clientSecret: 'kindred-test-secret',
        label: 'Sign in with Test SSO',
        redirectUri: CALLBACK,
      },
    });
    await t.seedWorld();
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    t.clock.set(T0);
    address++;
    loginAs = 'coordinator';
    amr = ['pwd'];
    app = () => t.app;
    await t.db.db.delete(signInThrottle);
  });

  /** The Kindred app the next flow talks to (the confidential client unless a test says otherwise). */
  let app: () => TestApp['app'] = () => t.app;
  const kindred = (url: string, cookies: Record<string, string>) =>
    app().inject({
      method: 'GET',
      url,
      remoteAddress: `192.0.2.${address}`,
      cookies,
    });

  /** Starts at Kindred, goes through the provider (keeping its cookies), and stops at Kindred's callback URL. */
  const toCallback = async (): Promise<{ callback: URL; oidcCookie: string }> => {
    const start = await kindred('/api/v1/auth/oidc/start', {});
    expect(start.statusCode).toBe(303);
    const oidcCookie = start.cookies.find((c) => c.name === OIDC_COOKIE);
    expect(oidcCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc' });
    let location = String(start.headers.location);
    const authUrl = new URL(location);
    expect(authUrl.origin).toBe(issuer);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('redirect_uri')).toBe(CALLBACK);
    const jar = new Map<string, string>();
    for (let hops = 0; location.startsWith(issuer); hops++) {
      if (hops > 10) throw new Error('the provider redirected too often');
      const res = await fetch(location, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const set of res.headers.getSetCookie()) {
        const [pair = ''] = set.split(';');
        const name = pair.slice(0, pair.indexOf('='));
        const value = pair.slice(pair.indexOf('=') + 1);
        if (!value || /expires=Thu, 01 Jan 1970/i.test(set)) jar.delete(name);
        else jar.set(name, value);
      }
      if (res.status < 300 || res.status >= 400) throw new Error(`the provider answered ${res.status}: ${await res.text()}`);
      location = new URL(res.headers.get('location')!, location).href;
    }
    expect(location.startsWith(CALLBACK)).toBe(true);
    return { callback: new URL(location), oidcCookie: oidcCookie!.value };
  };

  const callback = (url: URL, oidcCookie: string) => kindred(`${url.pathname}${url.search}`, { [OIDC_COOKIE]: oidcCookie });

  const sessionCount = async () => (await t.db.db.select({ n: count() }).from(sessions))[0]!.n;
  const peopleCount = async () => (await t.db.db.select({ n: count() }).from(people))[0]!.n;
  const ssoAudit = async (action: string) =>
    (await t.db.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]!.n;

  /** Runs a whole flow and expects Kindred to refuse it plainly, with no session. */
  const expectRefused = async () => {
    const before = await sessionCount();
    const failuresBefore = await ssoAudit('single_sign_on:sign_in_failed');
    const { callback: url, oidcCookie } = await toCallback();
    const res = await callback(url, oidcCookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(SSO_FAILED);
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    expect(await sessionCount()).toBe(before);
    expect(await ssoAudit('single_sign_on:sign_in_failed')).toBe(failuresBefore + 1);
  };

  it('tells the sign-in page that single sign-on is there, and with which words', async () => {
    const res = await t.anonymous.request('GET', '/auth/options');
    expect(res).toMatchObject({ status: 200, body: { singleSignOn: { label: 'Sign in with Test SSO' } } });
  });

  it('signs a coordinator in by a verified e-mail (any case): the session works like a password one', async () => {
    const before = await ssoAudit('single_sign_on:sign_in');
    const { callback: url, oidcCookie } = await toCallback();
    const res = await callback(url, oidcCookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in');
    const session = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = await kindred('/api/v1/me', { [SESSION_COOKIE]: session!.value });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'coordinator@test.org', signInStep: 'done' });
    expect(await ssoAudit('single_sign_on:sign_in')).toBe(before + 1);
  });

  it('refuses a replayed callback: the attempt and the code work once', async () => {
    const { callback: url, oidcCookie } = await toCallback();
    expect((await callback(url, oidcCookie)).headers.location).toBe('/sign-in');
    const before = await sessionCount();
    const again = await callback(url, oidcCookie);
    expect(again.headers.location).toBe(SSO_FAILED);
    expect(again.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a tampered state, a callback without its cookie, and one from another browser', async () => {
    const first = await toCallback();
    const tampered = new URL(first.callback);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    expect((await callback(tampered, first.oidcCookie)).headers.location).toBe(SSO_FAILED);
    // The attempt is used up by the refusal: the untampered callback no longer works either.
    expect((await callback(first.callback, first.oidcCookie)).headers.location).toBe(SSO_FAILED);

    const second = await toCallback();
    expect((await kindred(`${second.callback.pathname}${second.callback.search}`, {})).headers.location).toBe(SSO_FAILED);
    const third = await toCallback();
    const fourth = await toCallback();
    // The third browser's code with the fourth browser's cookie: state and PKCE do not match.
    expect((await callback(third.callback, fourth.oidcCookie)).headers.location).toBe(SSO_FAILED);
  });

  it('refuses an e-mail the provider has not verified (false, or the string "true")', async () => {
    loginAs = 'unverified';
    await expectRefused();
    loginAs = 'stringly';
    await expectRefused();
  });

  it('refuses an unknown e-mail and creates no account', async () => {
    const before = await peopleCount();
    loginAs = 'unknown';
    await expectRefused();
    expect(await peopleCount()).toBe(before);
  });

  it('refuses coaches and participants: single sign-on is for staff', async () => {
    loginAs = 'coach';
    await expectRefused();
    loginAs = 'participant';
    await expectRefused();
  });

  it('counts refused callbacks against the address', async () => {
    loginAs = 'unknown';
    await expectRefused();
    const [row] = await t.db.db
      .select()
      .from(signInThrottle)
      .where(eq(signInThrottle.key, `address:192.0.2.${address}`));
    expect(row?.failures).toBe(1);
  });

  it('works as a public client too (no secret: PKCE alone)', async () => {
    const pub = await createTestApp({
      oidc: { issuer, clientId: 'kindred-public', clientSecret: null, label: 'Sign in with Test SSO', redirectUri: CALLBACK },
    });
    try {
      await pub.seedWorld();
      app = () => pub.app;
      const { callback: url, oidcCookie } = await toCallback();
      const res = await callback(url, oidcCookie);
      expect(res.headers.location).toBe('/sign-in');
      const me = await kindred('/api/v1/me', { [SESSION_COOKIE]: res.cookies.find((c) => c.name === SESSION_COOKIE)!.value });
      expect(me.json()).toMatchObject({ email: 'coordinator@test.org' });
    } finally {
      await pub.close();
    }
  });

  it('refuses every callback while the address waits, even a good one', async () => {
    loginAs = 'unknown';
    for (let i = 0; i < 5; i++) await expectRefused();
    loginAs = 'coordinator';
    const { callback: url, oidcCookie } = await toCallback();
    // The next failure (the sixth) makes the address wait: even a good callback is refused meanwhile.
    const bad = await toCallback();
    const tampered = new URL(bad.callback);
    tampered.searchParams.set('state', 'wrong');
    expect((await callback(tampered, bad.oidcCookie)).headers.location).toBe(SSO_FAILED);
    expect((await callback(url, oidcCookie)).headers.location).toBe(SSO_FAILED);
    // Once the wait is over, a new attempt works again.
    t.clock.set(new Date(Date.parse(T0) + 60_000).toISOString());
    const again = await toCallback();
    expect((await callback(again.callback, again.oidcCookie)).headers.location).toBe('/sign-in');
  });

  it('keeps Kindred’s two-factor step unless the provider says it asked for a second factor', async () => {
    const [coordinator] = await t.db.db.select().from(people).where(eq(people.email, 'coordinator@test.org'));
    await t.db.db
      .insert(totpFactors)
      .values({ personId: coordinator!.id, secret: 'JBSWY3DPEHPK3PXP', createdAt: new Date(T0), confirmedAt: new Date(T0) });
    try {
      const plain = await toCallback();
      const halfway = await callback(plain.callback, plain.oidcCookie);
      const me = await kindred('/api/v1/me', { [SESSION_COOKIE]: halfway.cookies.find((c) => c.name === SESSION_COOKIE)!.value });
      expect(me.json()).toMatchObject({ signInStep: 'totp' });

      amr = ['pwd', 'mfa'];
      const strong = await toCallback();
      const full = await callback(strong.callback, strong.oidcCookie);
      const me2 = await kindred('/api/v1/me', { [SESSION_COOKIE]: full.cookies.find((c) => c.name === SESSION_COOKIE)!.value });
      expect(me2.json()).toMatchObject({ signInStep: 'done' });
    } finally {
      await t.db.db.delete(totpFactors).where(eq(totpFactors.personId, coordinator!.id));
    }
  });
});

describe('single sign-on when not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('says so to the sign-in page and answers 404 on its routes', async () => {
    expect(await t.anonymous.request('GET', '/auth/options')).toMatchObject({ status: 200, body: { singleSignOn: null } });
    expect((await t.anonymous.request('GET', '/auth/oidc/start')).status).toBe(404);
    expect((await t.anonymous.request('GET', '/auth/oidc/callback?code=x&state=y')).status).toBe(404);
  });
});
