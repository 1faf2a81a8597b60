// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CoachView } from '../../../core/coaches';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { PairWithCoachForm } from './PairWithCoachForm';

const PARTICIPANT = '22222222-2222-4222-8222-222222222222';
const staff = membership({ can: ['pairing:create', 'coach:list', 'coach:view'] });

function coach(id: string, overrides: Partial<CoachView>): CoachView {
  return {
    id,
    givenName: 'Coach',
    familyName: id,
    gender: 'woman',
    painLocations: [],
    modalities: ['phone'],
    phone: null,
    email: null,
    status: 'active',
    caseload: 2,
    activePairings: 0,
    hasAccount: true,
    recentReached: 0,
    isTrained: true,
    birthYear: null,
    town: null,
    languages: [],
    ...overrides,
  };
}

const coaches = [
  coach('c-full', { givenName: 'Fran', familyName: 'Full', caseload: 1, activePairings: 1 }),
  coach('c-paused', { givenName: 'Pat', familyName: 'Paused', status: 'paused' }),
  coach('c-untrained', { givenName: 'Tess', familyName: 'Trainee', isTrained: false }),
  coach('c-man', { givenName: 'Mo', familyName: 'Man', gender: 'man', painLocations: ['knee', 'low_back'] }),
  coach('c-woman', { givenName: 'Wren', familyName: 'Woman', painLocations: ['knee'] }),
];

const participant = {
  id: PARTICIPANT,
  givenName: 'Dana',
  status: 'enrolled' as const,
  gender: 'woman' as const,
  genderMatters: true,
  canShareContact: true,
  painLocations: ['knee' as const, 'low_back' as const],
  coach: null,
};

describe('PairWithCoachForm', () => {
  it('offers active, trained coaches with open places, same gender first, with shared pain locations', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/coaches`]: json(coaches) });
    renderInProgram(<PairWithCoachForm participant={participant} />, { member: staff });
    const group = await screen.findByRole('radiogroup', { name: 'Choose a coach' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent)).toEqual(['Wren Woman', 'Mo Man']);
    const hint = document.getElementById(radios[0]!.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toContain('shared pain: Knee ·');
  });

  it('asks for a reason when the server says the genders differ, and sends it on the next try', async () => {
    let attempt = 0;
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/coaches`]: json(coaches),
      [`POST /programs/${PROGRAM_ID}/pairings`]: () =>
        ++attempt === 1
          ? json(
              {
                error: 'invalid_state',
                reason: 'gender_mismatch_needs_reason',
                message: 'The coach and participant differ in gender: record a reason to pair them anyway',
                requestId: 'r1',
              },
              422,
            )
          : json({ id: 'pairing-1' }, 201),
    });
    const user = userEvent.setup();
    // The participant said gender does not matter, so only the server's answer brings up the field.
    renderInProgram(<PairWithCoachForm participant={{ ...participant, genderMatters: false }} />, { member: staff });
    await user.click(await screen.findByRole('radio', { name: 'Mo Man' }));
    expect(screen.queryByRole('textbox', { name: 'Reason for pairing across genders' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Pair with coach' }));

    expect((await screen.findByRole('alert')).textContent).toContain('record a reason');
    const reason = await screen.findByRole('textbox', { name: 'Reason for pairing across genders' });
    await user.click(reason);
    await user.paste('She asked for this coach after meeting him at the group');
    await user.click(screen.getByRole('button', { name: 'Pair with coach' }));

    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts[0]!.body).toEqual({ participantId: PARTICIPANT, coachId: 'c-man', genderMismatchReason: null });
    expect(posts[1]!.body).toEqual({
      participantId: PARTICIPANT,
      coachId: 'c-man',
      genderMismatchReason: 'She asked for this coach after meeting him at the group',
    });
  });

  it('asks for the reason up front when a coach of another gender is chosen and gender matters', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/coaches`]: json(coaches) });
    const user = userEvent.setup();
    renderInProgram(<PairWithCoachForm participant={participant} />, { member: staff });
    await user.click(await screen.findByRole('radio', { name: 'Mo Man' }));
    expect(screen.getByRole('textbox', { name: 'Reason for pairing across genders' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Wren Woman' }));
    expect(screen.queryByRole('textbox', { name: 'Reason for pairing across genders' })).toBeNull();
  });

  it('lets staff enter a pairing that began on an earlier day, with a reason, and shows the server refusing an overlap', async () => {
    let attempt = 0;
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/coaches`]: json(coaches),
      [`POST /programs/${PROGRAM_ID}/pairings`]: () =>
        ++attempt === 1
          ? json(
              {
                error: 'invalid_state',
                reason: 'pairing_overlaps',
                message: 'This start is before the end of an earlier pairing',
                requestId: 'r1',
              },
              422,
            )
          : json({ id: 'pairing-1' }, 201),
    });
    const user = userEvent.setup();
    renderInProgram(<PairWithCoachForm participant={participant} />, {
      member: membership({ can: ['pairing:create', 'coach:list', 'coach:view', 'record:late_entry'] }),
    });
    await user.click(await screen.findByRole('radio', { name: 'Wren Woman' }));
    await user.click(screen.getByRole('checkbox', { name: /began on an earlier day/ }));
    await user.click(screen.getByRole('button', { name: 'Pair with coach' }));
    expect(await screen.findByText('Enter the day the pairing began')).toBeTruthy();
    expect(screen.getByText(/Say in a few words why it is entered late/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('The day it began'), '2026-11-02');
    await user.type(screen.getByRole('textbox', { name: /Why it is entered late/ }), 'Paired at the clinic on paper');
    await user.click(screen.getByRole('button', { name: 'Pair with coach' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This start is before the end of an earlier pairing');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      participantId: PARTICIPANT,
      coachId: 'c-woman',
      genderMismatchReason: null,
      startedAt: '2026-11-02T05:00:00.000Z', // midnight where the program is (Eastern time, issue #16)
      enteredLate: { reason: 'Paired at the clinic on paper' },
    });
  });

  it('offers no earlier start to someone who may not enter records late', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/coaches`]: json(coaches) });
    renderInProgram(<PairWithCoachForm participant={participant} />, { member: staff });
    await screen.findByRole('radio', { name: 'Wren Woman' });
    expect(screen.queryByRole('checkbox', { name: /began on an earlier day/ })).toBeNull();
  });
  it('clears the server’s refusal of a field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/coaches`]: json(coaches),
      [`POST /programs/${PROGRAM_ID}/pairings`]: json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'genderMismatchReason', message: 'Write a little more about why.' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderInProgram(<PairWithCoachForm participant={participant} />, { member: staff });
    await user.click(await screen.findByRole('radio', { name: 'Mo Man' }));
    const reason = screen.getByRole('textbox', { name: 'Reason for pairing across genders' });
    await user.type(reason, 'Her choice');
    await user.click(screen.getByRole('button', { name: 'Pair with coach' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Reason: Write a little more about why.');
    expect(reason.getAttribute('aria-invalid')).toBe('true');

    await user.click(reason);
    await user.type(reason, ', after meeting him at the group');
    expect(reason.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Write a little more about why.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(reason);
  });
});
