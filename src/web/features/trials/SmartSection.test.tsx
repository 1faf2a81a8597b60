// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SmartView } from '../../../core/trials';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { SmartSection } from './SmartSection';

const P1 = '22222222-2222-4222-8222-222222222222';
const P2 = '33333333-3333-4333-8333-333333333333';
const view = (o: Partial<SmartView> = {}): SmartView => ({
  decisionPoint: { key: 'week_8', label: 'Week 8', weeks: 8, from: 'randomization' },
  rule: 'fewer than 3 reached contacts',
  options: { staff_support: 'Add staff support', new_coach: 'Change to a new coach' },
  arms: { coaching: 'Peer coaching', class: 'Pain class' },
  strategies: [
    {
      key: 'coaching>staff_support',
      words: 'Start with peer coaching; if not responding by week 8, add staff support; if responding, continue',
    },
  ],
  due: 1,
  participants: [
    {
      participantId: P1,
      name: 'Alex Rivera',
      firstArm: 'coaching',
      decisionOn: '2026-04-27T15:00:00.000Z',
      stage: 'non_responder',
      option: 'new_coach',
      reasons: ['1 reached contact (fewer than 3: yes)'],
    },
    {
      participantId: P2,
      name: 'Sam Okafor',
      firstArm: 'class',
      decisionOn: '2026-04-20T15:00:00.000Z',
      stage: 'due',
      option: null,
      reasons: [],
    },
  ],
  paths: [],
  ...o,
});

describe('SmartSection', () => {
  it('shows the rule, the strategies in words and each path with names, and runs the decision', async () => {
    const base = `/programs/${PROGRAM_ID}/study/smart`;
    const calls = mockApi({
      [`GET ${base}`]: json(view()),
      [`POST ${base}/decisions`]: json({ decided: 1, responders: 0, nonResponders: 1, alreadyDecided: 1 }),
    });
    renderInProgram(<SmartSection />, { member: membership({ can: ['study:randomize'] }) });
    expect(await screen.findByText('fewer than 3 reached contacts')).toBeTruthy();
    expect(screen.getByText(/Start with peer coaching; if not responding by week 8/)).toBeTruthy();
    const row = screen.getByRole('row', { name: /Alex Rivera/ });
    expect(row.textContent).toContain('Peer coaching');
    expect(row.textContent).toContain('Not responding');
    expect(row.textContent).toContain('Change to a new coach');
    expect(screen.getByRole('row', { name: /Sam Okafor/ }).textContent).toContain('Due now');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Run the week 8 decision' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/study/smart/decisions'))).toBe(true));
    expect(await screen.findByText(/Decided 1: 0 responding, 1 re-randomized/)).toBeTruthy();
  });

  it('offers no run button without the permission', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/study/smart`]: json(view({ due: 0 })) });
    renderInProgram(<SmartSection />, { member: membership({ can: [] }) });
    expect(await screen.findByText('fewer than 3 reached contacts')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Run the/ })).toBeNull();
  });
});
