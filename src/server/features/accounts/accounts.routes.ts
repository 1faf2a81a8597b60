import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  InvitationAccept,
  InvitationInput,
  InvitationView,
  LoginInput,
  Me,
  PasswordChange,
  SignInCodeInput,
  SignInCodeRequest,
} from '../../../core/accounts';
import { callerOf, DEVICE_COOKIE, SESSION_COOKIE, SESSION_ENDS_HEADER, type App, type AppOptions } from '../../http/routing';
import { paged } from '../../http/paging';
import { ProgramParams } from '../../http/schemas';
import { pageQuery } from '../../../core/shared/paging';
import { acceptInvitation, changePassword, describeMe, invite, listInvitations, loadActor, logout } from './accounts.service';
import { login } from './signin.service';
import { requestSignInCode, signInWithCode } from './code.service';
import { deviceCookieOptions, signInRoutes } from './signin.routes';
import { oidcRoutes } from './oidc.routes';

const Ok = z.object({ ok: z.literal(true) });

export function accountsRoutes(app: App, opts: AppOptions): void {
  const { deps } = opts;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: opts.cookieSecure,
    maxAge: opts.session.maxHours * 3600,
  };

  /** What sign-in needs to know of the request: the address, the known-device cookie, the browser. */
  const signInContext = (req: FastifyRequest) => ({
    ip: req.ip,
    requestId: req.id,
    deviceToken: req.cookies[DEVICE_COOKIE] ?? null,
    userAgent: req.headers['user-agent'] ?? null,
  });

  /** Sets the session (and known-device) cookies of a sign-in and answers with who is signed in. */
  const startSession = async (
    reply: FastifyReply,
    s: {
      token: string;
      deviceToken: string | null;
      personId: string;
      csrfToken: string;
      stage: Parameters<typeof describeMe>[3];
    },
  ) => {
    void reply.setCookie(SESSION_COOKIE, s.token, cookieOptions);
    if (s.deviceToken) void reply.setCookie(DEVICE_COOKIE, s.deviceToken, deviceCookieOptions(opts));
    const actor = await loadActor(deps.db, s.personId);
    if (!actor) throw new Error('person vanished after sign-in');
    return describeMe(deps, actor, s.csrfToken, s.stage, opts.session.idleMinutes);
  };

  app.post(
    '/auth/login',
    {
      config: { isPublic: true, rateLimit: { max: opts.loginRateLimit ?? 20, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], body: LoginInput, response: { 200: Me } },
    },
    async (req, reply) => {
      const s = await login(deps, opts.session, req.body, signInContext(req));
      return startSession(reply, s);
    },
  );

  // Participants may sign in with a six-digit code sent by e-mail or text instead of a password (ADR 0021).
  app.post(
    '/auth/code/request',
    {
      config: { isPublic: true, rateLimit: { max: opts.resetRateLimit ?? 10, timeWindow: '1 hour' } },
      schema: { tags: ['accounts'], body: SignInCodeRequest, response: { 202: Ok } },
    },
    async (req, reply) => {
      await requestSignInCode(deps, req.body, { ip: req.ip, requestId: req.id });
      void reply.code(202);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/code/sign-in',
    {
      config: { isPublic: true, rateLimit: { max: opts.loginRateLimit ?? 20, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], body: SignInCodeInput, response: { 200: Me } },
    },
    async (req, reply) => {
      const s = await signInWithCode(deps, opts.session, req.body, signInContext(req));
      return startSession(reply, s);
    },
  );

  app.post(
    '/auth/logout',
    { config: { signInStep: true }, schema: { tags: ['accounts'], response: { 200: Ok } } },
    async (req, reply) => {
      await logout(deps, callerOf(req), req.session!.tokenHash);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post('/auth/password', { schema: { tags: ['accounts'], body: PasswordChange, response: { 200: Ok } } }, async (req) => {
    await changePassword(deps, callerOf(req), req.session!.tokenHash, req.body);
    return { ok: true as const };
  });

  // How long the session lasts if left idle, without restarting the idle time (ADR 0035): the web
  // app asks when its own count reaches the end, since another tab may have kept the session going.
  app.get(
    '/session/remaining',
    {
      config: { signInStep: true, isPassive: true },
      schema: { tags: ['accounts'], response: { 200: z.object({ secondsLeft: z.int() }) } },
    },
    async (_req, reply) => ({ secondsLeft: Number(reply.getHeader(SESSION_ENDS_HEADER) ?? 0) }),
  );

  // Who is signed in, asked by the web app on every load: for nobody it answers 200 with null rather
  // than /me's 401, so a visitor's browser console shows no failed request on a normal visit.
  app.get(
    '/session',
    { config: { isPublic: true }, schema: { tags: ['accounts'], response: { 200: z.object({ me: Me.nullable() }) } } },
    async (req) => ({
      me:
        req.caller?.actor && req.session
          ? await describeMe(deps, req.caller.actor, req.session.csrfToken, req.session.stage, opts.session.idleMinutes)
          : null,
    }),
  );

  app.get('/me', { config: { signInStep: true }, schema: { tags: ['accounts'], response: { 200: Me } } }, async (req) =>
    describeMe(deps, callerOf(req).actor, req.session!.csrfToken, req.session!.stage, opts.session.idleMinutes),
  );

  app.post(
    '/programs/:programId/invitations',
    {
      schema: {
        tags: ['accounts'],
        params: ProgramParams,
        body: InvitationInput,
        response: { 201: z.object({ id: z.uuid(), expiresAt: z.string() }) },
      },
    },
    async (req, reply) => {
      const r = await invite(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(201);
      return { id: r.id, expiresAt: r.expiresAt.toISOString() };
    },
  );

  app.get(
    '/programs/:programId/invitations',
    {
      schema: {
        tags: ['accounts'],
        params: ProgramParams,
        querystring: pageQuery(200),
        response: { 200: z.array(InvitationView) },
      },
    },
    async (req, reply) => paged(req, reply, await listInvitations(deps, callerOf(req), req.params.programId, req.query)),
  );

  app.post(
    '/invitations/accept',
    {
      config: { isPublic: true, rateLimit: { max: opts.loginRateLimit ?? 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['accounts'],
        body: InvitationAccept,
        response: { 200: z.object({ email: z.string(), isExistingAccount: z.boolean() }) },
      },
    },
    async (req) => acceptInvitation(deps, req.body, { ip: req.ip, requestId: req.id }),
  );

  signInRoutes(app, opts);
  oidcRoutes(app, opts, signInContext, startSession);
}
