// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ParticipantStudyView, StudyView } from '../../../core/trials';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { StudyPage } from './StudyPage';

const P1 = '22222222-2222-4222-8222-222222222222';
const study: StudyView = {
  design: {
    design: 'parallel',
    title: 'Coaching or a class',
    arms: [
      { key: 'arm_1', label: 'Peer coaching', kind: 'coaching', ratio: 1 },
      { key: 'arm_2', label: 'Pain class', kind: 'usual_care', ratio: 1 },
    ],
    primaryTimepoint: 'month_6',
    strata: [],
    criteria: [{ key: 'in_1', text: 'Pain most days', kind: 'inclusion' }],
    gate: { eligible: true, consented: true, baselineComplete: false },
    method: { kind: 'blocks', blockMultipliers: [1, 2, 3] },
  },
  version: 1,
  isLocked: false,
  lockedAt: null,
  isUnblinded: false,
  unblindedAt: null,
  unblindReason: null,
  randomized: 0,
  amendments: [],
  table: null,
  consentDocuments: [
    {
      version: 1,
      title: 'Agreeing to take part',
      body: 'You may **stop at any time**.\n\n- Your answers are private\n- Calls are by phone',
      createdAt: '2026-12-01T15:00:00.000Z',
    },
  ],
};
const eligible: ParticipantStudyView = {
  participantId: P1,
  screening: { outcome: 'eligible', reason: '', answers: { in_1: true }, screenedAt: '2026-12-02T15:00:00.000Z' },
  consent: null,
  withdrawals: [],
  gate: { missing: ['consented'], words: ['consent signed or attested'] },
  allocation: null,
  delivery: { state: 'pending', reason: '' },
};

describe('the consent document on the Study page', () => {
  it('shows the version, renders its Markdown for the participant, and saves a new version', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/study`]: json(study),
      [`GET /programs/${PROGRAM_ID}/participants`]: json([{ id: P1, givenName: 'Alex', familyName: 'Rivera' }]),
      [`GET /programs/${PROGRAM_ID}/study/participants/${P1}`]: json(eligible),
      [`POST /programs/${PROGRAM_ID}/study/consent-documents`]: json({ version: 2 }, 201),
    });
    renderInProgram(<StudyPage />, { member: membership({ can: ['study:design', 'study:randomize'] }) });
    const user = userEvent.setup({ delay: null });
    expect((await screen.findByText(/^Version 1: Agreeing to take part\. Saved on /)).getAttribute('role')).toBe('status');

    // The participant reads the document rendered: bold text and a list, not asterisks and dashes.
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Participant' }), P1);
    const doc = (await screen.findByText('stop at any time')).closest('.consent-document') as HTMLElement;
    expect(doc.querySelector('strong')?.textContent).toBe('stop at any time');
    expect(
      within(doc)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Your answers are private', 'Calls are by phone']);
    expect(doc.textContent).not.toContain('**');

    await user.click(screen.getByRole('button', { name: 'Write a new version' }));
    const text = screen.getByRole('textbox', { name: /Consent text/ }) as HTMLTextAreaElement;
    expect(text.value).toBe(study.consentDocuments[0]!.body);
    await user.type(text, '\n- Your coach is a volunteer');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      title: 'Agreeing to take part',
      body: `${study.consentDocuments[0]!.body}\n- Your coach is a volunteer`,
    });
  }, 30_000);
});
