import type { PairingView } from '../../../core/pairings';
import { TableScroll } from '../../ui/controls';
import { formatDateTime } from '../../ui/dates';
import { Empty } from '../../ui/feedback';
import { LateEntryNote } from '../../ui/LateEntryNote';
import { endReasonLabels } from './pairings.api';

/** Every coach the participant has had, newest first, with why each pairing ended. */
export function PairingHistory({ pairings }: { pairings: readonly PairingView[] }) {
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
                {formatDateTime(p.startedAt)}
                <LateEntryNote mark={p.enteredLate} />
              </td>
              <td>{p.endedAt ? formatDateTime(p.endedAt) : 'Now'}</td>
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
