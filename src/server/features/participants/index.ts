/** What other features may use of participants: the scoped record loader, its presenter, and how an actor stands to a record. */
export { findParticipants, localeOfParticipant, type ParticipantRecord } from './participants.repository';
export {
  changeStatus,
  presentParticipant,
  updateParticipant,
  writeParticipantUpdate,
  writeStatusChange,
} from './participants.service';
/** What a pair agreed, for the task rules (ADR 0017): the next session and the next contact agreed in a guide. */
export { agreedNextContacts, nextSessionsOf } from './agreements.repository';
