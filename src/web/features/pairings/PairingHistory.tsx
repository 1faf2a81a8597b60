import type { PairingView } from '../../../core/pairings';
import { useWhen } from '../../app/when';
import { TableScroll } from '../../ui/controls';
import { Empty } from '../../ui/feedback';
import { LateEntryNote } from '../../ui/LateEntryNote';
import { endReasonLabels } from './pairings.api';

/** Every coach the participant has had, newest first, with why each pairing ended. */
export function PairingHistory({ pairings }: { pairings: readonly PairingView[] }) {
  const when = useWhen();
  if (pairings.length === 0) return <Empty>No pairings yet.</Empty>;
  const rows = [...pairings].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <TableScroll label="Pairing history table">
      <table className="table">
        <caption className="visually-hidden">Pairing history</caption>
        <thead>
          <tr>
            <th scope="col">Coach</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
            <th scope="col">Why it ended</th>
            <th scope="col">Gender difference reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.coachName}</th>
              <td>
                {when.dateTime(p.startedAt)}
                <LateEntryNote mark={p.enteredLate} timeZone={when.timeZone} />
              </td>
              <td>{p.endedAt ? when.dateTime(p.endedAt) : 'Now'}</td>
              <td>
                {p.endReason ? endReasonLabels[p.endReason] : <span className="muted">Still paired</span>}
                {p.endNote ? <span className="muted"> — {p.endNote}</span> : null}
              </td>
              <td>{p.genderMismatchReason ?? <span className="muted">None</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
