export { EditParticipantPage } from './EditParticipantPage';
export { MyCoachPage } from './MyCoachPage';
export { NewParticipantPage } from './NewParticipantPage';
export { ParticipantListPage } from './ParticipantListPage';
export { ParticipantPage } from './ParticipantPage';
export { PreferencesPage } from './PreferencesPage';
export { withdrawalReasonLabels } from './labels';
export { useParticipants } from './participants.api';
