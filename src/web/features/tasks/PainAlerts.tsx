import { Link } from 'react-router';
import { formatScore, type PainAlert } from '../../../core/plans';
import { useProgram } from '../../app/program';
import { useWhen } from '../../app/when';
import { formatDateOn } from '../../ui/dates';
import { SafetyConcernLink } from '../safety';

/**
 * One alert in plain words: what rose, what the note says, and to call soon; `dateOn` says the
 * check-in's day (the program's year, `useWhen`).
 */
export function painAlertWords(a: PainAlert, dateOn: (on: string) => string = (on) => formatDateOn(on)): string {
  const rose =
    a.isJump && a.from !== null
      ? `${a.givenName}’s pain went from ${formatScore(a.from)} to ${formatScore(a.to)} in the check-in on ${dateOn(a.on)}.`
      : `${a.givenName}’s check-in on ${dateOn(a.on)} has words that may mean ${a.givenName} is not safe.`;
  // A note that ends its own sentence keeps its mark inside the quotes (“… in months.”), not “…”.
  const note = a.note ? ` ${a.givenName}’s note: “${a.note}”${/[.!?…]$/.test(a.note.trim()) ? '' : '.'}` : '';
  return `${rose}${note} Consider calling ${a.givenName} soon.`;
}

/**
 * The top of the coach's Today (issue #16): paired participants whose latest weekly check-in jumped
 * 2 points or more above the recent average, or whose note has worrying words.
 */
export function PainAlerts({ alerts }: { alerts: readonly PainAlert[] }) {
  const when = useWhen();
  const program = useProgram();
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="today-pain-alerts" className="alert alert--warning">
      <h2 id="today-pain-alerts" className="alert__title">
        {alerts.length === 1 ? 'A check-in to look at' : 'Check-ins to look at'}
      </h2>
      <ul className="alert__list">
        {alerts.map((a) => (
          <li key={a.participantId}>
            {painAlertWords(a, when.dateOn)}{' '}
            <Link to={program.to(`participants/${a.participantId}`)}>Open {a.givenName}’s record</Link>
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
