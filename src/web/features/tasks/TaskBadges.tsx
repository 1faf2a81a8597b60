import type { TaskView } from '../../../core/tasks';
import { Badge } from '../../ui/controls';
import { dueOnPhrase } from '../../ui/dates';

/** When the task is due, in words, with an "Overdue" badge when it is late. */
export function TaskDue({ task }: { task: Pick<TaskView, 'dueOn' | 'isOverdue'> }) {
  return (
    <>
      {task.isOverdue ? (
        <>
          <Badge tone="bad">Overdue</Badge>{' '}
        </>
      ) : null}
      <span>{dueOnPhrase(task.dueOn)}</span>
    </>
  );
}
