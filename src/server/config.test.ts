import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('has safe defaults: local only, embedded database in ./data, no demo, no SMTP', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      trustProxy: false,
      database: { kind: 'pglite', dataDir: './data' },
      isDemo: false,
      publicUrl: 'http://localhost:3000',
      smtpUrl: null,
      mailFrom: 'Kindred <no-reply@kindred.invalid>',
      sms: null,
      logLevel: 'info',
      session: { idleMinutes: 30, maxHours: 12 },
      cookieSecure: false,
      backupHours: 24,
      backupRetention: { keep: 7, maxBytes: 2048 * 1024 * 1024 },
      curriculumDir: null,
      audioMaxBytes: 200 * 1024 * 1024,
      oidc: null,
    });
  });

  it('reads single sign-on all or nothing, over https (http only on this machine)', () => {
    expect(
      loadConfig({
        KINDRED_PUBLIC_URL: 'https://kindred.example.org',
        KINDRED_OIDC_ISSUER: 'https://sso.example.org/realms/staff',
        KINDRED_OIDC_CLIENT_ID: 'kindred',
        KINDRED_OIDC_CLIENT_SECRET: 'shh',
        KINDRED_OIDC_LABEL: 'Sign in with VA SSO',
      }).oidc,
    ).toEqual({
      issuer: 'https://sso.example.org/realms/staff',
      clientId: 'kindred',
      clientSecret: 'shh',
      label: 'Sign in with VA SSO',
      redirectUri: 'https://kindred.example.org/api/v1/auth/oidc/callback',
    });
    expect(loadConfig({ KINDRED_OIDC_ISSUER: 'http://127.0.0.1:4000', KINDRED_OIDC_CLIENT_ID: 'k' }).oidc).toMatchObject({
      clientSecret: null,
      label: 'Sign in with single sign-on',
      redirectUri: 'http://localhost:3000/api/v1/auth/oidc/callback',
    });
    expect(configError({ KINDRED_OIDC_ISSUER: 'https://sso.example.org' }).message).toContain('set both');
    expect(configError({ KINDRED_OIDC_CLIENT_ID: 'kindred' }).message).toContain('set both');
    expect(configError({ KINDRED_OIDC_CLIENT_SECRET: 'shh' }).message).toContain('KINDRED_OIDC_CLIENT_SECRET');
    const insecure = configError({ KINDRED_OIDC_ISSUER: 'http://sso.example.org', KINDRED_OIDC_CLIENT_ID: 'k' }).message;
    expect(insecure).toContain('KINDRED_OIDC_ISSUER: must be an https:// URL');
    expect(configError({ KINDRED_OIDC_ISSUER: 'not a url', KINDRED_OIDC_CLIENT_ID: 'k' }).message).toContain(
      'KINDRED_OIDC_ISSUER',
    );
  });

  it('reads how many backups to keep and how much room they may take, refusing nonsense', () => {
    expect(loadConfig({ KINDRED_BACKUP_KEEP: '3', KINDRED_BACKUP_MAX_MB: '500' }).backupRetention).toEqual({
      keep: 3,
      maxBytes: 500 * 1024 * 1024,
    });
    expect(configError({ KINDRED_BACKUP_KEEP: '0' }).message).toContain('KINDRED_BACKUP_KEEP');
    expect(configError({ KINDRED_BACKUP_KEEP: 'many' }).message).toContain('KINDRED_BACKUP_KEEP');
    expect(configError({ KINDRED_BACKUP_MAX_MB: '-5' }).message).toContain('KINDRED_BACKUP_MAX_MB');
    expect(configError({ KINDRED_BACKUP_MAX_MB: '1.5' }).message).toContain('KINDRED_BACKUP_MAX_MB');
  });

  it('takes an idle limit down to half a minute, for trying the warning out, and nothing shorter', () => {
    expect(loadConfig({ KINDRED_SESSION_IDLE_MINUTES: '0.5' }).session.idleMinutes).toBe(0.5);
    expect(configError({ KINDRED_SESSION_IDLE_MINUTES: '0.25' }).message).toContain('KINDRED_SESSION_IDLE_MINUTES');
    expect(configError({ KINDRED_SESSION_IDLE_MINUTES: 'soon' }).message).toContain('KINDRED_SESSION_IDLE_MINUTES');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', KINDRED_DEMO: '' })).toEqual(loadConfig({}));
  });

  it('reads the variables it is given', () => {
    const c = loadConfig({
      PORT: '8080',
      KINDRED_HOST: '0.0.0.0',
      KINDRED_DATA_DIR: '/var/lib/kindred',
      KINDRED_PUBLIC_URL: 'https://kindred.example.org/',
      SMTP_URL: 'smtp://mail.example.org:587',
      KINDRED_LOG_LEVEL: 'warn',
      KINDRED_SESSION_IDLE_MINUTES: '15',
      KINDRED_SESSION_MAX_HOURS: '8',
      KINDRED_BACKUP_HOURS: '0',
      KINDRED_CURRICULUM_DIR: '/etc/kindred/curriculum',
      KINDRED_AUDIO_MAX_MB: '50',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      database: { kind: 'pglite', dataDir: '/var/lib/kindred' },
      publicUrl: 'https://kindred.example.org',
      smtpUrl: 'smtp://mail.example.org:587',
      logLevel: 'warn',
      session: { idleMinutes: 15, maxHours: 8 },
      cookieSecure: true,
      backupHours: 0,
      curriculumDir: '/etc/kindred/curriculum',
      audioMaxBytes: 50 * 1024 * 1024,
    });
  });

  it('keeps texts with the log-only provider unless Twilio is configured in full', () => {
    expect(loadConfig({ KINDRED_SMS_PROVIDER: 'log', KINDRED_SMS_AUTH_TOKEN: 'x' }).sms).toBeNull();
    expect(
      loadConfig({
        KINDRED_SMS_PROVIDER: 'twilio',
        KINDRED_SMS_BASE_URL: 'http://127.0.0.1:9999/',
        KINDRED_SMS_ACCOUNT_SID: 'AC0123',
        KINDRED_SMS_AUTH_TOKEN: 'token-value',
        KINDRED_SMS_FROM: '+15550009999',
      }).sms,
    ).toEqual({
      provider: 'twilio',
      baseUrl: 'http://127.0.0.1:9999',
      accountSid: 'AC0123',
      authToken: 'token-value',
      from: '+15550009999',
      countryCode: '1',
    });
    expect(
      loadConfig({
        KINDRED_SMS_PROVIDER: 'twilio',
        KINDRED_SMS_ACCOUNT_SID: 'AC1',
        KINDRED_SMS_AUTH_TOKEN: 't',
        KINDRED_SMS_FROM: '+15550009999',
        KINDRED_SMS_COUNTRY_CODE: '44',
      }).sms?.countryCode,
    ).toBe('44');
    expect(configError({ KINDRED_SMS_COUNTRY_CODE: '+1' }).message).toContain(
      'KINDRED_SMS_COUNTRY_CODE: must be a country calling code',
    );
    expect(
      loadConfig({
        KINDRED_SMS_PROVIDER: 'twilio',
        KINDRED_SMS_ACCOUNT_SID: 'AC1',
        KINDRED_SMS_AUTH_TOKEN: 't',
        KINDRED_SMS_FROM: '+15550009999',
      }).sms,
    ).toMatchObject({
      baseUrl: 'https://api.twilio.com',
    });
    const missing = configError({ KINDRED_SMS_PROVIDER: 'twilio', KINDRED_SMS_ACCOUNT_SID: 'AC1' }).message;
    expect(missing).toContain('KINDRED_SMS_AUTH_TOKEN: required when KINDRED_SMS_PROVIDER is twilio');
    expect(missing).toContain('KINDRED_SMS_FROM: required');
    expect(missing).not.toContain('KINDRED_SMS_ACCOUNT_SID');
    expect(configError({ KINDRED_SMS_PROVIDER: 'carrier-pigeon' }).message).toContain('KINDRED_SMS_PROVIDER: use log or twilio');
    const badFrom = configError({ KINDRED_SMS_FROM: '555 not a number!' }).message;
    expect(badFrom).toContain('KINDRED_SMS_FROM');
    expect(badFrom).not.toContain('not a number!');
  });

  it('selects PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://kindred:pw@db:5432/kindred', KINDRED_DATA_DIR: '/ignored' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://kindred:pw@db:5432/kindred',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/kindred' }).database.kind).toBe('postgres');
  });

  it('names a bad PORT without echoing its value', () => {
    for (const value of ['not-a-port-zx81', '70000', '0', '80.5']) {
      const err = configError({ PORT: value });
      expect(err.message).toMatch(/^Invalid configuration:\n {2}PORT: /);
      expect(err.message).not.toContain(value);
    }
  });

  it('never echoes a bad DATABASE_URL, which may carry a password', () => {
    const err = configError({ DATABASE_URL: 'mysql://kindred:hunter2-secret@db/kindred' });
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).not.toContain('hunter2-secret');
  });

  it('names every bad variable at once', () => {
    const err = configError({ PORT: 'x', KINDRED_LOG_LEVEL: 'loud', SMTP_URL: 'http://mail' });
    expect(
      err.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(':')[0])
        .sort(),
    ).toEqual(['KINDRED_LOG_LEVEL', 'PORT', 'SMTP_URL']);
  });

  it('parses KINDRED_DEMO as a boolean and lets it override the command default', () => {
    for (const v of ['true', '1', 'yes', 'on']) expect([v, loadConfig({ KINDRED_DEMO: v }).isDemo]).toEqual([v, true]);
    for (const v of ['false', '0', 'no', 'off'])
      expect([v, loadConfig({ KINDRED_DEMO: v }, { demoByDefault: true }).isDemo]).toEqual([v, false]);
    expect(loadConfig({}, { demoByDefault: true }).isDemo).toBe(true);
    expect(loadConfig({}, { demoByDefault: false }).isDemo).toBe(false);
    const err = configError({ KINDRED_DEMO: 'maybe' });
    expect(err.message).toContain('KINDRED_DEMO: use true or false');
  });

  it('trusts a reverse proxy only when told to', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ KINDRED_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(configError({ KINDRED_TRUST_PROXY: 'sometimes' }).message).toContain('KINDRED_TRUST_PROXY: use true or false');
  });
});
