// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConsortView } from '../../../core/trials';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { ConsortPage } from './ConsortPage';

const arm = (key: string, allocated: number) => ({
  arm: key,
  allocated,
  received: allocated,
  notReceived: {},
  lostToFollowUp: { month_6: 0 },
  discontinued: { month_6: 0 },
  analysed: { month_6: 0 },
});
const smart: ConsortView = {
  assessed: 9,
  excluded: { declined: 1 },
  randomized: 8,
  arms: [arm('coaching', 5), arm('class', 3)],
  armLabels: { coaching: 'Peer coaching', class: 'Pain class' },
  secondStage: {
    decisionPoint: 'Week 8',
    options: ['staff_support', 'new_coach'],
    arms: [
      {
        arm: 'coaching',
        decided: 4,
        responders: 1,
        nonResponders: 3,
        rerandomized: { staff_support: 2, new_coach: 1 },
        notDecided: 1,
      },
      {
        arm: 'class',
        decided: 3,
        responders: 0,
        nonResponders: 3,
        rerandomized: { staff_support: 1, new_coach: 2 },
        notDecided: 0,
      },
    ],
  },
  optionLabels: { staff_support: 'Add staff support', new_coach: 'Change to a new coach' },
};

describe('ConsortPage', () => {
  it("shows a SMART's second stage in words and as a table, with the arms' and options' names", async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/study/consort`]: json(smart) });
    renderInProgram(<ConsortPage />, { member: membership({ can: ['consort:view'] }) });
    expect(await screen.findByRole('heading', { name: 'Second stage: week 8 decision' })).toBeTruthy();
    expect(
      screen.getByText(
        (_, el) =>
          el?.tagName === 'LI' &&
          el.textContent ===
            'Peer coaching: 4 reached the decision, 1 not yet. 1 responding, continued. 3 not responding, randomized again: Add staff support 2, Change to a new coach 1.',
      ),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Second stage per first arm' });
    expect(within(table).getByRole('columnheader', { name: 'Randomized to Change to a new coach' })).toBeTruthy();
    const row = within(table).getByRole('row', { name: /Pain class/ });
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['3', '0', '0', '3', '1', '2']);
  });

  it('shows no second stage for a parallel study', async () => {
    const { secondStage: _s, optionLabels: _o, ...parallel } = smart;
    mockApi({ [`GET /programs/${PROGRAM_ID}/study/consort`]: json(parallel) });
    renderInProgram(<ConsortPage />, { member: membership({ can: ['consort:view'] }) });
    expect(await screen.findByRole('heading', { name: 'The numbers' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /Second stage/ })).toBeNull();
  });
});
