import { describe, expect, it } from 'vitest';
import { deviceLocale } from './device-language';

describe('deviceLocale (ADR 0051)', () => {
  it('takes the language chosen on the device first', () => {
    expect(deviceLocale('es', ['en-US'])).toBe('es');
    expect(deviceLocale('en', ['es-MX'])).toBe('en');
  });

  it("otherwise takes the browser's first language Kindred has", () => {
    expect(deviceLocale(null, ['es-MX', 'en-US'])).toBe('es');
    expect(deviceLocale(null, ['ES'])).toBe('es');
    expect(deviceLocale(null, ['fr-FR', 'es-US', 'en'])).toBe('es');
    expect(deviceLocale(null, ['en-GB', 'es'])).toBe('en');
  });

  it('falls back to English, and ignores a kept value that is not a language Kindred has', () => {
    expect(deviceLocale(null, [])).toBe('en');
    expect(deviceLocale(null, ['de-DE'])).toBe('en');
    expect(deviceLocale('fr', ['de'])).toBe('en');
  });
});
