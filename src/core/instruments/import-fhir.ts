import { readQuestionnaire, type InstrumentDefinition, type Parsed } from './definition';
import { findInstrument } from './registry';

/**
 * Reads a program's own instrument from a FHIR R4 Questionnaire (JSON text or an already parsed
 * object). The file must declare its score with the Kindred `scoring` extension (`sum` or `mean`),
 * optionally `scoring-min-answered`; choice answers score by their ordinalValue (or a numeric code).
 * Returns the definition or every problem found; nothing is stored here.
 */
export function importQuestionnaire(input: unknown): Parsed<InstrumentDefinition> {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input) as unknown;
    } catch {
      return { ok: false, problems: [{ where: 'file', message: 'not valid JSON' }] };
    }
  }
  const read = readQuestionnaire(json, { requireScoring: true });
  if (!read.ok) return read;
  if (findInstrument(read.value.id)) {
    return {
      ok: false,
      problems: [
        { where: 'Questionnaire.id', message: `"${read.value.id}" is a built-in instrument; give the questionnaire another id` },
      ],
    };
  }
  return read;
}
