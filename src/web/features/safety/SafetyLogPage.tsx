import { Link } from 'react-router';
import { useWhen } from '../../app/when';
import type { SafetyLogView } from '../../../core/safety';
import { useProgram } from '../../app/program';
import { Badge, ButtonLink, TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { Stats } from '../../ui/Stats';
import {
  durationWords,
  followUpStatusLabels,
  followUpStatusTones,
  safetyCategoryLabels,
  safetyStateLabels,
  safetyTriggerLabels,
} from './labels';
import { useSafetyLog } from './safety.api';
import './safety.css';

/**
 * The safety and adverse-event log for oversight: every event, how fast it was acknowledged and
 * followed up. Staff see names and open each event; evaluators see participant codes only.
 */
export function SafetyLogPage() {
  const program = useProgram();
  const log = useSafetyLog(program.programId);
  return (
    <Page
      title="Safety log"
      intro={
        <p>
          Every safety event and adverse event in the program, newest first, with the time to acknowledgement and to follow-up.
        </p>
      }
      actions={
        program.can('safety:configure') ? (
          <ButtonLink variant="secondary" to={program.to('safety/settings')}>
            Safety settings
          </ButtonLink>
        ) : null
      }
    >
      <QueryView query={log} loadingLabel="Loading the safety log…">
        {(l) => <LogBody log={l} />}
      </QueryView>
    </Page>
  );
}

function LogBody({ log }: { log: SafetyLogView }) {
  const when = useWhen();
  const program = useProgram();
  const s = log.summary;
  return (
    <>
      <Stats
        label="Safety log summary"
        items={[
          { label: 'Events', value: s.total },
          { label: 'Not closed', value: s.notClosed },
          { label: 'Waiting for acknowledgement', value: s.awaitingAcknowledgement },
          { label: 'Follow-up overdue', value: s.followUpOverdue },
          { label: 'Median time to acknowledge', value: durationWords(s.medianMinutesToAcknowledge) },
          { label: 'Median time to follow-up', value: durationWords(s.medianMinutesToFollowUp) },
        ]}
      />
      {log.events.length === 0 ? (
        <Empty>No safety events.</Empty>
      ) : (
        <TableScroll label="Safety events table">
          <table className="table">
            <caption className="visually-hidden">Safety events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Raised</th>
                <th scope="col">Participant</th>
                <th scope="col">Trigger</th>
                <th scope="col">What happened</th>
                <th scope="col">State</th>
                <th scope="col">Time to acknowledge</th>
                <th scope="col">Time to follow-up</th>
              </tr>
            </thead>
            <tbody>
              {log.events.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    {e.view === 'full' ? (
                      <Link to={program.to(`safety/${e.id}`)}>{when.dateTime(e.raisedAt)}</Link>
                    ) : (
                      when.dateTime(e.raisedAt)
                    )}
                  </th>
                  <td>{e.view === 'full' ? e.participantName : e.participantCode}</td>
                  <td>{safetyTriggerLabels[e.trigger]}</td>
                  <td>{e.category ? safetyCategoryLabels[e.category] : 'Not stated'}</td>
                  <td>
                    {safetyStateLabels[e.state]}{' '}
                    <Badge tone={followUpStatusTones[e.timings.followUpStatus]}>
                      {followUpStatusLabels[e.timings.followUpStatus]}
                    </Badge>
                  </td>
                  <td>{e.timings.minutesToAcknowledge === null ? 'Not yet' : durationWords(e.timings.minutesToAcknowledge)}</td>
                  <td>{e.timings.minutesToFollowUp === null ? 'Not yet' : durationWords(e.timings.minutesToFollowUp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
