/**
 * Matching: proposing coaches for all waiting participants at once. Pure: no I/O. See ADR 0006 for
 * the objective (most participants matched, then the highest total match quality) and the method.
 */
export * from './types';
export { explainPair, needsGenderReason } from './explain';
export { byWaiting, greedyMatches, isCoachOpen, proposeMatches, type ProposeOptions } from './propose';
export { solveTransport, type TransportProblem, type TransportSolution } from './flow';
export { MatchingApproval, MatchingProposalView } from './views';
export {
  characteristicsOf,
  matchCharacteristics,
  matchReport,
  MatchReportView,
  rematchReasons,
  type GroupStats,
  type MatchCharacteristic,
  type ReportPairing,
} from './report';
