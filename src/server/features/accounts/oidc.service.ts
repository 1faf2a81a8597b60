import { eq, lt, sql } from 'drizzle-orm';
import * as client from 'openid-client';
import { mayUseSingleSignOn, providerProvedSecondFactor, verifiedEmailOf } from '../../../core/accounts';
import type { OidcSettings } from '../../config';
import { audit } from '../../platform/audit';
import type { Deps } from '../../platform/context';
import { hashToken, newToken } from '../../platform/ids';
import type { SessionSettings, SessionStage } from './accounts.service';
import { oidcLogins, people, roleGrants } from './accounts.table';
import { rememberDevice } from './devices';
import { openSession, type OpenedSession, type SignInFrom } from './signin.service';
import { recordFailure, throttleKey, throttleWait } from './throttle.service';
import { twoFactorStageFor } from './twofactor.service';

/** How long a sign-in may stay at the provider before coming back. */
export const OIDC_LOGIN_MINUTES = 10;

/**
 * Why a single sign-on was refused: logged for the operator (never with personal data) and never
 * shown to the person, who is only told that it did not work (ADR 0031).
 */
export type SsoRefusal =
  'throttled' | 'no_attempt' | 'provider_unreachable' | 'provider_check' | 'email_unverified' | 'no_account' | 'not_staff';

export class SsoRefused extends Error {
  override name = 'SsoRefused';
  constructor(readonly reason: SsoRefusal) {
    super(`single sign-on refused: ${reason}`);
  }
}

/** The provider's configuration, discovered once (and again after a failure) from the issuer. */
export interface OidcClient {
  settings: OidcSettings;
  configuration(): Promise<client.Configuration>;
}

export function createOidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<client.Configuration> | null = null;
  const discover = async () => {
    const issuer = new URL(settings.issuer);
    // Config only lets http:// through for a provider on this machine (tests, a local trial).
    const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 };
    return settings.clientSecret
      ? client.discovery(issuer, settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), options)
      : client.discovery(issuer, settings.clientId, undefined, client.None(), options);
  };
  return {
    settings,
    configuration() {
      discovered ??= discover().catch((err: unknown) => {
        discovered = null;
        throw err;
      });
      return discovered;
    },
  };
}

/**
 * Starts a sign-in at the provider: state, nonce and a PKCE verifier are kept server-side under the
 * hash of a random cookie value; the browser is sent to the provider's authorization endpoint.
 */
export async function startOidcLogin(deps: Deps, oidc: OidcClient): Promise<{ cookie: string; redirectTo: string }> {
  let config: client.Configuration;
  try {
    config = await oidc.configuration();
  } catch {
    throw new SsoRefused('provider_unreachable');
  }
  const now = deps.clock.now();
  const cookie = newToken();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: oidc.settings.redirectUri,
    scope: 'openid email',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  await deps.db.transaction(async (tx) => {
    // Attempts abandoned at the provider are cleared as new ones start.
    await tx.delete(oidcLogins).where(lt(oidcLogins.expiresAt, now));
    await tx.insert(oidcLogins).values({
      cookieHash: hashToken(cookie),
      state,
      nonce,
      codeVerifier,
      createdAt: now,
      expiresAt: new Date(now.getTime() + OIDC_LOGIN_MINUTES * 60_000),
    });
  });
  return { cookie, redirectTo: url.href };
}

/**
 * Finishes a sign-in when the provider sends the browser back. The library checks state, PKCE, the
 * ID token's signature, issuer, audience and nonce; Kindred then needs a verified e-mail that matches
 * a staff account. Nothing is created: no account, no role. A refusal counts against the address
 * (ADR 0021's throttle) and is audited without personal data.
 */
export async function finishOidcLogin(
  deps: Deps,
  settings: SessionSettings,
  oidc: OidcClient,
  cookie: string | null,
  query: string,
  from: SignInFrom,
): Promise<OpenedSession> {
  const now = deps.clock.now();
  const at = { ip: from.ip, requestId: from.requestId };
  const keys = [throttleKey.address(from.ip)];
  let personId: string | null = null;
  try {
    if ((await throttleWait(deps.db, keys, now)) > 0) throw new SsoRefused('throttled');
    // The attempt is used up whatever happens next, so a callback can never be replayed.
    const [attempt] = cookie
      ? await deps.db
          .delete(oidcLogins)
          .where(eq(oidcLogins.cookieHash, hashToken(cookie)))
          .returning()
      : [];
    if (!attempt || attempt.expiresAt.getTime() <= now.getTime()) throw new SsoRefused('no_attempt');
    let config: client.Configuration;
    try {
      config = await oidc.configuration();
    } catch {
      throw new SsoRefused('provider_unreachable');
    }
    const currentUrl = new URL(oidc.settings.redirectUri);
    currentUrl.search = query;
    let claims: Record<string, unknown>;
    let accessToken: string;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      accessToken = tokens.access_token;
    } catch {
      throw new SsoRefused('provider_check');
    }
    if (claims.email === undefined && typeof claims.sub === 'string') {
      // Some providers keep the e-mail out of the ID token: ask the userinfo endpoint (same subject).
      try {
        const info = await client.fetchUserInfo(config, accessToken, claims.sub);
        claims = { ...claims, email: info.email, email_verified: info.email_verified };
      } catch {
        throw new SsoRefused('provider_check');
      }
    }
    const email = verifiedEmailOf(claims);
    if (!email) throw new SsoRefused('email_unverified');
    const [person] = await deps.db
      .select()
      .from(people)
      .where(sql`lower(${people.email}) = ${email}`);
    if (!person) throw new SsoRefused('no_account');
    personId = person.id;
    const grants = await deps.db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.personId, person.id));
    if (
      !mayUseSingleSignOn(
        grants.map((g) => g.role),
        person.isAdmin,
      )
    )
      throw new SsoRefused('not_staff');
    // The provider's own second factor counts as Kindred's; otherwise Kindred's two-factor step applies.
    const stage: SessionStage = providerProvedSecondFactor(claims.amr)
      ? 'full'
      : await twoFactorStageFor(deps.db, person.id, person.isAdmin);
    return await deps.db.transaction(async (tx) => {
      const opened = await openSession(tx, settings, person.id, stage, from, now);
      const deviceToken = stage === 'full' ? await rememberDevice(tx, person.id, from.deviceToken, now) : null;
      await audit(tx, { actor: { personId: person.id }, ...at }, now, [{ verb: 'sign_in', entityType: 'single_sign_on' }]);
      return { ...opened, personId: person.id, stage, deviceToken };
    });
  } catch (err) {
    if (!(err instanceof SsoRefused)) throw err;
    await deps.db.transaction(async (tx) => {
      if (err.reason !== 'throttled') await recordFailure(tx, keys, now);
      await audit(tx, { actor: personId ? { personId } : null, ...at }, now, [
        { verb: 'sign_in_failed', entityType: 'single_sign_on' },
      ]);
    });
    throw err;
  }
}
