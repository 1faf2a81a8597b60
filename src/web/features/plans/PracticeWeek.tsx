import { practiceDays } from '../../../core/plans';
import { VisuallyHidden } from '../../ui/controls';
import { formatDateOn } from '../../ui/dates';
import './plans.css';

const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });

/** The last seven days of the practice log as a row of days: done, not today, or nothing logged. */
export function PracticeWeek({
  entries,
  today,
  label = 'The last 7 days',
}: {
  entries: readonly { on: string; did: boolean }[];
  today: string;
  label?: string;
}) {
  return (
    <ol className="practice-week" aria-label={label}>
      {practiceDays(entries, today).map((d) => (
        <li key={d.on} className={d.did === true ? 'is-done' : d.did === false ? 'is-not' : undefined}>
          <span aria-hidden="true">{weekday.format(Date.parse(`${d.on}T00:00:00Z`))}</span>
          <span className="practice-week__mark" aria-hidden="true">
            {d.did === true ? '✓' : d.did === false ? '✗' : '–'}
          </span>
          <VisuallyHidden>
            {formatDateOn(d.on)}: {d.did === true ? 'did it' : d.did === false ? 'not that day' : 'nothing logged'}
          </VisuallyHidden>
        </li>
      ))}
    </ol>
  );
}
