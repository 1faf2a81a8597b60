// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PairHelpView, PairsPageView } from '../../../core/engagement';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram, type Call } from '../../testing/render';
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

const counts = { first_contact: 0, reminder: 0, check_in: 1, decision: 1, none: 1, paused: 1 };
const page = (list: PairHelpView[], o: Partial<PairsPageView> = {}): PairsPageView => ({
  pairs: list,
  offset: 0,
  limit: 50,
  total: list.length,
  counts,
  ...o,
});
const coaches = [
  { id: '00000000-0000-4000-8000-000000000201', givenName: 'Carl', familyName: 'Coach' },
  { id: '00000000-0000-4000-8000-000000000202', givenName: 'Cora', familyName: 'Coach' },
];
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
const pairsCalls = (calls: Call[]) => calls.filter((c) => c.url.includes('/pairs')).map((c) => query(c.url));

describe('PairsPage', () => {
  it('shows the page the server ranked, with the next action one click away', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/pairs`]: json(page([pairs[2]!, pairs[1]!, pairs[0]!, pairs[3]!])) });
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
    expect(screen.getByRole('status').textContent).toBe('Showing 1–4 of 4 pairs');
    expect(screen.queryByRole('navigation', { name: 'Pages of pairs' })).toBeNull();
  });

  it('asks the server for the step, coach and order chosen, from the first page, and shows the counts per step', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/pairs`]: json(page(pairs)),
      [`GET /programs/${PROGRAM_ID}/coaches`]: json(coaches),
    });
    renderInProgram(<PairsPage />, { member: membership({ can: ['pair:list', 'ladder:record'] }), route: '/?page=3' });
    await screen.findByRole('table');
    expect(pairsCalls(calls).at(-1)).toEqual({ limit: '50', offset: '100' });
    const stepBox = screen.getByRole('combobox', { name: 'Ladder step' });
    expect(within(stepBox).getByRole('option', { name: 'Needs help (reminded, check-in or decision) (2)' })).toBeTruthy();
    const user = userEvent.setup();
    await user.selectOptions(stepBox, 'needs_help');
    await waitFor(() => expect(pairsCalls(calls).at(-1)).toEqual({ step: 'needs_help', limit: '50', offset: '0' }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Coach' }), 'Cora Coach');
    await waitFor(() =>
      expect(pairsCalls(calls).at(-1)).toEqual({ step: 'needs_help', coachId: coaches[1]!.id, limit: '50', offset: '0' }),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'days_quiet');
    await waitFor(() =>
      expect(pairsCalls(calls).at(-1)).toEqual({
        step: 'needs_help',
        coachId: coaches[1]!.id,
        sort: 'days_quiet',
        limit: '50',
        offset: '0',
      }),
    );
  });

  it('moves between pages of 50: "Showing 51–100 of 8,512 pairs", next and previous', async () => {
    const many = Array.from({ length: 50 }, (_, i) => pair(1, { pairingId: crypto.randomUUID(), participantName: `P ${i}` }));
    mockApi({
      [`GET /programs/${PROGRAM_ID}/pairs`]: (call) =>
        json(page(many, { total: 8512, offset: Number(query(call.url).offset ?? 0) })),
    });
    renderInProgram(<PairsPage />, { member: membership({ can: ['pair:list'] }) });
    await screen.findByRole('table');
    expect(screen.getByRole('status').textContent).toBe('Showing 1–50 of 8,512 pairs');
    const pager = screen.getByRole('navigation', { name: 'Pages of pairs' });
    expect(within(pager).queryByRole('link', { name: 'Previous page' })).toBeNull();
    const user = userEvent.setup();
    await user.click(within(pager).getByRole('link', { name: 'Next page' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Showing 51–100 of 8,512 pairs'));
    await user.click(screen.getByRole('link', { name: 'Previous page' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Showing 1–50 of 8,512 pairs'));
  });

  it('says so when no pair matches', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/pairs`]: json(page([])) });
    renderInProgram(<PairsPage />, { member: membership({ can: ['pair:list'] }) });
    expect(await screen.findByText('No pair matches.')).toBeTruthy();
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual(['No pair matches.']);
  });
});
