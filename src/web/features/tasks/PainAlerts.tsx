import { Link } from 'react-router';
import { formatScore, type PainAlert } from '../../../core/plans';
import { useProgram } from '../../app/program';
import { useWhen } from '../../app/when';
import { formatDateOn } from '../../ui/dates';
import { englishT, useT, type Translate } from '../../i18n/i18n';
import { SafetyConcernLink } from '../safety';

/**
 * One alert in plain words: what rose, what the note says, and to call soon; `dateOn` says the
 * check-in's day (the program's year, `useWhen`).
 */
export function painAlertWords(
  a: PainAlert,
  dateOn: (on: string) => string = (on) => formatDateOn(on),
  t: Translate = englishT,
): string {
  const name = a.givenName;
  const date = dateOn(a.on);
  const rose =
    a.isJump && a.from !== null
      ? t('staff.coach.painAlerts.jump', { name, from: formatScore(a.from), to: formatScore(a.to), date })
      : t('staff.coach.painAlerts.worrying', { name, date });
  // A note that ends its own sentence keeps its mark inside the quotes (“… in months.”), not “…”.
  const note = a.note
    ? ` ${t(/[.!?…]$/.test(a.note.trim()) ? 'staff.coach.painAlerts.noteEnded' : 'staff.coach.painAlerts.note', { name, note: a.note })}`
    : '';
  return `${rose}${note} ${t('staff.coach.painAlerts.call', { name })}`;
}

/**
 * The top of the coach's Today (issue #16): paired participants whose latest weekly check-in jumped
 * 2 points or more above the recent average, or whose note has worrying words.
 */
export function PainAlerts({ alerts }: { alerts: readonly PainAlert[] }) {
  const when = useWhen();
  const program = useProgram();
  const t = useT();
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="today-pain-alerts" className="alert alert--warning">
      <h2 id="today-pain-alerts" className="alert__title">
        {t('staff.coach.painAlerts.title', { count: alerts.length })}
      </h2>
      <ul className="alert__list">
        {alerts.map((a) => (
          <li key={a.participantId}>
            {painAlertWords(a, when.dateOn, t)}{' '}
            <Link to={program.to(`participants/${a.participantId}`)}>
              {t('staff.coach.painAlerts.open', { name: a.givenName })}
            </Link>
            {a.isWorryingNote ? (
              <p>
                <SafetyConcernLink participantId={a.participantId} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
