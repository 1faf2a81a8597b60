import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type World } from '../../testing/harness';
import { loginAs } from '../../testing/signin';
import { recoveryCodes, totpFactors } from './accounts.table';
import { totpFor } from './twofactor.service';

/** Two-factor sign-in (TOTP, RFC 6238) with recovery codes, and a program that requires it of staff (ADR 0021). */
describe('two-factor sign-in', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
  });
  afterAll(() => t.close());

  const codeAt = (key: string, at: Date = t.clock.now()) =>
    totpFor(key.replaceAll(' ', '')).generate({ timestamp: at.getTime() });
  const advance = (ms: number) => t.clock.set(new Date(t.clock.now().getTime() + ms));

  /** Enrols the person behind `agent` and returns the key and the recovery codes. */
  async function enrol(agent: Awaited<ReturnType<typeof loginAs>>) {
    const started = await agent.request('POST', '/auth/two-factor/enrol');
    expect(started.status).toBe(200);
    const key = started.body.key as string;
    const confirmed = await agent.request('POST', '/auth/two-factor/confirm', { code: codeAt(key) });
    expect(confirmed.status).toBe(200);
    return { key, codes: confirmed.body.recoveryCodes as string[], started: started.body };
  }

  it('enrols by QR code or typed key; the key is never given again; recovery codes are hashed and shown once', async () => {
    const coach = await loginAs(t, 'coach@test.org');
    expect((await coach.request('GET', '/auth/two-factor')).body).toEqual({
      enrolled: false,
      required: false,
      recoveryCodesLeft: 0,
    });
    const { key, codes, started } = await enrol(coach);
    expect(started.uri).toMatch(/^otpauth:\/\/totp\/Kindred:coach%40test\.org\?.*secret=/);
    expect(started.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(started.qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    expect(key).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(codes).toHaveLength(10);
    expect(codes[0]).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);

    const status = await coach.request('GET', '/auth/two-factor');
    expect(status.body).toEqual({ enrolled: true, required: false, recoveryCodesLeft: 10 });
    expect(JSON.stringify(status.body)).not.toContain(key.replaceAll(' ', ''));
    expect((await coach.request('POST', '/auth/two-factor/enrol')).status).toBe(409);
    const stored = await t.db.db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, coach.personId));
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace('-', ''));
  });

  it('then asks for a code after the password; nothing else opens until it is right', async () => {
    advance(60_000);
    const half = await loginAs(t, 'coach@test.org');
    expect(half.signInStep).toBe('totp');
    const me = await half.request('GET', '/me');
    expect(me.body).toMatchObject({ signInStep: 'totp', memberships: [], isAdmin: false });
    const blocked = await half.request('GET', `/programs/${w.programId}/participants`);
    expect(blocked.status).toBe(401);
    expect(blocked.body.reason).toBe('sign_in_unfinished');
    expect((await half.request('GET', '/auth/sessions')).status).toBe(401);

    const wrong = await half.request('POST', '/auth/two-factor/verify', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ reason: 'wrong_code' });
    expect((await half.request('POST', '/auth/two-factor/verify', { code: '12345' })).status).toBe(400);

    const [factor] = await t.db.db.select().from(totpFactors).where(eq(totpFactors.personId, half.personId));
    const code = totpFor(factor!.secret).generate({ timestamp: t.clock.now().getTime() });
    const ok = await half.request('POST', '/auth/two-factor/verify', { code });
    expect(ok.status).toBe(200);
    expect(half.device).toBeTruthy();
    expect((await half.request('GET', '/me')).body).toMatchObject({ signInStep: 'done', memberships: [expect.anything()] });
    expect((await half.request('GET', `/programs/${w.programId}/participants`)).status).toBe(200);

    // The same code cannot be used again (no replay), even in another sign-in within its 30 seconds.
    const again = await loginAs(t, 'coach@test.org');
    expect((await again.request('POST', '/auth/two-factor/verify', { code })).status).toBe(422);
    advance(30_000);
    const next = totpFor(factor!.secret).generate({ timestamp: t.clock.now().getTime() });
    expect((await again.request('POST', '/auth/two-factor/verify', { code: next })).status).toBe(200);
  });

  it('accepts a recovery code once instead of the app’s code', async () => {
    const other = await loginAs(t, 'coach2@test.org');
    const { codes } = await enrol(other);
    const a = await loginAs(t, 'coach2@test.org');
    const used = await a.request('POST', '/auth/two-factor/verify', { recoveryCode: codes[3]!.toUpperCase() });
    expect(used.status).toBe(200);
    expect(used.body).toEqual({ usedRecoveryCode: true, recoveryCodesLeft: 9 });
    const b = await loginAs(t, 'coach2@test.org');
    expect((await b.request('POST', '/auth/two-factor/verify', { recoveryCode: codes[3]! })).status).toBe(422);
  });

  it('slows repeated wrong codes: 429 with Retry-After', async () => {
    // An hour on, the earlier wrong recovery code no longer counts.
    advance(60 * 60_000);
    const a = await loginAs(t, 'coach2@test.org');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await a.request('POST', '/auth/two-factor/verify', { code: `00000${i}` })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    const slowed = await a.request('POST', '/auth/two-factor/verify', { code: '000009' });
    expect(slowed.status).toBe(429);
    expect(slowed.headers['retry-after']).toBe('1');
    advance(60 * 60_000);
  });

  it('turns off with the password, for a role that may choose', async () => {
    advance(60_000);
    const a = await loginAs(t, 'coach2@test.org');
    const [factor] = await t.db.db.select().from(totpFactors).where(eq(totpFactors.personId, a.personId));
    await a.request('POST', '/auth/two-factor/verify', {
      code: totpFor(factor!.secret).generate({ timestamp: t.clock.now().getTime() }),
    });
    const wrong = await a.request('POST', '/auth/two-factor/disable', { password: 'not my password' });
    expect(wrong.status).toBe(422);
    // Its own reason, so the web can say it in the reader's language (ADR 0051).
    expect(wrong.body).toMatchObject({ reason: 'wrong_password', message: 'The password is not right' });
    expect((await a.request('POST', '/auth/two-factor/disable', { password: 'correct horse battery staple' })).status).toBe(200);
    expect((await loginAs(t, 'coach2@test.org')).signInStep).toBe('done');
  });

  it('a program can require it of staff: set-up comes first, coaches and participants may still choose', async () => {
    const coordinator = await loginAs(t, 'coordinator@test.org');
    const coach = await loginAs(t, 'coach2@test.org');
    expect(
      (await coach.request('PUT', `/programs/${w.programId}/sign-in-settings`, { staffTwoFactorRequired: true })).status,
    ).toBe(403);
    expect((await coordinator.request('GET', `/programs/${w.programId}/sign-in-settings`)).body).toEqual({
      staffTwoFactorRequired: false,
    });
    const put = await coordinator.request('PUT', `/programs/${w.programId}/sign-in-settings`, { staffTwoFactorRequired: true });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ staffTwoFactorRequired: true });

    const evaluator = await loginAs(t, 'evaluator@test.org');
    expect(evaluator.signInStep).toBe('enrol');
    expect((await evaluator.request('GET', `/programs/${w.programId}/overview`)).status).toBe(401);
    expect((await evaluator.request('GET', '/me')).body.signInStep).toBe('enrol');
    const { key } = await enrol(evaluator);
    expect(key).toBeTruthy();
    expect(evaluator.device).toBeTruthy();
    expect((await evaluator.request('GET', '/me')).body.signInStep).toBe('done');
    const status = await evaluator.request('GET', '/auth/two-factor');
    expect(status.body).toMatchObject({ enrolled: true, required: true });
    expect(
      (await evaluator.request('POST', '/auth/two-factor/disable', { password: 'correct horse battery staple' })).body,
    ).toMatchObject({
      reason: 'two_factor_required',
    });

    expect((await loginAs(t, 'coach2@test.org')).signInStep).toBe('done');
    expect((await loginAs(t, 'participant@test.org')).signInStep).toBe('done');
    // A deployment administrator reaches every program, so any program's rule applies.
    expect((await loginAs(t, 'admin@test.org')).signInStep).toBe('enrol');
  });

  it('a session half-way through signing in lasts 15 minutes; finished, it gets the usual 12 hours', async () => {
    advance(60 * 60_000);
    const stale = await loginAs(t, 'coach@test.org');
    expect(stale.signInStep).toBe('totp');
    advance(15 * 60_000);
    expect((await stale.request('GET', '/me')).status).toBe(401);

    const half = await loginAs(t, 'coach@test.org');
    const [factor] = await t.db.db.select().from(totpFactors).where(eq(totpFactors.personId, half.personId));
    advance(14 * 60_000);
    const code = totpFor(factor!.secret).generate({ timestamp: t.clock.now().getTime() });
    expect((await half.request('POST', '/auth/two-factor/verify', { code })).status).toBe(200);
    advance(10 * 60_000);
    expect((await half.request('GET', '/me')).status).toBe(200);
  });
});
