import { parseAnswers, type Answers } from './answers';
import { mayShipText, readQuestionnaire, type InstrumentDefinition, type LicenceStatus } from './definition';
import { BPI_BAND_ITEM, bpiPainBands, scoreBpi } from './bpi';
import { gad7Bands, scoreGad7 } from './gad7';
import { scoreMosSss } from './mos-sss';
import { deliveryBands, scoreCoachingDelivery } from './coaching-delivery';
import { pcsBands, scorePcs } from './pcs';
import { scorePeg } from './peg';
import { phq9Bands, scorePhq9 } from './phq9';
import { pseqBands, scorePseq } from './pseq';
import { answeredValues, meanOfAnswered, proratedSum, result, type Band, type Range, type ScoreResult } from './scoring';
import bpiJson from './questionnaires/bpi-sf.json';
import gad7Json from './questionnaires/gad7.json';
import mosSssJson from './questionnaires/mos-sss.json';
import coachingDeliveryJson from './questionnaires/coaching-delivery.json';
import pcsJson from './questionnaires/pcs.json';
import pegJson from './questionnaires/peg.json';
import phq9Json from './questionnaires/phq9.json';
import pseqJson from './questionnaires/pseq.json';

/** An instrument Kindred can administer and score: its Questionnaire, licence, ranges, bands and scoring function. */
export interface Instrument {
  id: string;
  title: string;
  licence: LicenceStatus;
  /** What the licence status rests on, and what is still unverified. */
  licenceNote: string;
  /** The publication(s) the items, scoring and bands come from (the Questionnaire's source extension). */
  source: string;
  /** False when item text must come from a licensed file (`withLicensedText`). */
  hasItemText: boolean;
  definition: InstrumentDefinition;
  totalRange: Range;
  subscaleRanges: Record<string, Range>;
  /** The bands `severity` is read from, and whether they apply to the total or to one item. */
  severityBands: { of: 'total' | string; bands: readonly Band[] } | null;
  /** One sentence: the score and the missing-item rule, for people choosing instruments. */
  scoringRule: string;
  score(answers: Answers): ScoreResult;
}

function builtIn(json: unknown): InstrumentDefinition {
  const read = readQuestionnaire(json, { requireScoring: false });
  if (!read.ok)
    throw new Error(`A built-in questionnaire is invalid: ${read.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
  return read.value;
}

function entry(
  json: unknown,
  rest: Omit<Instrument, 'id' | 'title' | 'source' | 'hasItemText' | 'definition'> & { licence: LicenceStatus },
): Instrument {
  const definition = builtIn(json);
  return {
    id: definition.id,
    title: definition.title,
    source: definition.source,
    hasItemText: mayShipText(rest.licence),
    definition,
    ...rest,
  };
}

/** The instruments Kindred ships, in the order a program would usually administer them. */
export const instruments: readonly Instrument[] = [
  entry(bpiJson, {
    licence: 'licence_required',
    licenceNote: 'Permission from Dr Cleeland / MD Anderson is required and fees may apply; structure and scoring only.',
    totalRange: { min: 0, max: 10 },
    subscaleRanges: { pain_severity: { min: 0, max: 10 }, pain_interference: { min: 0, max: 10 } },
    severityBands: { of: BPI_BAND_ITEM, bands: bpiPainBands },
    scoringRule:
      'Severity = mean of 4 items (≥3 answered); interference = mean of 7 items (≥4 answered); total = mean of the two subscales; band from the average-pain item.',
    score: (answers) => scoreBpi(answers),
  }),
  entry(pegJson, {
    licence: 'free',
    licenceNote:
      'Published open access and widely treated as free; items derive from the BPI, so confirm terms before commercial distribution.',
    totalRange: { min: 0, max: 10 },
    subscaleRanges: {},
    severityBands: null,
    scoringRule: 'Mean of the 3 items (all required); no validated bands.',
    score: scorePeg,
  }),
  entry(phq9Json, {
    licence: 'free',
    licenceNote: 'PHQ family: no permission or fee needed to reproduce, translate, display or distribute.',
    totalRange: { min: 0, max: 27 },
    subscaleRanges: {},
    severityBands: { of: 'total', bands: phq9Bands },
    scoringRule:
      'Sum of items 1-9; 1-2 missing are replaced by the mean of the rest (rounded), more is unscorable; item 9 > 0 raises a safety flag.',
    score: scorePhq9,
  }),
  entry(gad7Json, {
    licence: 'free',
    licenceNote: 'PHQ family: no permission or fee needed.',
    totalRange: { min: 0, max: 21 },
    subscaleRanges: {},
    severityBands: { of: 'total', bands: gad7Bands },
    scoringRule:
      'Sum of the 7 items; 1 missing is replaced by the mean of the rest (rounded, a project rule), more is unscorable.',
    score: scoreGad7,
  }),
  entry(pcsJson, {
    licence: 'licence_required',
    licenceNote: 'Licensed and distributed by Mapi Research Trust (ePROVIDE); structure and scoring only.',
    totalRange: { min: 0, max: 52 },
    subscaleRanges: { rumination: { min: 0, max: 16 }, magnification: { min: 0, max: 12 }, helplessness: { min: 0, max: 24 } },
    severityBands: { of: 'total', bands: pcsBands },
    scoringRule:
      'Sum of 13 items = sum of three subscales; a subscale with 1 missing item is prorated (a project rule); ≥30 is clinically relevant.',
    score: scorePcs,
  }),
  entry(pseqJson, {
    licence: 'unverified',
    licenceNote: 'Probably free for clinical and research use with citation, not verified; item text is not shipped until it is.',
    totalRange: { min: 0, max: 60 },
    subscaleRanges: {},
    severityBands: { of: 'total', bands: pseqBands },
    scoringRule: 'Sum of the 10 items (higher is better); up to 2 missing are prorated (a project rule); ePPOC bands.',
    score: scorePseq,
  }),
  entry(mosSssJson, {
    licence: 'free_with_attribution',
    licenceNote:
      'Posted by RAND for free use; cite the source. One European database says a licence is needed: confirm RAND’s terms.',
    totalRange: { min: 1, max: 5 },
    subscaleRanges: {
      emotional_informational: { min: 1, max: 5 },
      tangible: { min: 1, max: 5 },
      affectionate: { min: 1, max: 5 },
      positive_social_interaction: { min: 1, max: 5 },
    },
    severityBands: null,
    scoringRule:
      'Subscales and overall index are means of their items (1-5) over the answered items when at least half are answered (a project rule).',
    score: scoreMosSss,
  }),
  // Reported fidelity (issue #12, ADR 0023): scheduled at the end of the intervention like any instrument.
  entry(coachingDeliveryJson, {
    licence: 'free',
    licenceNote: 'Written for Kindred after the ECLIPSE fidelity method; free to use.',
    totalRange: { min: 0, max: 4 },
    subscaleRanges: {},
    severityBands: { of: 'total', bands: deliveryBands },
    scoringRule:
      'Number of the four essential elements the participant reports (0-4), all four required; 3 or more is high fidelity; the meeting frequency is recorded, not scored.',
    score: scoreCoachingDelivery,
  }),
];

/** The shipped instrument with this id, if any. */
export function findInstrument(id: string): Instrument | undefined {
  return instruments.find((i) => i.id === id);
}

/**
 * Scores a program-defined instrument by the sum or mean its file declares. A sum with missing items
 * (when the file allows fewer than all) uses mean substitution, rounded (halves up); a mean is taken
 * over the answered items.
 */
export function scoreDeclared(definition: InstrumentDefinition, answers: Answers): ScoreResult {
  const scoring = definition.scoring;
  if (!scoring) throw new Error(`Instrument ${definition.id} declares no scoring`);
  const linkIds = definition.items.filter((i) => i.isScored).map((i) => i.linkId);
  const values = answeredValues(answers, linkIds);
  const total =
    values.length < scoring.minAnswered
      ? null
      : scoring.method === 'mean'
        ? meanOfAnswered(values, scoring.minAnswered)
        : proratedSum(values, linkIds.length, linkIds.length - scoring.minAnswered);
  return result(definition.id, total);
}

/** Turns an imported definition (with declared scoring) into an instrument that scores like the shipped ones. */
export function instrumentFromDefinition(definition: InstrumentDefinition): Instrument {
  const scored = definition.items.filter((i) => i.isScored);
  const mins = scored.map((i) => i.min ?? 0);
  const maxes = scored.map((i) => i.max ?? 0);
  const isMean = definition.scoring?.method === 'mean';
  return {
    id: definition.id,
    title: definition.title,
    licence: definition.licence,
    licenceNote: 'Defined by the program, which is responsible for its terms.',
    source: definition.source,
    hasItemText: true,
    definition,
    totalRange: isMean
      ? { min: Math.min(...mins), max: Math.max(...maxes) }
      : { min: mins.reduce((a, b) => a + b, 0), max: maxes.reduce((a, b) => a + b, 0) },
    subscaleRanges: {},
    severityBands: null,
    scoringRule: `${isMean ? 'Mean' : 'Sum'} of ${scored.length} items, scorable with at least ${definition.scoring?.minAnswered} answered (declared in the file).`,
    score: (answers) => scoreDeclared(definition, answers),
  };
}

/** Checks the answers given (linkId → number or answer code) and scores them; throws DomainError `invalid_answers` on bad input. */
export function scoreAnswers(instrument: Instrument, input: unknown): ScoreResult {
  return instrument.score(parseAnswers(instrument.definition, input));
}
