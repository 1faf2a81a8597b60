import { z } from 'zod';
import {
  BestTimesView,
  CheckInCallView,
  CheckInCallInput,
  CoachPreferencesUpdate,
  CoachPreferencesView,
  DecisionInput,
  EngagementCharts,
  LadderEventView,
  PairsPageView,
  PairsQuery,
} from '../../../core/engagement';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { CoachParams, PairingParams, ParticipantParams, ProgramParams } from '../../http/schemas';
import { bestTimes } from './best-times.service';
import { engagementCharts } from './charts.service';
import { checkInCallContacts, listLadderEvents, recordCheckInCall, recordDecision } from './ladder.service';
import { listPairs } from './pairs.service';
import { getCoachPreferences, updateCoachPreferences } from './preferences.service';
import { schedulingRoutes } from './scheduling.routes';

export function engagementRoutes(app: App, opts: AppOptions): void {
  const { deps } = opts;
  schedulingRoutes(app, opts);
  app.get(
    '/programs/:programId/participants/:participantId/best-times',
    { schema: { tags: ['engagement'], params: ParticipantParams, response: { 200: BestTimesView } } },
    async (req) => bestTimes(deps, callerOf(req), req.params.programId, req.params.participantId),
  );
  app.get(
    '/programs/:programId/engagement-charts',
    { schema: { tags: ['engagement'], params: ProgramParams, response: { 200: EngagementCharts } } },
    async (req) => engagementCharts(deps, callerOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/pairs',
    {
      schema: { tags: ['engagement'], params: ProgramParams, querystring: PairsQuery, response: { 200: PairsPageView } },
    },
    async (req) => listPairs(deps, callerOf(req), req.params.programId, req.query),
  );
  app.get(
    '/programs/:programId/pairings/:pairingId/ladder-events',
    { schema: { tags: ['engagement'], params: PairingParams, response: { 200: z.array(LadderEventView) } } },
    async (req) => listLadderEvents(deps, callerOf(req), req.params.programId, req.params.pairingId),
  );
  app.get(
    '/programs/:programId/pairings/:pairingId/check-in-call',
    { schema: { tags: ['engagement'], params: PairingParams, response: { 200: CheckInCallView } } },
    async (req) => checkInCallContacts(deps, callerOf(req), req.params.programId, req.params.pairingId),
  );
  app.post(
    '/programs/:programId/pairings/:pairingId/check-ins',
    { schema: { tags: ['engagement'], params: PairingParams, body: CheckInCallInput, response: { 201: LadderEventView } } },
    async (req, reply) => {
      const event = await recordCheckInCall(deps, callerOf(req), req.params.programId, req.params.pairingId, req.body);
      void reply.code(201);
      return event;
    },
  );
  app.post(
    '/programs/:programId/pairings/:pairingId/decisions',
    { schema: { tags: ['engagement'], params: PairingParams, body: DecisionInput, response: { 201: LadderEventView } } },
    async (req, reply) => {
      const event = await recordDecision(deps, callerOf(req), req.params.programId, req.params.pairingId, req.body);
      void reply.code(201);
      return event;
    },
  );
  app.get(
    '/programs/:programId/coaches/:coachId/preferences',
    { schema: { tags: ['engagement'], params: CoachParams, response: { 200: CoachPreferencesView } } },
    async (req) => getCoachPreferences(deps, callerOf(req), req.params.programId, req.params.coachId),
  );
  app.put(
    '/programs/:programId/coaches/:coachId/preferences',
    {
      schema: {
        tags: ['engagement'],
        params: CoachParams,
        body: CoachPreferencesUpdate,
        response: { 200: CoachPreferencesView },
      },
    },
    async (req) => updateCoachPreferences(deps, callerOf(req), req.params.programId, req.params.coachId, req.body),
  );
}
