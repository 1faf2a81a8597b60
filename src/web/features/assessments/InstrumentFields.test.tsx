// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InstrumentForm } from '../../../core/assessments';
import { answeredCount, answerErrorsOf, answersToSend, formAnswersOf, InstrumentFields } from './InstrumentFields';

const form: InstrumentForm = {
  id: 'mood',
  title: 'Mood',
  copyright: null,
  items: [
    {
      linkId: 'm1',
      prefix: '1.',
      text: 'Feeling low',
      kind: 'choice',
      options: [
        { code: 'never', display: 'Never', value: 0 },
        { code: 'often', display: 'Often', value: 2 },
      ],
      min: 0,
      max: 2,
    },
    { linkId: 'days', prefix: null, text: 'Days out of the house', kind: 'integer', options: [], min: 0, max: 7 },
    { linkId: 'note', prefix: null, text: 'Anything else', kind: 'text', options: [], min: null, max: null },
  ],
};

describe('InstrumentFields', () => {
  afterEach(cleanup);

  it('shows a radio group per choice item named by its number and text, a number box and a text box', () => {
    const onChange = vi.fn();
    render(<InstrumentFields form={form} answers={{ m1: 'often' }} onChange={onChange} />);
    const group = screen.getByRole('radiogroup', { name: '1. Feeling low' });
    expect((within(group).getByRole('radio', { name: 'Often' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(group).getByRole('radio', { name: 'Never' }));
    expect(onChange).toHaveBeenCalledWith('m1', 'never');
    expect(screen.getByRole('spinbutton', { name: 'Days out of the house' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Anything else' })).toBeTruthy();
  });

  it('reads stored answers (numbers or codes) into the form and sends codes, numbers and text back', () => {
    expect(formAnswersOf(form, { m1: 2, days: 3, note: 'ok' })).toEqual({ m1: 'often', days: '3', note: 'ok' });
    expect(formAnswersOf(form, { m1: 'never', days: null })).toEqual({ m1: 'never' });
    expect(answersToSend(form, { m1: 'often', days: '3', note: '  ' })).toEqual({ m1: 'often', days: 3 });
    expect(answeredCount(form, { m1: 'often', days: '', note: 'x' })).toBe(2);
  });

  it('puts the server’s message for an item beside that item', () => {
    const error = { message: 'Some answers are not valid: mood days: out of range: must be a whole number from 0 to 7' };
    expect(answerErrorsOf(error, form)).toEqual({ days: 'out of range: must be a whole number from 0 to 7' });
    const staff = { message: 'Invalid answers for mood: m1: out of range: must be a number from 0 to 2' };
    expect(answerErrorsOf(staff, form)).toEqual({ m1: 'out of range: must be a number from 0 to 2' });
  });
});
