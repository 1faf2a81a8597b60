/** What other parts of Kindred may use of matching: the operator's proposal (the `kindred match` command). */
export { proposeForOperator } from './matching.service';
