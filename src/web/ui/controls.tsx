import { useLayoutEffect, useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';
import { useT } from '../i18n/i18n';

type Variant = 'primary' | 'secondary' | 'quiet' | 'danger';

/** A button; `busy` disables it and says so while a request runs. */
export function Button({
  variant = 'primary',
  busy = false,
  busyLabel,
  children,
  className,
  type = 'button',
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; busy?: boolean; busyLabel?: string }) {
  return (
    <button
      type={type}
      className={`button button--${variant} ${className ?? ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

/** A link that looks like a button (it still navigates, so it stays a link for assistive technology). */
export function ButtonLink({ variant = 'primary', className, ...rest }: LinkProps & { variant?: Variant }) {
  return <Link className={`button button--${variant} ${className ?? ''}`} {...rest} />;
}

/** Text only screen readers announce (e.g. to make repeated link names unique). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}

type Tone = 'neutral' | 'good' | 'warning' | 'bad' | 'info';

/** A small label whose words carry the meaning (colour only repeats it). */
export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

/** A definition list of label/value pairs; null shows "Not given", undefined leaves the row out. */
export function DetailList({ items }: { items: readonly (readonly [string, ReactNode])[] }) {
  const t = useT();
  return (
    <dl className="details">
      {items
        .filter(([, value]) => value !== undefined)
        .map(([term, value]) => (
          <div key={term} className="details__row">
            <dt>{term}</dt>
            <dd>
              {value === null || value === undefined || value === '' ? <span className="muted">{t('ui.notGiven')}</span> : value}
            </dd>
          </div>
        ))}
    </dl>
  );
}

/**
 * A table that scrolls sideways on narrow screens. The scrolling box is focusable and named, so
 * keyboard users can scroll it too.
 */
export function TableScroll({ label, cards = false, children }: { label: string; cards?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // With `cards`, below 48rem each row shows as a card of "label: value" lines (ui.css `.table-scroll--cards`):
  // every body cell gets its column heading as `data-label`, so pages keep writing ordinary tables.
  useLayoutEffect(() => {
    if (cards && ref.current) labelCells(ref.current);
  });
  return (
    <div
      ref={ref}
      className={cards ? 'table-scroll table-scroll--cards' : 'table-scroll'}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      {children}
    </div>
  );
}

/** Gives each body cell of the tables under `root` its column heading's text as `data-label` (colspans counted). */
export function labelCells(root: HTMLElement): void {
  for (const table of root.querySelectorAll('table')) {
    const headings: string[] = [];
    for (const th of table.querySelectorAll<HTMLTableCellElement>('thead tr:last-child th, thead tr:last-child td')) {
      const text = (th.textContent ?? '').trim();
      for (let i = 0; i < th.colSpan; i++) headings.push(text);
    }
    for (const row of table.querySelectorAll<HTMLTableRowElement>('tbody tr, tfoot tr')) {
      let column = 0;
      for (const cell of row.cells) {
        const heading = headings[column] ?? '';
        if (cell.getAttribute('data-label') !== heading) cell.setAttribute('data-label', heading);
        column += cell.colSpan;
      }
    }
  }
}

/** A phone number as a `tel:` link target (digits and a leading plus only). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}
