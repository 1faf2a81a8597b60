// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JointDisplayView } from '../../../core/interviews';
import { JointDisplayTable } from './JointDisplayPage';
import { CellsTable } from './SamplingPage';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const display: JointDisplayView = {
  by: 'coachFidelity',
  groups: ['high', 'low'],
  unlinkedSegments: 1,
  rows: [
    {
      themeId: id(1),
      theme: 'Encouragement',
      people: 3,
      segments: 4,
      cells: [
        {
          group: 'high',
          people: 2,
          segments: 3,
          quotes: [
            { codingId: id(2), transcriptId: id(3), text: 'He kept me going', isExemplar: true },
            { codingId: id(4), transcriptId: id(3), text: 'We talked most weeks', isExemplar: false },
            // A stretch only the consensus version holds: no coding to mark.
            { codingId: null, transcriptId: id(3), text: 'Most weeks, yes', isExemplar: false },
          ],
        },
        { group: 'low', people: 1, segments: 1, quotes: [] },
      ],
    },
  ],
};

afterEach(cleanup);

describe('JointDisplayTable', () => {
  it('is a captioned table with theme rows and group columns, counts and quotes in words', () => {
    render(<JointDisplayTable display={display} />);
    const table = screen.getByRole('table', { name: /Themes by their coach’s fidelity/ });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Theme', 'High fidelity', 'Low fidelity']);
    const row = within(table).getByRole('rowheader', { name: /Encouragement/ });
    expect(row.textContent).toContain('3 people, 4 passages');
    const cells = within(row.closest('tr')!).getAllByRole('cell');
    expect(cells[0]!.textContent).toContain('2 people, 3 passages');
    expect(cells[0]!.textContent).toContain('Exemplar');
    expect(cells[0]!.textContent).toContain('He kept me going');
    expect(cells[1]!.textContent).toBe('1 person, 1 passage');
    expect(screen.getByRole('region', { name: 'Joint display, scrolls sideways' })).toBeTruthy();
    expect(screen.getByText(/1 coded passage comes from transcripts not linked/)).toBeTruthy();
  });

  it('offers to mark a quote that is not yet an exemplar and is a coding, when the caller codes', async () => {
    const onMark = vi.fn();
    render(<JointDisplayTable display={display} onMarkExemplar={onMark} />);
    const buttons = screen.getAllByRole('button', { name: /^Mark as exemplar/ });
    expect(buttons).toHaveLength(1);
    await userEvent.setup().click(buttons[0]!);
    expect(onMark).toHaveBeenCalledWith(id(1), id(4));
  });

  it('says so when there are no themes', () => {
    render(<JointDisplayTable display={{ ...display, rows: [] }} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/No themes yet/)).toBeTruthy();
  });
});

describe('CellsTable', () => {
  it('shows each drawn group with its target, people who could be asked, proposed and the shortfall', () => {
    render(
      <CellsTable
        sample={{
          dimensions: ['adherent', 'gender'],
          cells: [
            { key: '["yes","man"]', values: ['yes', 'man'], target: 2, available: 3, proposed: 2, shortfall: 0 },
            { key: '["no","woman"]', values: ['no', 'woman'], target: 2, available: 1, proposed: 1, shortfall: 1 },
          ],
        }}
      />,
    );
    const table = screen.getByRole('table', { name: /Groups: target/ });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['Yes', 'Man', '2', '3', '2', 'None'],
      ['No', 'Woman', '2', '1', '1', '1'],
    ]);
  });
});
