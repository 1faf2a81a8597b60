export { SessionGuidePage } from './SessionGuidePage';
