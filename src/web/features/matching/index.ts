export { MatchingPage } from './MatchingPage';
