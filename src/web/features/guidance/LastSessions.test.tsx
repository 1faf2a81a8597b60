// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { LastSessionsSection } from './LastSessions';

const PARTICIPANT = '00000000-0000-4000-8000-000000000101';

describe('"Last sessions" on the participant\'s record', () => {
  it('shows the pain and mood check and the topics of each guided session, a skipped item as such', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/participants/${PARTICIPANT}/guides`]: json([
        {
          guideId: '00000000-0000-4000-8000-000000000001',
          at: '2026-03-04T15:00:00.000Z',
          on: '2026-03-04',
          pain: 5,
          mood: null,
          topics: ['Activity pacing'],
        },
        {
          guideId: '00000000-0000-4000-8000-000000000002',
          at: '2026-03-02T15:00:00.000Z',
          on: '2026-03-02',
          pain: 7,
          mood: 3,
          topics: [],
        },
      ]),
    });
    renderInProgram(<LastSessionsSection participantId={PARTICIPANT} givenName="Pat" />, {
      member: membership({ can: ['guide:run'] }),
    });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['5 of 10', 'Skipped', 'Activity pacing'],
      ['7 of 10', '3 of 10', 'None recorded'],
    ]);
  });

  it('says when there is no guided session yet', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/participants/${PARTICIPANT}/guides`]: json([]) });
    renderInProgram(<LastSessionsSection participantId={PARTICIPANT} givenName="Pat" />, {
      member: membership({ can: ['guide:run'] }),
    });
    expect(await screen.findByText(/No guided session with Pat yet/)).toBeTruthy();
  });
});
