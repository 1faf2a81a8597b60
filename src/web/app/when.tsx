import { createContext, useContext, useMemo } from 'react';
import { useLocale } from '../i18n/i18n';
import {
  deviceTimeZone,
  dueOnPhrase,
  formatDateOn,
  formatDateTime,
  formatInstantDay,
  fromLocalInputValue,
  instantAgo,
  nextContactPhrase,
  todayOn,
  toLocalInputValue,
  zoneIfElsewhere,
  type WhenOptions,
} from '../ui/dates';
import { useOptionalProgram } from './program';

/** The device's zone, given by tests (the browser's own otherwise): see `useWhen`. */
const DeviceZone = createContext<string | null>(null);
export const DeviceZoneProvider = DeviceZone.Provider;

export interface When {
  /** The zone times are read in: the program's, or the device's outside a program. */
  timeZone: string;
  /** "Tue 8 Dec, 6:00 PM", with the zone named when the program's is not the device's. */
  dateTime: (iso: string) => string;
  /** "today", "12 days ago": calendar days where the program is. */
  ago: (iso: string) => string;
  /** "Tue 8 Dec": the day of an instant where the program is. */
  day: (iso: string) => string;
  /** Today's date (`YYYY-MM-DD`) where the program is, e.g. the latest day a form accepts. */
  today: () => string;
  /** "Tue 8 Dec": a calendar date (never moved by a zone), with the year when it is not this year where the program is. */
  dateOn: (on: string) => string;
  /** "due today", "was due Tue 8 Dec (2 days ago)": a calendar date counted from today where the program is. */
  dueOn: (on: string) => string;
  /** "due tomorrow, the scheduled session": the next contact counted like `dueOn`. */
  nextContact: (on: string, basis: Parameters<typeof nextContactPhrase>[1]) => string;
  /** "Pacific time" when the program's zone is not the device's (say it by a time field), else null. */
  zoneElsewhere: string | null;
  /** An instant as a `datetime-local` value on the program's clock. */
  toInput: (d: Date) => string;
  /** A `datetime-local` value on the program's clock as an ISO instant, or null. */
  fromInput: (value: string) => string | null;
}

/**
 * Instants in the reader's language and the program's zone, and calendar dates counted from the
 * program's today (issue #16). Outside a program (e.g. the account's own pages) there is no program
 * zone, so the device's is used and no zone is named.
 */
export function useWhen(): When {
  const locale = useLocale();
  const timeZone = useOptionalProgram()?.timeZone;
  const deviceZone = useContext(DeviceZone) ?? deviceTimeZone();
  return useMemo(() => {
    const at = (): WhenOptions => ({ now: new Date(), locale, timeZone, deviceZone });
    const zone = timeZone ?? deviceZone;
    return {
      timeZone: zone,
      dateTime: (iso) => formatDateTime(iso, at()),
      ago: (iso) => instantAgo(iso, at()),
      day: (iso) => formatInstantDay(iso, at()),
      today: () => todayOn(new Date(), zone),
      dateOn: (on) => formatDateOn(on, new Date(), locale, zone),
      dueOn: (on) => dueOnPhrase(on, new Date(), zone),
      nextContact: (on, basis) => nextContactPhrase(on, basis, new Date(), zone),
      zoneElsewhere: zoneIfElsewhere(at()),
      toInput: (d) => toLocalInputValue(d, zone),
      fromInput: (value) => fromLocalInputValue(value, zone),
    };
  }, [locale, timeZone, deviceZone]);
}
