import { checkAnswers, findInstrument, instruments } from '../core/instruments';

export interface ScoreCommandOptions {
  answers?: string;
  list?: boolean;
}

/** What `kindred score` prints, or the usage error it exits 2 with. */
export type ScoreCommandOutcome = { ok: true; out: string } | { ok: false; error: string };

/**
 * `kindred score <instrument> --answers '<json>'`: one JSON object
 * `{"instrument","total","subscales","severity","complete","flags"}` on stdout; an unscorable but
 * valid response is still a result (total null). `--list` prints the instruments. Needs no database.
 * Errors name the problem (instrument, JSON, linkId, range), never an answer's value.
 */
export function runScoreCommand(instrumentId: string | undefined, options: ScoreCommandOptions): ScoreCommandOutcome {
  if (options.list) {
    if (instrumentId !== undefined || options.answers !== undefined)
      return { ok: false, error: '--list takes no instrument or --answers' };
    const list = instruments.map((i) => ({ id: i.id, title: i.title, licence: i.licence, itemText: i.hasItemText }));
    return { ok: true, out: `${JSON.stringify(list, null, 2)}\n` };
  }
  const known = instruments.map((i) => i.id).join(', ');
  if (instrumentId === undefined) return { ok: false, error: `Name an instrument (${known}), or use --list` };
  const instrument = findInstrument(instrumentId);
  if (!instrument) return { ok: false, error: `Unknown instrument "${instrumentId}"; known instruments: ${known}` };
  if (options.answers === undefined) {
    return {
      ok: false,
      error: `--answers is required: a JSON object of linkId → answer, e.g. '{"${instrument.definition.items[0]!.linkId}": 1}'`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(options.answers);
  } catch {
    return { ok: false, error: '--answers is not valid JSON' };
  }
  const checked = checkAnswers(instrument.definition, json);
  if (!checked.ok) {
    return {
      ok: false,
      error: `Invalid answers for ${instrument.id}: ${checked.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`,
    };
  }
  const { instrument: id, total, subscales, severity, complete, flags } = instrument.score(checked.value);
  return { ok: true, out: `${JSON.stringify({ instrument: id, total, subscales, severity, complete, flags })}\n` };
}
