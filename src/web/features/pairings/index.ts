export { PairingHistorySection, PairingPanel, type PairableParticipant } from './PairingPanel';
