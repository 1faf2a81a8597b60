/** What other parts of Kindred may use of the reports: the operator's command line reads them; the study's exports read the dose. */
export { engagementByParticipant, reportForOperator } from './fidelity.service';
