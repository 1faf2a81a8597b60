import { z } from 'zod';
import {
  LikelyDuplicateReply,
  ParticipantInput,
  ParticipantStatus,
  ParticipantUpdate,
  ParticipantView,
  PreferencesUpdate,
  StatusChange,
} from '../../../core/participants';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ParticipantParams, ProgramParams } from '../../http/schemas';
import { changeStatus, createParticipant, getParticipant, listParticipants, updateParticipant } from './participants.service';

export function participantsRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/participants',
    {
      schema: {
        tags: ['participants'],
        params: ProgramParams,
        querystring: z.object({ status: ParticipantStatus.optional() }),
        response: { 200: z.array(ParticipantView) },
      },
    },
    async (req) => listParticipants(deps, callerOf(req), req.params.programId, req.query),
  );
  app.post(
    '/programs/:programId/participants',
    {
      schema: {
        tags: ['participants'],
        params: ProgramParams,
        body: ParticipantInput,
        response: { 201: ParticipantView, 409: LikelyDuplicateReply },
      },
    },
    // Likely duplicates answer 409 with the matches to check (a DomainError, http/errors).
    async (req, reply) => reply.code(201).send(await createParticipant(deps, callerOf(req), req.params.programId, req.body)),
  );
  app.get(
    '/programs/:programId/participants/:participantId',
    { schema: { tags: ['participants'], params: ParticipantParams, response: { 200: ParticipantView } } },
    async (req) => getParticipant(deps, callerOf(req), req.params.programId, req.params.participantId),
  );
  app.patch(
    '/programs/:programId/participants/:participantId',
    {
      schema: { tags: ['participants'], params: ParticipantParams, body: ParticipantUpdate, response: { 200: ParticipantView } },
    },
    async (req) =>
      updateParticipant(deps, callerOf(req), req.params.programId, req.params.participantId, req.body, 'participant:update'),
  );
  app.put(
    '/programs/:programId/participants/:participantId/preferences',
    {
      schema: { tags: ['participants'], params: ParticipantParams, body: PreferencesUpdate, response: { 200: ParticipantView } },
    },
    async (req) =>
      updateParticipant(deps, callerOf(req), req.params.programId, req.params.participantId, req.body, 'participant:preferences'),
  );
  app.post(
    '/programs/:programId/participants/:participantId/status',
    { schema: { tags: ['participants'], params: ParticipantParams, body: StatusChange, response: { 200: ParticipantView } } },
    async (req) => changeStatus(deps, callerOf(req), req.params.programId, req.params.participantId, req.body),
  );
}
