// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ConsensusView } from '../../../core/interviews';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { InterviewAgreementPage } from './TranscriptPages';

const STUDY = '22222222-2222-4222-8222-222222222222';
const TRANSCRIPT = '33333333-3333-4333-8333-333333333333';
const HOPE = '44444444-4444-4444-8444-444444444444';
const ANA = '55555555-5555-4555-8555-555555555555';
const BEN = '66666666-6666-4666-8666-666666666666';
const text = 'Carl called me every week. It gave me hope.';
const path = `/programs/${PROGRAM_ID}/interview-studies/${STUDY}/transcripts/${TRANSCRIPT}`;

const agreement = {
  transcriptId: TRANSCRIPT,
  unit: 'character',
  characters: text.length,
  turns: 3,
  first: { id: ANA, name: 'Ana' },
  second: { id: BEN, name: 'Ben' },
  codes: [
    {
      codeId: HOPE,
      name: 'Hope',
      bothCoded: 16,
      firstOnly: 11,
      secondOnly: 16,
      neither: 0,
      percentAgreement: 0.37,
      kappa: 0,
      alpha: 0,
      byTurn: { bothCoded: 1, firstOnly: 1, secondOnly: 0, neither: 1, percentAgreement: 2 / 3, kappa: 0.4, alpha: 0.45 },
      disagreements: [
        { start: 0, end: 11, codedBy: 'first', text: text.slice(0, 11) },
        { start: 27, end: 43, codedBy: 'second', text: text.slice(27, 43) },
      ],
    },
  ],
};

describe('Coders’ agreement: the consensus version (issue #13)', () => {
  it('starts a consensus version from the two coders and decides each difference, saying how far it has come', async () => {
    let consensus: ConsensusView | null = null;
    const consensusOf = (decisions: ConsensusView['decisions'], spans: [number, number][]): ConsensusView => ({
      transcriptId: TRANSCRIPT,
      first: { id: ANA, name: 'Ana' },
      second: { id: BEN, name: 'Ben' },
      startedBy: 'Ana',
      startedAt: '2026-12-07T15:00:00.000Z',
      codes: [{ codeId: HOPE, name: 'Hope', spans: spans.map(([start, end]) => ({ start, end, text: text.slice(start, end) })) }],
      decisions,
    });
    const calls = mockApi({
      [`GET ${path}`]: json({ id: TRANSCRIPT, label: 'Interview 1', coders: [agreement.first, agreement.second] }),
      [`GET ${path}/agreement`]: json(agreement),
      [`GET ${path}/consensus`]: () => json({ consensus }),
      [`POST ${path}/consensus`]: () => json((consensus = consensusOf([], [[11, 27]])), 201),
      [`PUT ${path}/consensus/decisions`]: () =>
        json((consensus = consensusOf([{ codeId: HOPE, start: 0, end: 11, keep: true }], [[0, 27]]))),
    });
    renderInProgram(<InterviewAgreementPage />, {
      member: membership({ roles: ['evaluator'] }),
      route: `/interviews/${STUDY}/transcripts/${TRANSCRIPT}/agreement`,
      path: '/interviews/:studyId/transcripts/:transcriptId/agreement',
    });
    const user = userEvent.setup();

    // Before anyone starts it, no difference can be decided.
    const startButton = await screen.findByRole('button', { name: 'Start the consensus version' });
    expect(screen.queryAllByRole('button', { name: 'Keep' })).toHaveLength(0);
    await user.click(startButton);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ first: ANA, second: BEN });

    expect(await screen.findByText(/0 of 2 differences decided\. Started by Ana/)).toBeTruthy();
    const differences = screen.getByRole('region', { name: 'Differences on Hope' });
    expect(within(differences).getAllByText('Not decided yet.')).toHaveLength(2);
    await user.click(within(differences).getAllByRole('button', { name: 'Keep' })[0]!);
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ codeId: HOPE, start: 0, end: 11, keep: true });

    expect(await screen.findByText(/1 of 2 differences decided/)).toBeTruthy();
    expect(within(differences).getByText('Kept in the consensus.')).toBeTruthy();
    expect(within(differences).getAllByRole('button', { name: 'Keep' })[0]!.getAttribute('aria-pressed')).toBe('true');
    // The consensus holds the kept stretch with what both coded.
    const held = screen.getByRole('region', { name: 'Consensus on Hope' });
    expect(held.textContent).toContain(`“${text.slice(0, 27)}”`);
  });

  it('shows each code’s agreement by character and again by speaker turn, each table in its unit', async () => {
    mockApi({
      [`GET ${path}`]: json({ id: TRANSCRIPT, label: 'Interview 1', coders: [agreement.first, agreement.second] }),
      [`GET ${path}/agreement`]: json(agreement),
      [`GET ${path}/consensus`]: json({ consensus: null }),
    });
    renderInProgram(<InterviewAgreementPage />, {
      member: membership({ roles: ['evaluator'] }),
      route: `/interviews/${STUDY}/transcripts/${TRANSCRIPT}/agreement`,
      path: '/interviews/:studyId/transcripts/:transcriptId/agreement',
    });
    const byTurn = await screen.findByRole('region', { name: /by speaker turn table/ });
    expect(screen.getByText(/3 speaker turns compared/)).toBeTruthy();
    expect(
      within(byTurn)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toContain('Turns both coded');
    const row = within(byTurn).getByRole('rowheader', { name: 'Hope' }).closest('tr')!;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['66.7%', '0.40', '0.45', '1', '1', '0']);
    const byCharacter = screen.getByRole('region', { name: /^Agreement per code table/ });
    expect(
      within(byCharacter)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toContain('Characters both coded');
    // On a phone each table shows a card per code (issue #16): every cell says which column it is.
    for (const region of [byCharacter, byTurn]) {
      expect(region.className).toContain('table-scroll--cards');
      const cells = within(region).getByRole('rowheader', { name: 'Hope' }).closest('tr')!.querySelectorAll('td');
      expect([...cells].map((td) => td.getAttribute('data-label'))).toEqual([
        'Percent agreement',
        'Kappa',
        'Alpha',
        expect.stringMatching(/both coded$/),
        'Only Ana',
        'Only Ben',
      ]);
    }
  });
});
