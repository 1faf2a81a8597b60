// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PairHelpView } from '../../../core/engagement';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { PairsPage } from './PairsPage';

const measures = {
  reached: 0,
  attempts: 0,
  participantReached: 0,
  reachedOutsideWindow: 0,
  participantAttempts: 0,
  reachRate: null,
  daysSinceReached: null,
  activeDays: 30,
  projectedReached: 0,
  isAdherent: false,
  isOnCourse: false,
  frequency: null,
};
const pair = (n: number, o: Partial<PairHelpView>): PairHelpView => ({
  pairingId: `00000000-0000-4000-8000-00000000000${n}`,
  participantId: `00000000-0000-4000-8000-00000000010${n}`,
  participantName: `Participant ${n}`,
  coachId: '00000000-0000-4000-8000-000000000201',
  coachName: 'Carl Coach',
  pairedAt: '2026-02-01T15:00:00.000Z',
  lastReachedAt: null,
  daysQuiet: 10,
  attemptsSince: 0,
  step: 'none',
  stepSince: null,
  pausedUntil: null,
  checkInRecordedAt: null,
  nextAction: null,
  coachActivity: { attempts: 2, reached: 1, days: 14 },
  measures,
  ...o,
});

const pairs = [
  pair(1, { participantName: 'Ann Steady', step: 'none', daysQuiet: 3 }),
  pair(2, { participantName: 'Bo Quiet', step: 'check_in', daysQuiet: 25, attemptsSince: 4, nextAction: 'check_in' }),
  pair(3, {
    participantName: 'Cy Silent',
    step: 'decision',
    daysQuiet: 40,
    nextAction: 'decision',
    coachName: 'Cora Coach',
    coachId: '00000000-0000-4000-8000-000000000202',
  }),
  pair(4, { participantName: 'Di Away', step: 'paused', pausedUntil: '2026-04-01', daysQuiet: 30 }),
];

describe('PairsPage', () => {
  it('lists the most urgent pairs first, with the next action one click away', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/pairs`]: json(pairs) });
    renderInProgram(<PairsPage />, { member: membership({ can: ['pair:list', 'ladder:record'] }) });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Cy Silent',
      'Bo Quiet',
      'Ann Steady',
      'Di Away',
    ]);
    expect(screen.getByRole('link', { name: 'Decide for Cy Silent' }).getAttribute('href')).toBe(
      `/programs/${PROGRAM_ID}/pairs/${pairs[2]!.pairingId}/decision`,
    );
    expect(screen.getByRole('link', { name: 'Record check-in call for Bo Quiet' }).getAttribute('href')).toBe(
      `/programs/${PROGRAM_ID}/pairs/${pairs[1]!.pairingId}/check-in`,
    );
    expect(within(rows[3]!).getByText(/until/).textContent).toContain('until');
    expect(screen.getByRole('status').textContent).toBe('4 pairs');
  });

  it('filters by ladder step and coach, and sorts by days quiet', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/pairs`]: json(pairs) });
    renderInProgram(<PairsPage />, { member: membership({ can: ['pair:list', 'ladder:record'] }) });
    await screen.findByRole('table');
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Ladder step' }), 'needs_help');
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Cy Silent', 'Bo Quiet']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Coach' }), 'Carl Coach');
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Bo Quiet']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Ladder step' }), '');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'days_quiet');
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Di Away', 'Bo Quiet', 'Ann Steady']);
  });
});
