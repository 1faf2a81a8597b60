import { Link } from 'react-router';
import { useProgram } from '../../app/program';
import { useOpenSafetyEvents } from './safety.api';
import './safety.css';

const SHOWN = 3;

/**
 * Heads every staff page while a safety event waits for acknowledgement (issue #16): a veteran's
 * "I need help now" reaches the first screen of whoever is on duty, whatever page they are on.
 * Only staff who may act on events see it. It reads only the events waiting (the count and the
 * first few, a plea for help first, then the longest wait), not the whole safety log.
 */
export function OpenSafetyEventsBanner() {
  const program = useProgram();
  const allowed = program.can('safety:act') && program.can('safety:log');
  const open = useOpenSafetyEvents(program.programId, SHOWN, { enabled: allowed });
  if (!allowed || !open.data || open.data.total === 0) return null;
  const { total, events } = open.data;
  // Short enough for one line on a phone.
  const title = total === 1 ? 'Safety event to acknowledge' : `${total} safety events to acknowledge`;
  return (
    <section className="safety-banner" aria-label="Safety events to acknowledge">
      <p className="safety-banner__title">{title}</p>
      <ul className="safety-banner__list">
        {events.map((e) => (
          <li key={e.id} className="safety-banner__event">
            <Link to={program.to(`safety/${e.id}`)}>Safety event for {e.participantName}</Link>
          </li>
        ))}
        {total > 1 ? (
          // On a phone only the first event shows (the page's heading must stay in view), so this
          // link shows there from two events on; on a wide screen from four.
          <li className={total > SHOWN ? undefined : 'safety-banner__more--phone'}>
            <Link to={program.to('safety')}>All {total} in the safety log</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
