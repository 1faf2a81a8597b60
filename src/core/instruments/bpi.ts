import type { Answers } from './answers';
import { answeredValues, bandOf, meanOfAnswered, result, type Band, type ScoreResult } from './scoring';

export const BPI_SEVERITY_ITEMS = ['bpi-worst', 'bpi-least', 'bpi-average', 'bpi-now'] as const;
export const BPI_INTERFERENCE_ITEMS = [
  'bpi-activity',
  'bpi-mood',
  'bpi-walking',
  'bpi-work',
  'bpi-relations',
  'bpi-sleep',
  'bpi-enjoyment',
] as const;
/** The item the severity band is read from (as the ePPOC benchmark does). */
export const BPI_BAND_ITEM = 'bpi-average';

/** Clinical bands of a 0-10 pain item: 0-4 mild, 5-6 moderate, 7-10 severe. */
export const bpiPainBands: readonly Band[] = [
  { code: 'mild', min: 0, max: 4 },
  { code: 'moderate', min: 5, max: 6 },
  { code: 'severe', min: 7, max: 10 },
];

/** How the "BPI total" is formed; the developers define no total, so a program chooses (0005). */
export type BpiTotal = 'mean_of_subscales' | 'mean_of_items';

/**
 * BPI short form (Cleeland; BPI User Guide). Interference = mean of the 7 interference items, usable
 * when at least 4 of 7 (more than half) are answered (developer rule). Severity = mean of the 4
 * severity items. Uncertain, project decisions (0005): severity needs at least 3 of 4 answered (the
 * developers' more-than-half rule carried over; they publish none for severity); the total (ECLIPSE's
 * primary outcome) is by default the mean of the two subscale scores, or with
 * `total: 'mean_of_items'` the mean of the answered items, and in both cases needs both subscales.
 * `severity` is the band of the average-pain item, read whenever that item is answered.
 */
export function scoreBpi(answers: Answers, options: { total: BpiTotal } = { total: 'mean_of_subscales' }): ScoreResult {
  const severityValues = answeredValues(answers, BPI_SEVERITY_ITEMS);
  const interferenceValues = answeredValues(answers, BPI_INTERFERENCE_ITEMS);
  const painSeverity = meanOfAnswered(severityValues, 3);
  const painInterference = meanOfAnswered(interferenceValues, 4);
  let total: number | null = null;
  if (painSeverity !== null && painInterference !== null) {
    total =
      options.total === 'mean_of_subscales'
        ? (painSeverity + painInterference) / 2
        : meanOfAnswered([...severityValues, ...interferenceValues], 1);
  }
  const average = answers[BPI_BAND_ITEM];
  return result('bpi-sf', total, {
    subscales: { pain_severity: painSeverity, pain_interference: painInterference },
    severity: bandOf(bpiPainBands, typeof average === 'number' ? average : null),
  });
}
