// @vitest-environment happy-dom
/**
 * The volunteer coach's main pages in the pseudo-locale (issue #16, ADR 0041 amendment), modelled on
 * participant-pages.pseudo.test.tsx: the English catalog with each letter accented and each message
 * wrapped in ⟦ ⟧. Any visible text, or any aria-label, title, placeholder or alt, that still has
 * plain ASCII letters did not come through a message, and fails the test, unless it is people's
 * names and own words, or the server's words (task reasons and tips), allowed below by name.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../core/accounts';
import { AppLayout } from '../app/layout';
import { ProgramProvider } from '../app/program';
import { Providers } from '../app/providers';
import { RequireSession } from '../app/session';
import { TodayPage } from '../features/tasks/TodayPage';
import { json, membership, mockApi, PROGRAM_ID } from '../testing/render';
import { englishMessages, type MessageId } from './i18n';
import { accent, pseudoMessages, untranslatedIn } from './pseudo';

const COACH = '55555555-5555-4555-8555-555555555555';
const P = '44444444-4444-4444-8444-444444444444';
const P2 = '44444444-4444-4444-8444-444444444445';
const base = `/programs/${PROGRAM_ID}`;

const coach = membership({
  roles: ['coach'],
  coachId: COACH,
  can: ['task:list', 'guide:run', 'contact:log', 'contact:list', 'wellbeing:record', 'safety:raise', 'curriculum:view'],
});

const me: Me = {
  id: '22222222-2222-4222-8222-222222222222',
  email: 'carl@example.org',
  displayName: 'Carl Coach',
  isAdmin: false,
  csrfToken: 'csrf',
  memberships: [coach],
  signInStep: 'done',
  idleMinutes: 30,
  locale: 'en',
};

const pat = {
  view: 'coaching',
  id: P,
  code: 'P-0001',
  status: 'active',
  givenName: 'Pat',
  familyName: 'Smith',
  painLocations: ['low_back'],
  preferredModality: 'phone',
  preferredChannel: 'phone',
  preferredTimes: ['morning', 'evening'],
  contactNotes: 'Text first',
  preferredDays: ['tue'],
  notBefore: null,
  notAfter: null,
  contactPausedUntil: null,
  phone: '317 555 0200',
  email: 'pat@example.org',
  pairState: 'due',
  lastReachedAt: '2026-12-01T15:00:00Z',
  nextContactDueOn: '2099-12-15',
  nextContactBasis: 'agreed',
};
/** Never reached, paused, no phone or e-mail, no preferred times. */
const ann = {
  ...pat,
  id: P2,
  code: 'P-0002',
  givenName: 'Ann',
  familyName: 'Jones',
  preferredChannel: 'video',
  preferredTimes: [],
  contactNotes: null,
  phone: null,
  email: null,
  pairState: 'paused',
  lastReachedAt: null,
  contactPausedUntil: '2099-12-20',
  nextContactDueOn: null,
  nextContactBasis: null,
};

const task = {
  kind: 'first_contact',
  assignee: 'coach',
  pairingId: '99999999-9999-4999-8999-999999999999',
  participantId: P,
  participantName: 'Pat Smith',
  coachId: COACH,
  coachName: 'Carl Coach',
  dueOn: '2026-12-01',
  isOverdue: true,
  reason: 'Paired 10 days ago and not reached yet.',
  tips: ['Try a different time of day.'],
};

const session = {
  id: '88888888-8888-4888-8888-888888888888',
  pairingId: task.pairingId,
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
const sessions = [
  session,
  { ...session, id: '88888888-8888-4888-8888-888888888889', videoLink: null },
  { ...session, id: '88888888-8888-4888-8888-88888888888a', modality: 'in_person', videoLink: null, place: 'Riverside Library' },
  { ...session, id: '88888888-8888-4888-8888-88888888888b', modality: 'text', videoLink: null },
];

const painAlerts = [
  {
    participantId: P,
    givenName: 'Pat',
    from: 4.7,
    to: 7,
    on: '2026-12-05',
    note: 'Bad week',
    isJump: true,
    isWorryingNote: false,
  },
  {
    participantId: P2,
    givenName: 'Ann',
    from: null,
    to: 5,
    on: '2026-12-06',
    note: 'I can’t go on like this.',
    isJump: false,
    isWorryingNote: true,
  },
];

const reminders = {
  thisMonth: '2026-12',
  wellbeingDue: true,
  nextBooster: { id: '77777777-7777-4777-8777-777777777777', heldOn: '2099-12-10', topic: 'Listening well' },
};

type ApiRoutes = Parameters<typeof mockApi>[0];
function api(routes: ApiRoutes) {
  return mockApi({ 'GET /session': json({ me }), ...routes });
}

/**
 * What may stay as it is, by explicit rule: people's names and their own words, the program's name,
 * and the words the server makes (task reasons and tips, booster topics), which have no codes yet.
 */
const ALLOWED_WORDS = [
  'Pat Smith',
  'Ann Jones',
  'Pat',
  'Ann',
  'Carl Coach',
  'Riverside Pilot',
  'Kindred',
  'pat@example.org',
  'carl@example.org',
  'Text first',
  'Bad week',
  'I can’t go on like this.',
  'Riverside Library',
  'Listening well',
  // The server's words (not translatable yet).
  task.reason,
  ...task.tips,
].sort((a, b) => b.length - a.length);

/**
 * Dates, clock times and zones come from Intl; the due and next-contact phrases come from the shared
 * `useWhen` helpers (English-only for now, like every staff page's).
 */
const DATE_PATTERNS = [
  /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?\b/g,
  /\b\d{1,2}:\d{2} (AM|PM)\b/g,
  /\b(Eastern|Central|Mountain|Pacific) time\b/g,
  /\b(was due|due|the scheduled session|as agreed in the last session)\b/g,
  /\b(today|yesterday|tomorrow|\d+ days ago|in \d+ days)\b/g,
];

/** What on the page did not come through a message, `extra` (the test's own given words) allowed too. */
function findUntranslated(root: HTMLElement, extra: readonly string[] = []): string[] {
  return untranslatedIn(root, [...extra, ...ALLOWED_WORDS], DATE_PATTERNS);
}

const pseudo = pseudoMessages(englishMessages);

function renderPage(path: string, page: ReactElement, routes: ApiRoutes) {
  api(routes);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <Providers client={client} locale="pseudo" messages={pseudo}>
      <MemoryRouter initialEntries={[{ pathname: `${base}/${path}` }]}>
        <Routes>
          <Route
            path={`${base}/*`}
            element={
              <RequireSession fallback={(body) => body}>
                <ProgramProvider membership={coach}>
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

/** Each page state, where it is, its API, and messages only its loaded content shows (so a failed load cannot pass). */
const pages: [string, string, () => ReactElement, ApiRoutes, MessageId[]][] = [
  [
    'Today, a full day',
    'today',
    () => <TodayPage />,
    {
      [`GET ${base}/today`]: json({ tasks: [task], sessions, participants: [pat, ann], painAlerts }),
      [`GET ${base}/coaches/${COACH}/reminders`]: json(reminders),
    },
    [
      'staff.coach.painAlerts.open',
      'staff.task.overdue',
      'staff.coach.today.noVideoLink',
      'staff.coach.reminders.wellbeingDue',
      'staff.safety.concern',
      'staff.coach.today.notReached',
    ],
  ],
  [
    'Today, nothing yet',
    'today',
    () => <TodayPage />,
    {
      [`GET ${base}/today`]: json({ tasks: [], sessions: [], participants: [], painAlerts: [] }),
      [`GET ${base}/coaches/${COACH}/reminders`]: json({ ...reminders, wellbeingDue: false, nextBooster: null }),
    },
    ['staff.coach.today.noTasks', 'staff.coach.today.noSessions', 'staff.coach.today.noParticipants'],
  ],
];

describe('the coach’s pages in the pseudo-locale (issue #16, ADR 0041)', () => {
  it.each(pages)('%s: every word comes through a message', async (_name, path, page, routes, shown) => {
    const { container } = renderPage(path, page(), routes);
    await settled();
    // A message's words before its first argument: enough to tell the loaded page is in the pseudo-locale.
    const head = (id: MessageId) => pseudo[id]!.split('{')[0]!;
    await waitFor(() => expect(container.textContent).toContain(head(shown[0]!)));
    expect(document.documentElement.lang).toBe('en-XA');
    expect(screen.queryByRole('alert')).toBeNull();
    for (const id of shown) expect(container.textContent, id).toContain(head(id));
    expect(findUntranslated(container)).toEqual([]);
  });

  it('catches a word that did not come through a message', () => {
    const div = document.createElement('div');
    div.innerHTML = `<p>${accent('Today')}</p><p>Pat Smith</p><button aria-label="Close">x</button><p>Log a contact</p>`;
    expect(findUntranslated(div)).toEqual(['Log a contact', 'aria-label="Close"']);
  });
});
