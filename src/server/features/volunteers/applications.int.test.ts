import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { mailMessages } from '../../platform/mail.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { application } from './volunteers.fixtures';
import { volunteerApplications, volunteerSteps } from './volunteers.table';

describe('the public volunteer application', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let outsider: Agent;
  let path: string;

  const stored = () => t.db.db.select().from(volunteerApplications).where(eq(volunteerApplications.programId, w.programId));
  const mail = () => t.db.db.select().from(mailMessages).where(eq(mailMessages.programId, w.programId));
  const auditRows = () =>
    t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.programId, w.programId), eq(auditEvents.entityType, 'volunteer_application')));
  const counts = async () => ({
    applications: (await stored()).length,
    mail: (await mail()).length,
    audit: (await auditRows()).length,
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    path = `/programs/${w.programId}/applications`;
    [coordinator, coach, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('outsider@test.org'),
    ]);
  });
  afterAll(() => t.close());

  it('shows anyone the form for a program: its name and what it asks, nothing else', async () => {
    const res = await t.anonymous.request('GET', `/programs/${w.programId}/application-form`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      programName: 'Test Program',
      site: 'Test Site',
      asksServiceBranch: true,
      asksServiceEra: true,
      requiresBackgroundCheck: false,
    });
    expect((await t.anonymous.request('GET', `/programs/${randomUUID()}/application-form`)).status).toBe(404);
  });

  it('accepts an application without an account: stored, recorded as applied, confirmed by e-mail, audited without an actor', async () => {
    const res = await t.anonymous.request('POST', path, application());
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ received: true });

    const [row] = await stored();
    expect(row).toMatchObject({
      givenName: 'Vera',
      email: 'vera.volunteer@example.org',
      painLocations: ['knee', 'low_back'],
      availableDays: ['tue', 'thu'],
      availableTimes: ['evening'],
      modalities: ['phone', 'video'],
      serviceBranch: 'army',
      serviceEra: 'gulf_war',
      backgroundCheckConsent: null,
      state: 'applied',
      coachId: null,
    });
    const steps = await t.db.db.select().from(volunteerSteps).where(eq(volunteerSteps.applicationId, row!.id));
    expect(steps.map((s) => [s.fromState, s.toState, s.actorId])).toEqual([[null, 'applied', null]]);

    const [sent] = await mail();
    expect(sent).toMatchObject({ toAddress: 'vera.volunteer@example.org', subject: 'We received your application' });
    expect(sent!.subject).not.toMatch(/Vera|Volunteer|Test Program/);
    expect(sent!.bodyText).toContain('Hello Vera');

    const [event] = await auditRows();
    expect(event).toMatchObject({ actorId: null, action: 'volunteer_application:create', entityId: row!.id, ip: '127.0.0.1' });
    expect(event!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses bad input with 400 naming each field, storing nothing', async () => {
    const before = await counts();
    const res = await t.anonymous.request(
      'POST',
      path,
      application({ email: 'not-an-email', painLocations: [], aboutMe: 'Hi', availableTimes: ['midnight'], gender: undefined }),
    );
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body.aboutMe',
      'body.availableTimes.0',
      'body.email',
      'body.gender',
      'body.painLocations',
    ]);
    expect(JSON.stringify(res.body)).not.toContain('not-an-email');
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown program (404) and missing background the program asks for (422), storing nothing', async () => {
    const before = await counts();
    expect((await t.anonymous.request('POST', `/programs/${randomUUID()}/applications`, application())).status).toBe(404);
    const res = await t.anonymous.request('POST', path, application({ serviceEra: null }));
    expect([res.status, res.body.reason]).toEqual([422, 'service_era_required']);
    expect(await counts()).toEqual(before);
  });

  it('answers a filled honeypot as if accepted, and stores, sends and audits nothing, even for bad input', async () => {
    const before = await counts();
    for (const body of [
      application({ website: 'http://cheap-pills.example' }),
      { website: 'x', email: 'robot' },
      application({ website: 'x', serviceEra: null }),
    ]) {
      const res = await t.anonymous.request('POST', path, body);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ received: true });
    }
    expect(await counts()).toEqual(before);
    // An empty honeypot is what people send: that application counts.
    expect((await t.anonymous.request('POST', path, application({ website: '' }))).status).toBe(202);
    expect((await counts()).applications).toBe(before.applications + 1);
  });

  it('lets staff require a background check, which the form then asks for and screening must record', async () => {
    const settings = `/programs/${w.programId}/volunteer-settings`;
    expect((await coach.request('PUT', settings, { requiresBackgroundCheck: true })).status).toBe(403);
    expect((await outsider.request('GET', settings)).status).toBe(404);
    const res = await coordinator.request('PUT', settings, {
      asksServiceBranch: true,
      asksServiceEra: false,
      requiresBackgroundCheck: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ asksServiceBranch: true, asksServiceEra: false, requiresBackgroundCheck: true });
    const form = await t.anonymous.request('GET', `/programs/${w.programId}/application-form`);
    expect(form.body).toMatchObject({ asksServiceEra: false, requiresBackgroundCheck: true });

    const before = await counts();
    const refused = await t.anonymous.request('POST', path, application({ email: 'bo@example.org' }));
    expect([refused.status, refused.body.reason]).toEqual([422, 'background_check_consent_required']);
    expect(await counts()).toEqual(before);
    const ok = await t.anonymous.request('POST', path, application({ email: 'bo@example.org', backgroundCheckConsent: true }));
    expect(ok.status).toBe(202);
    const bo = (await stored()).find((a) => a.email === 'bo@example.org')!;
    // The era was not asked, so it is not kept even though the form sent one.
    expect(bo).toMatchObject({ backgroundCheckConsent: true, serviceBranch: 'army', serviceEra: null });
  });
});

describe('the application rate limit', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp({ applicationRateLimit: 2 });
    w = await t.seedWorld();
  });
  afterAll(() => t.close());

  it('answers 429 past the per-address limit and stores nothing more, while the rest of the API still answers', async () => {
    const path = `/programs/${w.programId}/applications`;
    expect((await t.anonymous.request('POST', path, application({ email: 'one@example.org' }))).status).toBe(202);
    expect((await t.anonymous.request('POST', path, application({ email: 'two@example.org' }))).status).toBe(202);
    const third = await t.anonymous.request('POST', path, application({ email: 'three@example.org' }));
    expect(third.status).toBe(429);
    expect(third.body.error).toBe('rate_limited');
    const rows = await t.db.db.select().from(volunteerApplications).where(eq(volunteerApplications.programId, w.programId));
    expect(rows.map((r) => r.email).sort()).toEqual(['one@example.org', 'two@example.org']);
    expect((await t.anonymous.request('GET', `/programs/${w.programId}/application-form`)).status).toBe(200);
  });
});
