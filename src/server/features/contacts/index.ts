/** What other features may use of contacts: read-only facts about a participant's contacts. */
export { topicsCovered } from './contacts.repository';
/** Logging a contact, for the session guide (issue #4), which logs the contact it finishes. */
export { logContact } from './contacts.service';
/** Writing a contact inside another use case's transaction, with its context (ADR 0045). */
export { contactByKey, insertContact, prepareContact, replayedContact, type PreparedContact } from './contacts.writes';
