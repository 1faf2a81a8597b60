import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useWhen } from '../../app/when';
import type { SmartRunResult, SmartView } from '../../../core/trials';
import { api } from '../../app/api';
import { useProgram } from '../../app/program';
import { Button, DetailList, TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { FormErrors } from '../../ui/form';
import { Section } from '../../ui/Page';
import { programKey } from '../../app/program-key';

const smartKey = (programId: string) => [...programKey(programId), 'study', 'smart'] as const;

const stageWords: Record<SmartView['participants'][number]['stage'], string> = {
  waiting: 'Not yet',
  due: 'Due now',
  responder: 'Responding: continues',
  non_responder: 'Not responding',
  withdrawn: 'Withdrew from the intervention',
};

/** The SMART decision point on the Study page (ADR 0030): the rule, the strategies and each participant's path. */
export function SmartSection() {
  const when = useWhen();
  const program = useProgram();
  const client = useQueryClient();
  const smart = useQuery({
    queryKey: smartKey(program.programId),
    queryFn: () => api.get<SmartView>(`/programs/${program.programId}/study/smart`),
  });
  const run = useMutation({
    mutationFn: () => api.post<SmartRunResult>(`/programs/${program.programId}/study/smart/decisions`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: smartKey(program.programId) }),
  });
  return (
    <Section title="Adaptive decision (SMART)" id="study-smart">
      <QueryView query={smart} loadingLabel="Loading the decision point…">
        {(s) => (
          <>
            <DetailList
              items={[
                [
                  'Decision point',
                  `${s.decisionPoint.label}: ${s.decisionPoint.weeks} weeks after ${s.decisionPoint.from === 'randomization' ? 'randomization' : 'the first pairing'}`,
                ],
                ['Not responding means', s.rule],
                ['For those not responding', Object.values(s.options).join(' or ')],
                ['Due for the decision now', String(s.due)],
              ]}
            />
            <h3>The strategies</h3>
            <ul>
              {s.strategies.map((x) => (
                <li key={x.key}>{x.words}</li>
              ))}
            </ul>
            {program.can('study:randomize') ? (
              <p>
                <Button onClick={() => run.mutate()} busy={run.isPending} disabled={s.due === 0}>
                  {`Run the ${s.decisionPoint.label.toLowerCase()} decision`}
                </Button>
                {run.data ? (
                  <span role="status">
                    {` Decided ${run.data.decided}: ${run.data.responders} responding, ${run.data.nonResponders} re-randomized.`}
                  </span>
                ) : null}
              </p>
            ) : null}
            <FormErrors error={run.error} title="Could not run the decision" />
            <h3>Each participant's path</h3>
            {s.participants.length === 0 ? (
              <Empty>Nobody is randomized yet.</Empty>
            ) : (
              <TableScroll label="Participants' paths table">
                <table className="table">
                  <caption className="visually-hidden">Each participant's path</caption>
                  <thead>
                    <tr>
                      <th scope="col">Participant</th>
                      <th scope="col">First arm</th>
                      <th scope="col">Decision on</th>
                      <th scope="col">At the decision</th>
                      <th scope="col">Second stage</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.participants.map((p) => (
                      <tr key={p.participantId}>
                        <th scope="row">{p.name}</th>
                        <td>{s.arms[p.firstArm] ?? p.firstArm}</td>
                        <td>{when.day(p.decisionOn)}</td>
                        <td>
                          {stageWords[p.stage]}
                          {p.reasons.length > 0 ? <span className="muted"> ({p.reasons.join('; ')})</span> : null}
                        </td>
                        <td>{p.option ? (s.options[p.option] ?? p.option) : p.stage === 'responder' ? 'Continues' : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </>
        )}
      </QueryView>
    </Section>
  );
}
