import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { outcomeReport, type OutcomeParticipant } from '../../../core/evaluation/outcomes';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { OutcomeReportPage } from './OutcomeReportPage';
import { TargetingPage } from './TargetingPage';

const people: OutcomeParticipant[] = Array.from({ length: 40 }, (_, i) => {
  const coached = i % 2 === 0;
  const b = 4 + (i % 5);
  const six = b - (coached ? 2 : 0) + ((i * 7) % 3) - 1;
  return {
    code: `P-${String(i + 1).padStart(4, '0')}`,
    arm: coached ? 'coaching' : 'class',
    coachCode: coached ? `C-000${(i % 3) + 1}` : null,
    contacts: coached ? i % 14 : null,
    covariates: { age: 5 + (i % 4), woman: i % 3 === 0 ? 1 : 0, site: i % 3 },
    outcomes: { baseline: b, month_6: six },
    states: { baseline: 'completed', month_6: 'completed' },
    isDataWithdrawn: false,
  };
});
const report = (isMasked: boolean, withSite = false) =>
  outcomeReport({
    instrument: { id: 'peg', title: 'PEG' },
    arms: isMasked
      ? [
          { key: 'class', label: 'Arm A', isCoaching: false },
          { key: 'coaching', label: 'Arm B', isCoaching: true },
        ]
      : [
          { key: 'class', label: 'Pain class', isCoaching: false },
          { key: 'coaching', label: 'Peer coaching', isCoaching: true },
        ],
    isMasked,
    timepoints: [
      { key: 'baseline', label: 'Baseline', months: 0, isBaseline: true },
      { key: 'month_6', label: '6 months', months: 6, isBaseline: false },
    ],
    primaryTimepoint: 'month_6',
    targetContacts: 12,
    moderators: [
      { key: 'age', label: 'Age', kind: 'continuous', per: '10 years of age' },
      { key: 'woman', label: 'Gender', kind: 'binary', levels: ['who are men', 'who are women'] },
      ...(withSite
        ? [{ key: 'site', label: 'Site', kind: 'categorical' as const, levels: ['Clinic', 'Community', 'Online'] }]
        : []),
    ],
    participants: people,
  });

describe('OutcomeReportPage and TargetingPage', () => {
  it('shows scores by arm, the models, the forest plot, dose–response and missing data, each downloadable', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/reports/outcomes`]: json(report(false)) });
    renderInProgram(<OutcomeReportPage />, { member: membership({ roles: ['coordinator'], can: ['outcomes:report'] }) });
    const byArm = await screen.findByRole('region', { name: 'Scores by arm table' });
    expect(within(byArm).getAllByRole('row', { name: /Peer coaching/ })).toHaveLength(2);
    const models = screen.getByRole('region', { name: 'Models table' });
    expect(within(models).getByRole('row', { name: /ANCOVA at 6 months/ }).textContent).toContain('Peer coaching vs Pain class');
    screen.getByRole('img', { name: /Moderators: interaction estimates/ });
    expect(
      within(screen.getByRole('region', { name: 'Dose–response table' }))
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['0–3', '4–7', '8–11', '12+']);
    screen.getByRole('region', { name: 'Missing data table' });
    for (const name of ['scores by arm', 'models', 'moderators', 'dose–response', 'missing data'])
      screen.getByRole('button', { name: `Download ${name} (CSV)` });
  });

  it('a characteristic with three groups: a row per group in the moderators, and the difference within each group', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/reports/outcomes`]: json(report(false, true)) });
    renderInProgram(<OutcomeReportPage />, { member: membership({ roles: ['coordinator'], can: ['outcomes:report'] }) });
    const moderators = await screen.findByRole('region', { name: 'Moderators table' });
    expect(
      within(moderators)
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['Age', 'Gender', 'Site: Community', 'Site: Online']);
    const groups = screen.getByRole('region', { name: 'Site: difference between arms in each group' });
    expect(
      within(groups)
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['Clinic', 'Community', 'Online']);
    screen.getByText(/Compared with Clinic\. Whether the difference changes across the 3 groups, tested together/);
    screen.getByRole('button', { name: 'Download Site by group (CSV)' });
  });

  it('masked: no dose–response, and says why', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/reports/outcomes`]: json(report(true)) });
    renderInProgram(<OutcomeReportPage />, { member: membership({ roles: ['evaluator'], can: ['outcomes:report'] }) });
    await screen.findByRole('region', { name: 'Scores by arm table' });
    expect(screen.queryByRole('region', { name: 'Dose–response table' })).toBeNull();
    screen.getByText(/shown once the study is unblinded/);
  });

  it('Whom to target: the warning first, then a sentence per characteristic with its interval', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/reports/outcomes`]: json(report(false)) });
    renderInProgram(<TargetingPage />, { member: membership({ roles: ['coordinator'], can: ['outcomes:report'] }) });
    await screen.findByText(/Subgroup findings are exploratory/);
    const words = screen.getByRole('region', { name: 'In plain words' });
    expect(words.textContent).toMatch(/Among participants who are women \(compared with those who are men\)/);
    expect(words.textContent).toContain('95% CI');
    expect(words.textContent).toContain('Holm-adjusted');
    screen.getByRole('button', { name: 'Download whom to target (CSV)' });
  });
});
