// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { navItems } from '../../app/layout';
import { scopeOf } from '../../app/program';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { TrainingModulePage, TrainingPage } from './TrainingPages';

const COACH = '33333333-3333-4333-8333-333333333333';
const coach = membership({
  roles: ['coach'],
  coachId: COACH,
  can: ['contact:log', 'training:view', 'training:take', 'agreement:sign'],
});
const module = {
  key: 'safety',
  title: 'Safety protocol',
  version: 1,
  summary: 'What to do when someone may be in danger.',
  passMark: 2,
  content: 'Listen and **stay** with the person.',
  questions: [
    {
      id: 'q1',
      text: 'What comes first?',
      options: [
        { id: 'a', text: 'Listen' },
        { id: 'b', text: 'Leave' },
      ],
    },
    {
      id: 'q2',
      text: 'Which number?',
      options: [
        { id: 'a', text: '911 then 2' },
        { id: 'b', text: '988 then 1' },
      ],
    },
  ],
};

describe('TrainingModulePage', () => {
  it('asks every question before sending, then sends the answers and shows which were not right', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/training/modules/safety`]: json(module),
      [`POST /programs/${PROGRAM_ID}/coaches/${COACH}/training/modules/safety/attempts`]: json(
        {
          correct: 1,
          total: 2,
          passMark: 2,
          isPassed: false,
          results: [
            { questionId: 'q1', isCorrect: true },
            { questionId: 'q2', isCorrect: false },
          ],
          isTrainingComplete: false,
        },
        201,
      ),
    });
    const user = userEvent.setup();
    renderInProgram(<TrainingModulePage />, { member: coach, route: '/t/safety', path: '/t/:moduleKey' });
    await screen.findByRole('heading', { level: 1, name: 'Safety protocol' });
    expect(screen.getByText('stay').tagName).toBe('STRONG');
    await user.click(
      within(screen.getByRole('radiogroup', { name: /1\. What comes first\?/ })).getByRole('radio', { name: 'Listen' }),
    );
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect(screen.getByRole('alert').textContent).toContain('Answer every question first.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.click(
      within(screen.getByRole('radiogroup', { name: /2\. Which number\?/ })).getByRole('radio', { name: '911 then 2' }),
    );
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect((await screen.findByText(/1 of 2 right; 2 are needed to pass/)).textContent).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ answers: { q1: 'a', q2: 'a' } });
    const second = screen.getByRole('radiogroup', { name: /2\. Which number\?/ });
    expect(second.getAttribute('aria-describedby')).toBeTruthy();
    expect(second.textContent).toContain('Not right');
    expect(screen.getByRole('radiogroup', { name: /1\. What comes first\?/ }).textContent).not.toContain('Not right');
  });
});

describe('navigation', () => {
  const labels = (m: ReturnType<typeof membership>) => navItems(scopeOf(m)).map((i) => i.label);

  it('links Training for coaches and Volunteers for staff, as the server allows', () => {
    expect(labels(coach)).toContain('Training');
    expect(labels(membership({ roles: ['coordinator'], can: ['volunteer:list', 'overview:view'] }))).toContain('Volunteers');
    expect(labels(membership({ roles: ['coordinator'], can: ['overview:view'] }))).not.toContain('Volunteers');
  });
});

describe('TrainingPage (issue #16: the training page must not contradict itself)', () => {
  const state = (o: { isComplete: boolean; passed: string[] }) => ({
    coachId: COACH,
    modules: ['listening', 'safety'].map((key) => ({
      key,
      title: key === 'safety' ? 'Safety protocol' : 'Listening',
      summary: 'A short module.',
      version: 1,
      questions: 4,
      passMark: 3,
      isPassed: o.passed.includes(key),
      attempts: 0,
      lastAttempt: null,
    })),
    agreement: { title: 'Scope and boundaries', version: 1, signedAt: '2026-11-02T15:00:00.000Z', signedVersion: 1 },
    modulesPassed: o.passed.length,
    trainedAt: o.isComplete ? '2026-11-02T15:00:00.000Z' : null,
    isComplete: o.isComplete,
  });

  it('says the modules were completed as staff recorded, not "Not passed yet", when staff recorded the training as complete', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/coaches/${COACH}/training`]: json(state({ isComplete: true, passed: [] })) });
    renderInProgram(<TrainingPage />, { member: coach });
    await screen.findByText(/recorded your training as complete/);
    const modules = screen.getByRole('region', { name: 'Modules' });
    expect(modules.textContent).not.toContain('Not passed yet');
    expect(within(modules).getAllByText('Completed (recorded by staff)')).toHaveLength(2);
  });

  it('still says which modules are not passed while training is under way', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/coaches/${COACH}/training`]: json(state({ isComplete: false, passed: ['listening'] })),
    });
    renderInProgram(<TrainingPage />, { member: coach });
    const modules = await screen.findByRole('region', { name: 'Modules' });
    await within(modules).findByText('Passed');
    expect(within(modules).getAllByText('Not passed yet')).toHaveLength(1);
    expect(modules.textContent).not.toContain('recorded by staff');
  });
});
