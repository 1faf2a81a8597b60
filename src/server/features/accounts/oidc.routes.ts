import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../core/shared/errors';
import type { App, AppOptions } from '../../http/routing';
import type { SignInFrom } from './signin.service';
import { createOidcClient, finishOidcLogin, OIDC_LOGIN_MINUTES, SsoRefused, startOidcLogin } from './oidc.service';

/** The cookie that ties the browser coming back from the provider to the attempt it started. */
export const OIDC_COOKIE = 'kindred_oidc';
const OIDC_PATH = '/api/v1/auth/oidc';
/** Where a refused single sign-on lands: the sign-in page says plainly that it did not work. */
export const SSO_FAILED = '/sign-in?sso=failed';

const SignInOptions = z.object({
  /** Single sign-on for staff, when the deployment has a provider (ADR 0031). */
  singleSignOn: z.object({ label: z.string() }).nullable(),
});

/** What the provider sends back; the library checks every value, this only bounds their size. */
const CallbackQuery = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(1024).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
});

/**
 * Single sign-on for staff through OpenID Connect (authorization code with PKCE, ADR 0031). A sign-in
 * that works starts the same session as a password does (`startSession`), two-factor step included.
 */
export function oidcRoutes(
  app: App,
  opts: AppOptions,
  signInContext: (req: FastifyRequest) => SignInFrom,
  startSession: (reply: FastifyReply, s: Awaited<ReturnType<typeof finishOidcLogin>>) => Promise<unknown>,
): void {
  const { deps } = opts;
  const oidc = opts.oidc ? createOidcClient(opts.oidc) : null;
  const cookieOptions = {
    path: OIDC_PATH,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: opts.cookieSecure,
    maxAge: OIDC_LOGIN_MINUTES * 60,
  };
  const refused = (req: FastifyRequest, reply: FastifyReply, err: unknown) => {
    if (!(err instanceof SsoRefused)) throw err;
    // The reason is a fixed word (no e-mail, no token): enough for the operator to see what is wrong.
    req.log.info({ reason: err.reason }, 'single sign-on refused');
    return reply.redirect(SSO_FAILED, 303);
  };

  app.get(
    '/auth/options',
    { config: { isPublic: true }, schema: { tags: ['accounts'], response: { 200: SignInOptions } } },
    async () => ({ singleSignOn: opts.oidc ? { label: opts.oidc.label } : null }),
  );

  app.get(
    '/auth/oidc/start',
    {
      config: { isPublic: true, rateLimit: { max: opts.loginRateLimit ?? 20, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'] },
    },
    async (req, reply) => {
      if (!oidc) throw notFound();
      try {
        const { cookie, redirectTo } = await startOidcLogin(deps, oidc);
        void reply.setCookie(OIDC_COOKIE, cookie, cookieOptions);
        return reply.redirect(redirectTo, 303);
      } catch (err) {
        return refused(req, reply, err);
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { isPublic: true, rateLimit: { max: opts.loginRateLimit ?? 20, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], querystring: CallbackQuery },
    },
    async (req, reply) => {
      if (!oidc) throw notFound();
      const cookie = req.cookies[OIDC_COOKIE] ?? null;
      void reply.clearCookie(OIDC_COOKIE, { path: OIDC_PATH });
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      try {
        const s = await finishOidcLogin(deps, opts.session, oidc, cookie, query, signInContext(req));
        await startSession(reply, s);
        // The sign-in page sends a signed-in person on: to the two-factor step, or into Kindred.
        return reply.redirect('/sign-in', 303);
      } catch (err) {
        return refused(req, reply, err);
      }
    },
  );
}
