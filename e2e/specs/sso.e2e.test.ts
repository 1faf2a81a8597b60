import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser } from '../fixtures/browser';
import { startDemoServer, type DemoServer } from '../fixtures/server';
import { waitUntilSignedIn } from '../fixtures/session';

/**
 * Single sign-on for staff (ADR 0031) in Chromium: a real OpenID Connect provider (`oidc-provider`)
 * in this process, a fresh demo server configured for it. A coordinator signs in with the button on a
 * desktop; a coach is refused on a phone and told so plainly. Pages are scanned by axe-core.
 */
const USERS: Record<string, { email: string; email_verified: boolean }> = {
  coordinator: { email: 'coordinator@example.org', email_verified: true },
  coach: { email: 'coach@example.org', email_verified: true },
};

/** A port nothing listens on now, so Kindred's public URL (and the redirect URI) is known before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('single sign-on for staff', () => {
  let providerServer: Server;
  let kindred: DemoServer;
  let loginAs = 'coordinator';
  const saved = { ...process.env };

  beforeAll(async () => {
    let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
    providerServer = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'kindred-e2e',
          client_secret: 'kindred-e2e-secret',
          redirect_uris: [`${base}/api/v1/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'e2e' }] },
      cookies: { keys: ['oidc-e2e-cookie-key'] },
      claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
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
    // The provider's login page: whoever `loginAs` names signs in at once.
    provider.use(async (ctx, next) => {
      if (!ctx.path.startsWith('/interaction/')) return next();
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: loginAs, amr: ['pwd'] } });
      ctx.status = 303;
      ctx.redirect(returnTo);
    });
    handler = provider.callback();
    Object.assign(process.env, {
      KINDRED_PUBLIC_URL: base,
      KINDRED_OIDC_ISSUER: issuer,
      KINDRED_OIDC_CLIENT_ID: 'kindred-e2e',
      KINDRED_OIDC_CLIENT_SECRET: 'kindred-e2e-secret',
      KINDRED_OIDC_LABEL: 'Sign in with Test SSO',
    });
    kindred = await startDemoServer(port, { template: inject('demoTemplate') });
  });
  afterAll(async () => {
    await kindred?.stop();
    for (const k of [
      'KINDRED_PUBLIC_URL',
      'KINDRED_OIDC_ISSUER',
      'KINDRED_OIDC_CLIENT_ID',
      'KINDRED_OIDC_CLIENT_SECRET',
      'KINDRED_OIDC_LABEL',
    ])
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    await new Promise((resolve) => providerServer.close(resolve));
  });

  it('signs a coordinator in with the button (desktop)', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      loginAs = 'coordinator';
      await page.goto(`${kindred.url}/sign-in`);
      const button = page.getByRole('link', { name: 'Sign in with Test SSO' });
      await button.waitFor();
      await expectAccessible(page, 'sign in with single sign-on offered');
      await button.click();
      await waitUntilSignedIn(page);
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
      expect(me).toMatchObject({ email: 'coordinator@example.org', signInStep: 'done' });
    } finally {
      await browser.close();
    }
  });

  it('refuses a coach and says so plainly (phone)', async () => {
    const browser = await launchBrowser({ mobile: true });
    try {
      const page = await browser.context.newPage();
      loginAs = 'coach';
      await page.goto(`${kindred.url}/sign-in`);
      await page.getByRole('link', { name: 'Sign in with Test SSO' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(
        'Single sign-on did not work for this account; sign in with your password or ask your coordinator.',
      );
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await expectAccessible(page, 'single sign-on refused, on a phone');
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
      expect(me).toBe(401);
    } finally {
      await browser.close();
    }
  });
});
