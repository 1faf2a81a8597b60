// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { AllocationTableForm } from './AllocationTableForm';

const url = `PUT /programs/${PROGRAM_ID}/study/allocation-table`;

describe('AllocationTableForm', () => {
  it('sends the pasted table and shows the server naming the bad line; the next table is sent whole', async () => {
    let attempt = 0;
    const calls = mockApi({
      [url]: () =>
        ++attempt === 1
          ? json(
              {
                error: 'invalid_state',
                reason: 'allocation_table_invalid',
                message: 'Line 3: "3" is not an arm of this study',
                requestId: 'r1',
              },
              422,
            )
          : json({ rows: 4 }),
    });
    renderInProgram(<AllocationTableForm summary={null} />, { member: membership({ can: ['study:design'] }) });
    const user = userEvent.setup({ delay: null });
    const send = screen.getByRole('button', { name: 'Check and store the table' });
    expect((send as HTMLButtonElement).disabled).toBe(true);
    const box = screen.getByRole('textbox', { name: 'Or paste the table' });
    await user.click(box);
    await user.paste('arm\n2\n3\n');
    await user.click(send);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not store the table');
    expect(alert.textContent).toContain('Line 3: "3" is not an arm of this study');
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ csv: 'arm\n2\n3\n' });

    await user.clear(box);
    await user.paste('arm\n2\n1\n1\n2\n');
    await user.click(send);
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PUT')[1]!.body).toEqual({ csv: 'arm\n2\n1\n1\n2\n' });
  });

  it('reads a chosen CSV file into the table, and says when one is already stored', async () => {
    const calls = mockApi({ [url]: json({ rows: 2 }) });
    renderInProgram(<AllocationTableForm summary={{ rows: 4 }} />, { member: membership({ can: ['study:design'] }) });
    expect(screen.getByRole('status').textContent).toBe('A table of 4 rows is checked and stored. A new upload replaces it.');
    const user = userEvent.setup({ delay: null });
    await user.upload(screen.getByLabelText('Table file (CSV)'), new File(['arm\n1\n2\n'], 'table.csv', { type: 'text/csv' }));
    await waitFor(() =>
      expect((screen.getByRole('textbox', { name: 'Or paste the table' }) as HTMLTextAreaElement).value).toBe('arm\n1\n2\n'),
    );
    await user.click(screen.getByRole('button', { name: 'Check and store the table' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ csv: 'arm\n1\n2\n' }));
  });
});
