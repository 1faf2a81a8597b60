// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { InterviewSamplingPage } from './SamplingPage';

const STUDY = '22222222-2222-4222-8222-222222222222';
const studies = `/programs/${PROGRAM_ID}/interview-studies`;
const summary = {
  id: STUDY,
  title: 'Why coaching helped, or not',
  aims: 'Learn what kept pairs in touch.',
  audiences: ['participants'],
  targetCount: 12,
  keepsOriginals: false,
  createdAt: '2026-11-01T12:00:00.000Z',
};
const open = (can: string[] = ['interview:view', 'interview:team']) =>
  renderInProgram(<InterviewSamplingPage />, {
    member: membership({ roles: ['coordinator'], can: can as never }),
    route: `/interviews/${STUDY}/sampling`,
    path: '/interviews/:studyId/sampling',
  });

describe('the sampling page for someone who does not lead the study (ADR 0052)', () => {
  it('tells a coordinator off the team why there is nothing to see, and where the team is', async () => {
    mockApi({
      [`GET ${studies}`]: json([{ ...summary, myRole: null }]),
      [`GET ${studies}/${STUDY}`]: json({ error: 'not_found', message: 'Not found', requestId: 'r' }, 404),
    });
    open();
    expect(
      await screen.findByText(/You are not on the team of “Why coaching helped, or not”, so you cannot see whom it proposes/),
    ).toBeTruthy();
    expect(screen.getByText(/You can add yourself or someone else to the team\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See the study team' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tells a coder on the team that drawing and inviting are the lead’s', async () => {
    mockApi({
      [`GET ${studies}`]: json([{ ...summary, myRole: 'coder' }]),
      [`GET ${studies}/${STUDY}`]: json({
        ...summary,
        myRole: 'coder',
        guides: [],
        codes: [],
        transcripts: [],
        can: { manage: false, code: true, export: true, team: true },
      }),
      [`GET ${studies}/${STUDY}/samples`]: json([]),
    });
    open();
    expect(await screen.findByText(/Only the study’s lead draws samples and invites people\./)).toBeTruthy();
    expect(await screen.findByText('No sample drawn yet.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Draw the sample' })).toBeNull();
  });
});
