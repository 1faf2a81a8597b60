// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { plainIssue, wordedRefusalCode, wordedRefusals, type PlainIssueCode } from '../../core/shared/messages';
import { ApiError } from '../app/api';
import { createIntl } from 'react-intl';
import { englishT, I18nProvider, translator, useT } from '../i18n/i18n';
import es from '../i18n/messages/es.json';
import { errorMessage, fieldRefusalWords } from './feedback';
import { FormErrors } from './form';

/** One issue of each kind Kindred words itself (ADR 0051). */
const issues: Parameters<typeof plainIssue>[0][] = [
  { code: 'too_big', origin: 'string', maximum: 4000 },
  { code: 'too_big', origin: 'array', maximum: 3 },
  { code: 'too_big', origin: 'int', maximum: 10 },
  { code: 'too_big', origin: 'date' },
  { code: 'too_small', origin: 'string', minimum: 1 },
  { code: 'too_small', origin: 'string', minimum: 3 },
  { code: 'too_small', origin: 'array', minimum: 1 },
  { code: 'too_small', origin: 'set', minimum: 2 },
  { code: 'too_small', origin: 'number', minimum: 0 },
  { code: 'too_small', origin: 'date' },
  { code: 'invalid_type', expected: 'int', input: 'a lot' },
  { code: 'invalid_type', expected: 'boolean', input: 1 },
  { code: 'invalid_type', expected: 'object', input: 1 },
  { code: 'invalid_value' },
  { code: 'invalid_format', format: 'email' },
  { code: 'invalid_format', format: 'date' },
  { code: 'invalid_format', format: 'datetime' },
  { code: 'invalid_format', format: 'uuid' },
  { code: 'invalid_format', format: 'regex' },
  { code: 'unrecognized_keys' },
  { code: 'not_multiple_of' },
  { code: 'custom' },
];

const refusal = (body: Record<string, unknown>, status = 400) =>
  new ApiError(status, { error: 'invalid_input', message: 'Some answers need attention.', requestId: 'r', ...body } as never);

afterEach(cleanup);

const spanishT = translator(createIntl({ locale: 'es', messages: es }));

describe('refusals in the reader’s language (ADR 0051)', () => {
  it('says every field code in English exactly as the server does, and has Spanish for each', () => {
    const codes = new Set<PlainIssueCode>();
    for (const issue of issues) {
      const plain = plainIssue(issue);
      codes.add(plain.code);
      expect(fieldRefusalWords(plain, englishT), plain.code).toBe(plain.message);
    }
    // Every code is covered by an issue above.
    expect(codes.size).toBe(22);
  });

  it('has a catalog entry for every worded refusal, whose English is the rule’s own words, and Spanish for each', () => {
    for (const [code, words] of Object.entries(wordedRefusals)) {
      expect(fieldRefusalWords({ code, message: words }, englishT), code).toBe(words);
      expect(fieldRefusalWords({ code, message: words }, spanishT), code).not.toBe(words);
      expect(wordedRefusalCode(words)).toBe(code);
    }
    expect(wordedRefusalCode('Enter the town')).toBeNull();
  });

  it('shows a participant the server’s refusal in Spanish: summary, each field, and a reason with its numbers', () => {
    const error = refusal({
      fields: [
        { path: 'body.pain', message: 'Use a number no bigger than 10.', code: 'too_big_number', values: { max: 10 } },
        { path: 'body.note', message: 'Keep this to 1,000 characters or fewer.', code: 'too_long_text', values: { max: 1000 } },
        // A schema's own participant-facing words come with their code too.
        { path: 'body.phone', message: 'Enter a phone number of 7 to 20 digits', code: 'phone' },
        // Other words a schema has have no code and stay as the server wrote them.
        { path: 'body.town', message: 'Enter the town' },
      ],
    });
    render(
      <I18nProvider locale="es">
        <form>
          <FormErrors
            error={error}
            title="No se pudo guardar"
            labels={{ pain: 'Dolor', note: 'Nota', phone: 'Teléfono', town: 'Pueblo' }}
          />
        </form>
      </I18nProvider>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Algunas respuestas necesitan su atención.');
    expect(screen.getByText('Dolor: Use un número que no sea mayor que 10.')).toBeTruthy();
    expect(screen.getByText(/^Nota: Use 1[.\u00a0\u202f]?000 caracteres o menos\.$/)).toBeTruthy();
    expect(screen.getByText('Teléfono: Escriba un número de teléfono de 7 a 20 dígitos')).toBeTruthy();
    expect(screen.getByText('Pueblo: Enter the town')).toBeTruthy();
  });

  it('keeps English as the server wrote it for staff', () => {
    const error = refusal({
      fields: [{ path: 'body.pain', message: 'Use a number no bigger than 10.', code: 'too_big_number', values: { max: 10 } }],
    });
    render(
      <form>
        <FormErrors error={error} labels={{ pain: 'Pain' }} />
      </form>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Some answers need attention.');
    expect(screen.getByText('Pain: Use a number no bigger than 10.')).toBeTruthy();
  });

  it('says a reason the catalog knows, with the numbers the server sent, and otherwise the server’s words', () => {
    const es = (e: unknown) => {
      let words = '';
      function Probe() {
        words = errorMessage(e, useT());
        return null;
      }
      render(
        <I18nProvider locale="es">
          <Probe />
        </I18nProvider>,
      );
      return words;
    };
    const wrong = new ApiError(401, {
      error: 'unauthenticated',
      reason: 'bad_credentials',
      message: 'E-mail or password is not right',
    });
    expect(es(wrong)).toBe('El correo electrónico o la contraseña no son correctos');
    expect(errorMessage(wrong)).toBe('E-mail or password is not right');
    const slowed = new ApiError(429, {
      error: 'rate_limited',
      reason: 'too_many_tries',
      message: 'Too many tries. Wait 3 minutes, then try again.',
      waitUnit: 'minutes',
      waitCount: 3,
    } as never);
    expect(es(slowed)).toBe('Demasiados intentos. Espere 3 minutos y vuelva a intentarlo.');
    expect(errorMessage(slowed)).toBe('Too many tries. Wait 3 minutes, then try again.');
    // Without the numbers its words need (an older server), the server's own words.
    expect(es(new ApiError(429, { error: 'x', reason: 'too_many_tries', message: 'Too many tries.' }))).toBe('Too many tries.');
    // The catalog speaks only for the sentence it translates: the same reason worded otherwise keeps its words.
    const current = new ApiError(422, {
      error: 'invalid_state',
      reason: 'wrong_current_password',
      message: 'The current password is not right',
    });
    expect(es(current)).toBe('La contraseña actual no es correcta');
    const other = new ApiError(422, {
      error: 'invalid_state',
      reason: 'wrong_current_password',
      message: 'The password is not right',
    });
    expect(es(other)).toBe('The password is not right');
    expect(errorMessage(other)).toBe('The password is not right');
    // Turning two-factor sign-in off says it with its own reason (ADR 0051 amendment).
    const wrongPassword = new ApiError(422, {
      error: 'invalid_state',
      reason: 'wrong_password',
      message: 'The password is not right',
    });
    expect(es(wrongPassword)).toBe('La contraseña no es correcta');
    expect(errorMessage(wrongPassword)).toBe('The password is not right');
    // A reason the catalog does not know: the server's words.
    expect(es(new ApiError(409, { error: 'conflict', reason: 'coach_at_capacity', message: 'This coach is full' }))).toBe(
      'This coach is full',
    );
  });
});
