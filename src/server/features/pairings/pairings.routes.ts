import { z } from 'zod';
import { PairingEnd, PairingInput, PairingView } from '../../../core/pairings';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { PairingParams, ParticipantParams, ProgramParams } from '../../http/schemas';
import { createPairing, endPairing, listPairingHistory } from './pairings.service';

export function pairingsRoutes(app: App, { deps }: AppOptions): void {
  app.post(
    '/programs/:programId/pairings',
    { schema: { tags: ['pairings'], params: ProgramParams, body: PairingInput, response: { 201: PairingView } } },
    async (req, reply) => {
      const p = await createPairing(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(201);
      return p;
    },
  );
  app.post(
    '/programs/:programId/pairings/:pairingId/end',
    { schema: { tags: ['pairings'], params: PairingParams, body: PairingEnd, response: { 200: PairingView } } },
    async (req) => endPairing(deps, callerOf(req), req.params.programId, req.params.pairingId, req.body),
  );
  app.get(
    '/programs/:programId/participants/:participantId/pairings',
    { schema: { tags: ['pairings'], params: ParticipantParams, response: { 200: z.array(PairingView) } } },
    async (req) => listPairingHistory(deps, callerOf(req), req.params.programId, req.params.participantId),
  );
}
