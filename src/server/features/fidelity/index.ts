/** What other parts of Kindred may use of the reports: the operator's command line reads them; the study's exports read the dose. */
export { engagementByParticipant, reportForOperator } from './fidelity.service';
/** Everyone ever paired with their reached contacts, and coach codes: the dose in the outcome report (ADR 0029). */
export { loadCoachCodes, loadContactTallies, loadReportPeople, reachedCountsOf } from './reports.repository';
