// @vitest-environment happy-dom
/**
 * The volunteer coach's main pages in the pseudo-locale (issue #16, ADR 0041 amendment), modelled on
 * participant-pages.pseudo.test.tsx: the English catalog with each letter accented and each message
 * wrapped in ⟦ ⟧. Any visible text, or any aria-label, title, placeholder or alt, that still has
 * plain ASCII letters did not come through a message, and fails the test, unless it is people's
 * names and own words, or the server's words (task reasons and tips), allowed below by name.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../core/accounts';
import { AppLayout } from '../app/layout';
import { ProgramProvider } from '../app/program';
import { Providers } from '../app/providers';
import { RequireSession } from '../app/session';
import { WellbeingPage } from '../features/coaches/CarePages';
import { ContactHistoryPage } from '../features/contacts/ContactHistoryPage';
import { LogContactPage } from '../features/contacts/LogContactPage';
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
  can: [
    'task:list',
    'guide:run',
    'contact:log',
    'contact:list',
    'wellbeing:record',
    'safety:raise',
    'curriculum:view',
    'outreach:suggest',
  ],
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

const topics = [
  { key: 'pacing', title: 'Activity pacing' },
  { key: 'sleep', title: 'Sleep' },
];
const programDetail = { id: PROGRAM_ID, name: 'Riverside Pilot', topics };

const contact = {
  id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  participantId: P,
  coachId: COACH,
  occurredAt: '2026-12-01T15:00:00Z',
  channel: 'phone',
  outcome: 'reached',
  isReached: true,
  minutes: 20,
  topics: ['pacing'],
  discussedStrategies: true,
  gaveEncouragement: true,
  discussedAdjusting: false,
  discussedGoals: false,
  note: 'Talked about the garden',
  loggedAt: '2026-12-01T15:30:00Z',
  enteredLate: null,
};
const contacts = [
  contact,
  {
    ...contact,
    id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccd',
    occurredAt: '2026-11-28T15:00:00Z',
    outcome: 'voicemail',
    isReached: false,
    minutes: null,
    topics: [],
    note: '',
  },
  // Reached, nothing recorded, with a participant the coach no longer coaches.
  {
    ...contact,
    id: 'cccccccc-cccc-4ccc-8ccc-ccccccccccce',
    participantId: '44444444-4444-4444-8444-444444444449',
    minutes: null,
    topics: [],
    discussedStrategies: false,
    gaveEncouragement: false,
    note: '',
  },
];

const bestTimes = {
  timeZone: 'America/New_York',
  ownAttempts: 3,
  pausedUntil: '2099-12-09',
  suggestions: [
    {
      weekday: 'tue',
      band: 'evening',
      from: '18:00',
      to: '21:00',
      nextOn: '2099-12-15',
      score: 0.8,
      own: { attempts: 3, answered: 2 },
      reason: 'Pat answered 2 of 3 calls at this time.',
    },
  ],
};

const checkIn = {
  id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  coachId: COACH,
  month: '2026-11',
  pegPain: 3,
  pegEnjoyment: 4,
  pegActivity: 5,
  pegScore: 4,
  stress: 7,
  feelings: ['giving_back', 'too_much'],
  note: 'Busy month at home',
  recordedAt: '2026-11-20T15:00:00Z',
  worsening: ['said coaching feels like too much'],
  followedUpAt: '2026-11-22T15:00:00Z',
  followUpNote: 'Fewer calls in December',
};
const wellbeing = {
  coachId: COACH,
  coachName: 'Carl Coach',
  thisMonth: '2026-12',
  isDue: true,
  checkIns: [
    checkIn,
    {
      ...checkIn,
      id: 'dddddddd-dddd-4ddd-8ddd-ddddddddddde',
      month: '2026-10',
      feelings: [],
      note: '',
      worsening: [],
      followedUpAt: null,
      followUpNote: null,
    },
  ],
};

type ApiRoutes = Parameters<typeof mockApi>[0];

/** The server's refusal of a note longer than `max` characters, with its code and numbers, as the server words it. */
function noteTooLong(max: number) {
  return json(
    {
      error: 'invalid_input',
      message: 'Some answers need attention.',
      fields: [
        {
          path: 'note',
          message: `Keep this to ${max.toLocaleString('en')} characters or fewer.`,
          code: 'too_long_text',
          values: { max },
        },
      ],
    },
    400,
  );
}
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
  'Talked about the garden',
  checkIn.note,
  // The server's words for a check-in that looks harder (not translatable yet).
  ...checkIn.worsening,
  ...topics.map((t) => t.title),
  bestTimes.suggestions[0]!.reason,
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
  /\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/g,
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
      <MemoryRouter initialEntries={[`${base}/${path}`]}>
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
  [
    'My contacts',
    'contacts',
    () => <ContactHistoryPage />,
    {
      [`GET ${base}/contacts`]: json(contacts),
      [`GET ${base}/today`]: json({ tasks: [], sessions: [], participants: [pat, ann], painAlerts: [] }),
      [`GET ${base}`]: json(programDetail),
    },
    [
      'staff.coach.contacts.essentials',
      'staff.coach.contacts.outcomeShort.voicemail',
      'staff.coach.contacts.noneRecorded',
      'staff.coach.contacts.formerParticipant',
      'staff.coach.contacts.note',
    ],
  ],
  [
    'My contacts, none yet',
    'contacts',
    () => <ContactHistoryPage />,
    {
      [`GET ${base}/contacts`]: json([]),
      [`GET ${base}/today`]: json({ tasks: [], sessions: [], participants: [], painAlerts: [] }),
      [`GET ${base}`]: json(programDetail),
    },
    ['staff.coach.contacts.none'],
  ],
  [
    'Log a contact, for a participant, with the best times',
    `contacts/new?participant=${P}`,
    () => <LogContactPage />,
    {
      [`GET ${base}/today`]: json({ tasks: [], sessions: [], participants: [pat, ann], painAlerts: [] }),
      [`GET ${base}`]: json(programDetail),
      [`GET ${base}/participants/${P}/best-times`]: json(bestTimes),
    },
    [
      'staff.coach.contactForm.save',
      'staff.coach.bestTimes.basis',
      'staff.coach.bestTimes.paused',
      'staff.coach.contactForm.noteHint',
    ],
  ],
  [
    'Log a contact, nobody to log for',
    'contacts/new',
    () => <LogContactPage />,
    {
      [`GET ${base}/today`]: json({ tasks: [], sessions: [], participants: [], painAlerts: [] }),
      [`GET ${base}`]: json(programDetail),
    },
    ['staff.coach.contactForm.noneForCoach'],
  ],
  [
    'My well-being, due this month, with past check-ins',
    'my-wellbeing',
    () => <WellbeingPage />,
    { [`GET ${base}/coaches/${COACH}/wellbeing`]: json(wellbeing) },
    [
      'staff.coach.wellbeing.intro',
      'staff.coach.wellbeing.save',
      'staff.coach.wellbeing.harder',
      'staff.coach.wellbeing.feels',
      'staff.coach.wellbeing.called',
    ],
  ],
  [
    'My well-being, done this month, none before',
    'my-wellbeing',
    () => <WellbeingPage />,
    { [`GET ${base}/coaches/${COACH}/wellbeing`]: json({ ...wellbeing, isDue: false, checkIns: [] }) },
    ['staff.coach.wellbeing.done', 'staff.coach.wellbeing.none'],
  ],
];

describe('the coach’s pages in the pseudo-locale (issue #16, ADR 0041)', () => {
  it.each(pages)('%s: every word comes through a message', async (_name, path, page, routes, shown) => {
    const { container } = renderPage(path, page(), routes);
    await settled();
    // A message's longest run of words between its arguments: enough to tell the loaded page shows it.
    const head = (id: MessageId) =>
      pseudo[id]!.split(/[{}#]/)
        .filter((w) => !/[A-Za-z]/.test(w))
        .sort((x, y) => y.length - x.length)[0]!;
    await waitFor(() => expect(container.textContent).toContain(head(shown[0]!)));
    expect(document.documentElement.lang).toBe('en-XA');
    expect(screen.queryByRole('alert')).toBeNull();
    for (const id of shown) expect(container.textContent, id).toContain(head(id));
    expect(findUntranslated(container)).toEqual([]);
  });

  it('Log a contact, refused in the browser and then by the server: every word comes through a message', async () => {
    const user = userEvent.setup();
    const { container } = renderPage(`contacts/new?participant=${P}`, <LogContactPage />, {
      [`GET ${base}/today`]: json({ tasks: [], sessions: [], participants: [pat, ann], painAlerts: [] }),
      [`GET ${base}`]: json(programDetail),
      [`GET ${base}/participants/${P}/best-times`]: json({ ...bestTimes, pausedUntil: null, suggestions: [] }),
      [`POST ${base}/contacts`]: noteTooLong(4000),
    });
    await settled();
    await waitFor(() => expect(container.textContent).toContain(accent('said suits them. Check their days and times.')));
    // No answer to "Did you reach them?": the browser refuses, in the page's words.
    await user.click(screen.getByRole('button', { name: pseudo['staff.coach.contactForm.save'] }));
    const local = await screen.findByRole('alert');
    expect(local.textContent).toContain(pseudo['staff.coach.contactForm.couldNotSave']);
    expect(local.textContent).toContain(pseudo['staff.coach.contactForm.outcome']);
    expect(findUntranslated(container)).toEqual([]);
    // Reached, with topics and what was done; the server refuses the note.
    await user.click(screen.getByRole('radio', { name: pseudo['staff.coach.contactForm.outcome.reached'] }));
    expect(screen.getByRole('group', { name: pseudo['staff.coach.contactForm.did'] })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: pseudo['staff.coach.contactForm.save'] }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/4,000/));
    expect(screen.getByRole('alert').textContent).toContain(pseudo['refusal.error.invalid_input']);
    expect(findUntranslated(container)).toEqual([]);
  });

  it('My well-being, refused in the browser and then by the server: every word comes through a message', async () => {
    const user = userEvent.setup();
    const { container } = renderPage('my-wellbeing', <WellbeingPage />, {
      [`GET ${base}/coaches/${COACH}/wellbeing`]: json({ ...wellbeing, checkIns: [] }),
      [`POST ${base}/coaches/${COACH}/wellbeing`]: noteTooLong(1000),
    });
    await settled();
    const save = await screen.findByRole('button', { name: pseudo['staff.coach.wellbeing.save'] });
    await user.click(save);
    expect((await screen.findByRole('alert')).textContent).toBe(pseudo['staff.coach.wellbeing.answerAll']);
    expect(findUntranslated(container)).toEqual([]);
    for (const legend of ['pain', 'enjoyment', 'activity', 'stress'] as const) {
      const group = screen.getByRole('radiogroup', { name: pseudo[`staff.coach.wellbeing.${legend}`] });
      await user.click(within(group).getByRole('radio', { name: '5' }));
    }
    await user.click(save);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/1,000/));
    expect(screen.getByRole('alert').textContent).toContain(pseudo['refusal.error.invalid_input']);
    expect(findUntranslated(container)).toEqual([]);
  });

  it('catches a word that did not come through a message', () => {
    const div = document.createElement('div');
    div.innerHTML = `<p>${accent('Today')}</p><p>Pat Smith</p><button aria-label="Close">x</button><p>Log a contact</p>`;
    expect(findUntranslated(div)).toEqual(['Log a contact', 'aria-label="Close"']);
  });
});
