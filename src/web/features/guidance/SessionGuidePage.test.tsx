// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { GuideStartView } from '../../../core/guidance';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { SessionGuidePage } from './SessionGuidePage';

const PARTICIPANT = '22222222-2222-4222-8222-222222222222';
const PLAN = '33333333-3333-4333-8333-333333333333';
const base = `/programs/${PROGRAM_ID}/participants/${PARTICIPANT}/guide`;
const coach = membership({ roles: ['coach'], coachId: 'c1', can: ['guide:run', 'plan:create', 'plan:list', 'contact:log'] });

const prompt = (key: string, title: string, link: 'safety' | null = null) => ({
  key,
  title,
  version: 1,
  body: `Say something kind about ${key}.`,
  link,
});

const start: GuideStartView = {
  participantId: PARTICIPANT,
  givenName: 'Robert',
  familyName: 'Ellis',
  today: '2026-03-02',
  cadenceDays: 14,
  preferredChannel: 'phone',
  lastPlan: {
    id: PLAN,
    participantId: PARTICIPANT,
    kind: 'action_plan',
    what: 'Walk to the corner',
    howMuch: '10 minutes',
    when: 'After lunch',
    daysPerWeek: 3,
    confidence: 8,
    readiness: null,
    versions: [
      { what: 'Walk to the corner', howMuch: '10 minutes', when: 'After lunch', daysPerWeek: 3, confidence: 8, version: 1 },
    ],
    madeAt: '2026-02-16T15:00:00.000Z',
    madeOn: '2026-02-16',
    madeBy: 'James Walker',
    coachName: 'James Walker',
    isCurrent: true,
    review: null,
    practice: null,
  },
  lastCheckIn: { on: '2026-02-27', score: 4.7 },
  lastCheck: null,
  topics: [
    { key: 'getting_started', title: 'Getting started', summary: 'Start here.', skill: 'Your story', isCovered: true },
    { key: 'physical_activity', title: 'Physical activity', summary: 'Move more.', skill: 'Walking', isCovered: false },
    { key: 'sleep', title: 'Sleep', summary: 'Rest better.', skill: 'Wind down', isCovered: false },
  ],
  suggestion: { key: 'physical_activity', title: 'Physical activity', basis: 'plan', reason: 'The last plan builds on it.' },
  bridges: [prompt('back_to_topic', 'From catching up to today’s topic')],
  whatIfs: [prompt('only_chat', 'They only want to chat'), prompt('crisis', 'They talk about a crisis', 'safety')],
};

function renderGuide(post: (body: unknown) => Response | Error) {
  const calls = mockApi({ [`GET ${base}`]: json(start), [`POST ${base}`]: (c) => post(c.body) });
  renderInProgram(<SessionGuidePage />, {
    member: coach,
    route: `/programs/${PROGRAM_ID}/participants/${PARTICIPANT}/guide`,
    path: '/programs/:programId/participants/:participantId/guide',
  });
  return { posts: () => calls.filter((c) => c.method === 'POST'), user: userEvent.setup() };
}

describe('SessionGuidePage', () => {
  it('follows the call: a barrier changes the topic, the elements are ticked from the steps and can be corrected', async () => {
    let attempt = 0;
    const { posts, user } = renderGuide(() => (++attempt === 1 ? new TypeError('offline') : json({}, 201)));
    await screen.findByRole('heading', { level: 2, name: 'Step 1 of 5: Check in' });
    expect(screen.getByText(/last weekly check-in: pain score 4.7/)).toBeTruthy();
    await user.click(
      within(screen.getByRole('radiogroup', { name: "Robert's pain right now" })).getByRole('radio', { name: '6' }),
    );
    await user.click(screen.getByRole('button', { name: 'Next: review the last plan' }));

    expect(document.activeElement?.textContent).toBe('Step 2 of 5: Review the last plan');
    await user.click(within(screen.getByRole('radiogroup', { name: 'How did it go?' })).getByRole('radio', { name: /^Partly/ }));
    await user.type(screen.getByRole('textbox', { name: 'What got in the way? (optional)' }), 'Slept badly');
    await user.click(screen.getByRole('button', { name: "Next: today's topic" }));

    // The server suggested physical activity from the plan; the barrier just heard points to sleep.
    expect(screen.getByText(/^Suggested: Sleep/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Talk about Sleep' }));
    const topics = screen.getByRole('group', { name: 'Topics you talked about' });
    expect((within(topics).getByRole('checkbox', { name: 'Sleep' }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Next: make a new plan' }));
    await user.click(screen.getByRole('button', { name: 'No plan this time' }));

    await screen.findByRole('heading', { level: 2, name: 'Step 5 of 5: Agree the next contact' });
    expect((screen.getByLabelText('Next contact') as HTMLInputElement).value).toBe('2026-03-16');
    const did = screen.getByRole('group', { name: 'What you did' });
    const box = (name: RegExp) => within(did).getByRole('checkbox', { name }) as HTMLInputElement;
    expect(
      [
        box(/^Talked about self-management/),
        box(/^Gave encouragement/),
        box(/^Talked about adjusting/),
        box(/^Set or reviewed/),
      ].map((b) => b.checked),
    ).toEqual([true, true, true, true]);
    await user.click(box(/^Gave encouragement/));

    await user.click(screen.getByRole('button', { name: 'Finish session' }));
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: 'Finish session' }));
    await screen.findByText('Elsewhere');

    const [first, retry] = posts();
    expect(retry?.body).toEqual(first?.body);
    expect(first?.body).toMatchObject({
      check: { pain: 6, mood: null },
      review: { planId: PLAN, outcome: 'partly', barrier: 'Slept badly', change: '' },
      topics: ['sleep'],
      suggestedTopic: 'sleep',
      plan: null,
      elements: { discussedStrategies: true, gaveEncouragement: false, discussedAdjusting: true, discussedGoals: true },
      nextContactOn: '2026-03-16',
      schedule: null,
    });
  });

  it('schedules the next session with the finish when a time is agreed, and records a smaller step', async () => {
    const { posts, user } = renderGuide(() => json({}, 201));
    await screen.findByRole('heading', { level: 2, name: 'Step 1 of 5: Check in' });
    for (const next of ['Next: review the last plan', "Next: today's topic", 'Next: make a new plan']) {
      await user.click(screen.getByRole('button', { name: next }));
    }
    await user.click(screen.getByRole('radio', { name: /^Not yet: agree on a smaller step/ }));
    await user.click(
      within(screen.getByRole('radiogroup', { name: 'How ready is Robert to set a goal?' })).getByRole('radio', { name: '3' }),
    );
    await user.type(screen.getByRole('textbox', { name: 'A smaller step' }), 'Read the sleep handout');
    await user.click(screen.getByRole('button', { name: 'Save small step' }));

    await screen.findByRole('heading', { level: 2, name: 'Step 5 of 5: Agree the next contact' });
    await user.type(screen.getByLabelText('Time (optional)'), '10:30');
    await user.click(
      within(screen.getByRole('radiogroup', { name: 'How will you meet?' })).getByRole('radio', { name: 'Video call' }),
    );
    await user.click(screen.getByRole('button', { name: 'Finish session' }));
    await screen.findByText('Elsewhere');
    expect(posts()[0]?.body).toMatchObject({
      review: null,
      plan: { kind: 'small_step', readiness: 3, what: 'Read the sleep handout' },
      elements: { discussedStrategies: false, gaveEncouragement: false, discussedAdjusting: false, discussedGoals: true },
      nextContactOn: null,
      schedule: { date: '2026-03-16', time: '10:30', modality: 'video', durationMinutes: 30, place: '' },
    });
  });

  it('keeps the "what if" help at hand, the crisis item leading to the safety protocol', async () => {
    const { user } = renderGuide(() => json({}, 201));
    await screen.findByRole('heading', { level: 2, name: 'Step 1 of 5: Check in' });
    await user.click(screen.getByRole('button', { name: 'What if: they talk about a crisis' }));
    const link = screen.getByRole('link', { name: 'Open the safety protocol' });
    expect(link.getAttribute('href')).toBe(`/programs/${PROGRAM_ID}/safety/concern?participant=${PARTICIPANT}`);
  });
});
