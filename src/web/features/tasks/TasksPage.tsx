import { Link, useSearchParams } from 'react-router';
import type { TaskViewKind } from '../../../core/tasks';
import { useProgram } from '../../app/program';
import { optionsOf } from '../../app/vocab';
import { TableScroll, VisuallyHidden } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { SelectField } from '../../ui/form';
import { Page } from '../../ui/Page';
import { TaskDue } from './TaskBadges';
import { taskKindLabels, useTasks } from './tasks.api';

function isKind(s: string | null): s is TaskViewKind {
  return s !== null && s in taskKindLabels;
}

/** Every open task in the program, for staff: coaches' contacts and the staff's own check-in calls. */
export function TasksPage() {
  const program = useProgram();
  const tasks = useTasks(program.programId);
  const [params, setParams] = useSearchParams();
  const raw = params.get('kind');
  const kind = isKind(raw) ? raw : null;
  return (
    <Page title="Tasks">
      <form className="filters" role="search" aria-label="Filter tasks" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Kind of task"
          value={kind ?? ''}
          placeholder="All tasks"
          options={optionsOf(taskKindLabels)}
          onChange={(k) => setParams(k ? { kind: k } : {}, { replace: true })}
        />
      </form>
      <QueryView query={tasks} loadingLabel="Loading tasks…">
        {(all) => {
          const list = kind ? all.filter((t) => t.kind === kind) : all;
          return (
            <>
              <p role="status" className="muted">
                {list.length} open task{list.length === 1 ? '' : 's'}
              </p>
              {list.length === 0 ? (
                <Empty>No open tasks{kind ? ' of this kind' : ''}.</Empty>
              ) : (
                <TableScroll label="Tasks table" cards>
                  <table className="table">
                    <caption className="visually-hidden">Open tasks, most urgent first</caption>
                    <thead>
                      <tr>
                        <th scope="col">Task</th>
                        <th scope="col">When</th>
                        <th scope="col">Participant</th>
                        <th scope="col">Coach</th>
                        <th scope="col">Who acts</th>
                        <th scope="col">Why</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((t) => (
                        <tr key={`${t.kind}-${t.safetyEventId ?? t.pairingId ?? t.coachId}-${t.participantId}-${t.dueOn}`}>
                          <th scope="row">
                            {t.safetyEventId ? (
                              <Link to={program.to(`safety/${t.safetyEventId}`)}>
                                {taskKindLabels[t.kind]}
                                <VisuallyHidden>{` for ${t.participantName}`}</VisuallyHidden>
                              </Link>
                            ) : t.kind === 'assessment' ? (
                              <Link to={program.to(`participants/${t.participantId}/assessments`)}>
                                {taskKindLabels[t.kind]}
                                <VisuallyHidden>{` for ${t.participantName}`}</VisuallyHidden>
                              </Link>
                            ) : (
                              taskKindLabels[t.kind]
                            )}
                          </th>
                          <td>
                            <TaskDue task={t} />
                          </td>
                          <td>
                            {t.participantId ? (
                              <Link to={program.to(`participants/${t.participantId}`)}>{t.participantName}</Link>
                            ) : (
                              'None'
                            )}
                          </td>
                          <td>{t.coachId ? <Link to={program.to(`coaches/${t.coachId}`)}>{t.coachName}</Link> : 'No coach'}</td>
                          <td>{t.assignee === 'coach' ? 'Coach' : 'Staff'}</td>
                          <td>
                            {t.reason}
                            {program.can('ladder:record') && (t.kind === 'check_in_call' || t.kind === 'decision') ? (
                              <>
                                {' '}
                                <Link to={program.to(`pairs/${t.pairingId}/${t.kind === 'decision' ? 'decision' : 'check-in'}`)}>
                                  {t.kind === 'decision' ? 'Decide' : 'Record the call'}
                                  <VisuallyHidden> for {t.participantName}</VisuallyHidden>
                                </Link>
                              </>
                            ) : null}
                            {t.kind === 'booster_due' && program.can('booster:manage') ? (
                              <>
                                {' '}
                                <Link to={program.to('boosters')}>
                                  Schedule a booster<VisuallyHidden> for {t.coachName}</VisuallyHidden>
                                </Link>
                              </>
                            ) : null}
                            {t.kind === 'call_coach' && t.coachId ? (
                              <>
                                {' '}
                                <Link to={program.to(`coaches/${t.coachId}/wellbeing`)}>
                                  Record the call<VisuallyHidden> to {t.coachName}</VisuallyHidden>
                                </Link>
                              </>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}
