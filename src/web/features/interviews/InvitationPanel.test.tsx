// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SampleView } from '../../../core/interviews';
import { json, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { InvitationActions } from './InvitationPanel';

const STUDY = '22222222-2222-4222-8222-222222222222';
const SAMPLE = '33333333-3333-4333-8333-333333333333';
const MEMBER = '44444444-4444-4444-8444-444444444444';
const member = {
  id: MEMBER,
  code: 'P-1',
  name: 'Ann',
  values: ['female'],
  state: 'scheduled',
  declineReason: null,
} as unknown as SampleView['members'][number];
const sample = { id: SAMPLE, members: [member] } as unknown as SampleView;

describe('cancelling a booked interview (ADR 0050)', () => {
  it('asks first, then cancels; keeping it sends nothing', async () => {
    const user = userEvent.setup();
    const path = `/programs/${PROGRAM_ID}/interview-studies/${STUDY}/samples/${SAMPLE}/members/${MEMBER}/cancel`;
    const calls = mockApi({ [`POST ${path}`]: json({ ...sample, members: [{ ...member, state: 'consented' }] }) });
    renderInProgram(<InvitationActions studyId={STUDY} sample={sample} member={member} />);
    await user.click(screen.getByRole('button', { name: 'Cancel the interview: Ann' }));
    expect(screen.getByText(/Ann will get an e-mail saying so/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Cancel the interview: Ann' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel the interview' }));
    await screen.findByRole('button', { name: 'Move the interview: Ann' });
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([`/api/v1${path}`]);
  });

  it('offers no cancel when nothing is booked', () => {
    mockApi({});
    renderInProgram(<InvitationActions studyId={STUDY} sample={sample} member={{ ...member, state: 'consented' }} />);
    expect(screen.getByRole('button', { name: 'Schedule the interview: Ann' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Cancel the interview/ })).toBeNull();
  });
});
