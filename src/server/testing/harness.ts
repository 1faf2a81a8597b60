import { readFileSync } from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '../../core/shared/vocab';
import { createUser } from '../features/accounts/accounts.service';
import { coaches } from '../features/coaches/coaches.table';
import { participants } from '../features/participants/participants.table';
import { programs } from '../features/programs/programs.table';
import { loadCurriculum } from '../features/curriculum';
import { loadTraining } from '../features/volunteers';
import { buildApp, CSRF_HEADER, SESSION_COOKIE, type App, type AppOptions } from '../http/app';
import { fixedClock } from '../platform/clock';
import type { Deps } from '../platform/context';
import { openDatabase, type Database } from '../platform/database';
import { newId } from '../platform/ids';
import { createMailer, type Mailer } from '../platform/mail';
import { createTexter } from '../platform/sms';
import type { OutboxTransport } from '../platform/outbox';
import type { Curriculum } from '../../core/curriculum';
import { dropDatabase } from './postgres';
import { DEFAULT_TOPICS } from '../../core/programs';
import { participantCode } from '../../core/participants';

export const TEST_PASSWORD = 'correct horse battery staple';
export const T0 = '2026-03-02T15:00:00.000Z';

/**
 * A fresh database for one test file: a copy of the migrated PGlite template by default, or on the
 * PostgreSQL server named by DATABASE_URL a new database copied from the run's migrated template
 * (dropped again by `close`).
 */
export async function freshDatabase(): Promise<{ db: Database; close: () => Promise<void>; url?: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `kindred_test_${newId().replaceAll('-', '').slice(0, 16)}`;
    const template = inject('pgTemplate');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openDatabase({ kind: 'postgres', url: u.toString() });
    return {
      db,
      // Where a test opens more pools on the same database (two servers, ADR 0043).
      url: u.toString(),
      close: async () => {
        await db.close();
        await dropDatabase(url, name);
      },
    };
  }
  const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const db = await openDatabase({ kind: 'pglite', dataDir: null, template });
  return { db, close: () => db.close() };
}

/** A signed-in client for `app.inject`, carrying the session cookie and CSRF token. */
export interface Agent {
  personId: string;
  csrfToken: string;
  /** The raw session cookie value, for requests the agent would not make (e.g. without the CSRF header). */
  sessionCookie: string;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

export interface World {
  programId: string;
  coachId: string;
  otherCoachId: string;
  participantId: string;
  otherParticipantId: string;
  people: Record<'admin' | 'coordinator' | 'coach' | 'otherCoach' | 'participant' | 'evaluator' | 'outsider', string>;
}

export interface TestApp {
  app: App;
  deps: Deps & { mailer: Mailer };
  db: Database;
  clock: ReturnType<typeof fixedClock>;
  login(email: string, password?: string): Promise<Agent>;
  anonymous: Pick<Agent, 'request'>;
  /** Every route the app registered, as Fastify reported it. */
  routes: { method: string; url: string; isPublic: boolean }[];
  /** A program with one of each role, two coaches and two participants (unpaired, enrolled, with permission). */
  seedWorld(): Promise<World>;
  close(): Promise<void>;
}

export async function createTestApp(
  opts: {
    smtpUrl?: string | null;
    /** Text messages: a provider configuration (e.g. a local Twilio stand-in), or a transport; log-only by default. */
    sms?: Parameters<typeof createTexter>[0]['sms'];
    smsTransport?: OutboxTransport;
    loginRateLimit?: number;
    applicationRateLimit?: number;
    logger?: FastifyBaseLogger;
    curriculum?: Curriculum;
    /** The mailer's From address (KINDRED_MAIL_FROM); `Kindred <no-reply@kindred.test>` by default. */
    mailFrom?: string;
    /** Single sign-on settings (ADR 0031); none by default. */
    oidc?: AppOptions['oidc'];
    /** The largest interview recording accepted (ADR 0056); 200 MB by default. */
    audioMaxBytes?: number;
  } = {},
): Promise<TestApp> {
  const { db, close } = await freshDatabase();
  const clock = fixedClock(T0);
  const mailer = createMailer({ smtpUrl: opts.smtpUrl ?? null, from: opts.mailFrom ?? 'Kindred <no-reply@kindred.test>' });
  const deps = {
    db: db.db,
    clock,
    mailer,
    texter: createTexter({ sms: opts.sms ?? null, ...(opts.smsTransport ? { transport: opts.smsTransport } : {}) }),
    publicUrl: 'http://kindred.test',
    curriculum: opts.curriculum ?? loadCurriculum(),
    training: loadTraining(),
  };
  const routes: TestApp['routes'] = [];
  const app = await buildApp({
    deps,
    session: { idleMinutes: 30, maxHours: 12 },
    cookieSecure: false,
    logger: opts.logger ?? false,
    onRoute: (r) => {
      for (const method of [r.method].flat()) routes.push({ method, url: r.url, isPublic: r.isPublic });
    },
    webDir: null,
    isDemo: false,
    loginRateLimit: opts.loginRateLimit ?? 1000,
    applicationRateLimit: opts.applicationRateLimit ?? 1000,
    oidc: opts.oidc ?? null,
    ...(opts.audioMaxBytes ? { audioMaxBytes: opts.audioMaxBytes } : {}),
  });
  await app.ready();

  const send = async (cookie: string | null, csrf: string | null, method: string, url: string, body?: unknown) => {
    const res = await app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: { ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}), ...(csrf ? { [CSRF_HEADER]: csrf } : {}) },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    let parsed: unknown;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {
      parsed = res.body;
    }
    return { status: res.statusCode, body: parsed as any, headers: res.headers as Record<string, unknown> };
  };

  const login = async (email: string, password = TEST_PASSWORD): Promise<Agent> => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed for test account: ${res.statusCode}`);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    if (!cookie) throw new Error('login answered without a session cookie');
    const me = JSON.parse(res.body) as { id: string; csrfToken: string };
    return {
      personId: me.id,
      csrfToken: me.csrfToken,
      sessionCookie: cookie,
      request: (m, u, b) => send(cookie, me.csrfToken, m, u, b),
    };
  };

  const seedWorld = async (): Promise<World> => {
    const now = clock.now();
    const programId = newId();
    await db.db.insert(programs).values({
      id: programId,
      name: 'Test Program',
      site: 'Test Site',
      startOn: '2026-03-01',
      topics: DEFAULT_TOPICS.map((t) => ({ ...t })),
      createdAt: now,
      updatedAt: now,
    });
    const user = (email: string, role: Role | null, isAdmin = false) =>
      createUser(db.db, now, {
        email,
        displayName: email.split('@')[0]!,
        password: TEST_PASSWORD,
        isAdmin,
        grants: role ? [{ programId, role }] : [],
      });
    const people = {
      admin: await user('admin@test.org', null, true),
      coordinator: await user('coordinator@test.org', 'coordinator'),
      coach: await user('coach@test.org', 'coach'),
      otherCoach: await user('coach2@test.org', 'coach'),
      participant: await user('participant@test.org', 'participant'),
      evaluator: await user('evaluator@test.org', 'evaluator'),
      outsider: await user('outsider@test.org', null),
    };
    const coachId = newId();
    const otherCoachId = newId();
    const coachBase = {
      programId,
      painLocations: ['low_back' as const],
      modalities: ['phone' as const],
      status: 'active' as const,
      caseload: 2,
      // Trained and signed, so the world's coaches can be paired (the training gate, #6).
      trainedAt: now,
      agreementSignedAt: now,
      createdAt: now,
      updatedAt: now,
    };
    await db.db.insert(coaches).values([
      {
        ...coachBase,
        id: coachId,
        personId: people.coach,
        givenName: 'Carl',
        familyName: 'Coach',
        gender: 'man',
        phone: '317 555 0100',
        email: 'coach@test.org',
      },
      {
        ...coachBase,
        id: otherCoachId,
        personId: people.otherCoach,
        givenName: 'Cora',
        familyName: 'Coach',
        gender: 'woman',
        phone: '317 555 0101',
        email: 'coach2@test.org',
      },
    ]);
    const participantId = newId();
    const otherParticipantId = newId();
    const pBase = {
      programId,
      gender: 'man' as const,
      painLocations: ['low_back' as const],
      preferredModality: 'phone' as const,
      preferredChannel: 'phone' as const,
      preferredTimes: ['morning' as const],
      canShareContact: true,
      status: 'enrolled' as const,
      referredOn: '2026-03-01',
      enrolledOn: '2026-03-01',
      createdAt: now,
      updatedAt: now,
    };
    await db.db.insert(participants).values([
      {
        ...pBase,
        id: participantId,
        personId: people.participant,
        code: participantCode(1),
        givenName: 'Pat',
        familyName: 'Person',
        phone: '317 555 0200',
        email: 'participant@test.org',
      },
      {
        ...pBase,
        id: otherParticipantId,
        personId: null,
        code: participantCode(2),
        givenName: 'Quinn',
        familyName: 'Other',
        phone: '317 555 0201',
        email: null,
      },
    ]);
    return { programId, coachId, otherCoachId, participantId, otherParticipantId, people };
  };

  return {
    app,
    deps,
    db,
    clock,
    login,
    anonymous: { request: (m, u, b) => send(null, null, m, u, b) },
    routes,
    seedWorld,
    close: async () => {
      await app.close();
      mailer.close();
      await close();
    },
  };
}

async function created(res: Promise<{ status: number; body: { id: string } }>, what: string): Promise<string> {
  const r = await res;
  if (r.status !== 201) throw new Error(`could not add the ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

/**
 * Eight random letters: a surname no other test participant shares. Digits would not do: the
 * likely-duplicate check compares names by their letters alone (ADR 0020).
 */
function uniqueLetters(): string {
  return [...newId().replaceAll('-', '').slice(0, 8)].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('');
}

/** Adds, through the API as `agent` (staff), a participant ready to pair unless the overrides say otherwise. */
export function addParticipant(agent: Agent, programId: string, o: Record<string, unknown> = {}): Promise<string> {
  return created(
    agent.request('POST', `/programs/${programId}/participants`, {
      givenName: 'New',
      familyName: `Participant ${uniqueLetters()}`,
      gender: 'man',
      painLocations: ['hip'],
      canShareContact: true,
      referredOn: '2026-03-01',
      status: 'enrolled',
      ...o,
    }),
    'participant',
  );
}

/** Adds, through the API as `agent` (staff), an active coach with one place unless the overrides say otherwise. */
export function addCoach(agent: Agent, programId: string, o: Record<string, unknown> = {}): Promise<string> {
  return created(
    agent.request('POST', `/programs/${programId}/coaches`, {
      givenName: 'New',
      familyName: 'Coach',
      gender: 'man',
      caseload: 1,
      ...o,
    }),
    'coach',
  );
}
