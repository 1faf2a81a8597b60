import { z } from 'zod';
import {
  GuidedSessionSummary,
  GuideDraftInput,
  GuideDraftView,
  GuideFinishedView,
  GuideFinishInput,
  GuideStartView,
} from '../../../core/guidance';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ParticipantParams } from '../../http/schemas';
import { discardGuideDraft, getGuideDraft, saveGuideDraft } from './drafts.service';
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
  // What the coach has entered so far (ADR 0035): saved as the call goes on, resumed on opening again.
  app.get(
    '/programs/:programId/participants/:participantId/guide/draft',
    {
      schema: {
        tags: ['guidance'],
        params: ParticipantParams,
        response: { 200: z.object({ draft: GuideDraftView.nullable() }) },
      },
    },
    async (req) => ({ draft: await getGuideDraft(deps, callerOf(req), req.params.programId, req.params.participantId) }),
  );
  app.put(
    '/programs/:programId/participants/:participantId/guide/draft',
    { schema: { tags: ['guidance'], params: ParticipantParams, body: GuideDraftInput, response: { 200: GuideDraftView } } },
    async (req) => saveGuideDraft(deps, callerOf(req), req.params.programId, req.params.participantId, req.body),
  );
  app.delete(
    '/programs/:programId/participants/:participantId/guide/draft',
    { schema: { tags: ['guidance'], params: ParticipantParams, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      await discardGuideDraft(deps, callerOf(req), req.params.programId, req.params.participantId);
      return { ok: true as const };
    },
  );
}
