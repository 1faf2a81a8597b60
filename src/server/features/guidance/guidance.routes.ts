import { z } from 'zod';
import { GuidedSessionSummary, GuideFinishedView, GuideFinishInput, GuideStartView } from '../../../core/guidance';
import { callerOf, type App, type AppOptions } from '../../http/app';
import { ParticipantParams } from '../../http/schemas';
import { finishGuide, recentGuidedSessions, startGuide } from './guidance.service';

export function guidanceRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/participants/:participantId/guides',
    { schema: { tags: ['guidance'], params: ParticipantParams, response: { 200: z.array(GuidedSessionSummary) } } },
    async (req) => recentGuidedSessions(deps, callerOf(req), req.params.programId, req.params.participantId),
  );
  app.get(
    '/programs/:programId/participants/:participantId/guide',
    { schema: { tags: ['guidance'], params: ParticipantParams, response: { 200: GuideStartView } } },
    async (req) => startGuide(deps, callerOf(req), req.params.programId, req.params.participantId),
  );
  app.post(
    '/programs/:programId/participants/:participantId/guide',
    {
      schema: {
        tags: ['guidance'],
        params: ParticipantParams,
        body: GuideFinishInput,
        response: { 200: GuideFinishedView, 201: GuideFinishedView },
      },
    },
    async (req, reply) => {
      const r = await finishGuide(deps, callerOf(req), req.params.programId, req.params.participantId, req.body);
      // 201 for a new session; 200 when the same client key was already saved (a retry).
      void reply.code(r.isNew ? 201 : 200);
      return r.guide;
    },
  );
}
