import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { englishT, isMessageId, useT, type MessageId, type Translate } from '../i18n/i18n';

/**
 * Moves focus (and so the scroll position) to a message when it appears or its words change: after
 * a submit the error summary or confirmation is where the eye goes, not 2,000 px up a phone's page
 * (issue #16). The element needs tabIndex={-1}. `key` is what makes it a new message.
 */
export function useFocusWhenShown(ref: RefObject<HTMLElement | null> | null, key: unknown): void {
  useEffect(() => {
    const el = ref?.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView?.({ block: 'center' });
  }, [ref, key]);
}

/** A polite status while something loads. */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p role="status" className="status status--loading">
      {label ?? t('ui.loading')}
    </p>
  );
}

/** A polite status when a list has nothing in it. */
export function Empty({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="status status--empty">
      {children}
    </p>
  );
}

/**
 * A polite confirmation, e.g. after saving; it takes focus when it appears, so a phone scrolls to it.
 * `focus={false}` for a standing note a page shows as it loads (it must not pull the page down).
 */
export function Notice({ children, focus = true }: { children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useFocusWhenShown(focus ? ref : null, typeof children === 'string' ? children : null);
  return (
    <p role="status" className="notice" tabIndex={-1} ref={ref}>
      {children}
    </p>
  );
}

interface ErrorLike {
  message: string;
  status?: number;
  requestId?: string | undefined;
  /** The server's error code and reason (ApiError), and its whole body for the numbers in it. */
  code?: string;
  reason?: string | undefined;
  body?: Readonly<Record<string, unknown>>;
}

function isErrorLike(e: unknown): e is ErrorLike {
  return typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string';
}

/**
 * The words for an error in the reader's language: not-found answers say so plainly; a refusal
 * whose reason or code the catalog knows (`refusal.reason.*`, `refusal.error.*`, ADR 0051) is said
 * with the numbers the server sent; anything else carries the server's (English) message.
 */
export function errorMessage(error: unknown, t: Translate = englishT): string {
  if (!isErrorLike(error)) return t('ui.somethingWrongTryAgain');
  if (error.status === 404 && /^not found\.?$/i.test(error.message)) return t('ui.notFoundOrNotYours');
  return refusalWords(error, t) ?? error.message;
}

/**
 * The catalog's words for a refusal's reason, else for its code, else null. The catalog speaks
 * only for the sentence it translates: its English, with the server's numbers, must be the
 * server's sentence word for word, so English readers see exactly what the server said, and a
 * reason the server words differently in another place keeps those words.
 */
function refusalWords(error: ErrorLike, t: Translate): string | null {
  const values = Object.fromEntries(
    Object.entries(error.body ?? {}).filter((e): e is [string, string | number] => ['string', 'number'].includes(typeof e[1])),
  );
  for (const id of [error.reason && `refusal.reason.${error.reason}`, error.code && `refusal.error.${error.code}`]) {
    if (id && isMessageId(id)) return catalogWords(id, values, error.message, t);
  }
  return null;
}

/** The catalog's words when its English is the server's sentence; null otherwise, or when numbers are missing. */
function catalogWords(
  id: MessageId,
  values: Record<string, string | number> | undefined,
  server: string,
  t: Translate,
): string | null {
  try {
    return englishT(id, values) === server ? t(id, values) : null;
  } catch {
    // A refusal without the numbers its words need (an older server): its own words, as sent.
    return null;
  }
}

/**
 * A refused field's words in the reader's language: Kindred's own words by their code
 * (`refusal.field.*`), a schema's own words as the server wrote them.
 */
export function fieldRefusalWords(
  field: { message: string; code?: string; values?: Record<string, number> },
  t: Translate,
): string {
  const id = field.code ? `refusal.field.${field.code}` : null;
  return (id && isMessageId(id) && catalogWords(id, field.values, field.message, t)) || field.message;
}

/** The request id to quote to support, only for failures on the server's side (a refusal explains itself). */
export function supportReference(error: unknown): string | null {
  if (!isErrorLike(error) || !error.requestId) return null;
  return error.status === undefined || error.status >= 500 ? error.requestId : null;
}

/** An assertive alert with the error's message, its request id (for support) and a retry. */
export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const t = useT();
  const requestId = supportReference(error);
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{title ?? t('ui.somethingWrong')}</p>
      <p>{errorMessage(error, t)}</p>
      {requestId ? <p className="alert__meta">{t('ui.reference', { id: requestId })}</p> : null}
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('ui.tryAgain')}
        </button>
      ) : null}
    </div>
  );
}

/** Renders a query's loading and error states, and its data once there. */
export function QueryView<T>({
  query,
  loadingLabel,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown; fetchStatus?: string };
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  // Offline, a page not opened before has nothing kept on the device: say so rather than load forever (ADR 0042).
  if (query.isPending && query.fetchStatus === 'paused') {
    return (
      <p className="notice" role="status">
        {t('ui.offlineNotOpened')}
      </p>
    );
  }
  if (query.isPending) return <Loading {...(loadingLabel ? { label: loadingLabel } : {})} />;
  if (query.error || query.data === undefined) {
    return <ErrorAlert error={query.error} title={t('ui.couldNotLoad')} onRetry={() => void query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}
