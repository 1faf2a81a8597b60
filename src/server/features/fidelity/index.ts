/** What other parts of Kindred may use of the reports: the operator's command line reads them. */
export { reportForOperator } from './fidelity.service';
