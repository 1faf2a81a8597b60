// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { StudyPage } from './StudyPage';

const noStudy = {
  design: null,
  version: 0,
  isLocked: false,
  lockedAt: null,
  isUnblinded: false,
  unblindedAt: null,
  unblindReason: null,
  randomized: 0,
  amendments: [],
  table: null,
  consentDocuments: [],
};
const timepoint = (key: string, label: string, months: number, instruments: string[]) => ({
  key,
  label,
  months,
  isBaseline: months === 0,
  windowBeforeDays: 0,
  windowAfterDays: 14,
  instruments,
});
const settings = {
  timepoints: [
    timepoint('baseline', 'Baseline', 0, ['peg', 'phq9']),
    timepoint('month_3', '3 months', 3, ['peg']),
    timepoint('month_6', '6 months', 6, ['peg', 'phq9']),
  ],
};
const instrument = (id: string, title: string) => ({ id, title, origin: 'built_in', licence: '', licenceNote: '' });

describe('the study set-up form', () => {
  it('asks when and with which questionnaire the outcome is measured, a stratum and the minimisation chance, and checks them', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/study`]: json(noStudy),
      [`GET /programs/${PROGRAM_ID}/assessment-settings`]: json(settings),
      [`GET /programs/${PROGRAM_ID}/instruments`]: json([instrument('peg', 'PEG pain scale'), instrument('phq9', 'PHQ-9 mood')]),
      [`PUT /programs/${PROGRAM_ID}/study`]: json(noStudy),
    });
    renderInProgram(<StudyPage />, { member: membership({ can: ['study:design'] }) });
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByRole('textbox', { name: 'Study title' }), 'Study A');
    // The baseline is not offered; the last follow-up is chosen first, and only questionnaires asked then are listed.
    const when = await screen.findByRole('combobox', { name: 'When the main outcome is measured' });
    expect([...(when as HTMLSelectElement).options].map((o) => o.text)).toEqual(['3 months', '6 months']);
    expect((when as HTMLSelectElement).value).toBe('month_6');
    await user.selectOptions(screen.getByRole('combobox', { name: /The main outcome/ }), 'phq9');
    await user.type(screen.getByRole('textbox', { name: /Keep the arms balanced within/ }), 'Long pain');
    await user.type(screen.getByRole('textbox', { name: /Its answers/ }), 'Yes');
    await user.click(screen.getByRole('radio', { name: 'Minimisation' }));
    const chance = screen.getByRole('textbox', { name: /How often to take the arm that balances best/ });
    await user.clear(chance);
    await user.type(chance, '40');
    await user.click(screen.getByRole('button', { name: 'Save the study' }));
    expect(await screen.findByText('Enter a whole number from 50 to 100')).toBeTruthy();
    expect(screen.getByText('Give at least two answers, one a line')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    await user.clear(chance);
    await user.type(chance, '70');
    await user.type(screen.getByRole('textbox', { name: /Its answers/ }), '{enter}No');
    await user.click(screen.getByRole('button', { name: 'Save the study' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const body = calls.find((c) => c.method === 'PUT')!.body as { design: Record<string, unknown> };
    expect(body.design).toMatchObject({
      primaryTimepoint: 'month_6',
      primaryOutcome: 'phq9',
      method: { kind: 'minimisation', probability: 0.7 },
      strata: [{ label: 'Long pain', levels: [{ label: 'Yes' }, { label: 'No' }] }],
    });
  }, 60_000);

  it('sets up a SMART: the decision week, the rule of not responding and the second options, checked in words', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/study`]: json(noStudy),
      [`GET /programs/${PROGRAM_ID}/assessment-settings`]: json(settings),
      [`GET /programs/${PROGRAM_ID}/instruments`]: json([instrument('peg', 'PEG pain scale')]),
      [`PUT /programs/${PROGRAM_ID}/study`]: json(noStudy),
    });
    renderInProgram(<StudyPage />, { member: membership({ can: ['study:design'] }) });
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByRole('textbox', { name: 'Study title' }), 'Adaptive coaching');
    expect(screen.queryByRole('textbox', { name: /Weeks until the decision/ })).toBeNull();
    await user.click(screen.getByRole('radio', { name: /Randomize again those not responding/ }));
    const weeks = screen.getByRole('textbox', { name: /Weeks until the decision/ });
    await user.clear(weeks);
    await user.type(weeks, '60');
    await user.type(screen.getByRole('textbox', { name: /Options for those not responding/ }), 'Add staff support');
    await user.click(screen.getByRole('button', { name: 'Save the study' }));
    expect(await screen.findByText('Enter a whole number of weeks from 1 to 52')).toBeTruthy();
    expect(screen.getByText('Give at least two options, one a line')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    await user.clear(weeks);
    await user.type(weeks, '8');
    await user.type(screen.getByRole('textbox', { name: /Options for those not responding/ }), '{enter}Change to a new coach');
    await user.click(screen.getByRole('checkbox', { name: 'Pain (the PEG score) not better' }));
    const below = screen.getByRole('textbox', { name: /fewer reached calls than/ });
    await user.clear(below);
    await user.type(below, '3');
    await user.click(screen.getByRole('radio', { name: 'Both are true' }));
    await user.click(screen.getByRole('radio', { name: 'The day of the first pairing with a coach' }));
    await user.click(screen.getByRole('button', { name: 'Save the study' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const body = calls.find((c) => c.method === 'PUT')!.body as { design: Record<string, unknown> };
    expect(body.design).toMatchObject({
      design: 'smart',
      smart: {
        decisionPoint: { key: 'week_8', label: 'Week 8', weeks: 8, from: 'first_pairing' },
        rule: {
          combine: 'all',
          conditions: [
            { kind: 'reached_contacts_below', n: 3 },
            { kind: 'peg_not_improved', by: 1 },
          ],
        },
        options: [
          { key: 'option_1', label: 'Add staff support' },
          { key: 'option_2', label: 'Change to a new coach' },
        ],
      },
    });
  }, 60_000);

  it('keeps the arms balanced within several factors, each checked in words', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/study`]: json(noStudy),
      [`GET /programs/${PROGRAM_ID}/assessment-settings`]: json(settings),
      [`GET /programs/${PROGRAM_ID}/instruments`]: json([instrument('peg', 'PEG pain scale')]),
      [`PUT /programs/${PROGRAM_ID}/study`]: json(noStudy),
    });
    renderInProgram(<StudyPage />, { member: membership({ can: ['study:design'] }) });
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByRole('textbox', { name: 'Study title' }), 'Study B');
    expect(screen.queryByRole('button', { name: 'Keep balanced within one more thing' })).toBeNull();
    await user.type(screen.getByRole('textbox', { name: /Keep the arms balanced within/ }), 'Long pain');
    await user.type(screen.getByRole('textbox', { name: /Its answers/ }), 'Yes{enter}No');
    await user.click(screen.getByRole('button', { name: 'Keep balanced within one more thing' }));
    await user.type(screen.getByRole('textbox', { name: /Factor 2: keep the arms balanced within/ }), 'Clinic');
    await user.type(screen.getByRole('textbox', { name: /Factor 2: its answers/ }), 'North');
    await user.click(screen.getByRole('button', { name: 'Keep balanced within one more thing' }));
    await user.type(screen.getByRole('textbox', { name: /Factor 3: its answers/ }), 'A{enter}B');
    await user.click(screen.getByRole('button', { name: 'Save the study' }));
    expect(await screen.findByText('Give at least two answers, one a line')).toBeTruthy();
    expect(screen.getByText('Name what to keep balanced, or remove this factor')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Remove factor 3' }));
    await user.type(screen.getByRole('textbox', { name: /Factor 2: its answers/ }), '{enter}South');
    await user.click(screen.getByRole('button', { name: 'Save the study' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const body = calls.find((c) => c.method === 'PUT')!.body as { design: { strata: unknown } };
    expect(body.design.strata).toEqual([
      {
        key: 'stratum_1',
        label: 'Long pain',
        levels: [
          { key: 'level_1', label: 'Yes' },
          { key: 'level_2', label: 'No' },
        ],
      },
      {
        key: 'stratum_2',
        label: 'Clinic',
        levels: [
          { key: 'level_1', label: 'North' },
          { key: 'level_2', label: 'South' },
        ],
      },
    ]);
  }, 60_000);
});
