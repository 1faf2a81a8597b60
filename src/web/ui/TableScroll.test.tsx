// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Button, TableScroll } from './controls';

function Rows() {
  const [more, setMore] = useState(false);
  return (
    <TableScroll label="People table" cards>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" colSpan={2}>
              Contact
            </th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Ann</th>
            <td>Phone</td>
            <td>E-mail</td>
            <td>Today</td>
          </tr>
          {more ? (
            <tr>
              <th scope="row">Bob</th>
              <td colSpan={2}>None</td>
              <td>Tomorrow</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <Button onClick={() => setMore(true)}>More</Button>
    </TableScroll>
  );
}

describe('TableScroll cards', () => {
  afterEach(cleanup);

  it('labels each body cell with its column heading, counting colspans, also for rows added later', async () => {
    render(<Rows />);
    const region = screen.getByRole('region', { name: 'People table' });
    expect(region.className).toContain('table-scroll--cards');
    const labels = () =>
      [...region.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.getAttribute('data-label')));
    expect(labels()).toEqual([['Name', 'Contact', 'Contact', 'Due']]);
    screen.getByRole('button', { name: 'More' }).click();
    await screen.findByText('Bob');
    expect(labels()).toEqual([
      ['Name', 'Contact', 'Contact', 'Due'],
      ['Name', 'Contact', 'Due'],
    ]);
  });

  it('leaves a plain scrolling table alone', () => {
    render(
      <TableScroll label="Plain table">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Ann</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>,
    );
    const region = screen.getByRole('region', { name: 'Plain table' });
    expect(region.className).toBe('table-scroll');
    expect(region.querySelector('td')!.hasAttribute('data-label')).toBe(false);
  });
});
