import { z } from 'zod';
import { essentialElements, type EssentialElement } from '../contacts';
import {
  asOfInstant,
  engagementFromCounts,
  interventionWindow,
  isInWindow,
  type CohortFacts,
  type FrequencyCategory,
  type MeasureRules,
} from '../engagement';
import { DELIVERY_ELEMENT_ITEMS, DELIVERY_FREQUENCY_ITEM, deliveryFrequencyByValue, type Answers } from '../instruments';
import { cohensKappa, tally, type Agreement } from './kappa';

export { cohensKappa, tally, type Agreement, type TwoByTwo } from './kappa';
export { HIGH_FIDELITY, eclipseBenchmarks } from './benchmarks';
import { HIGH_FIDELITY } from './benchmarks';

/**
 * Fidelity two ways, side by side (issue #12, ADR 0023): logged (from the coaches' reached contacts
 * inside the intervention window) and reported (ECLIPSE's method: the participant's end-of-program
 * coaching-delivery questionnaire), with agreement per element. Pure: the caller passes `now`.
 */

/** The instrument reported fidelity is read from. */
export const DELIVERY_INSTRUMENT = 'coaching-delivery';

/** One reached contact with the elements the coach logged. */
export interface LoggedContact {
  coachId: string;
  occurredAt: Date;
  elements: Record<EssentialElement, boolean>;
}

/** A participant ever paired, with his or her reached contacts (every pairing) and latest delivery response. */
export interface FidelityFacts extends Omit<CohortFacts, 'reachedAt'> {
  contacts: readonly LoggedContact[];
  /** The latest coaching-delivery answers, if the participant answered. */
  delivery: Answers | null;
}

/** A participant ever paired with his or her latest delivery response, without the contacts. */
export type FidelityPerson = Omit<FidelityFacts, 'contacts'>;

/**
 * The reached contacts of one participant with one coach, counted: inside the participant's window
 * (as of min(now, end)), outside it, and per element how many of those inside delivered it.
 * What a database gives by GROUP BY participant, coach (see `countingBounds`).
 */
export interface ContactTally {
  participantId: string;
  coachId: string;
  inWindow: number;
  outside: number;
  delivered: Record<EssentialElement, number>;
}

/** Counts each participant's contacts per coach, inside and outside the window (`isInWindow`). */
export function tallyContacts(
  facts: readonly FidelityFacts[],
  rules: Pick<MeasureRules, 'lengthDays'>,
  now: Date,
): ContactTally[] {
  const out: ContactTally[] = [];
  for (const f of facts) {
    const window = interventionWindow(f.firstPairedAt, rules.lengthDays);
    const asOf = asOfInstant(now, f.endedAt);
    const byCoach = new Map<string, ContactTally>();
    for (const c of f.contacts) {
      let t = byCoach.get(c.coachId);
      if (!t) {
        t = {
          participantId: f.participantId,
          coachId: c.coachId,
          inWindow: 0,
          outside: 0,
          delivered: { discussedStrategies: 0, gaveEncouragement: 0, discussedAdjusting: 0, discussedGoals: 0 },
        };
        byCoach.set(c.coachId, t);
        out.push(t);
      }
      if (!isInWindow(c.occurredAt, window, asOf)) t.outside++;
      else {
        t.inWindow++;
        for (const e of essentialElements) if (c.elements[e]) t.delivered[e]++;
      }
    }
  }
  return out;
}

const ElementCount = z.object({ delivered: z.int(), rate: z.number().nullable() });
const Elements = z.object({
  discussedStrategies: ElementCount,
  gaveEncouragement: ElementCount,
  discussedAdjusting: ElementCount,
  discussedGoals: ElementCount,
});
const FrequencyCounts = z.object({ weekly: z.int(), twice_monthly: z.int(), monthly: z.int(), less_than_monthly: z.int() });
const AgreementView = z.object({
  n: z.int(),
  bothYes: z.int(),
  loggedOnly: z.int(),
  reportedOnly: z.int(),
  bothNo: z.int(),
  observed: z.number().nullable(),
  expected: z.number().nullable(),
  kappa: z.number().nullable(),
});

export const FidelityReportView = z.object({
  source: z.literal('logged'),
  programId: z.uuid(),
  windowDays: z.int(),
  generatedAt: z.string(),
  reachedContacts: z.int(),
  /** Reached contacts after a participant's window (or end date): logged, not counted. */
  reachedOutsideWindow: z.int(),
  elements: Elements,
  coaches: z.array(z.object({ coachCode: z.string(), reachedContacts: z.int(), fidelity: z.number(), high: z.boolean() })),
  highFidelityShare: z.number().nullable(),
  reported: z
    .object({
      source: z.literal('reported'),
      instrumentId: z.string(),
      /** Complete responses (all four elements answered). */
      responses: z.int(),
      /** Responses with an element left unanswered: not counted as "no". */
      incomplete: z.int(),
      elements: Elements,
      coaches: z.array(z.object({ coachCode: z.string(), responses: z.int(), fidelity: z.number(), high: z.boolean() })),
      highFidelityShare: z.number().nullable(),
      frequency: FrequencyCounts,
    })
    .nullable(),
  agreement: z
    .object({
      rule: z.string(),
      elements: z.object({
        discussedStrategies: AgreementView,
        gaveEncouragement: AgreementView,
        discussedAdjusting: AgreementView,
        discussedGoals: AgreementView,
      }),
      /** Logged meeting-frequency category against the recalled one, same category. */
      frequency: z.object({ n: z.int(), same: z.int(), share: z.number().nullable() }),
    })
    .nullable(),
});
export type FidelityReportView = z.infer<typeof FidelityReportView>;

type Elements = z.infer<typeof Elements>;

/** Fidelity of one group of observations: the mean share of the four elements, high at ≥ 0.75. */
function fidelityOf(observations: readonly Record<EssentialElement, boolean>[]): number {
  const delivered = observations.reduce((s, o) => s + essentialElements.filter((e) => o[e]).length, 0);
  return delivered / (4 * observations.length);
}

/** The same from counts: elements delivered over all contacts ÷ (4 × contacts). */
function fidelityOfCounts(delivered: Record<EssentialElement, number>, n: number): number {
  return essentialElements.reduce((s, e) => s + delivered[e], 0) / (4 * n);
}

function elementRates(observations: readonly Record<EssentialElement, boolean>[]): Elements {
  const delivered = emptyCounts();
  for (const o of observations) for (const e of essentialElements) if (o[e]) delivered[e]++;
  return elementRatesOfCounts(delivered, observations.length);
}

function elementRatesOfCounts(delivered: Record<EssentialElement, number>, n: number): Elements {
  const out = {} as Elements;
  for (const e of essentialElements) out[e] = { delivered: delivered[e], rate: n ? delivered[e] / n : null };
  return out;
}

const emptyCounts = (): Record<EssentialElement, number> => ({
  discussedStrategies: 0,
  gaveEncouragement: 0,
  discussedAdjusting: 0,
  discussedGoals: 0,
});

function groupBy<R extends { value: unknown }>(rows: readonly R[], key: (r: R) => string): Map<string, R['value'][]> {
  const m = new Map<string, R['value'][]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r.value);
    else m.set(k, [r.value]);
  }
  return m;
}
const byCoach = <R extends { coachId: string; value: unknown }>(rows: readonly R[]) => groupBy(rows, (r) => r.coachId);

/** The reported elements of a delivery response, or null when one of the four is unanswered. */
export function reportedElements(answers: Answers): Record<EssentialElement, boolean> | null {
  const out = {} as Record<EssentialElement, boolean>;
  for (const e of essentialElements) {
    const v = answers[DELIVERY_ELEMENT_ITEMS[e]];
    if (typeof v !== 'number') return null;
    out[e] = v === 1;
  }
  return out;
}

/** The recalled meeting frequency of a delivery response, or null when unanswered. */
export function reportedFrequency(answers: Answers): FrequencyCategory | null {
  const v = answers[DELIVERY_FREQUENCY_ITEM];
  return typeof v === 'number' ? (deliveryFrequencyByValue[v] ?? null) : null;
}

export const AGREEMENT_RULE =
  'Per participant with a complete questionnaire and at least one reached contact in the window: the element logged in any of those contacts (ever delivered) against the participant’s yes or no.';

/**
 * The fidelity report: logged fidelity over reached contacts inside each participant's window (up
 * to his or her end date), reported fidelity over complete delivery questionnaires, and agreement.
 * Coaches appear by code; reported fidelity is credited to the participant's latest coach.
 */
export function fidelityReport(
  facts: readonly FidelityFacts[],
  coachCodes: ReadonlyMap<string, string>,
  rules: MeasureRules & { programId: string },
  now: Date,
): FidelityReportView {
  return fidelityReportFromTallies(facts, tallyContacts(facts, rules, now), coachCodes, rules, now);
}

/**
 * The fidelity report from the participants and their contacts counted per coach (`ContactTally`),
 * so that a database can count the contacts and nothing grows with their number.
 */
export function fidelityReportFromTallies(
  people: readonly FidelityPerson[],
  tallies: readonly ContactTally[],
  coachCodes: ReadonlyMap<string, string>,
  rules: MeasureRules & { programId: string },
  now: Date,
): FidelityReportView {
  const code = (coachId: string) => coachCodes.get(coachId) ?? '';
  // Per coach and per participant: in-window contacts and elements delivered among them.
  const coachTotals = new Map<string, { n: number; delivered: Record<EssentialElement, number> }>();
  const participantTotals = new Map<string, { n: number; delivered: Record<EssentialElement, number> }>();
  const programDelivered = emptyCounts();
  let reachedContacts = 0;
  let outside = 0;
  const add = (m: Map<string, { n: number; delivered: Record<EssentialElement, number> }>, key: string, t: ContactTally) => {
    let g = m.get(key);
    if (!g) m.set(key, (g = { n: 0, delivered: emptyCounts() }));
    g.n += t.inWindow;
    for (const e of essentialElements) g.delivered[e] += t.delivered[e];
  };
  for (const t of tallies) {
    outside += t.outside;
    if (t.inWindow === 0) continue;
    reachedContacts += t.inWindow;
    for (const e of essentialElements) programDelivered[e] += t.delivered[e];
    add(coachTotals, t.coachId, t);
    add(participantTotals, t.participantId, t);
  }
  const sortByCode = <T extends { coachCode: string }>(rows: T[]) => rows.sort((a, b) => a.coachCode.localeCompare(b.coachCode));
  const loggedCoaches = sortByCode(
    [...coachTotals].map(([coachId, g]) => {
      const fidelity = fidelityOfCounts(g.delivered, g.n);
      return { coachCode: code(coachId), reachedContacts: g.n, fidelity, high: fidelity >= HIGH_FIDELITY };
    }),
  );

  const responses = people.flatMap((f) =>
    f.delivery ? [{ f, answers: f.delivery, elements: reportedElements(f.delivery) }] : [],
  );
  const complete = responses.flatMap((r) => (r.elements ? [{ coachId: r.f.coachId, value: r.elements, f: r.f }] : []));
  let reported: FidelityReportView['reported'] = null;
  let agreement: FidelityReportView['agreement'] = null;
  if (responses.length > 0) {
    const reportedCoaches = sortByCode(
      [...byCoach(complete)].map(([coachId, obs]) => {
        const fidelity = fidelityOf(obs);
        return { coachCode: code(coachId), responses: obs.length, fidelity, high: fidelity >= HIGH_FIDELITY };
      }),
    );
    const frequency = { weekly: 0, twice_monthly: 0, monthly: 0, less_than_monthly: 0 };
    for (const r of responses) {
      const fr = reportedFrequency(r.answers);
      if (fr) frequency[fr]++;
    }
    reported = {
      source: 'reported',
      instrumentId: DELIVERY_INSTRUMENT,
      responses: complete.length,
      incomplete: responses.length - complete.length,
      elements: elementRates(complete.map((c) => c.value)),
      coaches: reportedCoaches,
      highFidelityShare: share(reportedCoaches),
      frequency,
    };

    // Agreement: per participant, logged "ever delivered" in the window against the reported yes/no.
    const paired = complete.flatMap((c) => {
      const logged = participantTotals.get(c.f.participantId);
      return logged && logged.n > 0 ? [{ c, logged }] : [];
    });
    const elements = {} as NonNullable<FidelityReportView['agreement']>['elements'];
    for (const e of essentialElements) {
      const k: Agreement = cohensKappa(tally(paired.map(({ c, logged }) => [logged.delivered[e] > 0, c.value[e]] as const)));
      elements[e] = {
        n: k.n,
        bothYes: k.bothYes,
        loggedOnly: k.firstOnly,
        reportedOnly: k.secondOnly,
        bothNo: k.bothNo,
        observed: k.observed,
        expected: k.expected,
        kappa: k.kappa,
      };
    }
    const outsideBy = new Map<string, number>();
    for (const t of tallies) outsideBy.set(t.participantId, (outsideBy.get(t.participantId) ?? 0) + t.outside);
    const freqPairs = responses.flatMap((r) => {
      const recalled = reportedFrequency(r.answers);
      const counts = {
        inWindow: participantTotals.get(r.f.participantId)?.n ?? 0,
        outside: outsideBy.get(r.f.participantId) ?? 0,
      };
      const loggedCategory = engagementFromCounts(r.f, counts, rules, now).frequency;
      return recalled && loggedCategory ? [loggedCategory === recalled] : [];
    });
    const same = freqPairs.filter(Boolean).length;
    agreement = {
      rule: AGREEMENT_RULE,
      elements,
      frequency: { n: freqPairs.length, same, share: freqPairs.length ? same / freqPairs.length : null },
    };
  }

  return {
    source: 'logged',
    programId: rules.programId,
    windowDays: rules.lengthDays,
    generatedAt: now.toISOString(),
    reachedContacts,
    reachedOutsideWindow: outside,
    elements: elementRatesOfCounts(programDelivered, reachedContacts),
    coaches: loggedCoaches,
    highFidelityShare: share(loggedCoaches),
    reported,
    agreement,
  };
}

function share(coaches: readonly { high: boolean }[]): number | null {
  return coaches.length ? coaches.filter((c) => c.high).length / coaches.length : null;
}
