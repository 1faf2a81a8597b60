// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { GuideDraftView, GuideStartView } from '../../../core/guidance';
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

function renderGuide(post: (body: unknown) => Response | Error, draft: GuideDraftView | null = null) {
  const calls = mockApi({
    [`GET ${base}`]: json(start),
    [`POST ${base}`]: (c) => post(c.body),
    [`GET ${base}/draft`]: json({ draft }),
    [`PUT ${base}/draft`]: (c) => json({ ...(c.body as object), savedAt: new Date().toISOString() }),
    [`DELETE ${base}/draft`]: json({ ok: true }),
  });
  renderInProgram(<SessionGuidePage />, {
    member: coach,
    route: `/programs/${PROGRAM_ID}/participants/${PARTICIPANT}/guide`,
    path: '/programs/:programId/participants/:participantId/guide',
  });
  return {
    posts: () => calls.filter((c) => c.method === 'POST'),
    puts: () => calls.filter((c) => c.method === 'PUT'),
    deletes: () => calls.filter((c) => c.method === 'DELETE'),
    user: userEvent.setup(),
  };
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

  it('saves what is entered as the coach goes: a step change at once, with the session key', async () => {
    const { puts, user } = renderGuide(() => json({}, 201));
    await screen.findByRole('heading', { level: 2, name: 'Step 1 of 5: Check in' });
    expect(screen.getByText('What you enter is saved as you go.')).toBeTruthy();
    await user.click(
      within(screen.getByRole('radiogroup', { name: "Robert's pain right now" })).getByRole('radio', { name: '6' }),
    );
    await user.click(screen.getByRole('button', { name: 'Next: review the last plan' }));
    await waitFor(() => expect(puts().length).toBeGreaterThan(0));
    const saved = puts().at(-1)?.body as { clientKey: string; step: number; answers: Record<string, unknown> };
    expect(saved.step).toBe(1);
    expect(saved.answers).toMatchObject({ pain: 6, mood: null, channel: 'phone', nextOn: '2026-03-16' });
    expect(saved.clientKey).toMatch(/^[0-9a-f-]{36}$/);
    await screen.findByText(/^Saved as you go, last at \d{1,2}:\d\d [AP]M\.$/);
  });

  it('carries on from a saved draft with a plain message, and finishes with its session key', async () => {
    const key = '44444444-4444-4444-8444-444444444444';
    const savedAt = new Date();
    savedAt.setHours(18, 42, 0, 0);
    const draft: GuideDraftView = {
      clientKey: key,
      step: 1,
      savedAt: savedAt.toISOString(),
      answers: {
        openedAt: '2026-03-02T17:30:00.000Z',
        pain: 7,
        mood: 3,
        outcome: 'partly',
        barrier: 'The weather turned',
        change: '',
        encouraged: true,
        topics: [],
        plan: null,
        overrides: {},
        channel: 'phone',
        minutes: '',
        note: '',
        nextOn: '2026-03-16',
        nextTime: '',
        nextHow: 'phone',
        nextMinutes: '30',
        nextPlace: '',
      },
    };
    const first = renderGuide(() => json({}, 201), draft);
    await screen.findByRole('heading', { level: 2, name: 'Step 2 of 5: Review the last plan' });
    const kept = screen.getByRole('status');
    expect(kept.textContent).toMatch(/^We kept what you had entered (at|yesterday at|on .+ at) 6:42 PM\./);
    expect(kept.textContent).not.toMatch(/\d{4}-\d\d-\d\d|T\d\d:/);
    expect((screen.getByRole('textbox', { name: 'What got in the way? (optional)' }) as HTMLInputElement).value).toBe(
      'The weather turned',
    );
    for (const next of ["Next: today's topic", 'Next: make a new plan']) {
      await first.user.click(screen.getByRole('button', { name: next }));
    }
    await first.user.click(screen.getByRole('button', { name: 'No plan this time' }));
    await first.user.click(await screen.findByRole('button', { name: 'Finish session' }));
    await screen.findByText('Elsewhere');
    expect(first.posts()[0]?.body).toMatchObject({
      clientKey: key,
      occurredAt: '2026-03-02T17:30:00.000Z',
      check: { pain: 7, mood: 3 },
      review: { planId: PLAN, outcome: 'partly', barrier: 'The weather turned' },
    });
  });

  it('"Start over" deletes the draft and opens the first step empty', async () => {
    const draft: GuideDraftView = {
      clientKey: '55555555-5555-4555-8555-555555555555',
      step: 2,
      savedAt: new Date().toISOString(),
      answers: {
        openedAt: '2026-03-02T17:30:00.000Z',
        pain: 7,
        mood: null,
        outcome: '',
        barrier: '',
        change: '',
        encouraged: false,
        topics: ['sleep'],
        plan: null,
        overrides: {},
        channel: 'phone',
        minutes: '',
        note: '',
        nextOn: '2026-03-16',
        nextTime: '',
        nextHow: 'phone',
        nextMinutes: '30',
        nextPlace: '',
      },
    };
    const { deletes, user } = renderGuide(() => json({}, 201), draft);
    await screen.findByRole('heading', { level: 2, name: "Step 3 of 5: Today's topic" });
    await user.click(screen.getByRole('button', { name: 'Start over' }));
    await screen.findByRole('heading', { level: 2, name: 'Step 1 of 5: Check in' });
    await waitFor(() => expect(deletes()).toHaveLength(1));
    expect(screen.queryByText(/We kept what you had entered/)).toBeNull();
    const pain = within(screen.getByRole('radiogroup', { name: "Robert's pain right now" }));
    expect((pain.getByRole('radio', { name: '7' }) as HTMLInputElement).checked).toBe(false);
  });
});
