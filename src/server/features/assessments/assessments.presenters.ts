/** Assessments: how instruments and responses are shown, and the refusal every use case shares. */
import { type InstrumentForm, type InstrumentSummary, type ResponseView } from '../../../core/assessments';
import { type Instrument } from '../../../core/instruments';
import { DomainError } from '../../../core/shared/errors';
import { type ProgramInstrument, type ResponseRecord } from './assessments.repository';

export const invalid = (reason: string, message: string) => new DomainError('invalid_state', reason, message);

// ---------------------------------------------------------------------------------------------
// Presenters

export function presentForm(i: Instrument): InstrumentForm {
  return {
    id: i.id,
    title: i.title,
    copyright: i.definition.copyright,
    items: i.definition.items.map((it) => ({
      linkId: it.linkId,
      prefix: it.prefix,
      text: it.text,
      kind: it.kind,
      options: it.options.map((o) => ({ code: o.code, display: o.display, value: o.value })),
      min: it.min,
      max: it.max,
    })),
  };
}

export function presentSummary(i: ProgramInstrument): InstrumentSummary {
  return {
    id: i.id,
    title: i.title,
    origin: i.origin,
    licence: i.licence,
    licenceNote: i.licenceNote,
    hasItemText: i.hasItemText,
    scoringRule: i.scoringRule,
    source: i.source,
    itemCount: i.definition.items.length,
  };
}

export function presentResponse(r: ResponseRecord): ResponseView {
  return {
    id: r.id,
    timepointKey: r.timepointKey,
    instrumentId: r.instrumentId,
    answers: { ...r.answers },
    total: r.score.total,
    subscales: r.score.subscales,
    severity: r.score.severity,
    complete: r.score.complete,
    flags: [...r.score.flags],
    method: r.method,
    enteredByName: r.enteredBy ? r.enteredByName : null,
    enteredAt: r.enteredAt.toISOString(),
    version: r.version,
  };
}

/** The bands a total is drawn against: only bands of the total (a band read from one item is not on the total's scale). */
export function totalBands(i: Instrument): { code: string; min: number; max: number }[] {
  return i.severityBands?.of === 'total' ? i.severityBands.bands.map((b) => ({ code: b.code, min: b.min, max: b.max })) : [];
}
