import type { TaskView } from '../../../core/tasks';
import { Badge } from '../../ui/controls';
import { useWhen } from '../../app/when';
import { useT } from '../../i18n/i18n';

/** When the task is due, in words on the program's calendar, with an "Overdue" badge when it is late. */
export function TaskDue({ task }: { task: Pick<TaskView, 'dueOn' | 'isOverdue'> }) {
  const when = useWhen();
  const t = useT();
  return (
    <>
      {task.isOverdue ? (
        <>
          <Badge tone="bad">{t('staff.task.overdue')}</Badge>{' '}
        </>
      ) : null}
      <span>{when.dueOn(task.dueOn)}</span>
    </>
  );
}
