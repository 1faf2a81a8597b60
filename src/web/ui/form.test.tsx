// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { maxLengthOf } from '../../core/shared/messages';
import { Notice } from './feedback';
import { FormErrors, TextArea, TextField, useFormState } from './form';

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

/** A form as the pages build them: checks in the browser, then "saves" and confirms. */
function NameForm() {
  const [saved, setSaved] = useState(false);
  const form = useFormState(
    { name: '', town: '' },
    (v): Record<string, string> => (v.name.trim() ? {} : { name: 'Enter a name.' }),
    () => setSaved(true),
    null,
  );
  return (
    <form onSubmit={form.submit} noValidate>
      <FormErrors error={form.error} labels={{ name: 'Name' }} />
      {saved ? <Notice>Saved.</Notice> : null}
      <TextField label="Name" value={form.values.name} onChange={form.set('name')} error={form.fields.name} />
      <TextField label="Town" value={form.values.town} onChange={form.set('town')} />
      <button type="submit">Save</button>
    </form>
  );
}

describe('errors and confirmations where the eye is (issue #16)', () => {
  afterEach(cleanup);

  it('moves focus to the error summary after a refused submit, and leaves it with the field being typed in', async () => {
    render(<NameForm />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain('Name: Enter a name.');
    expect(document.activeElement).toBe(summary);

    await userEvent.click(screen.getByRole('textbox', { name: 'Town' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Town' }), 'Dayton');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Town' }));
  });

  it('moves focus to the confirmation once the form is saved', async () => {
    render(<NameForm />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Robert');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Saved.');
    expect(document.activeElement).toBe(status);
  });

  it('leaves focus alone for a standing note a page shows as it loads', () => {
    render(
      <>
        <input aria-label="Search" autoFocus />
        <Notice focus={false}>Nothing to show yet.</Notice>
      </>,
    );
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Search' }));
  });
});

/** A form whose server refused two fields: the refusal arrives as a page's mutation error would. */
function RefusedForm({ refusal }: { refusal: unknown }) {
  const form = useFormState(
    { name: '', town: '' },
    () => ({}),
    () => {},
    refusal,
  );
  return (
    <form onSubmit={form.submit} noValidate>
      <FormErrors error={form.error} labels={{ name: 'Name', town: 'Town' }} />
      <TextField label="Name" value={form.values.name} onChange={form.set('name')} error={form.fields.name} />
      <TextField label="Town" value={form.values.town} onChange={form.set('town')} error={form.fields.town} />
      <button type="submit">Save</button>
    </form>
  );
}

describe('a server refusal does not linger once the answer changes (issue #16)', () => {
  afterEach(cleanup);
  const refusal = {
    message: 'Some answers need attention.',
    status: 400,
    fields: [
      { path: 'name', message: 'Fill this in.' },
      { path: 'town', message: 'Keep this to 80 characters or fewer.' },
    ],
  };
  const errorOf = (name: string) => {
    const box = screen.getByRole('textbox', { name });
    const ids = (box.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'));
    return box.getAttribute('aria-invalid') === 'true'
      ? ids.map((id) => document.getElementById(id)?.textContent).join('')
      : null;
  };

  it('clears a field’s message, beside it and in the summary, when that field is edited, and keeps the others', async () => {
    render(<RefusedForm refusal={refusal} />);
    expect(errorOf('Name')).toBe('Fill this in.');
    expect(screen.getByRole('alert').textContent).toContain('Name: Fill this in.');

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Robert');
    expect(errorOf('Name')).toBeNull();
    // The summary shrinking does not pull focus out of the field being typed in.
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveProperty('value', 'Robert');
    expect(screen.getByRole('alert').textContent).not.toContain('Name:');
    expect(errorOf('Town')).toBe('Keep this to 80 characters or fewer.');
    expect(screen.getByRole('alert').textContent).toContain('Town: Keep this to 80 characters or fewer.');

    await userEvent.type(screen.getByRole('textbox', { name: 'Town' }), 'Dayton');
    expect(errorOf('Town')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a new refusal in full, even for a field edited before', async () => {
    const { rerender } = render(<RefusedForm refusal={refusal} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'R');
    expect(errorOf('Name')).toBeNull();
    rerender(<RefusedForm refusal={{ ...refusal, fields: [{ path: 'name', message: 'Fill this in.' }] }} />);
    expect(errorOf('Name')).toBe('Fill this in.');
  });

  it('keeps a refusal about no field (a conflict) while fields are edited', async () => {
    render(<RefusedForm refusal={{ message: 'Someone changed this record; reload it.', status: 409 }} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'R');
    expect(screen.getByRole('alert').textContent).toContain('Someone changed this record');
  });

  it('names a field the page gave no label in words, never by its path', () => {
    render(
      <FormErrors
        error={{ message: 'Some answers need attention.', fields: [{ path: 'painLocations', message: 'Choose at least one.' }] }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('Pain locations: Choose at least one.');
  });
});

describe('a refusal in a form that does not clear field by field (issue #16)', () => {
  afterEach(cleanup);
  const refusal = { message: 'Some answers need attention.', status: 400, fields: [{ path: 'note', message: 'Too long.' }] };

  /** A summary-only form: its refusal is the raw server error, with no per-field handling. */
  function SummaryOnlyForm({ error }: { error: unknown }) {
    const [note, setNote] = useState('');
    return (
      <form>
        <FormErrors error={error} labels={{ note: 'Note' }} />
        <TextField label="Note" value={note} onChange={setNote} />
      </form>
    );
  }

  it('goes once an answer changes, and a new refusal shows again', async () => {
    const { rerender } = render(<SummaryOnlyForm error={refusal} />);
    expect(screen.getByRole('alert').textContent).toContain('Note: Too long.');
    await userEvent.type(screen.getByRole('textbox', { name: 'Note' }), 'x');
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(<SummaryOnlyForm error={{ ...refusal }} />);
    expect(screen.getByRole('alert').textContent).toContain('Note: Too long.');
  });

  it('keeps a refusal about no field while answers change', async () => {
    render(<SummaryOnlyForm error={{ message: 'Someone changed this record; reload it.', status: 409 }} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Note' }), 'x');
    expect(screen.getByRole('alert').textContent).toContain('Someone changed this record');
  });
});
