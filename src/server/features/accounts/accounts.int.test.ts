import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from '../../http/app';
import { auditEvents } from '../../platform/audit.table';
import { hashToken } from '../../platform/ids';
import { mailMessages } from '../../platform/mail.table';
import { programs } from '../programs/programs.table';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp, type World } from '../../testing/harness';
import { startSmtpStandIn, type SmtpStandIn } from '../../testing/smtp';
import { createUser } from './accounts.service';
import { invitations, people, sessions } from './accounts.table';

const MINUTE = 60_000;

/** Requests the harness's agent would not make: a chosen cookie and CSRF header, or none. */
function rawClient(t: TestApp) {
  return async (method: 'GET' | 'POST', url: string, o: { cookie?: string; csrf?: string; body?: object } = {}) => {
    const res = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...(o.cookie ? { cookie: `${SESSION_COOKIE}=${o.cookie}` } : {}), ...(o.csrf ? { [CSRF_HEADER]: o.csrf } : {}) },
      ...(o.body ? { payload: o.body } : {}),
    });
    return {
      status: res.statusCode,
      body: res.body ? (JSON.parse(res.body) as any) : null,
      headers: res.headers,
      cookies: res.cookies,
    };
  };
}

const withoutRequestId = ({ requestId, ...rest }: { requestId: string }) => {
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  return rest;
};

describe('accounts', () => {
  let t: TestApp;
  let w: World;
  let raw: ReturnType<typeof rawClient>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    raw = rawClient(t);
  });
  afterAll(() => t.close());

  const signIn = (email: string, password: string) => raw('POST', '/auth/login', { body: { email, password } });
  const person = async (email: string) => (await t.db.db.select().from(people).where(eq(people.email, email)))[0];
  const advanceMinutes = (m: number) => t.clock.set(new Date(t.clock.now().getTime() + m * MINUTE));
  const newUser = (email: string) =>
    createUser(t.db.db, t.clock.now(), { email, displayName: email.split('@')[0]!, password: TEST_PASSWORD, isAdmin: false });

  describe('signing in', () => {
    it('answers 200 with the person and sets an HttpOnly, SameSite session cookie; only the token hash is stored', async () => {
      const res = await signIn('coordinator@test.org', TEST_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: w.people.coordinator, email: 'coordinator@test.org', isAdmin: false });
      expect(res.body.memberships).toEqual([expect.objectContaining({ programId: w.programId, roles: ['coordinator'] })]);
      expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(JSON.stringify(res.body)).not.toContain('argon2');

      const setCookie = [res.headers['set-cookie']].flat().find((c) => String(c).startsWith(`${SESSION_COOKIE}=`));
      expect(setCookie).toMatch(/; HttpOnly/i);
      expect(setCookie).toMatch(/; SameSite=Lax/i);
      expect(setCookie).toMatch(/; Path=\//);
      const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      const [row] = await t.db.db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, hashToken(token)));
      expect(row).toMatchObject({ personId: w.people.coordinator, revokedAt: null, csrfToken: res.body.csrfToken });
      expect(await t.db.db.select().from(sessions).where(eq(sessions.tokenHash, token))).toEqual([]);
    });

    it('answers a wrong password and an unknown e-mail alike: 401, the same body, no hint, no cookie', async () => {
      const wrong = await signIn('coordinator@test.org', 'not the right password');
      const unknown = await signIn('nobody-here@test.org', 'not the right password');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(withoutRequestId(wrong.body)).toEqual(withoutRequestId(unknown.body));
      expect(withoutRequestId(wrong.body)).toEqual({
        error: 'unauthenticated',
        reason: 'bad_credentials',
        message: expect.any(String),
      });
      expect(wrong.body.message).not.toMatch(/unknown|no account|not found|exist|coordinator@/i);
      expect(wrong.headers['set-cookie']).toBeUndefined();
      expect(unknown.headers['set-cookie']).toBeUndefined();
      const failures = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'session:sign_in_failed'));
      expect(failures.map((f) => f.requestId)).toEqual(expect.arrayContaining([wrong.body.requestId, unknown.body.requestId]));
      expect(failures.find((f) => f.requestId === unknown.body.requestId)?.actorId).toBeNull();
    });

    it("gives each membership the program's time zone, so the web app shows times there (issue #16)", async () => {
      const agent = await t.login('coordinator@test.org');
      expect((await agent.request('GET', '/me')).body.memberships).toEqual([
        expect.objectContaining({ programId: w.programId, timeZone: 'America/New_York' }),
      ]);
      await t.db.db.update(programs).set({ timeZone: 'America/Los_Angeles' }).where(eq(programs.id, w.programId));
      try {
        expect((await agent.request('GET', '/me')).body.memberships).toEqual([
          expect.objectContaining({ programId: w.programId, timeZone: 'America/Los_Angeles' }),
        ]);
      } finally {
        await t.db.db.update(programs).set({ timeZone: 'America/New_York' }).where(eq(programs.id, w.programId));
      }
    });

    it('rejects malformed input naming the fields, not echoing them', async () => {
      const res = await signIn('not-an-e-mail', '');
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.email', 'body.password']);
      expect(JSON.stringify(res.body)).not.toContain('not-an-e-mail');
    });
  });

  describe('sessions', () => {
    it('answers 401 to GET /me without a session or with an unknown one', async () => {
      const none = await t.anonymous.request('GET', '/me');
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ error: 'unauthenticated', reason: 'no_session' });
      expect((await raw('GET', '/me', { cookie: 'made-up-token' })).status).toBe(401);
    });

    it('refuses an unsafe request without the right CSRF token (403 csrf) and changes nothing', async () => {
      const a = await t.login('coordinator@test.org');
      const before = await t.db.rawQuery('select count(*)::int as n from participants');
      const create = {
        givenName: 'Csrf',
        familyName: 'Victim',
        gender: 'woman',
        painLocations: ['neck'],
        referredOn: '2026-03-01',
      };
      const missing = await raw('POST', `/programs/${w.programId}/participants`, { cookie: a.sessionCookie, body: create });
      expect(missing.status).toBe(403);
      expect(missing.body).toMatchObject({ error: 'forbidden', reason: 'csrf' });
      const wrongToken = await raw('POST', '/auth/logout', { cookie: a.sessionCookie, csrf: 'x'.repeat(43) });
      expect(wrongToken.status).toBe(403);
      expect(wrongToken.body.reason).toBe('csrf');
      expect(await t.db.rawQuery('select count(*)::int as n from participants')).toEqual(before);
      // Safe methods need no token, and the session was not ended.
      expect((await raw('GET', '/me', { cookie: a.sessionCookie })).status).toBe(200);
    });

    it('ends the session on logout, and only that session', async () => {
      const a = await t.login('coordinator@test.org');
      const b = await t.login('coordinator@test.org');
      const out = await a.request('POST', '/auth/logout');
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ ok: true });
      expect(String([out.headers['set-cookie']].flat()[0])).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
      expect((await a.request('GET', '/me')).status).toBe(401);
      expect((await b.request('GET', '/me')).status).toBe(200);
      const [row] = await t.db.db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, hashToken(a.sessionCookie)));
      expect(row?.revokedAt).toEqual(t.clock.now());
      const [event] = await t.db.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.requestId, out.headers['x-request-id'] as string));
      expect(event).toMatchObject({ action: 'session:sign_out', actorId: w.people.coordinator });
    });

    it('expires after 30 idle minutes; use keeps it alive', async () => {
      const a = await t.login('coach@test.org');
      advanceMinutes(29);
      expect((await a.request('GET', '/me')).status).toBe(200);
      advanceMinutes(29);
      expect((await a.request('GET', '/me')).status).toBe(200);
      advanceMinutes(30);
      expect((await a.request('GET', '/me')).status).toBe(401);
    });

    it('expires 12 hours after sign-in however busy it is', async () => {
      const a = await t.login('coach@test.org');
      for (let i = 0; i < 28; i++) {
        advanceMinutes(25);
        expect((await a.request('GET', '/me')).status).toBe(200);
      }
      advanceMinutes(19); // 11 h 59 min after sign-in
      expect((await a.request('GET', '/me')).status).toBe(200);
      advanceMinutes(1);
      expect((await a.request('GET', '/me')).status).toBe(401);
    });
  });

  describe('changing the password', () => {
    it('needs the current password and 12 characters, and ends every other session', async () => {
      await newUser('pw@test.org');
      const a = await t.login('pw@test.org');
      const b = await t.login('pw@test.org');
      const newPassword = 'a brand new passphrase';

      const wrongCurrent = await a.request('POST', '/auth/password', { currentPassword: 'not my password at all', newPassword });
      expect(wrongCurrent.status).toBe(422);
      expect(wrongCurrent.body.reason).toBe('wrong_current_password');
      const tooShort = await a.request('POST', '/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
      expect(tooShort.status).toBe(400);
      expect(tooShort.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.newPassword']);
      expect(JSON.stringify(tooShort.body)).not.toContain(TEST_PASSWORD);
      expect((await b.request('GET', '/me')).status).toBe(200);
      expect((await signIn('pw@test.org', newPassword)).status).toBe(401);

      const ok = await a.request('POST', '/auth/password', { currentPassword: TEST_PASSWORD, newPassword });
      expect(ok.status).toBe(200);
      expect((await a.request('GET', '/me')).status).toBe(200);
      expect((await b.request('GET', '/me')).status).toBe(401);
      expect((await signIn('pw@test.org', TEST_PASSWORD)).status).toBe(401);
      expect((await signIn('pw@test.org', newPassword)).status).toBe(200);
    });
  });

  describe('invitations', () => {
    const tokenIn = (text: string): string => {
      const m = /http:\/\/kindred\.test\/invitation#token=([A-Za-z0-9_-]+)/.exec(text);
      if (!m) throw new Error('no invitation link in the mail');
      return m[1]!;
    };
    const mailTo = (to: string) => t.db.db.select().from(mailMessages).where(eq(mailMessages.toAddress, to));
    const counts = async () => ({
      invitations: (await t.db.db.select().from(invitations)).length,
      mail: (await t.db.db.select().from(mailMessages)).length,
      people: (await t.db.db.select().from(people)).length,
    });

    let coordinator: Agent;
    /** Signs the coordinator in again: earlier tests move the clock past the idle timeout. */
    const fresh = async () => {
      coordinator = await t.login('coordinator@test.org');
      return coordinator;
    };

    it('a coordinator invites; the mail is captured; the link sets a password once; the role is granted', async () => {
      await fresh();
      const res = await coordinator.request('POST', `/programs/${w.programId}/invitations`, {
        email: 'Nina.New@Test.org',
        role: 'coach',
        displayName: 'Nina New',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        expiresAt: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString(),
      });

      const rows = await mailTo('nina.new@test.org');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ programId: w.programId, state: 'captured', subject: 'Your invitation to Kindred' });
      const listed = await coordinator.request('GET', `/programs/${w.programId}/mail`);
      expect(listed.status).toBe(200);
      const mail = listed.body.find((m: { to: string }) => m.to === 'nina.new@test.org');
      expect(mail).toMatchObject({ state: 'captured', subject: 'Your invitation to Kindred', sentAt: null });
      expect(mail.text).toContain('Hello Nina New');
      // A coach's invitation names no language: the page speaks the device's (ADR 0051).
      expect(mail.text).not.toContain('&lang=');
      const token = tokenIn(mail.text);
      const [invitation] = await t.db.db.select().from(invitations).where(eq(invitations.id, res.body.id));
      expect(invitation?.tokenHash).toBe(hashToken(token));

      const accepted = await t.anonymous.request('POST', '/invitations/accept', { token, password: 'nina chooses a passphrase' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({ email: 'nina.new@test.org', isExistingAccount: false });

      const nina = await t.login('nina.new@test.org', 'nina chooses a passphrase');
      const me = await nina.request('GET', '/me');
      expect(me.body).toMatchObject({ email: 'nina.new@test.org', displayName: 'Nina New', isAdmin: false });
      expect(me.body.memberships).toEqual([expect.objectContaining({ programId: w.programId, roles: ['coach'], coachId: null })]);

      const again = await t.anonymous.request('POST', '/invitations/accept', { token, password: 'someone else entirely' });
      expect(again.status).toBe(404);
      expect(again.body.reason).toBe('invitation_invalid');
      expect((await signIn('nina.new@test.org', 'someone else entirely')).status).toBe(401);
      expect((await signIn('nina.new@test.org', 'nina chooses a passphrase')).status).toBe(200);
    });

    it('links the new account to the participant record the invitation names', async () => {
      await fresh();
      const res = await coordinator.request('POST', `/programs/${w.programId}/invitations`, {
        email: 'quinn@test.org',
        role: 'participant',
        subjectId: w.otherParticipantId,
        displayName: 'Quinn Other',
      });
      expect(res.status).toBe(201);
      const text = (await mailTo('quinn@test.org'))[0]!.bodyText;
      // A participant's link carries the language chosen on the record, so the page opens in it (ADR 0051).
      expect(text).toMatch(/\/invitation#token=[A-Za-z0-9_-]+&lang=en\s/);
      const token = tokenIn(text);
      expect(
        (await t.anonymous.request('POST', '/invitations/accept', { token, password: 'quinn passphrase here' })).status,
      ).toBe(200);
      const quinn = await t.login('quinn@test.org', 'quinn passphrase here');
      const me = await quinn.request('GET', '/me');
      expect(me.body.memberships[0]).toMatchObject({ roles: ['participant'], participantId: w.otherParticipantId });
      const own = await quinn.request('GET', `/programs/${w.programId}/participants/${w.otherParticipantId}`);
      expect(own.status).toBe(200);
      expect(own.body.view).toBe('self');

      const twice = await coordinator.request('POST', `/programs/${w.programId}/invitations`, {
        email: 'quinn2@test.org',
        role: 'participant',
        subjectId: w.otherParticipantId,
        displayName: 'Quinn Again',
      });
      expect(twice.status).toBe(409);
      expect(twice.body.reason).toBe('already_has_account');
    });

    it('never lets an invitation link change the password of an existing account', async () => {
      // Without SMTP, staff can read every invitation link (GET /mail): inviting the deployment
      // administrator's address must not hand them the administrator's account.
      await fresh();
      const res = await coordinator.request('POST', `/programs/${w.programId}/invitations`, {
        email: 'admin@test.org',
        role: 'evaluator',
        displayName: 'Not really the admin',
      });
      expect(res.status).toBe(201);
      const listed = await coordinator.request('GET', `/programs/${w.programId}/mail`);
      const token = tokenIn(listed.body.find((m: { to: string }) => m.to === 'admin@test.org').text);
      const accepted = await t.anonymous.request('POST', '/invitations/accept', { token, password: 'chosen by the coordinator' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({ email: 'admin@test.org', isExistingAccount: true });
      expect((await signIn('admin@test.org', 'chosen by the coordinator')).status).toBe(401);
      const admin = await t.login('admin@test.org');
      const me = await admin.request('GET', '/me');
      expect(me.body).toMatchObject({ isAdmin: true, displayName: 'admin' });
      expect(me.body.memberships.find((m: { programId: string }) => m.programId === w.programId).roles).toEqual(['evaluator']);
    });

    it('refuses a short password naming the field; the link still works afterwards', async () => {
      await fresh();
      await coordinator.request('POST', `/programs/${w.programId}/invitations`, {
        email: 'short@test.org',
        role: 'evaluator',
        displayName: 'Shorty',
      });
      const token = tokenIn((await mailTo('short@test.org'))[0]!.bodyText);
      const short = await t.anonymous.request('POST', '/invitations/accept', { token, password: 'tiny' });
      expect(short.status).toBe(400);
      expect(short.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.password']);
      expect(await person('short@test.org')).toBeUndefined();
      const bogus = await t.anonymous.request('POST', '/invitations/accept', {
        token: 'A'.repeat(43),
        password: 'a long enough password',
      });
      expect(bogus.status).toBe(404);
      expect((await t.anonymous.request('POST', '/invitations/accept', { token, password: 'long enough password' })).status).toBe(
        200,
      );
    });

    it('refuses a coach (403), an evaluator (403), bad input (400) and another program (404), changing nothing', async () => {
      await fresh();
      const body = { email: 'x@test.org', role: 'coach', displayName: 'X' };
      const before = await counts();
      const coach = await t.login('coach@test.org');
      const evaluator = await t.login('evaluator@test.org');
      const outsider = await t.login('outsider@test.org');
      expect((await coach.request('POST', `/programs/${w.programId}/invitations`, body)).status).toBe(403);
      expect((await evaluator.request('POST', `/programs/${w.programId}/invitations`, body)).status).toBe(403);
      expect((await outsider.request('POST', `/programs/${w.programId}/invitations`, body)).status).toBe(404);
      expect((await coordinator.request('POST', `/programs/${crypto.randomUUID()}/invitations`, body)).status).toBe(404);
      expect((await coach.request('GET', `/programs/${w.programId}/mail`)).status).toBe(403);

      const bad = await coordinator.request('POST', `/programs/${w.programId}/invitations`, {
        email: 'not-an-address',
        role: 'boss',
        displayName: '',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
        'body.displayName',
        'body.email',
        'body.role',
      ]);
      const admin = await coordinator.request('POST', `/programs/${w.programId}/invitations`, { ...body, role: 'admin' });
      expect(admin.status).toBe(400);
      expect(await counts()).toEqual(before);
    });

    it('expires after 7 days', async () => {
      await fresh();
      await coordinator.request('POST', `/programs/${w.programId}/invitations`, {
        email: 'late@test.org',
        role: 'coach',
        displayName: 'Late',
      });
      const token = tokenIn((await mailTo('late@test.org'))[0]!.bodyText);
      t.clock.advanceDays(8);
      const res = await t.anonymous.request('POST', '/invitations/accept', { token, password: 'too late for this one' });
      expect(res.status).toBe(404);
      expect(res.body.reason).toBe('invitation_invalid');
      expect(await person('late@test.org')).toBeUndefined();
      const [inv] = await t.db.db.select().from(invitations).where(eq(invitations.email, 'late@test.org'));
      expect(inv?.acceptedAt).toBeNull();
    });

    it('lists the invitations for staff with where each stands, and never a token', async () => {
      await fresh();
      const res = await coordinator.request('GET', `/programs/${w.programId}/invitations`);
      expect(res.status).toBe(200);
      const byEmail = new Map(res.body.map((i: { email: string }) => [i.email, i]));
      expect(byEmail.get('nina.new@test.org')).toMatchObject({
        role: 'coach',
        displayName: 'Nina New',
        state: 'accepted',
        invitedBy: 'coordinator',
      });
      expect(byEmail.get('late@test.org')).toMatchObject({ state: 'expired', acceptedAt: null });
      expect(JSON.stringify(res.body)).not.toMatch(/token/i);
      const audited = await t.db.rawQuery(
        `select count(*)::int as n from audit_events where action = 'invitation:list' and program_id = $1`,
        [w.programId],
      );
      expect((audited[0] as { n: number }).n).toBeGreaterThan(0);

      const coach = await t.login('coach@test.org');
      expect((await coach.request('GET', `/programs/${w.programId}/invitations`)).status).toBe(403);
      const outsider = await t.login('outsider@test.org');
      expect((await outsider.request('GET', `/programs/${w.programId}/invitations`)).status).toBe(404);
    });
  });
});

describe('invitation mail over SMTP', () => {
  let t: TestApp;
  let w: World;
  let smtp: SmtpStandIn;

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    t = await createTestApp({ smtpUrl: smtp.url });
    w = await t.seedWorld();
  });
  afterAll(async () => {
    await t?.close();
    await smtp.close();
  });

  /** The decoded text part of a single-part message, and its headers. */
  function parse(rawMessage: string): { headers: Record<string, string>; body: string } {
    const [head = '', ...rest] = rawMessage.split(/\r?\n\r?\n/);
    const headers: Record<string, string> = {};
    for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    let body = rest.join('\n\n');
    if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
      body = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
    return { headers, body };
  }

  it('sends the invitee the link, with a subject that says nothing personal, and records it as sent', async () => {
    const coordinator = await t.login('coordinator@test.org');
    const res = await coordinator.request('POST', `/programs/${w.programId}/invitations`, {
      email: 'sam.smtp@test.org',
      role: 'evaluator',
      displayName: 'Samantha Smtp',
    });
    expect(res.status).toBe(201);
    const [queued] = await t.db.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'sam.smtp@test.org'));
    expect(queued).toMatchObject({ state: 'queued', attempts: 0, sentAt: null });
    const whileQueued = await coordinator.request('GET', `/programs/${w.programId}/mail`);
    expect(whileQueued.body[0]).toMatchObject({ to: 'sam.smtp@test.org', state: 'queued', text: '' });

    expect(await t.deps.mailer.deliverPending(t.deps.db, () => t.clock.now())).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0]!;
    expect(message.to).toEqual(['sam.smtp@test.org']);
    expect(message.from).toBe('no-reply@kindred.test');
    const { headers, body } = parse(message.raw.toString('utf8'));
    expect(headers.subject).toBe('Your invitation to Kindred');
    for (const personal of ['Samantha', 'Smtp', 'sam.smtp', 'Test Program', 'coordinator'])
      expect(headers.subject).not.toContain(personal);
    const link = /http:\/\/kindred\.test\/invitation#token=([A-Za-z0-9_-]+)/.exec(body);
    expect(link).not.toBeNull();
    expect(body).toContain('Hello Samantha Smtp');

    const [sent] = await t.db.db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.id, queued!.id)));
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, sentAt: t.clock.now(), lastError: null });
    const listed = await coordinator.request('GET', `/programs/${w.programId}/mail`);
    expect(listed.body[0]).toMatchObject({
      to: 'sam.smtp@test.org',
      state: 'sent',
      text: '',
      sentAt: t.clock.now().toISOString(),
    });

    // The delivered link works, and a second delivery run sends nothing again.
    expect(
      (await t.anonymous.request('POST', '/invitations/accept', { token: link![1], password: 'samantha passphrase' })).status,
    ).toBe(200);
    expect(await t.deps.mailer.deliverPending(t.deps.db, () => t.clock.now())).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });
});
