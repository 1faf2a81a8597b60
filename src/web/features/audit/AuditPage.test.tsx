// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { AuditPage } from './AuditPage';

const COACH = '00000000-0000-4000-8000-000000000201';
const PARTICIPANT = '00000000-0000-4000-8000-000000000101';
const event = {
  id: 41,
  at: '2026-12-07T14:05:00.000Z',
  actorId: COACH,
  actorName: 'Carl Coach',
  action: 'participant:read',
  entityType: 'participant',
  entityId: PARTICIPANT,
  recordLabel: 'P-0042',
  programId: PROGRAM_ID,
  ip: '127.0.0.1',
  requestId: 'b7f0c1d2-aaaa',
};

function setUp() {
  return mockApi({
    [`GET /programs/${PROGRAM_ID}/audit`]: json([event]),
    [`GET /programs/${PROGRAM_ID}/audit/choices`]: json({
      people: [{ id: COACH, name: 'Carl Coach' }],
      kinds: ['participant', 'coach_wellbeing'],
    }),
  });
}

describe('AuditPage', () => {
  it('names the record by its code and the action in words', async () => {
    setUp();
    renderInProgram(<AuditPage />, { route: `/programs/${PROGRAM_ID}/audit` });
    const row = (await screen.findByRole('rowheader', { name: 'Viewed participant' })).closest('tr')!;
    expect(within(row).getByRole('link', { name: 'P-0042' })).toBeTruthy();
    expect(row.textContent).not.toContain(PARTICIPANT.slice(0, 8));
    expect(screen.getByRole('link', { name: 'Download the trail as a spreadsheet (CSV)' }).getAttribute('href')).toBe(
      `/api/v1/programs/${PROGRAM_ID}/audit/export.csv`,
    );
  });

  it('asks the server for the events chosen, and downloads the same ones', async () => {
    const calls = setUp();
    renderInProgram(<AuditPage />, { route: `/programs/${PROGRAM_ID}/audit` });
    const user = userEvent.setup();
    await screen.findByRole('option', { name: 'Carl Coach' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Who' }), 'Carl Coach');
    await user.selectOptions(screen.getByRole('combobox', { name: 'What happened' }), 'Viewed');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind of record' }), 'Coach wellbeing');
    await user.type(screen.getByLabelText('From'), '2026-12-01');
    await user.type(screen.getByLabelText('To'), '2026-12-07');
    await user.click(screen.getByRole('button', { name: 'Show events' }));

    const wanted = `actorId=${COACH}&verb=read&entityType=coach_wellbeing&from=2026-12-01&to=2026-12-07`;
    await screen.findByRole('link', { name: 'Download these events as a spreadsheet (CSV)' });
    expect(calls.some((c) => c.url === `/api/v1/programs/${PROGRAM_ID}/audit?limit=50&${wanted}`)).toBe(true);
    expect(screen.getByRole('link', { name: 'Download these events as a spreadsheet (CSV)' }).getAttribute('href')).toBe(
      `/api/v1/programs/${PROGRAM_ID}/audit/export.csv?${wanted}`,
    );
    expect(screen.getByRole('link', { name: 'Show every event' })).toBeTruthy();
  });

  it('refuses a last day before the first in words, and asks nothing', async () => {
    const calls = setUp();
    renderInProgram(<AuditPage />, { route: `/programs/${PROGRAM_ID}/audit` });
    const user = userEvent.setup();
    await screen.findByRole('rowheader', { name: 'Viewed participant' });
    const asked = calls.length;
    await user.type(screen.getByLabelText('From'), '2026-12-07');
    await user.type(screen.getByLabelText('To'), '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Show events' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('To: Choose a last day on or after');
    expect(alert.textContent).not.toMatch(/2026-12-07/);
    expect(document.activeElement).toBe(alert);
    expect(calls.length).toBe(asked);
  });
});
