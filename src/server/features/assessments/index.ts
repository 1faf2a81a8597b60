/**
 * What other features may use of assessments: the due and overdue assessments as coordinator tasks
 * (the task list puts them after safety events).
 */
export { openAssessmentTasks } from './assessments.service';
