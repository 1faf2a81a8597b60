import { createContext, useContext, useMemo } from 'react';
import { useLocale } from '../i18n/i18n';
import { deviceTimeZone, formatDateTime, formatInstantDay, instantAgo, todayOn, type WhenOptions } from '../ui/dates';
import { useOptionalProgram } from './program';

/** The device's zone, given by tests (the browser's own otherwise): see `useWhen`. */
const DeviceZone = createContext<string | null>(null);
export const DeviceZoneProvider = DeviceZone.Provider;

export interface When {
  /** The program's zone, or undefined outside a program (the device's is used). */
  timeZone: string | undefined;
  /** "Tue 8 Dec, 6:00 PM", with the zone named when the program's is not the device's. */
  dateTime: (iso: string) => string;
  /** "today", "12 days ago": calendar days where the program is. */
  ago: (iso: string) => string;
  /** "Tue 8 Dec": the day of an instant where the program is. */
  day: (iso: string) => string;
  /** Today's date (`YYYY-MM-DD`) where the program is, e.g. the latest day a form accepts. */
  today: () => string;
}

/**
 * Instants in the reader's language and the program's zone (issue #16). Outside a program (e.g. the
 * account's own pages) there is no program zone, so the device's is used and no zone is named.
 */
export function useWhen(): When {
  const locale = useLocale();
  const timeZone = useOptionalProgram()?.timeZone;
  const deviceZone = useContext(DeviceZone) ?? deviceTimeZone();
  return useMemo(() => {
    const at = (): WhenOptions => ({ now: new Date(), locale, timeZone, deviceZone });
    return {
      timeZone,
      dateTime: (iso) => formatDateTime(iso, at()),
      ago: (iso) => instantAgo(iso, at()),
      day: (iso) => formatInstantDay(iso, at()),
      today: () => todayOn(new Date(), timeZone ?? deviceZone),
    };
  }, [locale, timeZone, deviceZone]);
}
