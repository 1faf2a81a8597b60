/** What other features may use of tasks: the one query behind the task, ladder and engagement rules. */
export { loadPairingActivity, type ActivityDetail, type ActivityRow } from './activity.repository';
