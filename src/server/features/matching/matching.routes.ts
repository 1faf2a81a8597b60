import { z } from 'zod';
import {
  MatchingApproval,
  MatchingProposalView,
  MatchingSettings,
  MatchingSettingsInput,
  MatchReportView,
} from '../../../core/matching';
import { PairingView } from '../../../core/pairings';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import {
  approveMatches,
  getMatchingSettings,
  getMatchReport,
  proposeForProgram,
  updateMatchingSettings,
} from './matching.service';

export function matchingRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/matching/proposal',
    { schema: { tags: ['matching'], params: ProgramParams, response: { 200: MatchingProposalView } } },
    async (req) => proposeForProgram(deps, callerOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/matching/settings',
    { schema: { tags: ['matching'], params: ProgramParams, response: { 200: MatchingSettings } } },
    async (req) => getMatchingSettings(deps, callerOf(req), req.params.programId),
  );
  app.put(
    '/programs/:programId/matching/settings',
    { schema: { tags: ['matching'], params: ProgramParams, body: MatchingSettingsInput, response: { 200: MatchingSettings } } },
    async (req) => updateMatchingSettings(deps, callerOf(req), req.params.programId, MatchingSettings.parse(req.body)),
  );
  app.get(
    '/programs/:programId/matching/report',
    { schema: { tags: ['matching'], params: ProgramParams, response: { 200: MatchReportView } } },
    async (req) => getMatchReport(deps, callerOf(req), req.params.programId),
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
