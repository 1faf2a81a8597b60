import { Link } from 'react-router';
import type { SafetyLogRow } from '../../../core/safety';
import { useProgram } from '../../app/program';
import { useSafetyLog } from './safety.api';
import './safety.css';

type FullRow = Extract<SafetyLogRow, { view: 'full' }>;

/** The events nobody has acknowledged yet, oldest first (the longest wait leads). */
export function unacknowledged(rows: readonly SafetyLogRow[]): FullRow[] {
  return rows
    .filter((r): r is FullRow => r.view === 'full' && r.state === 'open' && r.acknowledgedAt === null)
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
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
  const title =
    open.length === 1 ? 'A safety event needs acknowledging' : `${open.length} safety events need acknowledging`;
  return (
    <section className="safety-banner" aria-label="Safety events to acknowledge">
      <p className="safety-banner__title">{title}</p>
      <ul className="safety-banner__list">
        {open.slice(0, SHOWN).map((e) => (
          <li key={e.id}>
            <Link to={program.to(`safety/${e.id}`)}>Safety event for {e.participantName}</Link>
          </li>
        ))}
        {open.length > SHOWN ? (
          <li>
            <Link to={program.to('safety')}>All {open.length} in the safety log</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
