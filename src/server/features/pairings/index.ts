/**
 * What other features may use of pairings: ending a pairing (the ladder's re-pair decision) and
 * creating one (matching approves proposals through it, inside its own transaction).
 */
export { createPairing, endPairing, writePairingEnd } from './pairings.service';
