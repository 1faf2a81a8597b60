// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { InterviewStudyReportPage } from './StudyReportPage';

const STUDY = '22222222-2222-4222-8222-222222222222';
const T1 = '33333333-3333-4333-8333-333333333333';
const CODE = '44444444-4444-4444-8444-444444444444';
const OLD = '55555555-5555-4555-8555-555555555555';
const NEW = '66666666-6666-4666-8666-666666666666';
const base = `/programs/${PROGRAM_ID}/interview-studies/${STUDY}`;
const study = {
  id: STUDY,
  title: 'Why coaching helped, or not',
  aims: 'Learn what kept pairs in touch.',
  audiences: ['participants'],
  targetCount: 12,
  keepsOriginals: false,
  createdAt: '2026-11-01T12:00:00.000Z',
  guides: [],
  codes: [{ id: CODE, name: 'Physical activity', parentId: null }],
  transcripts: [{ id: T1, label: 'Interview 1' }],
  can: { manage: true, code: true, export: true },
};
const sample = (id: string, seed: number) => ({
  id,
  drawnAt: '2026-12-01T15:00:00.000Z',
  drawnBy: 'Casey Coordinator',
  dimensions: ['gender'],
  seed,
  cells: [{ key: 'female', values: ['female'], target: 2, available: 5, proposed: 2, shortfall: 0 }],
  excluded: [],
  members: [
    { id: '1', code: 'P-1', name: 'Ann', values: ['female'], state: 'invited', declineReason: null },
    { id: '2', code: 'P-2', name: 'Bea', values: ['female'], state: 'declined', declineReason: 'No time this month' },
    ...(seed === 7
      ? [
          {
            id: '3',
            code: 'P-3',
            name: 'Cleo',
            values: ['female'],
            state: 'scheduled',
            declineReason: null,
            consent: { version: 1, method: 'signed', recording: true, at: '2026-12-02T15:00:00.000Z' },
          },
        ]
      : []),
  ],
  declineReasons: [{ reason: 'No time this month', count: 1 }],
  can: { sample: true },
});

describe('the printable study report (issue #13)', () => {
  it('shows the latest draw’s table, who was invited and why people declined, and each theme with its quotes', async () => {
    mockApi({
      [`GET ${base}`]: json(study),
      [`GET ${base}/samples`]: json([
        { id: NEW, drawnAt: '2026-12-01T15:00:00.000Z', target: 2, proposed: 2 },
        { id: OLD, drawnAt: '2026-11-20T15:00:00.000Z', target: 2, proposed: 2 },
      ]),
      [`GET ${base}/samples/${NEW}`]: json(sample(NEW, 7)),
      [`GET ${base}/samples/${OLD}`]: json(sample(OLD, 3)),
      [`GET ${base}/themes`]: json([
        {
          id: '77777777-7777-4777-8777-777777777777',
          name: 'Staying active',
          summary: 'Walking gave people something to report.',
          codeIds: [CODE],
          exemplars: [
            { codingId: '88888888-8888-4888-8888-888888888888', transcriptId: T1, text: 'I started walking every morning' },
          ],
        },
      ]),
    });
    renderInProgram(<InterviewStudyReportPage />, {
      member: membership({ roles: ['coordinator'] }),
      route: `/interviews/${STUDY}/report`,
      path: '/interviews/:studyId/report',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Study report' })).toBeTruthy();
    expect(await screen.findByText(/draw number 7 \(the latest of 2 draws\)/)).toBeTruthy();
    expect(screen.getByRole('table', { name: /Groups: target/ })).toBeTruthy();
    expect(
      screen.getByText(
        '3 proposed: 1 invited, 1 agreed (1 also to audio recording; 1 with an interview booked), 1 declined, 0 not asked yet.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('No time this month: 1')).toBeTruthy();
    const theme = screen.getByRole('article', { name: 'Theme: Staying active' });
    expect(within(theme).getByText('Codes: Physical activity.')).toBeTruthy();
    expect(within(theme).getByText('“I started walking every morning”')).toBeTruthy();
    expect(within(theme).getByText('Interview 1')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print the report' })).toBeTruthy();
  });

  it('says so when nothing has been drawn or themed yet', async () => {
    mockApi({ [`GET ${base}`]: json(study), [`GET ${base}/samples`]: json([]), [`GET ${base}/themes`]: json([]) });
    renderInProgram(<InterviewStudyReportPage />, { route: `/interviews/${STUDY}/report`, path: '/interviews/:studyId/report' });
    expect(await screen.findByText('No sample has been drawn for this study.')).toBeTruthy();
    expect(await screen.findByText('No themes yet.')).toBeTruthy();
  });
});
