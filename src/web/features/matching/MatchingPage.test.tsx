// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCHING_SETTINGS, type MatchingProposalView } from '../../../core/matching';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { MatchingPage } from './MatchingPage';

const staff = membership({ can: ['matching:propose', 'matching:approve', 'participant:view'] });
const PROPOSAL = `GET /programs/${PROGRAM_ID}/matching/proposal`;
const APPROVE = `POST /programs/${PROGRAM_ID}/matching/approve`;

const view: MatchingProposalView = {
  settings: DEFAULT_MATCHING_SETTINGS,
  waiting: 3,
  matched: 2,
  totalQuality: 4,
  maxPairQuality: 14,
  proposals: [
    {
      participantId: 'p-dana',
      participantName: 'Dana Doe',
      participantCode: 'P-0001',
      coachId: 'c-wren',
      coachName: 'Wren Woman',
      quality: 4,
      reasons: ['same gender', 'both have knee pain', 'both can meet by phone'],
      needsGenderReason: false,
      alternatives: [
        { coachId: 'c-mo', coachName: 'Mo Man', quality: 4, reasons: ['both have knee pain'], needsGenderReason: true },
        { coachId: 'c-fay', coachName: 'Fay Full', quality: 0, reasons: ['same gender'], needsGenderReason: false },
      ],
    },
    {
      participantId: 'p-eve',
      participantName: 'Eve Early',
      participantCode: 'P-0002',
      coachId: 'c-fay',
      coachName: 'Fay Full',
      quality: 0,
      reasons: ['same gender', 'both can meet by phone'],
      needsGenderReason: false,
      alternatives: [],
    },
  ],
  unmatched: [
    {
      participantId: 'p-vic',
      participantName: 'Vic Video',
      participantCode: 'P-0003',
      code: 'no_compatible_coach',
      reason: 'no coach in the program offers video calls',
    },
  ],
  coaches: [
    { id: 'c-fay', name: 'Fay Full', placesLeft: 1 },
    { id: 'c-mo', name: 'Mo Man', placesLeft: 1 },
    { id: 'c-wren', name: 'Wren Woman', placesLeft: 1 },
  ],
};

describe('MatchingPage', () => {
  it('shows each proposal with its reasons and who cannot be matched and why', async () => {
    mockApi({ [PROPOSAL]: json(view) });
    renderInProgram(<MatchingPage />, { member: staff });
    const table = await screen.findByRole('table', { name: 'Proposed pairs, longest waiting first' });
    const dana = within(table).getByRole('row', { name: /Dana Doe/ });
    expect(dana.textContent).toContain('same gender; both have knee pain; both can meet by phone');
    expect(dana.textContent).toContain('4 of 14');
    const unmatched = screen.getByRole('region', { name: 'Cannot be matched now' });
    expect(within(unmatched).getByRole('row', { name: /Vic Video/ }).textContent).toContain(
      'No coach fits the rules: no coach in the program offers video calls.',
    );
    expect(screen.getByText(/3 participants waiting · 2 pairs proposed · 1 cannot be matched now/)).toBeTruthy();
  });

  it('approves only the ticked pairs and says so', async () => {
    const calls = mockApi({ [PROPOSAL]: json(view), [APPROVE]: json({ pairings: [{ id: 'x' }] }, 201) });
    const user = userEvent.setup();
    renderInProgram(<MatchingPage />, { member: staff });
    await user.click(await screen.findByRole('checkbox', { name: 'Approve Eve Early' }));
    await user.click(screen.getByRole('button', { name: 'Approve 1 pair' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      pairs: [{ participantId: 'p-dana', coachId: 'c-wren', genderMismatchReason: null }],
    });
    expect((await screen.findByText(/Approved 1 pair\./)).closest('[role="status"]')).toBeTruthy();
  });

  it('asks for a reason when another coach across genders is chosen, and sends it', async () => {
    const calls = mockApi({ [PROPOSAL]: json(view), [APPROVE]: json({ pairings: [{ id: 'x' }, { id: 'y' }] }, 201) });
    const user = userEvent.setup();
    renderInProgram(<MatchingPage />, { member: staff });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Coach for Dana Doe' }), 'c-mo');
    const dana = screen.getByRole('row', { name: /Dana Doe/ });
    expect(dana.textContent).toContain('both have knee pain');
    await user.click(screen.getByRole('button', { name: 'Approve 2 pairs' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Dana Doe: Write why Dana Doe should be paired with Mo Man across genders');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(
      screen.getByRole('textbox', { name: 'Reason for pairing Dana Doe across genders' }),
      'She met him at the group',
    );
    await user.click(screen.getByRole('button', { name: 'Approve 2 pairs' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      pairs: [
        { participantId: 'p-dana', coachId: 'c-mo', genderMismatchReason: 'She met him at the group' },
        { participantId: 'p-eve', coachId: 'c-fay', genderMismatchReason: null },
      ],
    });
  });

  it('will not send a coach chosen for more participants than places left', async () => {
    const calls = mockApi({ [PROPOSAL]: json(view) });
    const user = userEvent.setup();
    renderInProgram(<MatchingPage />, { member: staff });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Coach for Dana Doe' }), 'c-fay');
    await user.click(screen.getByRole('button', { name: 'Approve 2 pairs' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Fay Full has 1 place left but is chosen for 2 participants',
    );
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('shows the server’s refusal, e.g. a coach who filled up meanwhile', async () => {
    mockApi({
      [PROPOSAL]: json(view),
      [APPROVE]: json(
        {
          error: 'conflict',
          reason: 'coach_at_capacity',
          message: 'Pair 2 of 2: The coach already has the caseload he or she chose',
          requestId: 'r1',
        },
        409,
      ),
    });
    const user = userEvent.setup();
    renderInProgram(<MatchingPage />, { member: staff });
    await user.click(await screen.findByRole('button', { name: 'Approve 2 pairs' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Pair 2 of 2: The coach already has the caseload');
  });
});
