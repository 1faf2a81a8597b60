/** What other features may use of participants: the scoped record loader and its presenter. */
export { findParticipants, type ParticipantRecord } from './participants.repository';
export { changeStatus, loadParticipantFor, presentParticipant, updateParticipant } from './participants.service';
