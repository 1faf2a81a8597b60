// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { PlanForm } from './PlanForm';

const PARTICIPANT = '22222222-2222-4222-8222-222222222222';
const url = `POST /programs/${PROGRAM_ID}/participants/${PARTICIPANT}/plans`;
const coach = membership({ roles: ['coach'], coachId: 'c1', can: ['plan:create', 'plan:list', 'contact:log'] });

function renderForm() {
  const calls = mockApi({ [url]: (call) => json({ id: 'p1', kind: (call.body as { kind: string }).kind }, 201) });
  const onSaved = vi.fn();
  renderInProgram(
    <PlanForm programId={PROGRAM_ID} participantId={PARTICIPANT} name="Robert" cancelTo="/back" onSaved={onSaved} />,
    {
      member: coach,
    },
  );
  return { calls: () => calls.filter((c) => c.method === 'POST'), onSaved, user: userEvent.setup() };
}

async function fillPlan(user: ReturnType<typeof userEvent.setup>, confidence: string, days = '5') {
  await user.type(screen.getByRole('textbox', { name: 'What will Robert do?' }), 'Walk around the block');
  await user.type(screen.getByRole('textbox', { name: 'How much?' }), '20 minutes');
  await user.type(screen.getByRole('textbox', { name: 'When?' }), 'After lunch');
  await user.selectOptions(screen.getByRole('combobox', { name: 'How many days this week?' }), days);
  const sure = screen.getByRole('radiogroup', { name: 'How sure is Robert of doing the whole plan?' });
  await user.click(within(sure).getByRole('radio', { name: confidence }));
}

describe('PlanForm', () => {
  it('suggests a smaller plan below 7 before saving, and keeps the original when it is made smaller', async () => {
    const { calls, onSaved, user } = renderForm();
    await fillPlan(user, '5');
    await user.click(screen.getByRole('button', { name: 'Save plan' }));

    const advice = screen.getByRole('region', { name: 'Kindred suggests a smaller plan' });
    expect(advice.textContent).toContain('Robert is 5 out of 10 sure');
    expect(
      within(advice)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Fewer days: 3 days a week instead of 5.',
      'Less each time: 10 minutes instead of 20.',
      'An easier step: a gentler or shorter version of “Walk around the block”, or just the first part of it.',
      'Ask what might get in the way, and plan around it.',
    ]);
    expect(document.activeElement?.textContent).toBe('Kindred suggests a smaller plan');
    expect(calls()).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Make it smaller' }));
    expect(screen.queryByRole('region', { name: 'Kindred suggests a smaller plan' })).toBeNull();
    const howMuch = screen.getByRole('textbox', { name: 'How much?' });
    await user.clear(howMuch);
    await user.type(howMuch, '10 minutes');
    await user.selectOptions(screen.getByRole('combobox', { name: 'How many days this week?' }), '3');
    await user.click(within(screen.getByRole('radiogroup', { name: /How sure/ })).getByRole('radio', { name: '8' }));
    expect(screen.getByText(/Earlier version: 20 minutes, 5 days a week, 5 out of 10 sure/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save plan' }));

    expect(calls()).toHaveLength(1);
    expect(calls()[0]!.body).toEqual({
      kind: 'action_plan',
      clientKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      what: 'Walk around the block',
      howMuch: '10 minutes',
      when: 'After lunch',
      daysPerWeek: 3,
      confidence: 8,
      earlierDrafts: [
        { what: 'Walk around the block', howMuch: '20 minutes', when: 'After lunch', daysPerWeek: 5, confidence: 5 },
      ],
    });
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });

  it('saves the plan as it is when the coach keeps it', async () => {
    const { calls, user } = renderForm();
    await fillPlan(user, '6', '2');
    await user.click(screen.getByRole('button', { name: 'Save plan' }));
    await user.click(screen.getByRole('button', { name: 'Keep this plan' }));
    expect(calls()).toHaveLength(1);
    expect(calls()[0]!.body).toMatchObject({ confidence: 6, daysPerWeek: 2, earlierDrafts: [] });
  });

  it('saves at once from 7, and warns about every day', async () => {
    const { calls, user } = renderForm();
    await fillPlan(user, '7', '7');
    expect(screen.getByText(/Every day leaves no room for a bad day/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save plan' }));
    expect(screen.queryByRole('region', { name: 'Kindred suggests a smaller plan' })).toBeNull();
    expect(calls()[0]!.body).toMatchObject({ confidence: 7, daysPerWeek: 7, earlierDrafts: [] });
  });

  it('records a smaller step with the readiness ruler when the participant is not ready', async () => {
    const { calls, user } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Not yet: agree on a smaller step' }));
    expect(screen.queryByRole('textbox', { name: 'What will Robert do?' })).toBeNull();
    await user.click(
      within(screen.getByRole('radiogroup', { name: 'How ready is Robert to set a goal?' })).getByRole('radio', { name: '3' }),
    );
    expect(screen.getByText(/Not ready now, and that is fine/)).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'A smaller step' }), 'Read the pacing handout');
    await user.click(screen.getByRole('button', { name: 'Save small step' }));
    expect(calls()[0]!.body).toEqual({
      kind: 'small_step',
      clientKey: expect.any(String),
      readiness: 3,
      what: 'Read the pacing handout',
      when: '',
    });
  });

  it('names what is missing and sends nothing', async () => {
    const { calls, user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Save plan' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('What: Say what they will do');
    expect(alert.textContent).toContain('How sure: Choose how sure they are, from 0 to 10');
    expect(screen.getByRole('textbox', { name: 'What will Robert do?' }).getAttribute('aria-invalid')).toBe('true');
    expect(calls()).toHaveLength(0);
  });
});
