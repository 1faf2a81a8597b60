/**
 * What other features may use of coaches: reading coaches with their caseload use, and the volunteer
 * pipeline's writes (a trainee's coach record, status changes, training milestones), each inside the
 * caller's transaction.
 */
export {
  addVolunteerCoach,
  findCoaches,
  readCoachWithCaseload,
  recordCoachTraining,
  setCoachStatus,
  type NewVolunteerCoach,
} from './coaches.service';
export { openCoachTasks } from './care.service';
