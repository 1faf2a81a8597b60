import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LateEntryNote, lateEntryWords } from './LateEntryNote';

describe('LateEntryNote', () => {
  const mark = { byName: 'Sam Rivers', at: '2026-03-03T15:00:00.000Z', reason: 'Paper log from the clinic' };

  it('says who entered the record late, on which day and why', () => {
    expect(lateEntryWords(mark, { now: new Date('2026-03-20T12:00:00Z'), timeZone: 'America/New_York' })).toBe(
      'Entered late by Sam Rivers on Tue 3 Mar: Paper log from the clinic',
    );
    // 2:00 AM Wed 4 Mar in London is still Tue 3 Mar in Los Angeles: the program's day is the one said.
    const lateNight = { ...mark, at: '2026-03-04T02:00:00.000Z' };
    expect(lateEntryWords(lateNight, { now: new Date('2026-03-20T12:00:00Z'), timeZone: 'America/Los_Angeles' })).toMatch(
      / on Tue 3 Mar:/,
    );
    expect(lateEntryWords(lateNight, { now: new Date('2026-03-20T12:00:00Z'), timeZone: 'Europe/London' })).toMatch(
      / on Wed 4 Mar:/,
    );
  });

  it('shows nothing for a record entered on time', () => {
    const { container } = render(<LateEntryNote mark={null} />);
    expect(container.textContent).toBe('');
    render(<LateEntryNote mark={mark} />);
    expect(screen.getByText(/Entered late by Sam Rivers/)).toBeTruthy();
  });
});
