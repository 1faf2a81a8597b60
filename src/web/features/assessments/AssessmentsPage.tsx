import { useWhen } from '../../app/when';
import { useState } from 'react';
import { Link } from 'react-router';
import type { AssessmentState } from '../../../core/assessments';
import { useProgram } from '../../app/program';
import { Badge, ButtonLink, TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { SelectField } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useWorklist } from './assessments.api';
import { stateLabels, stateTones } from './labels';

const shown = ['overdue', 'due', 'missed'] as const satisfies readonly AssessmentState[];
type Shown = (typeof shown)[number];

/** The assessment worklist: every assessment due, overdue or missed across the program. */
export function AssessmentsPage() {
  const when = useWhen();
  const program = useProgram();
  const list = useWorklist(program.programId);
  const [state, setState] = useState<Shown | ''>('');
  return (
    <Page
      title="Assessments"
      intro={<p>Assessments due or overdue, with the ones whose window closed unanswered (missed). Completed ones drop off.</p>}
      actions={
        <>
          {program.can('assessment:report') ? (
            <ButtonLink variant="secondary" to={program.to('assessment-report')}>
              Assessment report
            </ButtonLink>
          ) : null}
          {program.can('assessment:configure') ? (
            <ButtonLink variant="secondary" to={program.to('assessment-settings')}>
              Assessment settings
            </ButtonLink>
          ) : null}
        </>
      }
    >
      <SelectField
        label="State"
        value={state}
        placeholder="All"
        options={shown.map((s) => ({ value: s, label: stateLabels[s] }))}
        onChange={setState}
      />
      <QueryView query={list} loadingLabel="Loading assessments…">
        {(rows) => {
          const filtered = state ? rows.filter((r) => r.state === state) : rows;
          if (filtered.length === 0)
            return <Empty>Nothing to do: no assessments {state ? stateLabels[state].toLowerCase() : 'due'}.</Empty>;
          return (
            <TableScroll label="Assessments table" cards>
              <table className="table">
                <caption className="visually-hidden">Assessments due, overdue or missed</caption>
                <thead>
                  <tr>
                    <th scope="col">Participant</th>
                    <th scope="col">Code</th>
                    <th scope="col">Timepoint</th>
                    <th scope="col">State</th>
                    <th scope="col">Due</th>
                    <th scope="col">Window closes</th>
                  </tr>
                </thead>
                <tbody>
                  {filtered.map((r) => (
                    <tr key={`${r.participantId}-${r.timepointKey}`}>
                      <th scope="row">
                        <Link to={program.to(`participants/${r.participantId}/assessments`)}>{r.participantName}</Link>
                      </th>
                      <td>{r.code}</td>
                      <td>{r.label}</td>
                      <td>
                        <Badge tone={stateTones[r.state]}>{stateLabels[r.state]}</Badge>
                        {r.state === 'missed' && r.missRecorded ? ' (recorded)' : null}
                      </td>
                      <td>{when.dateOn(r.dueOn)}</td>
                      <td>{when.dateOn(r.closesOn)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          );
        }}
      </QueryView>
    </Page>
  );
}
