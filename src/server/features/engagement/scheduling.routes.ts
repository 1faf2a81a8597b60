import { z } from 'zod';
import { ScheduleSessionInput, SchedulingSettings, ScheduledSessionView } from '../../../core/engagement';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { PairingParams, ParticipantParams, ProgramParams } from '../../http/schemas';
import { participantSessions } from './scheduling.lists';
import { rescheduleSession, scheduleSession, setSessionStatus } from './scheduling.service';
import { getSchedulingSettings, updateSchedulingSettings } from './scheduling.settings';

const SessionParams = ProgramParams.extend({ sessionId: z.uuid() });
const ParticipantSessionsView = z.object({
  pairingId: z.uuid().nullable(),
  canSchedule: z.boolean(),
  upcoming: z.array(ScheduledSessionView),
});

/** Scheduling sessions (issue #3, ADR 0013): the pair's next session, its invitation and reminders. */
export function schedulingRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/participants/:participantId/sessions',
    { schema: { tags: ['scheduling'], params: ParticipantParams, response: { 200: ParticipantSessionsView } } },
    async (req) => participantSessions(deps, callerOf(req), req.params.programId, req.params.participantId),
  );
  app.post(
    '/programs/:programId/pairings/:pairingId/sessions',
    {
      schema: {
        tags: ['scheduling'],
        params: PairingParams,
        body: ScheduleSessionInput,
        response: { 201: ScheduledSessionView },
      },
    },
    async (req, reply) => {
      const session = await scheduleSession(deps, callerOf(req), req.params.programId, req.params.pairingId, req.body);
      void reply.code(201);
      return session;
    },
  );
  app.put(
    '/programs/:programId/sessions/:sessionId',
    {
      schema: {
        tags: ['scheduling'],
        params: SessionParams,
        body: ScheduleSessionInput,
        response: { 200: ScheduledSessionView },
      },
    },
    async (req) => rescheduleSession(deps, callerOf(req), req.params.programId, req.params.sessionId, req.body),
  );
  app.post(
    '/programs/:programId/sessions/:sessionId/cancel',
    { schema: { tags: ['scheduling'], params: SessionParams, response: { 200: ScheduledSessionView } } },
    async (req) => setSessionStatus(deps, callerOf(req), req.params.programId, req.params.sessionId, 'cancelled'),
  );
  app.post(
    '/programs/:programId/sessions/:sessionId/done',
    { schema: { tags: ['scheduling'], params: SessionParams, response: { 200: ScheduledSessionView } } },
    async (req) => setSessionStatus(deps, callerOf(req), req.params.programId, req.params.sessionId, 'done'),
  );
  app.get(
    '/programs/:programId/scheduling-settings',
    { schema: { tags: ['scheduling'], params: ProgramParams, response: { 200: SchedulingSettings } } },
    async (req) => getSchedulingSettings(deps, callerOf(req), req.params.programId),
  );
  app.put(
    '/programs/:programId/scheduling-settings',
    { schema: { tags: ['scheduling'], params: ProgramParams, body: SchedulingSettings, response: { 200: SchedulingSettings } } },
    async (req) => updateSchedulingSettings(deps, callerOf(req), req.params.programId, req.body),
  );
}
