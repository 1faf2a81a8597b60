import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from './app';
import { createTestApp, type TestApp } from '../testing/harness';

/** The only API routes that answer without a session. */
const PUBLIC = [
  'GET /api/v1/health',
  'GET /api/v1/config',
  // Who is signed in, or null: the web app's first question (not /me, whose 401 the console would show).
  'GET /api/v1/session',
  'POST /api/v1/auth/login',
  'POST /api/v1/invitations/accept',
  // A volunteer applies to coach without an account (#6).
  'GET /api/v1/programs/:programId/application-form',
  'POST /api/v1/programs/:programId/applications',
  // The SMS provider's inbound webhook (STOP/START), authenticated by the provider's signature (ADR 0012).
  'POST /api/v1/sms/inbound',
  // A participant's one-time assessment link: the token in the body is the credential (ADR 0015).
  'POST /api/v1/programs/:programId/assessment-link',
  'PUT /api/v1/programs/:programId/assessment-link/draft',
  'POST /api/v1/programs/:programId/assessment-link/submit',
  // "Forgot your password?": the request and the one-time link (ADR 0021).
  'POST /api/v1/auth/password-reset/request',
  'POST /api/v1/auth/password-reset',
  // Participants' sign-in by a six-digit code (ADR 0021).
  'POST /api/v1/auth/code/request',
  'POST /api/v1/auth/code/sign-in',
  // Single sign-on for staff: whether it is offered, and the way to the provider and back (ADR 0031).
  'GET /api/v1/auth/options',
  'GET /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback',
];

describe('health and the session guard on every route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const apiRoutes = () => t.routes.filter((r) => r.url.startsWith('/api/v1/'));
  const withIds = (url: string) => url.replace(/:[A-Za-z]+/g, () => randomUUID());

  it('answers GET /health with {"status":"ok"} without a session', async () => {
    const res = await t.anonymous.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers GET /config without a session, listing no demo accounts outside the demo', async () => {
    const res = await t.anonymous.request('GET', '/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ isDemo: false, demoAccounts: [] });
  });

  it('answers GET /session with null for nobody and with the person once signed in (GET /me stays 401)', async () => {
    const nobody = await t.anonymous.request('GET', '/session');
    expect([nobody.status, nobody.body]).toEqual([200, { me: null }]);
    expect((await t.anonymous.request('GET', '/me')).status).toBe(401);
    await t.seedWorld();
    const coach = await t.login('coach@test.org');
    const signedIn = await coach.request('GET', '/session');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me).toEqual((await coach.request('GET', '/me')).body);
    expect(signedIn.body.me).toMatchObject({ id: coach.personId, csrfToken: coach.csrfToken });
  });

  it('marks exactly the deliberately public routes as public', () => {
    const routes = apiRoutes();
    // The walk below is only meaningful if the hook saw the whole API.
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/programs/:programId/pairings', 'GET /api/v1/openapi.json']),
    );
    const marked = routes.filter((r) => r.isPublic && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(marked.sort()).toEqual([...PUBLIC].sort());
  });

  it('answers 401 on every other route without a session, before looking at the input', async () => {
    const answers: string[] = [];
    for (const r of apiRoutes()) {
      const key = `${r.method} ${r.url}`;
      if (PUBLIC.includes(key) || (r.method === 'HEAD' && PUBLIC.includes(`GET ${r.url}`))) continue;
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: withIds(r.url),
        ...(r.method === 'GET' || r.method === 'HEAD' ? {} : { payload: {} }),
      });
      answers.push(`${key} → ${res.statusCode}`);
    }
    expect(answers.length).toBeGreaterThanOrEqual(35);
    expect(answers.filter((a) => !a.endsWith('→ 401'))).toEqual([]);
  });

  it('answers 401 with a cookie that names no session', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/programs',
      headers: { cookie: `${SESSION_COOKIE}=${'x'.repeat(43)}` },
    });
    expect(res.statusCode).toBe(401);
  });

  it('serves the OpenAPI document to a signed-in caller, listing the API', async () => {
    await t.seedWorld();
    const coordinator = await t.login('coordinator@test.org');
    const res = await coordinator.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/health', '/api/v1/programs/{programId}/participants']),
    );
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await t.anonymous.request('GET', '/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'not_found' });
  });
});
