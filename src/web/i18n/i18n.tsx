/**
 * The web app's words in the person's language (issue #16, ADR 0041): ICU messages through
 * FormatJS (react-intl). English is the source catalog (messages/en.json: id → message and a
 * description for the translator); other languages are catalogs of the same ids (messages/es.json).
 */
import { createIntl, createIntlCache, IntlContext, IntlProvider, type IntlShape, type PrimitiveType } from 'react-intl';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../core/shared/locale';
import en from './messages/en.json';
import es from './messages/es.json';

/** Every message id the web app may use: a typo is a compile error. */
export type MessageId = keyof typeof en;

/** The English source catalog as FormatJS reads it (id → message). */
export const englishMessages: Record<MessageId, string> = Object.fromEntries(
  Object.entries(en).map(([id, m]) => [id, m.defaultMessage]),
) as Record<MessageId, string>;

/** Whether a message id built at run time (`refusal.reason.${reason}`) is in the catalog. */
export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(englishMessages, id);
}

/** A language the app can render in: a person's language, or `pseudo` (tests only, ADR 0041). */
export type AppLocale = Locale | 'pseudo';

const catalogs: Record<Locale, Record<string, string>> = { en: englishMessages, es };

/** The BCP 47 tag of a language: what `<html lang>` and Intl formatters are given. */
export function languageTag(locale: AppLocale): string {
  return locale === 'pseudo' ? 'en-XA' : locale;
}

/**
 * Wraps the app in the person's language and keeps `<html lang>` in step. `messages` replaces the
 * catalog (the pseudo-locale test passes its own).
 */
export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: AppLocale;
  messages?: Record<string, string>;
  children: ReactNode;
}) {
  const tag = languageTag(locale);
  useEffect(() => {
    document.documentElement.lang = tag;
  }, [tag]);
  return (
    <IntlProvider
      locale={tag}
      defaultLocale="en"
      messages={messages ?? catalogs[locale === 'pseudo' ? 'en' : locale]}
      onError={onIntlError}
    >
      {children}
    </IntlProvider>
  );
}

/** A missing translation falls back to English (the completeness test catches it); other errors are bugs. */
function onIntlError(error: { code?: string }): void {
  if (error.code === 'MISSING_TRANSLATION') return;
  throw error as Error;
}

let englishIntl: IntlShape | null = null;
/** Outside a provider (a component test of a primitive): English. */
function fallbackIntl(): IntlShape {
  englishIntl ??= createIntl({ locale: 'en', messages: englishMessages, onError: onIntlError }, createIntlCache());
  return englishIntl;
}

function useIntlOrEnglish(): IntlShape {
  return useContext(IntlContext) ?? fallbackIntl();
}

/** The person's language for formatting dates and numbers (`pseudo` formats as English). */
export function useLocale(): Locale {
  const intl = useIntlOrEnglish();
  return intl.locale === 'es' ? 'es' : 'en';
}

export type Translate = ((id: MessageId, values?: Record<string, PrimitiveType>) => string) & {
  /** A message with React elements in it, e.g. a link in a sentence: `t.rich('x', { phone: <a …/> })`. */
  rich: (id: MessageId, values: Record<string, PrimitiveType | ReactNode | ((chunks: ReactNode[]) => ReactNode)>) => ReactNode;
};

/** `t('participants.myCoach.title')`: a message in the person's language, English when it has no translation. */
export function useT(): Translate {
  const intl = useIntlOrEnglish();
  return useMemo(() => translator(intl), [intl]);
}

/** The same translation outside React (a list of navigation labels built by a plain function). */
export function translator(intl: IntlShape): Translate {
  const t = ((id: MessageId, values?: Record<string, PrimitiveType>) =>
    intl.formatMessage({ id, defaultMessage: englishMessages[id] }, values)) as Translate;
  t.rich = (id, values) => <>{intl.formatMessage({ id, defaultMessage: englishMessages[id] }, values as never)}</>;
  return t;
}

/** English, for code paths that have no person (and for tests of plain functions). */
export const englishT: Translate = translator(fallbackIntl());

/**
 * A vocabulary's words in the person's language: `labelsOf(t, 'vocab.channel', channelLabels)` reads
 * `vocab.channel.phone`, … for each key of the English map (a key without a message shows its id,
 * which the pseudo-locale test catches).
 */
export function labelsOf<K extends string>(t: Translate, prefix: string, english: Record<K, string>): Record<K, string> {
  return Object.fromEntries(Object.keys(english).map((k) => [k, t(`${prefix}.${k}` as MessageId)])) as Record<K, string>;
}

/** Where a page with no signed-in person (the one-time questionnaire link) offers the language it knows. */
export const PageLocaleContext = createContext<(locale: Locale | null) => void>(() => undefined);

/** A public page's language (the participant's, from the link), for as long as the page is open. */
export function usePageLocale(locale: Locale | undefined): void {
  const offer = useContext(PageLocaleContext);
  useEffect(() => {
    if (!locale) return;
    offer(locale);
    return () => offer(null);
  }, [offer, locale]);
}
