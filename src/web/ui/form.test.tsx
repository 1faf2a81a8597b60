// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { maxLengthOf } from '../../core/shared/messages';
import { TextArea, TextField } from './form';

describe('text limits in forms', () => {
  afterEach(cleanup);

  it('shows a field’s limit as a hint the control is described by, and stops typing past it', () => {
    render(<TextArea label="Note" value="" onChange={() => {}} maxLength={4000} hint="Only you and staff see it." />);
    const box = screen.getByRole('textbox', { name: 'Note' });
    expect(box.getAttribute('maxlength')).toBe('4000');
    const described = (box.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');
    expect(described).toContain('Only you and staff see it.');
    expect(described).toContain('Up to 4,000 characters.');
  });

  it('says nothing about a limit when there is none', () => {
    render(<TextField label="Town" value="" onChange={() => {}} />);
    expect(screen.queryByText(/characters/)).toBeNull();
    render(<TextField label="Name" value="" onChange={() => {}} maxLength={80} />);
    expect(screen.getByText('Up to 80 characters.')).toBeTruthy();
  });

  it('reads the limit from the core schema, through defaults and nulls', () => {
    const Input = z.object({
      note: z.string().trim().max(4000).default(''),
      town: z.string().trim().max(80).nullable().default(null),
      free: z.string(),
    });
    expect(maxLengthOf(Input.shape.note)).toBe(4000);
    expect(maxLengthOf(Input.shape.town)).toBe(80);
    expect(maxLengthOf(Input.shape.free)).toBeUndefined();
  });
});
