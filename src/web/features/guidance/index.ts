export { SessionGuidePage } from './SessionGuidePage';
export { LastSessionsSection } from './LastSessions';
