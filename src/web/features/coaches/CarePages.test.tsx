// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoachWellbeingView } from '../../../core/coaches';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { WellbeingPage } from './CarePages';

const COACH = '11111111-1111-4111-8111-111111111111';
const coach = membership({ roles: ['coach'], coachId: COACH, can: ['wellbeing:record', 'wellbeing:view', 'contact:log'] });
const URL = `/programs/${PROGRAM_ID}/coaches/${COACH}/wellbeing`;
const empty: CoachWellbeingView = { coachId: COACH, coachName: 'Carl Coach', thisMonth: '2026-03', isDue: true, checkIns: [] };

describe('WellbeingPage', () => {
  it('asks every scale before sending, then sends the check-in and says a coordinator will call when it is harder', async () => {
    const calls = mockApi({
      [`GET ${URL}`]: json(empty),
      [`POST ${URL}`]: json(
        {
          id: '22222222-2222-4222-8222-222222222222',
          coachId: COACH,
          month: '2026-03',
          pegPain: 6,
          pegEnjoyment: 5,
          pegActivity: 5,
          pegScore: 5.33,
          stress: 8,
          feelings: ['too_much'],
          note: '',
          recordedAt: '2026-03-02T15:00:00.000Z',
          worsening: ['said coaching feels like too much'],
          followedUpAt: null,
          followUpNote: null,
        },
        201,
      ),
    });
    const user = userEvent.setup();
    renderInProgram(<WellbeingPage />, { member: coach });
    await screen.findByRole('heading', { level: 1, name: 'My well-being' });
    await user.click(await screen.findByRole('button', { name: 'Save check-in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Answer the three pain questions and the stress question.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    for (const [legend, n] of [
      ['Your pain on average in the past week', '6'],
      ['How much pain got in the way of enjoying life', '5'],
      ['How much pain got in the way of your general activity', '5'],
      ['How stressed you have felt this month', '8'],
    ] as const) {
      await user.click(within(screen.getByRole('radiogroup', { name: legend })).getByRole('radio', { name: n }));
    }
    await user.click(screen.getByRole('checkbox', { name: 'Too much right now' }));
    await user.click(screen.getByRole('button', { name: 'Save check-in' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      pegPain: 6,
      pegEnjoyment: 5,
      pegActivity: 5,
      stress: 8,
      feelings: ['too_much'],
      note: '',
    });
    expect(await screen.findByText(/A coordinator will call you/)).toBeTruthy();
  });

  it('names the month of each past check-in and the day of the call in words, never as ISO dates (#16)', async () => {
    mockApi({
      [`GET ${URL}`]: json({
        ...empty,
        isDue: false,
        checkIns: [
          {
            id: '33333333-3333-4333-8333-333333333333',
            coachId: COACH,
            month: '2026-02',
            pegPain: 4,
            pegEnjoyment: 4,
            pegActivity: 4,
            pegScore: 4,
            stress: 3,
            feelings: [],
            note: '',
            recordedAt: '2026-02-03T15:00:00.000Z',
            worsening: [],
            followedUpAt: '2026-02-05T15:00:00.000Z',
            followUpNote: null,
          },
        ],
      }),
    });
    renderInProgram(<WellbeingPage />, { member: coach });
    await screen.findByRole('heading', { level: 3, name: 'February 2026' });
    const text = document.body.textContent ?? '';
    expect(text).not.toMatch(/\b2026-02(-\d\d)?\b/);
    expect(text).toMatch(/Coordinator called on .*5 Feb/);
  });
});
