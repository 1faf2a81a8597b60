import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { engagementReport } from '../../../core/engagement';
import { fidelityReport, type FidelityFacts } from '../../../core/fidelity';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { FidelityReportPage } from './FidelityReportPage';

const DAY = 86_400_000;
const START = new Date('2026-01-01T12:00:00.000Z');
const after = (d: number) => new Date(START.getTime() + d * DAY);
const all = { discussedStrategies: true, gaveEncouragement: true, discussedAdjusting: true, discussedGoals: false };
const facts: FidelityFacts[] = [
  {
    participantId: 'a',
    code: 'P-0001',
    status: 'completed',
    firstPairedAt: START,
    endedOn: '2026-03-01',
    endedAt: after(59.5),
    coachId: 'x',
    contacts: [
      { coachId: 'x', occurredAt: after(5), elements: all },
      { coachId: 'x', occurredAt: after(30), elements: all },
    ],
    delivery: {
      'delivery-strategies': 1,
      'delivery-encouragement': 1,
      'delivery-adjusting': 0,
      'delivery-goals': 1,
      'delivery-frequency': 2,
    },
  },
];
const codes = new Map([['x', 'C-0001']]);
const rules = { programId: PROGRAM_ID, lengthDays: 182, targetContacts: 12 };
const now = after(100);

describe('FidelityReportPage', () => {
  it('sets logged and reported fidelity side by side with kappa, coaches by code and participants by code', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/reports/fidelity`]: json(fidelityReport(facts, codes, rules, now)),
      [`GET /programs/${PROGRAM_ID}/reports/engagement`]: json(
        engagementReport(
          facts.map((f) => ({ ...f, reachedAt: f.contacts.map((c) => c.occurredAt) })),
          codes,
          rules,
          now,
        ),
      ),
    });
    renderInProgram(<FidelityReportPage />, { member: membership({ roles: ['evaluator'], can: ['fidelity:report'] }) });
    const elements = await screen.findByRole('region', { name: 'Essential elements table' });
    const goals = within(elements).getByRole('row', { name: /Set or reviewed a goal/ });
    // Logged 0 of 2 contacts; reported yes; ECLIPSE 34%.
    expect(goals.textContent).toContain('0%');
    expect(goals.textContent).toContain('100%');
    expect(goals.textContent).toContain('34%');
    const coaches = screen.getByRole('region', { name: 'Coaches table' });
    // Logged: 3 of 4 elements per contact = 75% → high; reported 3 of 4 → high.
    expect(within(coaches).getByRole('row', { name: /C-0001/ }).textContent).toBe('C-0001275%Yes175%Yes');
    const people = screen.getByRole('region', { name: 'Participants table' });
    const row = within(people).getByRole('row', { name: /P-0001/ });
    expect(row.textContent).toContain('Completed');
    expect(row.textContent).not.toContain('2026-');
    expect(screen.queryByText(/Carl|Pat/)).toBeNull();
  });

  it('downloads a table as CSV', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/reports/fidelity`]: json(fidelityReport(facts, codes, rules, now)),
      [`GET /programs/${PROGRAM_ID}/reports/engagement`]: json(
        engagementReport(
          facts.map((f) => ({ ...f, reachedAt: f.contacts.map((c) => c.occurredAt) })),
          codes,
          rules,
          now,
        ),
      ),
    });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    renderInProgram(<FidelityReportPage />, { member: membership({ can: ['fidelity:report'] }) });
    await userEvent.click(await screen.findByRole('button', { name: 'Download coaches (CSV)' }));
    expect(blobs).toHaveLength(1);
    expect(await blobs[0]!.text()).toBe(
      'coach_code,logged_contacts,logged_fidelity,logged_high,reported_responses,reported_fidelity,reported_high\r\n' +
        'C-0001,2,0.75,true,1,0.75,true\r\n',
    );
  });
});
