import { z } from 'zod';

/** Path parameters shared by the program-scoped routes. */
export const ProgramParams = z.object({ programId: z.uuid() });
export const ParticipantParams = ProgramParams.extend({ participantId: z.uuid() });
export const CoachParams = ProgramParams.extend({ coachId: z.uuid() });
export const PairingParams = ProgramParams.extend({ pairingId: z.uuid() });
