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
});
