import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'use true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const ConfigSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(1).max(65535).default(3000),
  KINDRED_HOST: z.string().min(1).default('127.0.0.1'),
  KINDRED_TRUST_PROXY: bool.optional(),
  KINDRED_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  KINDRED_DEMO: bool.optional(),
  KINDRED_PUBLIC_URL: z.url({ message: 'must be a URL such as https://kindred.example.org' }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  KINDRED_MAIL_FROM: z.string().min(3).default('Kindred <no-reply@kindred.invalid>'),
  KINDRED_SMS_PROVIDER: z.enum(['log', 'twilio'], { message: 'use log or twilio' }).default('log'),
  KINDRED_SMS_BASE_URL: z.url({ message: 'must be a URL such as https://api.twilio.com' }).default('https://api.twilio.com'),
  KINDRED_SMS_ACCOUNT_SID: z.string().min(1).optional(),
  KINDRED_SMS_AUTH_TOKEN: z.string().min(1).optional(),
  KINDRED_SMS_COUNTRY_CODE: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, 'must be a country calling code such as 1 or 44')
    .default('1'),
  KINDRED_SMS_FROM: z
    .string()
    .regex(
      /^(\+[0-9]{7,15}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/,
      'must be a +number, a messaging service SID or a sender name',
    )
    .optional(),
  KINDRED_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Whole minutes in practice; fractions down to half a minute let the warning be tried out quickly.
  KINDRED_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .min(0.5)
    .max(24 * 60)
    .default(30),
  KINDRED_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  KINDRED_BACKUP_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 7)
    .default(24),
  KINDRED_BACKUP_KEEP: z.coerce.number({ message: 'must be a whole number' }).int().min(1).max(1000).default(7),
  KINDRED_BACKUP_MAX_MB: z.coerce.number({ message: 'must be a number of megabytes' }).int().min(1).max(10_000_000).default(2048),
  KINDRED_CURRICULUM_DIR: z.string().min(1).optional(),
  KINDRED_AUDIO_MAX_MB: z.coerce.number({ message: 'must be a number of megabytes' }).int().min(1).max(10_000).default(200),
  KINDRED_OIDC_ISSUER: z.url({ message: 'must be the provider URL, such as https://sso.example.org/realms/staff' }).optional(),
  KINDRED_OIDC_CLIENT_ID: z.string().min(1).max(256).optional(),
  KINDRED_OIDC_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  KINDRED_OIDC_LABEL: z.string().trim().min(1).max(60).optional(),
});

export interface Config {
  port: number;
  host: string;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits, audit trail). */
  trustProxy: boolean;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  isDemo: boolean;
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  /** Text messages: null is the log-only provider (kept as `captured`, never sent). */
  sms: { provider: 'twilio'; baseUrl: string; accountSid: string; authToken: string; from: string; countryCode: string } | null;
  logLevel: string;
  session: { idleMinutes: number; maxHours: number };
  cookieSecure: boolean;
  /** Hours between automatic backups of the embedded database; 0 turns them off. */
  backupHours: number;
  /** Embedded backups kept: the newest `keep`, then fewer while they take more than `maxBytes` (ADR 0019). */
  backupRetention: { keep: number; maxBytes: number };
  /** A deployment's own curriculum topics (`<key>.md` files) that add to or replace the built-in ones. */
  curriculumDir: string | null;
  /** The largest interview recording accepted, in bytes (ADR 0056). */
  audioMaxBytes: number;
  /** Single sign-on for staff through OpenID Connect (ADR 0031); null when not configured. */
  oidc: OidcSettings | null;
}

/** An OpenID Connect provider for staff sign-in (ADR 0031). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE only). */
  clientSecret: string | null;
  /** The button's words on the sign-in page, e.g. "Sign in with VA SSO". */
  label: string;
  /** `<public URL>/api/v1/auth/oidc/callback`, registered at the provider. */
  redirectUri: string;
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment once. A bad value stops start-up with a message naming the variable
 * (never its value: it may be a password inside a URL).
 */
export function loadConfig(env: NodeJS.ProcessEnv, opts: { demoByDefault?: boolean } = {}): Config {
  const empty = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(empty);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.KINDRED_SMS_PROVIDER === 'twilio') {
    const missing = (['KINDRED_SMS_ACCOUNT_SID', 'KINDRED_SMS_AUTH_TOKEN', 'KINDRED_SMS_FROM'] as const).filter((k) => !c[k]);
    if (missing.length)
      throw new ConfigError(
        `Invalid configuration:\n${missing.map((k) => `  ${k}: required when KINDRED_SMS_PROVIDER is twilio`).join('\n')}`,
      );
  }
  const oidcProblems: string[] = [];
  if (Boolean(c.KINDRED_OIDC_ISSUER) !== Boolean(c.KINDRED_OIDC_CLIENT_ID))
    oidcProblems.push('  KINDRED_OIDC_ISSUER and KINDRED_OIDC_CLIENT_ID: set both for single sign-on, or neither');
  if (!c.KINDRED_OIDC_ISSUER && (c.KINDRED_OIDC_CLIENT_SECRET || c.KINDRED_OIDC_LABEL))
    oidcProblems.push(
      '  KINDRED_OIDC_CLIENT_SECRET and KINDRED_OIDC_LABEL: only with KINDRED_OIDC_ISSUER and KINDRED_OIDC_CLIENT_ID',
    );
  if (c.KINDRED_OIDC_ISSUER) {
    const issuer = new URL(c.KINDRED_OIDC_ISSUER);
    if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer)))
      oidcProblems.push('  KINDRED_OIDC_ISSUER: must be an https:// URL (http:// only on this machine, for testing)');
  }
  if (oidcProblems.length) throw new ConfigError(`Invalid configuration:\n${oidcProblems.join('\n')}`);
  const publicUrl = (c.KINDRED_PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return {
    port: c.PORT,
    host: c.KINDRED_HOST,
    trustProxy: c.KINDRED_TRUST_PROXY ?? false,
    database: c.DATABASE_URL ? { kind: 'postgres', url: c.DATABASE_URL } : { kind: 'pglite', dataDir: c.KINDRED_DATA_DIR },
    isDemo: c.KINDRED_DEMO ?? opts.demoByDefault ?? false,
    publicUrl,
    smtpUrl: c.SMTP_URL ?? null,
    mailFrom: c.KINDRED_MAIL_FROM,
    sms:
      c.KINDRED_SMS_PROVIDER === 'twilio'
        ? {
            provider: 'twilio',
            baseUrl: c.KINDRED_SMS_BASE_URL.replace(/\/$/, ''),
            accountSid: c.KINDRED_SMS_ACCOUNT_SID!,
            authToken: c.KINDRED_SMS_AUTH_TOKEN!,
            from: c.KINDRED_SMS_FROM!,
            countryCode: c.KINDRED_SMS_COUNTRY_CODE,
          }
        : null,
    logLevel: c.KINDRED_LOG_LEVEL,
    session: { idleMinutes: c.KINDRED_SESSION_IDLE_MINUTES, maxHours: c.KINDRED_SESSION_MAX_HOURS },
    cookieSecure: publicUrl.startsWith('https://'),
    backupHours: c.KINDRED_BACKUP_HOURS,
    backupRetention: { keep: c.KINDRED_BACKUP_KEEP, maxBytes: c.KINDRED_BACKUP_MAX_MB * 1024 * 1024 },
    curriculumDir: c.KINDRED_CURRICULUM_DIR ?? null,
    audioMaxBytes: c.KINDRED_AUDIO_MAX_MB * 1024 * 1024,
    oidc:
      c.KINDRED_OIDC_ISSUER && c.KINDRED_OIDC_CLIENT_ID
        ? {
            issuer: c.KINDRED_OIDC_ISSUER,
            clientId: c.KINDRED_OIDC_CLIENT_ID,
            clientSecret: c.KINDRED_OIDC_CLIENT_SECRET ?? null,
            label: c.KINDRED_OIDC_LABEL ?? 'Sign in with single sign-on',
            redirectUri: `${publicUrl}/api/v1/auth/oidc/callback`,
          }
        : null,
  };
}
