import type { LateEntryView } from '../../core/shared/late-entry';
import { formatInstantDay, type WhenOptions } from './dates';

/** "Entered late by Sam on Tue 3 Mar: paper log from the clinic" (ADR 0030), the day in the options' zone. */
export function lateEntryWords(mark: NonNullable<LateEntryView>, o: WhenOptions = {}): string {
  return `Entered late by ${mark.byName || 'staff'} on ${formatInstantDay(mark.at, o)}: ${mark.reason}`;
}

/** The late-entry line under a record, or nothing for a record entered on time; `timeZone` is the program's. */
export function LateEntryNote({ mark, timeZone }: { mark: LateEntryView | undefined; timeZone?: string }) {
  if (!mark) return null;
  return <p className="muted">{lateEntryWords(mark, { timeZone })}</p>;
}
