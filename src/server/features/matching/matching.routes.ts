import { z } from 'zod';
import { MatchingApproval, MatchingProposalView } from '../../../core/matching';
import { PairingView } from '../../../core/pairings';
import { callerOf, type App, type AppOptions } from '../../http/app';
import { ProgramParams } from '../../http/schemas';
import { approveMatches, proposeForProgram } from './matching.service';

export function matchingRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/matching/proposal',
    { schema: { tags: ['matching'], params: ProgramParams, response: { 200: MatchingProposalView } } },
    async (req) => proposeForProgram(deps, callerOf(req), req.params.programId),
  );
  app.post(
    '/programs/:programId/matching/approve',
    {
      schema: {
        tags: ['matching'],
        params: ProgramParams,
        body: MatchingApproval,
        response: { 201: z.object({ pairings: z.array(PairingView) }) },
      },
    },
    async (req, reply) => {
      const pairings = await approveMatches(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(201);
      return { pairings };
    },
  );
}
