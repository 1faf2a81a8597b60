import { useWhen } from '../../app/when';
import { QueryView } from '../../ui/feedback';
import { TableScroll } from '../../ui/controls';
import { Section } from '../../ui/Page';
import { useProgram } from '../../app/program';
import { useGuidedSessions } from './guidance.api';

const score = (n: number | null) => (n === null ? 'Skipped' : `${n} of 10`);

/**
 * "Last sessions" on a participant's record (the coach and staff, the same as running the guide):
 * the pain and mood check and the topics of each recent guided session, newest first.
 */
export function LastSessionsSection({ participantId, givenName }: { participantId: string; givenName: string }) {
  const when = useWhen();
  const program = useProgram();
  const sessions = useGuidedSessions(program.programId, participantId);
  return (
    <Section title="Last sessions" id="participant-last-sessions">
      <QueryView query={sessions} loadingLabel="Loading the last sessions…">
        {(rows) =>
          rows.length === 0 ? (
            <p>No guided session with {givenName} yet. The pain and mood check of each one will show here.</p>
          ) : (
            <TableScroll label="Last sessions table">
              <table className="table">
                <caption>Last guided sessions with {givenName}: pain and mood now, 0 to 10</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col" className="num">
                      Pain
                    </th>
                    <th scope="col" className="num">
                      Mood
                    </th>
                    <th scope="col">Topics covered</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.guideId}>
                      <th scope="row">{when.dateOn(r.on)}</th>
                      <td className="num">{score(r.pain)}</td>
                      <td className="num">{score(r.mood)}</td>
                      <td>{r.topics.length > 0 ? r.topics.join(', ') : 'None recorded'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </QueryView>
    </Section>
  );
}
