import { useWhen } from '../../app/when';
import { practiceDays } from '../../../core/plans';
import { VisuallyHidden } from '../../ui/controls';
import './plans.css';
import { useLocale, useT } from '../../i18n/i18n';

const weekdays = {
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es-US', { weekday: 'short', timeZone: 'UTC' }),
};

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
  const when = useWhen();
  const t = useT();
  const locale = useLocale();
  return (
    <ol className="practice-week" aria-label={label}>
      {practiceDays(entries, today).map((d) => (
        <li key={d.on} className={d.did === true ? 'is-done' : d.did === false ? 'is-not' : undefined}>
          <span aria-hidden="true">{weekdays[locale].format(Date.parse(`${d.on}T00:00:00Z`))}</span>
          <span className="practice-week__mark" aria-hidden="true">
            {d.did === true ? '✓' : d.did === false ? '✗' : '–'}
          </span>
          <VisuallyHidden>
            {t(
              d.did === true ? 'plans.practice.dayDid' : d.did === false ? 'plans.practice.dayNot' : 'plans.practice.dayNothing',
              {
                day: when.dateOn(d.on),
              },
            )}
          </VisuallyHidden>
        </li>
      ))}
    </ol>
  );
}
