import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

export const APP_NAME = 'Kindred';

let isFirstPage = true;

/** A one-time message passed with a navigation: `navigate(to, { state: { notice: 'Saved.' } })`. */
export function noticeOf(state: unknown): string | undefined {
  return typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string'
    ? state.notice
    : undefined;
}

/**
 * The notice that came with the navigation. It takes focus, so it is read out even when the page
 * stays the same (a live region added with its text already in it is not reliably announced).
 */
function FlashNotice() {
  const location = useLocation();
  const notice = noticeOf(location.state);
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) ref.current?.focus();
  }, [location.key, notice]);
  if (!notice) return null;
  return (
    <p ref={ref} tabIndex={-1} role="status" className="notice">
      {notice}
    </p>
  );
}

/**
 * A page: sets the document title and renders the one h1. After a client-side navigation the h1
 * takes focus, so screen reader users hear where they arrived (the first page load keeps focus),
 * unless the navigation brought a notice, which then takes focus instead.
 */
export function Page({
  title,
  intro,
  actions,
  children,
  width = 'wide',
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  width?: 'wide' | 'narrow';
}) {
  const h1 = useRef<HTMLHeadingElement>(null);
  const hasNotice = noticeOf(useLocation().state) !== undefined;
  useEffect(() => {
    document.title = title === APP_NAME ? APP_NAME : `${title} – ${APP_NAME}`;
  }, [title]);
  useEffect(() => {
    if (isFirstPage) {
      isFirstPage = false;
      return;
    }
    if (!hasNotice) h1.current?.focus();
    // Only on arrival: later renders must not pull focus away from the form in use.
  }, []);
  return (
    <div className={`page page--${width}`}>
      <div className="page__head">
        <h1 ref={h1} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page__actions">{actions}</div> : null}
      </div>
      <FlashNotice />
      {intro ? <div className="page__intro">{intro}</div> : null}
      {children}
    </div>
  );
}

/** A titled part of a page (an h2 section with an accessible name). */
export function Section({
  title,
  id,
  actions,
  children,
  level = 2,
}: {
  title: string;
  id: string;
  actions?: ReactNode;
  children?: ReactNode;
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section__head">
        <Heading id={id}>{title}</Heading>
        {actions ? <div className="section__actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
