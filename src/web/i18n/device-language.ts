import { Locale } from '../../core/shared/locale';

/** Where the language chosen before sign-in is kept on this device (ADR 0051). Not personal data. */
export const DEVICE_LANGUAGE_KEY = 'kindred.language';

/** The device's storage, or null where it cannot be used (private mode, tests without it). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The language of the pages before sign-in: the one chosen on this device with "English / Español",
 * else the browser's first language Kindred has (`es-MX` → Spanish), else English.
 */
export function deviceLocale(
  kept: string | null = storage()?.getItem(DEVICE_LANGUAGE_KEY) ?? null,
  browser: readonly string[] = typeof navigator === 'undefined'
    ? []
    : navigator.languages?.length
      ? navigator.languages
      : [navigator.language],
): Locale {
  const chosen = Locale.safeParse(kept);
  if (chosen.success) return chosen.data;
  for (const tag of browser) {
    const base = Locale.safeParse(tag.toLowerCase().split('-')[0]);
    if (base.success) return base.data;
  }
  return 'en';
}

/** Keeps the language chosen before sign-in on this device. */
export function rememberDeviceLocale(locale: Locale): void {
  try {
    storage()?.setItem(DEVICE_LANGUAGE_KEY, locale);
  } catch {
    // A device that cannot keep it still shows the choice until the page is closed.
  }
}
