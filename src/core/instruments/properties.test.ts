import { describe, expect, it } from 'vitest';
import {
  bandOf,
  importQuestionnaire,
  instrumentFromDefinition,
  instruments,
  parseAnswers,
  safetyFlags,
  scoreAnswers,
  type Instrument,
  type InstrumentItem,
} from './index';
import { seededRandom as random } from '../shared/seeded-random';

/** Property tests over seeded random responses: a failure prints the seed and case, so it replays exactly. */

const CASES = 400;

/** A random valid answer to an item: a number or (half the time) its answer code. */
function randomAnswer(item: InstrumentItem, next: () => number): number | string {
  if (item.kind === 'choice') {
    const option = item.options[Math.floor(next() * item.options.length)]!;
    return next() < 0.5 || option.value === null ? option.code : option.value;
  }
  if (item.kind === 'text') return 'free text';
  const min = item.min ?? 0;
  const max = item.max ?? min + 50;
  return item.kind === 'integer' ? min + Math.floor(next() * (max - min + 1)) : min + next() * (max - min);
}

/** A random response in which each item is answered with the given probability. */
function randomResponse(instrument: Instrument, next: () => number, answerRate: number): Record<string, number | string> {
  const answers: Record<string, number | string> = {};
  for (const item of instrument.definition.items) if (next() < answerRate) answers[item.linkId] = randomAnswer(item, next);
  return answers;
}

const within = (value: number, range: { min: number; max: number }) => value >= range.min - 1e-9 && value <= range.max + 1e-9;

/** A program-defined instrument with items of different ranges, to run the same properties on declared scoring. */
function declared(method: 'sum' | 'mean', minAnswered: number): Instrument {
  const ordinal = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
  const read = importQuestionnaire({
    resourceType: 'Questionnaire',
    id: `random-${method}`,
    status: 'active',
    extension: [
      { url: 'https://kindred.invalid/fhir/StructureDefinition/scoring', valueCode: method },
      { url: 'https://kindred.invalid/fhir/StructureDefinition/scoring-min-answered', valueInteger: minAnswered },
    ],
    item: [
      ...[1, 2, 3].map((n) => ({
        linkId: `c${n}`,
        type: 'choice',
        text: `Choice ${n}`,
        answerOption: [0, 1, 2, 5].map((v) => ({
          valueCoding: { code: `v${v}`, extension: [{ url: ordinal, valueDecimal: v }] },
        })),
      })),
      {
        linkId: 'n1',
        type: 'integer',
        text: 'Number',
        extension: [
          // A prorated sum needs items on one scale (0-5, like the choices); a mean does not.
          { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: method === 'sum' ? 0 : -3 },
          { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: method === 'sum' ? 5 : 12 },
        ],
      },
      { linkId: 'note', type: 'string', text: 'Anything else?' },
    ],
  });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return instrumentFromDefinition(read.value);
}

const everyInstrument = [...instruments, declared('sum', 2), declared('mean', 3)];

describe.each(everyInstrument.map((i) => [i.id, i] as const))('%s: properties over random responses', (_id, instrument) => {
  it('keeps the total and every subscale in range, and complete means a total', () => {
    for (let seed = 1; seed <= CASES; seed++) {
      const next = random(seed);
      const answerRate = [1, 0.95, 0.8, 0.5, 0.2][seed % 5]!;
      const answers = randomResponse(instrument, next, answerRate);
      const r = scoreAnswers(instrument, answers);
      const where = `seed ${seed}: ${JSON.stringify(answers)}`;
      expect(r.instrument, where).toBe(instrument.id);
      expect(r.complete, where).toBe(r.total !== null);
      if (r.total !== null) expect(within(r.total, instrument.totalRange), where).toBe(true);
      expect(Object.keys(r.subscales).sort(), where).toEqual(Object.keys(instrument.subscaleRanges).sort());
      for (const [name, value] of Object.entries(r.subscales)) {
        if (value !== null) expect(within(value, instrument.subscaleRanges[name]!), `${where} ${name}`).toBe(true);
      }
      for (const flag of r.flags) expect(safetyFlags).toContain(flag);
    }
  });

  it('reads severity from its bands, and from nothing else', () => {
    for (let seed = 1; seed <= CASES; seed++) {
      const answers = randomResponse(instrument, random(seed), 0.9);
      const r = scoreAnswers(instrument, answers);
      const bands = instrument.severityBands;
      if (!bands) {
        expect(r.severity).toBeNull();
        continue;
      }
      const read = bands.of === 'total' ? r.total : parseAnswers(instrument.definition, answers)[bands.of];
      expect(r.severity, `seed ${seed}`).toBe(bandOf(bands.bands, typeof read === 'number' ? read : null));
      if (typeof read === 'number') expect(r.severity, `seed ${seed}: bands cover the whole range`).not.toBeNull();
    }
  });

  it('scores every fully answered response', () => {
    for (let seed = 1; seed <= 50; seed++) {
      expect(scoreAnswers(instrument, randomResponse(instrument, random(seed), 1)).complete).toBe(true);
    }
  });

  it('never lowers the total when one answer goes up', () => {
    const scored = instrument.definition.items.filter((i) => i.isScored && i.kind === 'choice');
    for (let seed = 1; seed <= CASES; seed++) {
      const next = random(seed);
      const answers = parseAnswers(instrument.definition, randomResponse(instrument, next, 1));
      const item = scored[Math.floor(next() * scored.length)];
      if (!item) continue;
      const higher = item.options.map((o) => o.value!).filter((v) => v > (answers[item.linkId] as number));
      if (higher.length === 0) continue;
      const before = instrument.score(answers).total!;
      const after = instrument.score({ ...answers, [item.linkId]: Math.min(...higher) }).total!;
      expect(after, `seed ${seed}, ${item.linkId}`).toBeGreaterThanOrEqual(before);
    }
  });

  it('is pure: the same answers give the same score and are not changed', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const answers = randomResponse(instrument, random(seed), 0.7);
      const copy = structuredClone(answers);
      expect(scoreAnswers(instrument, answers)).toEqual(scoreAnswers(instrument, copy));
      expect(answers).toEqual(copy);
    }
  });
});

describe('PHQ-9 safety flag over random responses', () => {
  it('is raised exactly when item 9 is answered above 0', () => {
    const phq9 = instruments.find((i) => i.id === 'phq9')!;
    for (let seed = 1; seed <= CASES; seed++) {
      const answers = parseAnswers(phq9.definition, randomResponse(phq9, random(seed), 0.6));
      const item9 = answers['phq9-9'];
      expect(phq9.score(answers).flags, `seed ${seed}`).toEqual(
        typeof item9 === 'number' && item9 > 0 ? ['suicidal_ideation'] : [],
      );
    }
  });
});
