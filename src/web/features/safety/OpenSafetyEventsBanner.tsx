import { Link } from 'react-router';
import type { SafetyLogRow, SafetyTrigger } from '../../../core/safety';
import { useProgram } from '../../app/program';
import { useSafetyLog } from './safety.api';
import './safety.css';

type FullRow = Extract<SafetyLogRow, { view: 'full' }>;

/** Whose word it is: a person asking for help now first, a flag found by Kindred last. */
const triggerRank: Record<SafetyTrigger, number> = {
  participant_help: 0,
  coach_concern: 1,
  staff_concern: 2,
  assessment_flag: 3,
  risk_words: 4,
};

/** The events nobody has acknowledged yet: by who raised them, then the longest wait first. */
export function unacknowledged(rows: readonly SafetyLogRow[]): FullRow[] {
  return rows
    .filter((r): r is FullRow => r.view === 'full' && r.state === 'open' && r.acknowledgedAt === null)
    .sort((a, b) => triggerRank[a.trigger] - triggerRank[b.trigger] || a.raisedAt.localeCompare(b.raisedAt));
}

const SHOWN = 3;

/**
 * Heads every staff page while a safety event waits for acknowledgement (issue #16): a veteran's
 * "I need help now" reaches the first screen of whoever is on duty, whatever page they are on.
 * Only staff who may act on events see it (the log's own policy decides what it returns).
 */
export function OpenSafetyEventsBanner() {
  const program = useProgram();
  const allowed = program.can('safety:act') && program.can('safety:log');
  const log = useSafetyLog(program.programId, { enabled: allowed });
  if (!allowed || !log.data) return null;
  const open = unacknowledged(log.data.events);
  if (open.length === 0) return null;
  // Short enough for one line on a phone.
  const title = open.length === 1 ? 'Safety event to acknowledge' : `${open.length} safety events to acknowledge`;
  return (
    <section className="safety-banner" aria-label="Safety events to acknowledge">
      <p className="safety-banner__title">{title}</p>
      <ul className="safety-banner__list">
        {open.slice(0, SHOWN).map((e) => (
          <li key={e.id} className="safety-banner__event">
            <Link to={program.to(`safety/${e.id}`)}>Safety event for {e.participantName}</Link>
          </li>
        ))}
        {open.length > 1 ? (
          // On a phone only the first event shows (the page's heading must stay in view), so this
          // link shows there from two events on; on a wide screen from four.
          <li className={open.length > SHOWN ? undefined : 'safety-banner__more--phone'}>
            <Link to={program.to('safety')}>All {open.length} in the safety log</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
