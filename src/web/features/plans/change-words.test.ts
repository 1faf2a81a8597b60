import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { describePegChange } from '../../../core/plans';
import { englishT, translator } from '../../i18n/i18n';
import es from '../../i18n/messages/es.json';
import { pegChangeWords } from './change-words';

const week = (n: number) => `2026-0${1 + Math.floor(n / 4)}-${String(1 + (n % 4) * 7).padStart(2, '0')}`;
const series = (...scores: number[]) => scores.map((score, i) => ({ on: week(i), score }));

describe('pegChangeWords', () => {
  it('says in English exactly what the server says to the participant, for every kind of change', () => {
    const cases = [
      series(),
      series(6.67),
      series(6, 6),
      series(6, 6.4, 6.3),
      series(6.7, 6.2, 5.3),
      series(5, 6, 7, 6.33),
      series(5, 6),
      series(6.7, 5.7),
      series(4, 4.6, 3.5, 4.2),
    ];
    for (const checkIns of cases) {
      const change = describePegChange(checkIns, 'you');
      expect(pegChangeWords(change, englishT), JSON.stringify(checkIns)).toBe(change.words);
    }
  });

  it('says it in Spanish, with Spanish decimals', () => {
    const spanish = translator(createIntl({ locale: 'es', messages: es }));
    expect(pegChangeWords(describePegChange(series(6.7, 6.2, 5.3), 'you'), spanish)).toBe(
      'Su puntuación de dolor ha bajado 1,4 puntos desde que empezó (6,7 entonces, 5,3 ahora). Un cambio de 1 punto o más es uno que la gente suele notar.',
    );
    expect(pegChangeWords(describePegChange(series(5, 6), 'you'), spanish)).toContain('ha subido 1 punto desde');
  });
});
