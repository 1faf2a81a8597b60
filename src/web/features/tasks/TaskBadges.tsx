import type { TaskView } from '../../../core/tasks';
import { Badge } from '../../ui/controls';
import { useWhen } from '../../app/when';

/** When the task is due, in words on the program's calendar, with an "Overdue" badge when it is late. */
export function TaskDue({ task }: { task: Pick<TaskView, 'dueOn' | 'isOverdue'> }) {
  const when = useWhen();
  return (
    <>
      {task.isOverdue ? (
        <>
          <Badge tone="bad">Overdue</Badge>{' '}
        </>
      ) : null}
      <span>{when.dueOn(task.dueOn)}</span>
    </>
  );
}
