import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError } from '../../core/shared/errors';
import type { Caller, Deps } from '../platform/context';
import type { SessionSettings, SessionStage } from '../features/accounts/accounts.service';
import type { OidcSettings } from '../config';

/*
 * What every feature's *.routes.ts needs from the HTTP layer: the App type and its options, the
 * caller of a request, and the names of the session cookie and headers. A leaf module: app.ts
 * imports the routes, so the routes must not import app.ts (that was an import cycle; ADR 0047).
 */

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
    session: { tokenHash: string; csrfToken: string; stage: SessionStage } | null;
  }
  interface FastifyContextConfig {
    /** Deliberately public: no session needed (health, sign-in, invitation acceptance, volunteer applications). */
    isPublic?: boolean;
    /** Open to a session half-way through signing in (the two-factor step or set-up; ADR 0021). */
    signInStep?: boolean;
    /** Asking does not count as activity: the idle clock is read, not restarted (ADR 0035). */
    isPassive?: boolean;
  }
}

export const SESSION_COOKIE = 'kindred_session';
/** On every response to a signed-in request: whole seconds until the session ends if left idle. */
export const SESSION_ENDS_HEADER = 'x-session-ends-in';
/** A long-lived random token naming this browser, so a stranger's failures do not slow its owner (ADR 0021). */
export const DEVICE_COOKIE = 'kindred_device';
export const CSRF_HEADER = 'x-csrf-token';

export interface AppOptions {
  deps: Deps;
  session: SessionSettings;
  cookieSecure: boolean;
  logger: FastifyBaseLogger | false;
  /** Built web app to serve; omitted in API-only tests. */
  webDir?: string | null;
  isDemo: boolean;
  /** Trust X-Forwarded-For from a reverse proxy for the client address. */
  trustProxy?: boolean;
  /** Requests per minute per address on sign-in. */
  loginRateLimit?: number;
  /** "Forgot your password?" requests per hour per address. */
  resetRateLimit?: number;
  /** Requests per hour per address on the public volunteer application form. */
  applicationRateLimit?: number;
  /** Told about every route as it is registered (tests walk them to check that each one needs a session). */
  onRoute?: (route: { method: string | string[]; url: string; isPublic: boolean }) => void;
  /** The largest interview recording accepted, in bytes (ADR 0056); 200 MB when absent. */
  audioMaxBytes?: number;
  /** Single sign-on for staff (ADR 0031); absent or null when not configured. */
  oidc?: OidcSettings | null;
}

/** The caller of an authenticated route; the onRequest hook guarantees it exists. */
export function callerOf(req: { caller: Caller | null }): Caller {
  if (!req.caller) throw new DomainError('unauthenticated', 'no_session', 'Sign in first');
  return req.caller;
}
