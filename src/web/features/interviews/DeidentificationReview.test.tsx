// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeidentificationReview, occurrences } from './DeidentificationReview';

const text = 'Interviewer: Hello Robert.\nRobert Ellis: I live in Millbrook and my phone is 555-0100.';
const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
const proposals = [
  { ...at('Robert'), kind: 'name' as const, replacement: '[Participant 1]', personIds: [] },
  { ...at('Robert Ellis'), kind: 'name' as const, replacement: '[Participant 1]', personIds: [] },
  { ...at('555-0100'), kind: 'phone' as const, replacement: '[Phone]', personIds: [] },
];
// "Robert" first occurs in "Hello Robert", before "Robert Ellis".
proposals[1] = { ...proposals[1]!, start: text.indexOf('Robert Ellis'), end: text.indexOf('Robert Ellis') + 12 };

function setup() {
  const onConfirm = vi.fn();
  render(<DeidentificationReview text={text} proposals={proposals} onConfirm={onConfirm} busy={false} error={null} />);
  return { onConfirm, user: userEvent.setup() };
}

afterEach(cleanup);

describe('DeidentificationReview', () => {
  it('lists each proposal with the words around it, and confirms them as proposed', async () => {
    const { onConfirm, user } = setup();
    const list = screen.getByRole('list', { name: 'Replacements' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(within(list).getByText('555-0100').closest('p')!.textContent).toContain('my phone is 555-0100');
    await user.click(screen.getByRole('button', { name: 'Confirm the de-identification' }));
    expect(onConfirm).toHaveBeenCalledWith(proposals.map((p) => ({ start: p.start, end: p.end, replacement: p.replacement })));
  });

  it('sends the edited replacement, leaves out a removed one, and adds the words a person found', async () => {
    const { onConfirm, user } = setup();
    const phone = screen.getByRole('textbox', { name: 'Replace “555-0100” with' });
    await user.clear(phone);
    await user.type(phone, '[[Phone number]');
    await user.click(screen.getByRole('button', { name: 'Keep “Robert” as it is' }));
    await user.type(screen.getByRole('textbox', { name: 'Words to find' }), 'Millbrook');
    await user.type(screen.getByRole('textbox', { name: 'Put instead' }), '[[Town]');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('status').textContent).toBe('Added 1 place.');
    await user.click(screen.getByRole('button', { name: 'Confirm the de-identification' }));
    expect(onConfirm).toHaveBeenCalledWith([
      { ...at('Robert Ellis'), replacement: '[Participant 1]' },
      { ...at('Millbrook'), replacement: '[Town]' },
      { ...at('555-0100'), replacement: '[Phone number]' },
    ]);
  });

  it('does not confirm while a replacement is blank, and says which', async () => {
    const { onConfirm, user } = setup();
    await user.clear(screen.getByRole('textbox', { name: 'Replace “555-0100” with' }));
    await user.click(screen.getByRole('button', { name: 'Confirm the de-identification' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByText('Write what to put instead, or remove this one.')).toBeTruthy();
  });

  it('finds every uncovered occurrence of the words to add', () => {
    expect(occurrences(text, 'Robert', [{ ...at('Robert'), replacement: '[Name]' }])).toEqual([
      { ...at('Robert Ellis'), end: at('Robert Ellis').start + 6, replacement: '' },
    ]);
    expect(occurrences(text, ' ', [])).toEqual([]);
  });
});
