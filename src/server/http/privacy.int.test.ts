import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp, type World } from '../testing/harness';

/**
 * Error answers and logs carry codes, field paths and ids: never names, contact details, passwords
 * or session secrets (STYLE: "Errors and logs").
 */
describe('no personal data in error responses or logs', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  const logLines: string[] = [];

  const personal = {
    givenName: 'Zebediah',
    familyName: 'Quackenbush',
    email: 'zeb.quackenbush@example.org',
    phone: '555-0199 after 6pm only',
    contactNotes: 'Lives with his sister Mavis',
  };

  beforeAll(async () => {
    const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
    t = await createTestApp({ logger: logger as unknown as FastifyBaseLogger });
    w = await t.seedWorld();
    coordinator = await t.login('coordinator@test.org');
  });
  afterAll(() => t.close());

  const secrets = () => [
    personal.givenName,
    personal.familyName,
    personal.email,
    personal.phone,
    'Mavis',
    TEST_PASSWORD,
    'wrong password for logs',
    'coordinator@test.org',
    coordinator.sessionCookie,
    coordinator.csrfToken,
  ];
  const leaks = (text: string) => secrets().filter((s) => text.includes(s));

  it('does not echo a bad phone number (or anything else submitted) in a 400', async () => {
    const res = await coordinator.request('POST', `/programs/${w.programId}/participants`, {
      ...personal,
      gender: 'man',
      painLocations: ['knee'],
      referredOn: '2026-03-01',
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ path: 'body.phone', message: 'Enter a phone number of 7 to 20 digits', code: 'phone' }]);
    expect(leaks(JSON.stringify(res.body))).toEqual([]);
  });

  it('does not echo values of the wrong type or outside an enum', async () => {
    const res = await coordinator.request('POST', `/programs/${w.programId}/participants`, {
      ...personal,
      phone: null,
      email: 'zeb.quackenbush at example.org',
      gender: 'Zebediah-gender',
      birthYear: 'Quackenbush',
      painLocations: ['knee'],
      referredOn: '2026-03-01',
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.birthYear', 'body.email', 'body.gender']);
    expect(leaks(JSON.stringify(res.body))).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain('zeb.quackenbush at example.org');
  });

  it('answers domain refusals with codes only', async () => {
    const created = await coordinator.request('POST', `/programs/${w.programId}/participants`, {
      ...personal,
      phone: '317 555 0199',
      gender: 'man',
      painLocations: ['knee'],
      referredOn: '2026-03-01',
    });
    expect(created.status).toBe(201);
    const refused = await coordinator.request('POST', `/programs/${w.programId}/pairings`, {
      participantId: created.body.id,
      coachId: w.coachId,
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      error: 'invalid_state',
      reason: 'participant_not_enrolled',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(leaks(JSON.stringify(refused.body))).toEqual([]);
    const badLogin = await t.anonymous.request('POST', '/auth/login', {
      email: 'coordinator@test.org',
      password: 'wrong password for logs',
    });
    expect(badLogin.status).toBe(401);
    expect(leaks(JSON.stringify(badLogin.body))).toEqual([]);
  });

  it('logs requests by method, path and status, with nothing personal in them', async () => {
    await coordinator.request('GET', `/programs/${w.programId}/participants`);
    const entries = logLines.map(
      (l) => JSON.parse(l) as { req?: { method: string; url: string }; res?: { statusCode: number }; msg: string },
    );
    // Not vacuous: the requests above were logged, with their statuses.
    const statuses = entries.filter((e) => e.res).map((e) => e.res!.statusCode);
    expect(statuses).toEqual(expect.arrayContaining([200, 201, 400, 401, 422]));
    expect(entries.some((e) => e.req?.url === `/api/v1/programs/${w.programId}/participants`)).toBe(true);
    expect(leaks(logLines.join('\n'))).toEqual([]);
    expect(logLines.join('\n')).not.toMatch(/cookie|x-csrf-token|set-cookie/i);
  });
});
