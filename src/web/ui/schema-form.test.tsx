// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createIntl } from 'react-intl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CoachInput } from '../../core/coaches';
import { englishT, translator } from '../i18n/i18n';
import es from '../i18n/messages/es.json';
import { coachBody, emptyCoach } from '../features/coaches/coach-form';
import { FormErrors, schemaProblems, TextField, useSchemaForm } from './form';

describe('schemaProblems (forms checked by the core schema, ADR 0054)', () => {
  it('says what the coach schema refuses, in the schema’s own words, one message a field', () => {
    const body = coachBody({ ...emptyCoach, givenName: '  ', caseload: '0', birthYear: '19x8', modalities: [], phone: '12' });
    expect(schemaProblems(CoachInput, body)).toEqual({
      givenName: 'Enter the given name',
      familyName: 'Enter the family name',
      gender: 'Choose a gender, or "Not stated"',
      modalities: 'Choose at least one way to meet',
      phone: 'Enter a phone number of 7 to 20 digits',
      caseload: 'Enter a whole number from 1 to 20',
      birthYear: 'Enter a year such as 1958, or leave it empty',
    });
  });

  it('accepts what the server accepts', () => {
    const body = coachBody({
      ...emptyCoach,
      givenName: 'Ann',
      familyName: 'Lee',
      gender: 'woman',
      caseload: '3',
      birthYear: '1961',
    });
    expect(schemaProblems(CoachInput, body)).toEqual({});
    expect(CoachInput.safeParse(body).success).toBe(true);
  });

  it('words a field the schema leaves unworded in Kindred’s plain words, in the reader’s language', () => {
    const schema = z.object({ email: z.email(), note: z.string().max(5), items: z.array(z.string().min(2)) });
    const body = { email: 'no', note: 'too long', items: ['ok', 'x'] };
    expect(schemaProblems(schema, body)).toEqual({
      email: 'Enter an e-mail address such as name@example.org.',
      note: 'Keep this to 5 characters or fewer.',
      items: 'Write at least 2 characters.',
    });
    const spanish = translator(createIntl({ locale: 'es', messages: es }));
    expect(schemaProblems(schema, body, spanish)['email']).toBe(es['refusal.field.email']);
    expect(schemaProblems(schema, body, englishT, (path) => path)['items.1']).toBe('Write at least 2 characters.');
  });
});

describe('useSchemaForm', () => {
  afterEach(cleanup);

  const Schema = z.object({ town: z.string().trim().min(1, 'Enter the town'), year: z.int({ error: 'Enter a year' }) });
  function Form({ onSubmit }: { onSubmit: (v: { town: string; year: string }) => void }) {
    const { values, set, submit, error, fields } = useSchemaForm(
      { town: '', year: '' },
      { schema: Schema, toBody: (v) => ({ town: v.town, year: v.year.trim() ? Number(v.year) : undefined }) },
      onSubmit,
      null,
    );
    return (
      <form onSubmit={submit} noValidate>
        <FormErrors error={error} labels={{ town: 'Town', year: 'Year' }} />
        <TextField label="Town" value={values.town} onChange={set('town')} error={fields['town']} />
        <TextField label="Year" value={values.year} onChange={set('year')} error={fields['year']} />
        <button type="submit">Save</button>
      </form>
    );
  }

  it('shows the schema’s refusals before sending, clears a field’s message when it changes, and sends the values once accepted', async () => {
    const sent = vi.fn();
    const user = userEvent.setup();
    render(<Form onSubmit={sent} />);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Town: Enter the town');
    expect(alert.textContent).toContain('Year: Enter a year');
    expect(sent).not.toHaveBeenCalled();
    await user.type(screen.getByRole('textbox', { name: /^Town/ }), 'Erie');
    expect(screen.getByRole('alert').textContent).not.toContain('Enter the town');
    await user.type(screen.getByRole('textbox', { name: /^Year/ }), '1958');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(sent).toHaveBeenCalledWith({ town: 'Erie', year: '1958' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
