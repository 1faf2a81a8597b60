/**
 * The instrument library: validated questionnaires as FHIR R4 Questionnaires, scored by tested pure
 * functions, plus the import of a program's own instruments (FHIR Questionnaire, REDCap dictionary).
 * Rules and their sources: docs/decisions/0005-instrument-scoring.md.
 */
export { AnswerValue, AnswersInput, checkAnswers, parseAnswers, type Answers } from './answers';
export {
  LicenceStatus,
  licenceStatuses,
  mayShipText,
  readQuestionnaire,
  type AnswerChoice,
  type DeclaredScoring,
  type InstrumentDefinition,
  type InstrumentItem,
  type ItemKind,
  type Parsed,
  type Problem,
} from './definition';
export { Questionnaire, QuestionnaireItem, KINDRED_FHIR_BASE, ext as kindredExtensions } from './questionnaire';
export { safetyFlags, bandOf, type Band, type Range, type SafetyFlag, type ScoreResult } from './scoring';
export { instruments, findInstrument, instrumentFromDefinition, scoreAnswers, scoreDeclared, type Instrument } from './registry';
export { withLicensedText, LicensedText, licensedPlaceholder, isLicensedPlaceholder } from './licensed-text';
export { importQuestionnaire } from './import-fhir';
export { importRedcapDictionary } from './import-redcap';
export { parseCsv } from './csv';
export { scorePhq9, phq9Bands, PHQ9_ITEMS, PHQ9_SAFETY_ITEM } from './phq9';
export { scoreGad7, gad7Bands, GAD7_ITEMS } from './gad7';
export { scorePeg, PEG_ITEMS } from './peg';
export { scoreBpi, bpiPainBands, BPI_SEVERITY_ITEMS, BPI_INTERFERENCE_ITEMS, type BpiTotal } from './bpi';
export { scorePcs, pcsBands, PCS_SUBSCALES } from './pcs';
export { scorePseq, pseqBands, PSEQ_ITEMS } from './pseq';
export { scoreMosSss, mosTo0to100, MOS_SUBSCALES, MOS_INDEX_ITEMS } from './mos-sss';
export {
  scoreCoachingDelivery,
  deliveryBands,
  deliveryFrequencyByValue,
  DELIVERY_ELEMENT_ITEMS,
  DELIVERY_FREQUENCY_ITEM,
} from './coaching-delivery';
