/** What other features may use of participants: the scoped record loader, its presenter, and how an actor stands to a record. */
export { findParticipants, type ParticipantRecord } from './participants.repository';
export { changeStatus, loadParticipantFor, presentParticipant, relationTo, updateParticipant } from './participants.service';
