// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navItems } from '../../app/layout';
import { scopeOf } from '../../app/program';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import type { ProgressView } from './plans.api';
import { BetweenCallsSection } from './PlansSection';

const PARTICIPANT = '22222222-2222-4222-8222-222222222222';
const coach = membership({
  roles: ['coach'],
  coachId: 'c1',
  can: ['contact:log', 'plan:list', 'progress:view', 'encouragement:write'],
});

const progress: ProgressView = {
  participantId: PARTICIPANT,
  givenName: 'Robert',
  today: '2026-03-02',
  shareWithCoach: true,
  isHiddenFromCaller: false,
  checkIn: { isDue: false, dueOn: '2026-03-09', lastOn: '2026-03-02' },
  checkIns: [
    { on: '2026-02-23', pain: 6, enjoyment: 6, activity: 6, score: 6, note: '', source: 'app' },
    { on: '2026-03-02', pain: 5, enjoyment: 5, activity: 4, score: 14 / 3, note: 'Three good walks.', source: 'app' },
  ],
  change: {
    kind: 'lower',
    first: 6,
    latest: 14 / 3,
    difference: -1.3,
    isMeaningful: true,
    isEarly: true,
    words: 'Robert’s pain score is 1.3 points lower than at the first check-in (6 then, 4.7 now).',
  },
  currentPlan: null,
  practice: [],
  plans: { made: 0, reviewed: 0, done: 0, partly: 0, notDone: 0 },
  planMarks: [],
  skillsTried: [],
  notes: [],
};

const hidden: ProgressView = {
  ...progress,
  shareWithCoach: false,
  isHiddenFromCaller: true,
  checkIn: null,
  checkIns: null,
  change: null,
  practice: null,
};

function renderSection(view: ProgressView) {
  mockApi({ [`GET /programs/${PROGRAM_ID}/participants/${PARTICIPANT}/progress`]: json(view) });
  renderInProgram(<BetweenCallsSection participantId={PARTICIPANT} givenName="Robert" />, { member: coach });
}

describe('BetweenCallsSection (what the coach sees before the next call)', () => {
  it('shows the check-ins, what changed, the chart and the participant’s note when shared', async () => {
    renderSection(progress);
    expect(await screen.findByText(/1.3 points lower than at the first check-in/, { selector: 'p' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Pain score by week' })).toBeTruthy();
    expect(screen.getByText(/Three good walks\./)).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Write a note to Robert' })).toBeTruthy();
  });

  it('says which check-ins came by text message', async () => {
    const [first, last] = progress.checkIns!;
    renderSection({ ...progress, checkIns: [first!, { ...last!, source: 'text' }] });
    expect(await screen.findByText(/Last check-in Mon 2 Mar( 2026)?, by text message;/)).toBeTruthy();
    expect(screen.getByText(/\(score 4\.7, by text message\): Three good walks\./)).toBeTruthy();
    const table = screen.getByRole('table', { name: /Check-in answers, week by week/ });
    expect(within(table).getByRole('columnheader', { name: 'How' })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Mon 2 Mar.*By text message/ })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Mon 23 Feb.*In the app/ })).toBeTruthy();
  });

  it('says nothing about text messages when every check-in came in the app', async () => {
    renderSection(progress);
    expect(await screen.findByText(/Last check-in Mon 2 Mar/)).toBeTruthy();
    expect(screen.queryByText(/by text/)).toBeNull();
  });

  it('says the participant chose not to share, and shows no check-ins, when sharing is off', async () => {
    renderSection(hidden);
    expect(
      await screen.findByText('Robert chose not to share weekly check-ins and the practice log with the coach.'),
    ).toBeTruthy();
    expect(screen.queryByRole('img', { name: 'Pain score by week' })).toBeNull();
    expect(screen.queryByText(/Three good walks/)).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('navigation', () => {
  const labels = (m: ReturnType<typeof membership>) => navItems(scopeOf(m)).map((i) => i.label);

  it('gives a participant "My plan", "Weekly check-in" and "My progress", and staff and evaluators "Action plans"', () => {
    expect(
      labels(membership({ roles: ['participant'], participantId: 'p1', can: ['checkin:record', 'progress:view', 'plan:list'] })),
    ).toEqual(['My coach', 'My plan', 'Weekly check-in', 'My progress']);
    expect(labels(membership({ roles: ['evaluator'], can: ['overview:view', 'plan:summary'] }))).toEqual([
      'Overview',
      'Action plans',
    ]);
    expect(labels(membership({ roles: ['coach'], coachId: 'c1', can: ['contact:log', 'plan:create'] }))).not.toContain(
      'Action plans',
    );
  });
});
