import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Stat {
  label: string;
  value: number | string;
  /** Where to see the items behind the number. */
  to?: string | undefined;
}

/** A row of numbers with labels; each may link to the list behind it. */
export function Stats({ items, label }: { items: readonly Stat[]; label?: string }) {
  return (
    <ul className="stats" aria-label={label}>
      {items.map((s) => (
        <li key={s.label} className="stat">
          <StatBody stat={s} />
        </li>
      ))}
    </ul>
  );
}

function StatBody({ stat }: { stat: Stat }): ReactNode {
  const body = (
    <>
      <span className="stat__value">{stat.value}</span>
      <span className="stat__label">{stat.label}</span>
    </>
  );
  return stat.to ? <Link to={stat.to}>{body}</Link> : body;
}
