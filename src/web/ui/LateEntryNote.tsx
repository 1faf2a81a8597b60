import type { LateEntryView } from '../../core/shared/late-entry';
import { formatDay } from './dates';

/** "Entered late by Sam on Tue 3 Dec: paper log from the clinic" (ADR 0030). */
export function lateEntryWords(mark: NonNullable<LateEntryView>, now: Date = new Date()): string {
  return `Entered late by ${mark.byName || 'staff'} on ${formatDay(new Date(mark.at), now)}: ${mark.reason}`;
}

/** The late-entry line under a record, or nothing for a record entered on time. */
export function LateEntryNote({ mark }: { mark: LateEntryView | undefined }) {
  if (!mark) return null;
  return <p className="muted">{lateEntryWords(mark)}</p>;
}
