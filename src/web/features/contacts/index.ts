export { ContactHistoryPage } from './ContactHistoryPage';
export { LogContactPage } from './LogContactPage';
export { ParticipantContacts } from './ParticipantContacts';
