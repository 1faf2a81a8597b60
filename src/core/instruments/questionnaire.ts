import { z } from 'zod';

/**
 * The part of a FHIR R4 `Questionnaire` that Kindred reads. Unknown fields are kept (loose objects),
 * so a stored resource round-trips; only what scoring and display need is checked.
 */

/** Canonical base of Kindred's own extensions and code systems (RFC 2606 `.invalid`: it names, it does not resolve). */
export const KINDRED_FHIR_BASE = 'https://kindred.invalid/fhir';
export const ext = {
  /** valueCode: the instrument's licence status (see `LicenceStatus`). */
  licence: `${KINDRED_FHIR_BASE}/StructureDefinition/licence`,
  /** valueString: the publication(s) the items, scoring and bands come from. */
  source: `${KINDRED_FHIR_BASE}/StructureDefinition/source`,
  /** valueBoolean false on an item: answered and stored, but not part of any score. */
  itemScored: `${KINDRED_FHIR_BASE}/StructureDefinition/item-scored`,
  /** valueCode `sum` or `mean`: the simple scoring a program declares for its own instrument. */
  scoring: `${KINDRED_FHIR_BASE}/StructureDefinition/scoring`,
  /** valueInteger: how many scored items must be answered for a declared score (default: all). */
  scoringMinAnswered: `${KINDRED_FHIR_BASE}/StructureDefinition/scoring-min-answered`,
  /** FHIR R4 core extensions. */
  ordinalValue: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
} as const;

/** Extensions other tools use for an answer's numeric weight, read on import (R4, R4 ballots, R5/SDC, STU3). */
export const ordinalExtensionUrls: readonly string[] = [
  ext.ordinalValue,
  'http://hl7.org/fhir/StructureDefinition/itemWeight',
  'http://hl7.org/fhir/StructureDefinition/questionnaire-ordinalValue',
  'http://hl7.org/fhir/StructureDefinition/iso21090-CO-value',
];

/** Text limits keep an imported file from carrying pages of text into forms (issue #10). */
export const Extension = z.looseObject({
  url: z.string().min(1).max(500),
  valueCode: z.string().max(200).optional(),
  valueString: z.string().max(2000).optional(),
  valueBoolean: z.boolean().optional(),
  valueInteger: z.number().int().optional(),
  valueDecimal: z.number().optional(),
});
export type Extension = z.infer<typeof Extension>;

export const Coding = z.looseObject({
  system: z.string().max(500).optional(),
  code: z.string().max(200).optional(),
  display: z.string().max(2000).optional(),
  extension: z.array(Extension).optional(),
});
export type Coding = z.infer<typeof Coding>;

export const AnswerOption = z.looseObject({
  valueCoding: Coding.optional(),
  valueInteger: z.number().int().optional(),
  valueString: z.string().max(2000).optional(),
  extension: z.array(Extension).optional(),
});
export type AnswerOption = z.infer<typeof AnswerOption>;

export const QuestionnaireItem = z.looseObject({
  linkId: z.string().min(1).max(100),
  prefix: z.string().max(40).optional(),
  text: z.string().max(4000).optional(),
  type: z.string().min(1).max(40),
  required: z.boolean().optional(),
  extension: z.array(Extension).optional(),
  answerOption: z.array(AnswerOption).optional(),
  get item() {
    return z.array(QuestionnaireItem).optional();
  },
});
export type QuestionnaireItem = z.infer<typeof QuestionnaireItem>;

export const Questionnaire = z.looseObject({
  resourceType: z.literal('Questionnaire'),
  id: z.string().max(100).optional(),
  url: z.string().max(500).optional(),
  version: z.string().max(100).optional(),
  name: z.string().max(200).optional(),
  title: z.string().max(200).optional(),
  status: z.enum(['draft', 'active', 'retired', 'unknown']),
  description: z.string().max(4000).optional(),
  copyright: z.string().max(4000).optional(),
  extension: z.array(Extension).optional(),
  item: z.array(QuestionnaireItem).optional(),
});
export type Questionnaire = z.infer<typeof Questionnaire>;

/** The first extension with this url, if any. */
export function findExtension(extensions: readonly Extension[] | undefined, url: string): Extension | undefined {
  return extensions?.find((e) => e.url === url);
}
