/** What other features may use of contacts: read-only facts about a participant's contacts. */
export { topicsCovered } from './contacts.repository';
