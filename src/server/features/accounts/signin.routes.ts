import { z } from 'zod';
import {
  RecoveryCodes,
  ResetInput,
  ResetRequest,
  SignInSessionView,
  SignInSettings,
  TotpConfirmInput,
  TotpDisableInput,
  TotpEnrolment,
  TotpVerifyInput,
  TwoFactorStatus,
} from '../../../core/accounts';
import { callerOf, DEVICE_COOKIE, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { requestPasswordReset, resetPassword } from './reset.service';
import { endOtherSessions, endSession, listMySessions } from './sessions.service';
import {
  confirmEnrolment,
  disableTwoFactor,
  getSignInSettings,
  newRecoveryCodes,
  putSignInSettings,
  startEnrolment,
  twoFactorStatus,
  verifySecondStep,
} from './twofactor.service';

const Ok = z.object({ ok: z.literal(true) });
const YEAR_SECONDS = 365 * 86_400;

/** The device cookie: a random token, HttpOnly, kept a year (ADR 0021). */
export function deviceCookieOptions(opts: AppOptions) {
  return { path: '/api/v1/auth', httpOnly: true, sameSite: 'lax' as const, secure: opts.cookieSecure, maxAge: YEAR_SECONDS };
}

/** Forgotten passwords, one's sessions, two-factor sign-in and the program's sign-in policy (ADR 0021). */
export function signInRoutes(app: App, opts: AppOptions): void {
  const { deps } = opts;
  const session = (req: {
    session: { tokenHash: string; stage: 'full' | 'totp' | 'enrol' } | null;
    cookies: Record<string, string | undefined>;
  }) => ({
    tokenHash: req.session!.tokenHash,
    stage: req.session!.stage,
    deviceToken: req.cookies[DEVICE_COOKIE] ?? null,
    maxHours: opts.session.maxHours,
  });

  app.post(
    '/auth/password-reset/request',
    {
      config: { isPublic: true, rateLimit: { max: opts.resetRateLimit ?? 10, timeWindow: '1 hour' } },
      schema: { tags: ['accounts'], body: ResetRequest, response: { 202: Ok } },
    },
    async (req, reply) => {
      await requestPasswordReset(deps, req.body, { ip: req.ip, requestId: req.id });
      void reply.code(202);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { isPublic: true, rateLimit: { max: opts.loginRateLimit ?? 20, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], body: ResetInput, response: { 200: z.object({ email: z.string() }) } },
    },
    async (req) => resetPassword(deps, req.body, { ip: req.ip, requestId: req.id }),
  );

  app.get('/auth/sessions', { schema: { tags: ['accounts'], response: { 200: z.array(SignInSessionView) } } }, async (req) =>
    listMySessions(deps, opts.session, callerOf(req), req.session!.tokenHash),
  );

  app.delete(
    '/auth/sessions/:sessionId',
    { schema: { tags: ['accounts'], params: z.object({ sessionId: z.uuid() }), response: { 200: Ok } } },
    async (req) => {
      await endSession(deps, callerOf(req), req.params.sessionId);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/sessions/end-others',
    { schema: { tags: ['accounts'], response: { 200: z.object({ ended: z.number().int() }) } } },
    async (req) => ({ ended: await endOtherSessions(deps, callerOf(req), req.session!.tokenHash) }),
  );

  app.get(
    '/auth/two-factor',
    { config: { signInStep: true }, schema: { tags: ['accounts'], response: { 200: TwoFactorStatus } } },
    async (req) => twoFactorStatus(deps, callerOf(req)),
  );

  app.post(
    '/auth/two-factor/enrol',
    { config: { signInStep: true }, schema: { tags: ['accounts'], response: { 200: TotpEnrolment } } },
    async (req) => startEnrolment(deps, callerOf(req)),
  );

  app.post(
    '/auth/two-factor/confirm',
    {
      config: { signInStep: true, rateLimit: { max: opts.loginRateLimit ?? 20, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], body: TotpConfirmInput, response: { 200: RecoveryCodes } },
    },
    async (req, reply) => {
      const r = await confirmEnrolment(deps, callerOf(req), session(req), req.body.code);
      if (r.deviceToken) void reply.setCookie(DEVICE_COOKIE, r.deviceToken, deviceCookieOptions(opts));
      return { recoveryCodes: r.recoveryCodes };
    },
  );

  app.post(
    '/auth/two-factor/verify',
    {
      config: { signInStep: true, rateLimit: { max: opts.loginRateLimit ?? 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['accounts'],
        body: TotpVerifyInput,
        response: { 200: z.object({ usedRecoveryCode: z.boolean(), recoveryCodesLeft: z.number().int() }) },
      },
    },
    async (req, reply) => {
      const r = await verifySecondStep(deps, callerOf(req), session(req), req.body);
      void reply.setCookie(DEVICE_COOKIE, r.deviceToken, deviceCookieOptions(opts));
      return { usedRecoveryCode: r.usedRecoveryCode, recoveryCodesLeft: r.recoveryCodesLeft };
    },
  );

  app.post(
    '/auth/two-factor/disable',
    { schema: { tags: ['accounts'], body: TotpDisableInput, response: { 200: Ok } } },
    async (req) => {
      await disableTwoFactor(deps, callerOf(req), req.body.password);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/two-factor/recovery-codes',
    { schema: { tags: ['accounts'], response: { 200: RecoveryCodes } } },
    async (req) => ({ recoveryCodes: await newRecoveryCodes(deps, callerOf(req)) }),
  );

  app.get(
    '/programs/:programId/sign-in-settings',
    { schema: { tags: ['accounts'], params: ProgramParams, response: { 200: SignInSettings } } },
    async (req) => getSignInSettings(deps, callerOf(req), req.params.programId),
  );

  app.put(
    '/programs/:programId/sign-in-settings',
    { schema: { tags: ['accounts'], params: ProgramParams, body: SignInSettings, response: { 200: SignInSettings } } },
    async (req) => putSignInSettings(deps, callerOf(req), req.params.programId, req.body),
  );
}
