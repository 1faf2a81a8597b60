// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import type { TopicView } from './curriculum.api';
import { TopicPage } from './TopicPage';

const handout = {
  key: 'relaxation',
  title: 'Relaxation',
  summary: 'Three ways to calm your body and mind.',
  skill: 'Slow belly breathing',
  version: 2,
  language: 'en',
  translation: null,
  handout:
    '### Slow belly breathing\nBreathe in for **four**, out for *six*.\n\n1. Sit down.\n2. Breathe.\n\n<script>alert(1)</script>',
} as const;
const guide: TopicView = {
  ...handout,
  view: 'guide',
  skillSteps: '1. Breathe together on the call.',
  talkingPoints: '- Pain brings tension.\n- Practice makes it easier.',
  questions: '- What helps you calm down?',
};

const coach = membership({ roles: ['coach'], coachId: 'c1', can: ['curriculum:view', 'contact:log'] });
const participant = membership({ roles: ['participant'], participantId: 'p1', can: ['curriculum:view'] });

function renderTopic(view: TopicView, member = coach, route = '/curriculum/relaxation') {
  const api = mockApi({
    [`GET /programs/${PROGRAM_ID}/curriculum/relaxation`]: (call) => json(call.url.endsWith('?lang=es') ? spanish : view),
  });
  return { api, ...renderInProgram(<TopicPage />, { member, route, path: '/curriculum/:topicKey' }) };
}

const spanish: TopicView = {
  ...handout,
  view: 'handout',
  title: 'Relajación',
  language: 'es',
  translation: { source: 'program' },
  handout: '### Respirar despacio con el vientre\nTome aire mientras cuenta hasta **cuatro**.',
};

describe('TopicPage', () => {
  it('shows a coach the handout and the guide: skill, talking points and questions', async () => {
    renderTopic(guide);
    expect(await screen.findByRole('heading', { level: 1, name: 'Relaxation' })).toBeTruthy();
    const handoutSection = screen.getByRole('region', { name: 'Handout' });
    expect(within(handoutSection).getByRole('heading', { level: 3, name: 'Slow belly breathing' })).toBeTruthy();
    expect(
      within(handoutSection)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Sit down.', 'Breathe.']);
    expect(within(handoutSection).getByText('four').tagName).toBe('STRONG');
    expect(within(handoutSection).getByText('six').tagName).toBe('EM');
    expect(handoutSection.textContent).toContain('version 2');
    expect(screen.getByRole('region', { name: 'Skill to try: Slow belly breathing' }).textContent).toContain('Breathe together');
    const points = screen.getByRole('region', { name: 'Talking points' });
    expect(
      within(points)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Pain brings tension.', 'Practice makes it easier.']);
    expect(screen.getByRole('region', { name: 'Questions to ask' }).textContent).toContain('What helps you calm down?');
    expect(screen.getByRole('link', { name: 'All topics' }).getAttribute('href')).toBe(`/programs/${PROGRAM_ID}/curriculum`);
  });

  it('shows a participant the handout only', async () => {
    renderTopic({ ...handout, view: 'handout' }, participant);
    expect(await screen.findByRole('region', { name: 'Handout' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Talking points' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Questions to ask' })).toBeNull();
    expect(screen.queryByText(/For coaches and staff/)).toBeNull();
    expect(screen.getByRole('link', { name: 'All handouts' })).toBeTruthy();
    expect(screen.getByText(/Veterans Crisis Line: dial 988, then press 1/)).toBeTruthy();
  });

  it('shows a translated handout in its language, marked as the program’s own translation, with a way back to English', async () => {
    const user = userEvent.setup();
    renderTopic({ ...handout, view: 'handout' }, participant, '/curriculum/relaxation?lang=es');
    expect(await screen.findByRole('heading', { level: 1, name: 'Relajación' })).toBeTruthy();
    const section = screen.getByRole('region', { name: 'Handout' });
    expect(
      within(section)
        .getByRole('heading', { level: 3, name: 'Respirar despacio con el vientre' })
        .closest('[lang]')
        ?.getAttribute('lang'),
    ).toBe('es');
    expect(within(section).getByText("The program's own translation")).toBeTruthy();
    const languages = screen.getByRole('navigation', { name: 'Language of the handout' });
    expect(within(languages).getByText('Español').getAttribute('aria-current')).toBe('true');
    await user.click(within(languages).getByRole('link', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Relaxation' })).toBeTruthy();
    expect(screen.queryByText("The program's own translation")).toBeNull();
  });

  it('shows raw HTML in content as text and never injects it', async () => {
    const { container } = renderTopic(guide);
    await screen.findByRole('region', { name: 'Handout' });
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByText('<script>alert(1)</script>')).toBeTruthy();
  });

  it('prints the page when asked (the print stylesheet keeps only the handout)', async () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const user = userEvent.setup();
    renderTopic(guide);
    await user.click(await screen.findByRole('button', { name: 'Print handout' }));
    expect(print).toHaveBeenCalledTimes(1);
    // What the print stylesheet hides: the coach's guide, marked for it.
    expect(screen.getByRole('region', { name: 'Talking points' }).closest('.print-hide')).not.toBeNull();
    expect(screen.getByRole('region', { name: 'Handout' }).closest('.print-hide')).toBeNull();
  });

  it('says so when the topic is not in the program', async () => {
    mockApi({});
    renderInProgram(<TopicPage />, { member: coach, route: '/curriculum/astrology', path: '/curriculum/:topicKey' });
    expect((await screen.findByRole('alert')).textContent).toContain('Not found, or not available to you.');
    expect(screen.queryByRole('button', { name: 'Print handout' })).toBeNull();
  });
});
