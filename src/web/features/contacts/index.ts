export { ContactHistoryPage } from './ContactHistoryPage';
export { LogContactPage } from './LogContactPage';
export { ParticipantContacts } from './ParticipantContacts';
/** The essential elements' words, for the session guide's last step. */
export { elementLabels } from './labels';
