// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
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
    // Printed alone, for signing on paper: the page is marked while the print dialog is open.
    let markedWhilePrinting = false;
    const print = vi.fn(() => {
      markedWhilePrinting = document.body.classList.contains('print-consent');
    });
    vi.stubGlobal('print', print);
    await user.click(screen.getByRole('button', { name: 'Print the consent' }));
    expect(print).toHaveBeenCalledOnce();
    expect(markedWhilePrinting).toBe(true);
    window.dispatchEvent(new Event('afterprint'));
    expect(document.body.classList.contains('print-consent')).toBe(false);

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

describe('amending a locked study', () => {
  it('needs a reason, keeps the keys of unchanged checklist lines, and lists the amendment', async () => {
    let saved = false;
    const locked: StudyView = { ...study, isLocked: true, lockedAt: '2026-12-03T15:00:00.000Z', randomized: 1 };
    const amended: StudyView = {
      ...locked,
      version: 2,
      amendments: [
        { version: 2, reason: 'Ethics board asked for an age limit', at: '2026-12-05T15:00:00.000Z', byName: 'Casey' },
      ],
    };
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/study`]: () => json(saved ? amended : locked),
      [`PUT /programs/${PROGRAM_ID}/study`]: () => {
        saved = true;
        return json(amended);
      },
    });
    renderInProgram(<StudyPage />, { member: membership({ can: ['study:design'] }) });
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByText('No amendments yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Amend the title or who can take part' }));
    const who = screen.getByRole('textbox', { name: /Who can take part/ }) as HTMLTextAreaElement;
    expect(who.value).toBe('Pain most days');
    await user.type(who, '{enter}Aged 18 or over');
    await user.click(screen.getByRole('button', { name: 'Save the amendment' }));
    expect(await screen.findByText('Say in a few words why the study is amended')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    await user.type(screen.getByRole('textbox', { name: /Why the study is amended/ }), 'Ethics board asked for an age limit');
    await user.click(screen.getByRole('button', { name: 'Save the amendment' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const body = calls.find((c) => c.method === 'PUT')!.body as { design: StudyView['design']; reason: string };
    expect(body.reason).toBe('Ethics board asked for an age limit');
    expect(body.design!.criteria).toEqual([
      { key: 'in_1', text: 'Pain most days', kind: 'inclusion' },
      { key: 'in_2', text: 'Aged 18 or over', kind: 'inclusion' },
    ]);
    expect(body.design!.arms).toEqual(study.design!.arms);
    expect(await screen.findByText(/^Version 2, .+ by Casey: Ethics board asked for an age limit$/)).toBeTruthy();
  }, 30_000);
});

describe('recording delivery by hand', () => {
  it('records "did not receive" only with a reason, for a randomized participant', async () => {
    const allocated: ParticipantStudyView = {
      ...eligible,
      consent: { documentVersion: 1, method: 'attested', typedName: null, signedOn: '2026-12-02' },
      gate: { missing: [], words: [] },
      allocation: {
        arm: 'arm_1',
        armLabel: 'Peer coaching',
        sequenceNumber: 1,
        stratum: 'all',
        method: 'blocks',
        allocatedAt: '2026-12-03T15:00:00.000Z',
        allocatedByName: 'Casey',
      },
    };
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/study`]: json({ ...study, isLocked: true, randomized: 1 }),
      [`GET /programs/${PROGRAM_ID}/participants`]: json([{ id: P1, givenName: 'Alex', familyName: 'Rivera' }]),
      [`GET /programs/${PROGRAM_ID}/study/participants/${P1}`]: json(allocated),
      [`POST /programs/${PROGRAM_ID}/study/deliveries`]: json({
        ...allocated,
        delivery: { state: 'not_received', reason: 'Moved away before the first call' },
      }),
    });
    renderInProgram(<StudyPage />, { member: membership({ can: ['study:enrol'] }) });
    const user = userEvent.setup({ delay: null });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Participant' }), P1);
    expect((await screen.findByText(/^Not recorded by hand\./)).getAttribute('role')).toBe('status');
    await user.click(screen.getByRole('radio', { name: 'No, did not receive it' }));
    await user.click(screen.getByRole('button', { name: 'Record the delivery' }));
    expect(await screen.findByText('Say why, in a few words')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.type(screen.getByRole('textbox', { name: /Why not/ }), 'Moved away before the first call');
    await user.click(screen.getByRole('button', { name: 'Record the delivery' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      participantId: P1,
      received: false,
      reason: 'Moved away before the first call',
    });
  }, 30_000);
});
