// @vitest-environment happy-dom
/**
 * Every participant page in the pseudo-locale (issue #16, ADR 0041): the English catalog with each
 * letter accented and each message wrapped in ⟦ ⟧. Any visible text, or any aria-label, title,
 * placeholder or alt, that still has plain ASCII letters did not come through a message, and fails
 * the test, unless it is one of the people's own words, names or numbers allowed below by name.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Me } from '../../core/accounts';
import { DEFAULT_CRISIS_INFO } from '../../core/safety';
import { localeNames } from '../../core/shared/locale';
import { AppLayout, PublicLayout } from '../app/layout';
import { ProgramProvider } from '../app/program';
import { Providers } from '../app/providers';
import { RequireSession } from '../app/session';
import {
  CrisisHelpPage,
  MyCoachPage,
  MyPlanPage,
  MyProgressPage,
  PreferencesPage,
  PrintPlanPage,
  WeeklyCheckInPage,
} from '../app/pages';
import { AssessmentLinkPage } from '../features/assessments/LinkPage';
import { ForgotPasswordPage } from '../features/accounts/ForgotPasswordPage';
import { InvitationAcceptPage } from '../features/accounts/InvitationAcceptPage';
import { ResetPasswordPage } from '../features/accounts/ResetPasswordPage';
import { PasswordPage } from '../features/accounts/PasswordPage';
import { SecurityPage } from '../features/accounts/SecurityPage';
import { SignInEnrolPage } from '../features/accounts/SignInEnrolPage';
import { SignInCodePage } from '../features/accounts/SignInCodePage';
import { SignInPage } from '../features/accounts/SignInPage';
import { SignInWithCodePage } from '../features/accounts/SignInWithCodePage';
import { CurriculumPage } from '../features/curriculum/CurriculumPage';
import { TopicPage } from '../features/curriculum/TopicPage';
import { MyInterviewPage } from '../features/interviews/MyInterviewPage';
import { json, membership, mockApi, PROGRAM_ID } from '../testing/render';
import { DEVICE_LANGUAGE_KEY } from './device-language';
import { englishMessages, type MessageId } from './i18n';
import { accent, pseudoMessages, untranslatedIn } from './pseudo';

const P = '44444444-4444-4444-8444-444444444444';
const COACH = '55555555-5555-4555-8555-555555555555';
const PLAN = '66666666-6666-4666-8666-666666666666';
const base = `/programs/${PROGRAM_ID}`;

const participant = membership({
  roles: ['participant'],
  participantId: P,
  can: ['checkin:record', 'progress:view', 'participant:preferences', 'curriculum:view', 'thanks:send'],
});

const me: Me = {
  id: '22222222-2222-4222-8222-222222222222',
  email: 'pat@example.org',
  displayName: 'Pat Smith',
  isAdmin: false,
  csrfToken: 'csrf',
  memberships: [participant],
  signInStep: 'done',
  idleMinutes: 30,
  locale: 'en',
};

const self = {
  view: 'self',
  id: P,
  code: 'P-0001',
  status: 'active',
  givenName: 'Pat',
  familyName: 'Smith',
  preferredModality: 'video',
  preferredChannel: 'phone',
  preferredTimes: ['evening'],
  contactNotes: 'Text first',
  preferredDays: ['tue'],
  notBefore: '09:00',
  notAfter: '19:00',
  contactPausedUntil: null,
  phone: '317 555 0200',
  email: 'pat@example.org',
  canShareContact: true,
  locale: 'en',
  textCheckInDay: 'mon',
  textCheckInTime: '18:00',
  timeZone: 'America/New_York',
  coach: { id: COACH, name: 'Carl Coach', phone: '317 555 0100', email: 'carl@example.org' },
  lastReachedAt: '2026-12-01T15:00:00Z',
  nextContactDueOn: '2099-12-15',
  nextContactBasis: 'agreed',
};

const plan = {
  id: PLAN,
  participantId: P,
  kind: 'action_plan',
  what: 'Walk round the block',
  howMuch: '10 minutes',
  when: 'After lunch',
  daysPerWeek: 4,
  confidence: 8,
  readiness: null,
  versions: [
    { what: 'Walk round the block', howMuch: '20 minutes', when: 'After lunch', daysPerWeek: 5, confidence: 5, version: 1 },
    { what: 'Walk round the block', howMuch: '10 minutes', when: 'After lunch', daysPerWeek: 4, confidence: 8, version: 2 },
  ],
  madeAt: '2026-12-01T15:00:00Z',
  madeOn: '2026-12-01',
  madeBy: 'Carl Coach',
  coachName: 'Carl Coach',
  isCurrent: true,
  review: null,
  practice: { daysDone: 2, daysLogged: 3 },
};

const progress = {
  participantId: P,
  givenName: 'Pat',
  today: '2026-12-07',
  shareWithCoach: true,
  isHiddenFromCaller: false,
  checkIn: { isDue: true, dueOn: '2026-12-07', lastOn: '2026-11-30' },
  checkIns: [
    { on: '2026-11-23', pain: 7, enjoyment: 6, activity: 6, score: 6.3, note: '' },
    { on: '2026-11-30', pain: 5, enjoyment: 5, activity: 4, score: 4.7, note: '' },
  ],
  change: {
    kind: 'lower',
    first: 6.3,
    latest: 4.7,
    difference: -1.6,
    isMeaningful: true,
    isEarly: true,
    words: 'Your pain score went down from 6.3 to 4.7.',
  },
  currentPlan: plan,
  practice: [
    { planId: PLAN, on: '2026-12-05', did: true },
    { planId: PLAN, on: '2026-12-06', did: false },
  ],
  plans: { made: 2, reviewed: 1, done: 1, partly: 0, notDone: 0 },
  planMarks: [{ on: '2026-12-01', label: 'Plan 2' }],
  skillsTried: [{ key: 'relaxation', title: 'Relaxation', skill: 'Slow belly breathing', firstOn: '2026-11-23' }],
  notes: [
    {
      id: '77777777-7777-4777-8777-777777777777',
      text: 'Well done this week',
      authorName: 'Carl Coach',
      writtenAt: '2026-12-02T18:00:00Z',
    },
  ],
};

const questions = [
  {
    field: 'pain',
    linkId: 'p',
    prefix: '1.',
    text: 'What number best describes your pain on average in the past week?',
    options: [
      { value: 0, label: '0 (No pain)' },
      { value: 10, label: '10 (Pain as bad as you can imagine)' },
    ],
  },
  {
    field: 'enjoyment',
    linkId: 'e',
    prefix: '2.',
    text: 'What number best describes how, during the past week, pain has interfered with your enjoyment of life?',
    options: [
      { value: 0, label: '0 (Does not interfere)' },
      { value: 10, label: '10 (Completely interferes)' },
    ],
  },
  {
    field: 'activity',
    linkId: 'a',
    prefix: '3.',
    text: 'What number best describes how, during the past week, pain has interfered with your general activity?',
    options: [
      { value: 0, label: '0 (Does not interfere)' },
      { value: 10, label: '10 (Completely interferes)' },
    ],
  },
];

const topic = {
  key: 'relaxation',
  title: 'Relaxation',
  summary: 'Three ways to calm your body and mind.',
  skill: 'Slow belly breathing',
  version: 2,
  view: 'handout',
  handout: '### Slow belly breathing\nBreathe in for **four**, out for *six*.',
  // A translated handout (ADR 0051): its mark and the language links are the page's words.
  language: 'es',
  translation: { source: 'program' },
};

const session = {
  id: '88888888-8888-4888-8888-888888888888',
  pairingId: '99999999-9999-4999-8999-999999999999',
  participantId: P,
  coachId: COACH,
  startsAt: '2099-12-08T23:00:00Z',
  date: '2099-12-08',
  time: '18:00',
  timeZone: 'America/New_York',
  durationMinutes: 45,
  modality: 'video',
  videoLink: 'https://meet.example.org/room',
  place: null,
  status: 'scheduled',
  sequence: 0,
  participantName: 'Pat Smith',
  coachName: 'Carl Coach',
};

/** An interview invitation waiting for an answer, with the study's consent text (ADR 0050). */
const invitation = {
  id: '55555555-5555-4555-8555-555555555555',
  state: 'invited',
  invitedAt: '2026-12-01T15:00:00.000Z',
  document: {
    id: '66666666-6666-4666-8666-666666666666',
    version: 2,
    body: 'We will talk for about 45 minutes.',
    createdAt: '2026-11-30T15:00:00.000Z',
  },
  consent: null,
  interview: null,
};

type ApiRoutes = Parameters<typeof mockApi>[0];

function api(extra: ApiRoutes = {}) {
  return mockApi({
    ...extra,
    [`GET ${base}/my-interview-invitations`]: json([invitation]),
    'GET /session': json({ me }),
    [`GET ${base}/participants/${P}`]: json(self),
    [`GET ${base}/participants/${P}/sessions`]: json({ pairingId: session.pairingId, canSchedule: false, upcoming: [session] }),
    [`GET ${base}/participants/${P}/progress`]: json(progress),
    [`GET ${base}/check-in-questions`]: json(questions),
    [`GET ${base}/curriculum`]: json([
      { key: topic.key, title: topic.title, summary: topic.summary, skill: topic.skill, language: 'en', translation: null },
    ]),
    [`GET ${base}/curriculum/relaxation`]: json(topic),
    [`GET ${base}/plans/${PLAN}`]: json(plan),
    [`GET ${base}/safety/crisis-info`]: json({
      ...DEFAULT_CRISIS_INFO,
      programContact: { name: 'Riverside team', phone: '317 555 0000', hours: null },
    }),
  });
}

/**
 * What may stay as it is, by explicit rule: people's names and their own words, the program's
 * content (topics and handouts are content, translated as content, not as messages), contact
 * details and numbers, the instrument's item text (until its Spanish version loads, ADR 0041), the
 * configured crisis line, and the words the server makes (the progress sentence; see ADR 0041).
 */
const ALLOWED_WORDS = [
  'Pat Smith',
  'Carl Coach',
  'Riverside Pilot',
  'Riverside team',
  'Kindred',
  DEFAULT_CRISIS_INFO.lineName,
  // Each language is named in itself on the chooser.
  ...Object.values(localeNames),
  'pat@example.org',
  'carl@example.org',
  self.contactNotes,
  plan.what,
  '10 minutes',
  '20 minutes',
  plan.when,
  progress.change.words,
  invitation.document.body,
  'Well done this week',
  'Plan 2',
  topic.title,
  topic.summary,
  topic.skill,
  'Breathe in for',
  'four',
  'out for',
  'six',
  ...questions.flatMap((q) => [q.text, ...q.options.map((o) => o.label.replace(/^\d+ \((.+)\)$/, '$1'))]),
].sort((a, b) => b.length - a.length);

/** Dates, clock times and zones come from Intl in the person's language (checked in Spanish by unit tests). */
const DATE_PATTERNS = [
  /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?\b/g,
  /\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b/g,
  /\b\d{1,2}:\d{2} (AM|PM)\b/g,
  /\b(Eastern|Central|Mountain|Pacific) time\b/g,
  /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/g,
  /\b(today|yesterday|tomorrow|\d+ days ago|in \d+ days)\b/g,
];

/** What on the page did not come through a message, `extra` (the test's own given words) allowed too. */
function findUntranslated(root: HTMLElement, extra: readonly string[] = []): string[] {
  return untranslatedIn(root, [...extra, ...ALLOWED_WORDS], DATE_PATTERNS);
}

const pseudo = pseudoMessages(englishMessages);

function renderPage(
  path: string,
  page: ReactElement,
  state?: unknown,
  language: 'pseudo' | 'session' = 'pseudo',
  extra: ApiRoutes = {},
) {
  api(extra);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <Providers client={client} {...(language === 'pseudo' ? { locale: 'pseudo' as const, messages: pseudo } : {})}>
      <MemoryRouter initialEntries={[{ pathname: `${base}/${path}`, state }]}>
        <Routes>
          <Route
            path={`${base}/*`}
            element={
              <RequireSession fallback={(body) => body}>
                <ProgramProvider membership={participant}>
                  <AppLayout>{page}</AppLayout>
                </ProgramProvider>
              </RequireSession>
            }
          />
        </Routes>
      </MemoryRouter>
    </Providers>,
  );
}

/** Waits for the page's h1 and for every loading status to go. */
async function settled() {
  await screen.findByRole('heading', { level: 1 });
  await waitFor(() => expect(document.querySelector('.status--loading')).toBeNull());
}

/** Each page, where it is, and a message only its loaded content shows (so a failed load cannot pass). */
const pages: [string, string, ReactElement, MessageId, unknown?][] = [
  ['My coach', 'my-coach', <MyCoachPage />, 'coaches.thanks.send'],
  ['Interview invitation', 'my-interview', <MyInterviewPage />, 'interviews.invitation.agree'],
  ['How to reach me', 'my-preferences', <PreferencesPage />, 'participants.prefs.save'],
  ['My plan', 'my-plan', <MyPlanPage />, 'plans.practice.yes'],
  ['Weekly check-in', 'check-in', <WeeklyCheckInPage />, 'plans.checkIn.save'],
  ['My progress', 'my-progress', <MyProgressPage />, 'plans.sharing.save'],
  ['Handouts', 'curriculum', <CurriculumPage />, 'curriculum.handoutsIntro'],
  ['A handout', 'curriculum/relaxation', <RoutedTopic />, 'curriculum.translation.program'],
  ['Print my plan', `plans/${PLAN}/print`, <RoutedPrint />, 'plans.print.tick'],
  ['Change password', 'account/password', <PasswordPage />, 'accounts.password.current'],
  [
    'Crisis help after “I need help now”',
    'crisis-help',
    <CrisisHelpPage />,
    'safety.mistake.button',
    { notice: pseudo['safety.helpSent'], helpEventId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa' },
  ],
];

describe('participant pages in the pseudo-locale (issue #16, ADR 0041)', () => {
  it.each(pages)('%s: every word comes through a message', async (_name, path, page, shown, state) => {
    const { container } = renderPage(path, page, state);
    await settled();
    expect(document.documentElement.lang).toBe('en-XA');
    // The page loaded (no error took its place) and it is in the pseudo-locale.
    expect(screen.queryByRole('alert')).toBeNull();
    expect(container.textContent).toContain(pseudo[shown]);
    expect(findUntranslated(container)).toEqual([]);
  });

  it('catches a word that did not come through a message', () => {
    const div = document.createElement('div');
    div.innerHTML = `<p>${accent('Saved')}</p><p>Carl Coach</p><button aria-label="Close">x</button><p>Saved as you go</p>`;
    expect(findUntranslated(div)).toEqual(['Saved as you go', 'aria-label="Close"']);
  });
});

/**
 * "Sign-in and security" (ADR 0051 amendment): two-factor sign-in off, set up (with a wrong first
 * code, then the recovery codes), on (with a wrong password, new codes, then turned off), and where
 * the person is signed in (one device signed out, then every other). Each state in the pseudo-locale.
 */
describe('Sign-in and security in the pseudo-locale', () => {
  /** The authenticator key, the recovery codes and the browsers' and systems' names are not the page's words. */
  const given = ['ABCD EFGH IJKL', 'abcde-12345', 'fghij-67890', 'Firefox', 'Windows', 'Safari', 'iPhone', 'Android'];
  const sessions = [
    {
      id: 's1',
      createdAt: '2026-12-02T15:00:00.000Z',
      lastSeenAt: '2026-12-02T15:10:00.000Z',
      browser: 'Firefox on Windows',
      isCurrent: true,
    },
    {
      id: 's2',
      createdAt: '2026-12-01T09:00:00.000Z',
      lastSeenAt: '2026-12-01T09:30:00.000Z',
      browser: 'Safari on iPhone',
      isCurrent: false,
    },
    {
      id: 's3',
      createdAt: '2026-12-01T08:00:00.000Z',
      lastSeenAt: '2026-12-01T08:30:00.000Z',
      browser: 'A browser on Android',
      isCurrent: false,
    },
    {
      id: 's4',
      createdAt: '2026-12-01T07:00:00.000Z',
      lastSeenAt: '2026-12-01T07:30:00.000Z',
      browser: 'Unknown browser',
      isCurrent: false,
    },
  ];
  const refused = (reason: string, message: string) => json({ error: 'invalid_state', reason, message, requestId: 't' }, 422);
  const user = () => userEvent.setup();
  const clean = (container: HTMLElement) => expect(findUntranslated(container, given)).toEqual([]);

  it('two-factor sign-in off, set up with a wrong code and then the right one: every word comes through a message', async () => {
    let enrolled = false;
    let tries = 0;
    const { container } = renderPage('account/security', <SecurityPage />, undefined, 'pseudo', {
      'GET /auth/two-factor': () => json({ enrolled, required: false, recoveryCodesLeft: enrolled ? 2 : 0 }),
      'GET /auth/sessions': json(sessions),
      'POST /auth/two-factor/enrol': json({
        uri: 'otpauth://totp/x',
        key: 'ABCD EFGH IJKL',
        qrCode: 'data:image/svg+xml;base64,PHN2Zy8+',
      }),
      'POST /auth/two-factor/confirm': () => {
        if (++tries === 1) return refused('wrong_code', 'That code is not right. Check the app and try the newest code.');
        enrolled = true;
        return json({ recoveryCodes: ['abcde-12345', 'fghij-67890'] });
      },
    });
    await settled();
    expect(container.textContent).toContain(pseudo['accounts.twoFactor.optional']);
    expect(container.textContent).toContain(pseudo['accounts.sessions.intro']);
    clean(container);

    await user().click(screen.getByRole('button', { name: pseudo['accounts.twoFactor.setUp'] }));
    await screen.findByRole('img', { name: pseudo['accounts.twoFactor.qrAlt'] });
    clean(container);

    await user().type(screen.getByRole('textbox', { name: pseudo['accounts.secondStep.appCode'] }), '111111');
    await user().click(screen.getByRole('button', { name: pseudo['accounts.twoFactor.turnOn'] }));
    // The server's refusal, said by its reason.
    await waitFor(() => expect(container.textContent).toContain(pseudo['refusal.reason.wrong_code']));
    clean(container);

    await user().click(screen.getByRole('button', { name: pseudo['accounts.twoFactor.turnOn'] }));
    await screen.findByRole('heading', { name: pseudo['accounts.twoFactor.codesTitle'] });
    clean(container);
    await user().click(screen.getByRole('button', { name: pseudo['accounts.twoFactor.kept'] }));
    await waitFor(() => expect(container.textContent).toContain(pseudo['accounts.twoFactor.isOn']));
    await settled();
    clean(container);
  });

  it('two-factor sign-in on, new codes, a wrong password, then off; devices signed out: every word comes through a message', async () => {
    let enrolled = true;
    let tries = 0;
    const { container } = renderPage('account/security', <SecurityPage />, undefined, 'pseudo', {
      'GET /auth/two-factor': () => json({ enrolled, required: false, recoveryCodesLeft: 1 }),
      'GET /auth/sessions': json(sessions),
      'POST /auth/two-factor/recovery-codes': json({ recoveryCodes: ['abcde-12345', 'fghij-67890'] }),
      'POST /auth/two-factor/disable': () => {
        if (++tries === 1) return refused('wrong_password', 'The password is not right');
        enrolled = false;
        return json({ ok: true });
      },
      'DELETE /auth/sessions/s2': json({ ok: true }),
      'POST /auth/sessions/end-others': json({ ended: 2 }),
    });
    await settled();
    expect(container.textContent).toContain(pseudo['accounts.twoFactor.turnOff']);
    clean(container);

    await user().click(screen.getByRole('button', { name: pseudo['accounts.twoFactor.newCodes'] }));
    await screen.findByRole('heading', { name: pseudo['accounts.twoFactor.codesTitle'] });
    clean(container);
    await user().click(screen.getByRole('button', { name: pseudo['accounts.twoFactor.kept'] }));

    await user().type(container.querySelector<HTMLInputElement>('input[type=password]')!, 'not my password');
    await user().click(screen.getByRole('button', { name: pseudo['accounts.twoFactor.turnOff'] }));
    await waitFor(() => expect(container.textContent).toContain(pseudo['refusal.reason.wrong_password']));
    clean(container);
    await user().click(screen.getByRole('button', { name: pseudo['accounts.twoFactor.turnOff'] }));
    await waitFor(() => expect(container.textContent).toContain(pseudo['accounts.twoFactor.isOff']));
    await settled();
    clean(container);

    const signOuts = screen.getAllByRole('button', { name: new RegExp(`^${escape(pseudo['accounts.signOut']!)} `) });
    expect(signOuts).toHaveLength(3);
    await user().click(signOuts[0]!);
    await waitFor(() => expect(container.textContent).toContain(pseudo['accounts.sessions.endedOne']));
    clean(container);
    await user().click(screen.getByRole('button', { name: pseudo['accounts.sessions.everywhereElse'] }));
    await waitFor(() => expect(container.textContent).toContain(accent('Signed out')));
    await settled();
    clean(container);
  });
});

/** A message as a literal part of a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the signed-in participant’s language', () => {
  it('follows the session: Spanish pages, dates and <html lang="es"> for a Spanish speaker', async () => {
    me.locale = 'es';
    try {
      renderPage('my-coach', <MyCoachPage />, undefined, 'session');
      expect(await screen.findByRole('heading', { level: 1, name: 'Mi coach' })).toBeTruthy();
      await settled();
      expect(document.documentElement.lang).toBe('es');
      expect(screen.getByRole('link', { name: 'Ayuda en crisis' })).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Necesito ayuda ahora' })).toBeTruthy();
      expect(screen.getByText(/^Usted y su coach acordaron hablar de nuevo el mar, 15 de dic de 2099\.$/)).toBeTruthy();
      expect(screen.getByText(/6:00 p\. ?m\. hora oriental/)).toBeTruthy();
    } finally {
      me.locale = 'en';
    }
  });
});

const linkView = {
  locale: 'en',
  programName: 'Riverside Pilot',
  timepointLabel: 'Baseline',
  expiresAt: '2099-12-31T12:00:00.000Z',
  instruments: [
    {
      id: 'phq9',
      title: 'PHQ-9',
      copyright: 'Developed by Drs. Spitzer, Williams, Kroenke and colleagues',
      items: [
        {
          linkId: 'q1',
          prefix: '1.',
          text: 'Little interest or pleasure in doing things',
          kind: 'choice',
          min: null,
          max: null,
          options: [{ code: '0', display: 'Not at all', value: 0 }],
        },
        { linkId: 'q2', prefix: '2.', text: 'Hours slept', kind: 'integer', min: 0, max: 24, options: [] },
      ],
    },
  ],
  draft: {},
};

describe('the one-time questionnaire link in the participant’s language', () => {
  it('speaks Spanish when the link’s participant chose it, with nobody signed in', async () => {
    mockApi({ [`POST ${base}/assessment-link`]: json({ ...linkView, locale: 'es' }) });
    window.location.hash = '#tok_aaaaaaaaaaaaaaaaaaaaaaaa';
    try {
      render(
        <Providers client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <MemoryRouter initialEntries={[`/assess/${PROGRAM_ID}`]}>
            <Routes>
              <Route path="/assess/:programId" element={<AssessmentLinkPage />} />
            </Routes>
          </MemoryRouter>
        </Providers>,
      );
      expect(await screen.findByRole('heading', { level: 1, name: 'Sus cuestionarios' })).toBeTruthy();
      await waitFor(() => expect(document.documentElement.lang).toBe('es'));
      expect(screen.getByRole('button', { name: 'Enviar mis respuestas' })).toBeTruthy();
      expect(screen.getByText(/hasta el 31 de diciembre de 2099\./)).toBeTruthy();
    } finally {
      window.location.hash = '';
    }
  });
});

describe('the one-time questionnaire link in the pseudo-locale', () => {
  it('says every word of its own through a message (the questions are the instrument’s)', async () => {
    mockApi({ [`POST ${base}/assessment-link`]: json(linkView) });
    window.location.hash = '#tok_aaaaaaaaaaaaaaaaaaaaaaaa';
    try {
      const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
      const { container } = render(
        <Providers client={client} locale="pseudo" messages={pseudo}>
          <MemoryRouter initialEntries={[`/assess/${PROGRAM_ID}`]}>
            <Routes>
              <Route path="/assess/:programId" element={<AssessmentLinkPage />} />
            </Routes>
          </MemoryRouter>
        </Providers>,
      );
      await settled();
      expect(container.textContent).toContain(pseudo['assessments.link.send']);
      // The instrument's own words (title, items, answers, notice) and the timepoint's name are the program's content.
      const instrument = [
        linkView.instruments[0]!.copyright,
        'Little interest or pleasure in doing things',
        'Not at all',
        'Hours slept',
        'PHQ-9',
        'Baseline',
      ];
      expect(findUntranslated(container, instrument)).toEqual([]);
    } finally {
      window.location.hash = '';
    }
  });
});

/** The printable plan reads the plan's id from the route. */
function RoutedPrint() {
  return (
    <Routes>
      <Route path="plans/:planId/print" element={<PrintPlanPage />} />
    </Routes>
  );
}

/** The topic page reads its key from the route. */
function RoutedTopic() {
  return (
    <Routes>
      <Route path="curriculum/:topicKey" element={<TopicPage />} />
    </Routes>
  );
}

/**
 * The sign-in pages (ADR 0051): nobody is known yet, so they speak the device's language, with
 * "English / Español" in the banner. Each page and each of its states in the pseudo-locale.
 */
describe('the sign-in pages in the pseudo-locale', () => {
  const totpMe: Me = { ...me, signInStep: 'totp' };
  const enrolMe: Me = { ...me, signInStep: 'enrol' };
  function signInApi(who: Me | null, extra: ApiRoutes = {}) {
    return mockApi({
      ...extra,
      'GET /session': who ? json({ me: who }) : json({ error: 'unauthenticated', message: 'Sign in', requestId: 't' }, 401),
      'GET /config': json({ isDemo: true, demoAccounts: ['participant@example.org'] }),
      'GET /auth/options': json({ singleSignOn: { label: 'Riverside staff sign-in' } }),
      'POST /auth/code/request': json({ ok: true }),
      'POST /auth/password-reset/request': json({ ok: true }),
    });
  }
  function renderSignIn(path: string, language: 'pseudo' | 'device' = 'pseudo') {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    return render(
      <Providers client={client} {...(language === 'pseudo' ? { locale: 'pseudo' as const, messages: pseudo } : {})}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route element={<PublicLayout withLanguage />}>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/sign-in/with-code" element={<SignInWithCodePage />} />
              <Route path="/sign-in/code" element={<SignInCodePage />} />
              <Route path="/forgot-password" element={<ForgotPasswordPage />} />
              <Route path="/reset-password" element={<ResetPasswordPage />} />
              <Route path="/invitation" element={<InvitationAcceptPage />} />
              <Route path="/sign-in/two-factor" element={<SignInEnrolPage />} />
            </Route>
          </Routes>
        </MemoryRouter>
      </Providers>,
    );
  }
  /** The example address, the organisation's sign-in name and the demo password are not the page's words. */
  const given = ['participant@example.org', 'Riverside staff sign-in', 'kindred-demo'];

  const states: [string, string, MessageId, Me | null, string?][] = [
    [
      'Sign in, after an idle sign-out and a failed single sign-on, in the demo',
      '/sign-in?sso=failed&ended=1',
      'accounts.signIn.demo.title',
      null,
    ],
    ['Sign in with a code', '/sign-in/with-code', 'accounts.withCode.send', null],
    [
      'Sign in with a code, once it is sent',
      '/sign-in/with-code?email=participant@example.org',
      'accounts.withCode.newCode',
      null,
      'accounts.withCode.send',
    ],
    ['Enter your code (the second step)', '/sign-in/code', 'accounts.secondStep.useRecovery', totpMe],
    ['Forgot your password?', '/forgot-password', 'accounts.forgot.send', null],
    [
      'Forgot your password?, once the link is sent',
      '/forgot-password?email=participant@example.org',
      'accounts.forgot.nothingCame',
      null,
      'accounts.forgot.send',
    ],
    ['Choose a new password', '/reset-password#token=tok_aaaaaaaaaaaaaaaaaaaaaaaa', 'accounts.reset.save', null],
    ['Choose a new password, with an incomplete link', '/reset-password', 'accounts.reset.askNew', null],
    ['Accept your invitation', '/invitation#token=tok_aaaaaaaaaaaaaaaaaaaaaaaa', 'accounts.invitation.create', null],
    ['Accept your invitation, with an incomplete link', '/invitation', 'accounts.invitation.openAgain', null],
    ['Set up two-factor sign-in (a program that requires it)', '/sign-in/two-factor', 'accounts.twoFactor.needApp', enrolMe],
  ];

  it.each(states)('%s: every word comes through a message', async (_name, path, shown, who, press) => {
    signInApi(who);
    const { container } = renderSignIn(path);
    if (press) await userEvent.setup().click(await screen.findByRole('button', { name: pseudo[press] }));
    await waitFor(() => expect(container.textContent).toContain(pseudo[shown]));
    await settled();
    expect(findUntranslated(container, given)).toEqual([]);
  });

  /** What the server answers to "Create my account", and a message only that answer shows. */
  const accepted: [string, Response | null, string][] = [
    [
      'the link is used or expired',
      json(
        {
          error: 'not_found',
          reason: 'invitation_invalid',
          message: 'This invitation link is not valid any more; ask for a new one',
          requestId: 't',
        },
        404,
      ),
      pseudo['refusal.reason.invitation_invalid']!,
    ],
    ['the account is ready', json({ email: 'participant@example.org', isExistingAccount: false }), accent('is ready')],
    [
      'the person already had an account',
      json({ email: 'participant@example.org', isExistingAccount: true }),
      accent('already had'),
    ],
    ['the password is too short (the page says so before sending)', null, accent('Use at least')],
  ];

  it.each(accepted)('Accept your invitation, when %s: every word comes through a message', async (_name, answer, shown) => {
    const calls = signInApi(null, answer ? { 'POST /invitations/accept': answer.clone() } : {});
    const { container } = renderSignIn('/invitation#token=tok_aaaaaaaaaaaaaaaaaaaaaaaa');
    const user = userEvent.setup();
    const typed = answer ? 'a long enough passphrase' : 'short';
    await user.type(await screen.findByLabelText(new RegExp(`^${escape(pseudo['accounts.newPassword.label']!)}`)), typed);
    await user.type(screen.getByLabelText(new RegExp(`^${escape(pseudo['accounts.newPassword.repeat']!)}`)), typed);
    await user.click(screen.getByRole('button', { name: pseudo['accounts.invitation.create'] }));
    await waitFor(() => expect(container.textContent).toContain(shown));
    await settled();
    expect(calls.some((c) => c.url.endsWith('/invitations/accept'))).toBe(answer !== null);
    expect(findUntranslated(container, given)).toEqual([]);
  });

  it('offers "English / Español" before sign-in (in the pseudo-locale too), and not once someone is signed in', async () => {
    signInApi(null);
    const { unmount } = renderSignIn('/sign-in');
    const group = await screen.findByRole('group', { name: pseudo['app.language'] });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['English', 'Español']);
    unmount();
    signInApi(totpMe);
    renderSignIn('/sign-in/code');
    await settled();
    expect(screen.queryByRole('group', { name: pseudo['app.language'] })).toBeNull();
  });
});

describe('the invitation page in the invited person’s language (ADR 0051)', () => {
  it('opens in the language the link carries, keeps the switch, and says the server’s refusal in it', async () => {
    localStorage.removeItem(DEVICE_LANGUAGE_KEY);
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    try {
      mockApi({
        'GET /session': json({ error: 'unauthenticated', message: 'Sign in', requestId: 't' }, 401),
        'POST /invitations/accept': json(
          {
            error: 'not_found',
            reason: 'invitation_invalid',
            message: 'This invitation link is not valid any more; ask for a new one',
            requestId: 't',
          },
          404,
        ),
      });
      render(
        <Providers client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
          <MemoryRouter initialEntries={['/invitation#token=tok_aaaaaaaaaaaaaaaaaaaaaaaa&lang=es']}>
            <Routes>
              <Route element={<PublicLayout withLanguage />}>
                <Route path="/invitation" element={<InvitationAcceptPage />} />
              </Route>
            </Routes>
          </MemoryRouter>
        </Providers>,
      );
      expect(await screen.findByRole('heading', { level: 1, name: 'Acepte su invitación' })).toBeTruthy();
      await waitFor(() => expect(document.documentElement.lang).toBe('es'));
      const group = screen.getByRole('group', { name: 'Idioma' });
      expect(within(group).getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true');
      const user = userEvent.setup();
      await user.type(screen.getByLabelText(/^Contraseña nueva/), 'a long enough passphrase');
      await user.type(screen.getByLabelText(/^Repita la contraseña nueva/), 'a long enough passphrase');
      await user.click(screen.getByRole('button', { name: 'Crear mi cuenta' }));
      expect(await screen.findByText('Este enlace de invitación ya no es válido; pida uno nuevo')).toBeTruthy();

      // The switch still decides: English at once.
      await user.click(within(screen.getByRole('group', { name: 'Idioma' })).getByRole('button', { name: 'English' }));
      expect(await screen.findByRole('heading', { level: 1, name: 'Accept your invitation' })).toBeTruthy();
      expect(localStorage.getItem(DEVICE_LANGUAGE_KEY)).toBe('en');
    } finally {
      languages.mockRestore();
      localStorage.removeItem(DEVICE_LANGUAGE_KEY);
    }
  });
});

describe('the sign-in pages in the device’s language (ADR 0051)', () => {
  it('follow the browser’s language, and the English / Español switch, kept on the device', async () => {
    localStorage.removeItem(DEVICE_LANGUAGE_KEY);
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['es-MX', 'en-US']);
    try {
      mockApi({
        'GET /session': json({ error: 'unauthenticated', message: 'Sign in', requestId: 't' }, 401),
        'GET /config': json({ isDemo: false, demoAccounts: [] }),
        'GET /auth/options': json({ singleSignOn: null }),
      });
      const client = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });
      const page = () => (
        <MemoryRouter initialEntries={['/sign-in']}>
          <Routes>
            <Route element={<PublicLayout withLanguage />}>
              <Route path="/sign-in" element={<SignInPage />} />
            </Route>
          </Routes>
        </MemoryRouter>
      );
      const first = render(<Providers client={client()}>{page()}</Providers>);
      expect(await screen.findByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeTruthy();
      expect(document.documentElement.lang).toBe('es');
      expect(screen.getByRole('textbox', { name: 'Correo electrónico' })).toBeTruthy();
      const group = screen.getByRole('group', { name: 'Idioma' });
      expect(within(group).getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true');

      await userEvent.setup().click(within(group).getByRole('button', { name: 'English' }));
      expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
      expect(document.documentElement.lang).toBe('en');
      expect(localStorage.getItem(DEVICE_LANGUAGE_KEY)).toBe('en');
      first.unmount();

      // Kept on the device: the next visit is in English although the browser prefers Spanish.
      render(<Providers client={client()}>{page()}</Providers>);
      expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    } finally {
      languages.mockRestore();
      localStorage.removeItem(DEVICE_LANGUAGE_KEY);
    }
  });
});
