import {
  CloseInput,
  ConcernInput,
  CrisisInfo,
  FollowUpInput,
  HelpInput,
  OpenSafetyEventsQuery,
  OpenSafetyEventsView,
  RaisedView,
  SafetyEventView,
  SafetyLogView,
  SafetySettings,
  SafetySettingsView,
} from '../../../core/safety';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { z } from 'zod';
import { acknowledgeSafetyEvent, closeSafetyEvent, getSafetyEvent, recordSafetyFollowUp } from './safety.events';
import { raiseConcern, reportHelpMistake, requestHelp } from './safety.raise';
import { getCrisisInfo, getSafetySettings, updateSafetySettings } from './safety.settings';
import { openSafetyEvents, safetyLog } from './safety.worklist';

const EventParams = ProgramParams.extend({ eventId: z.uuid() });

export function safetyRoutes(app: App, { deps }: AppOptions): void {
  const tags = ['safety'];
  app.get(
    '/programs/:programId/safety/crisis-info',
    { schema: { tags, params: ProgramParams, response: { 200: CrisisInfo } } },
    async (req) => getCrisisInfo(deps, callerOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/safety/settings',
    { schema: { tags, params: ProgramParams, response: { 200: SafetySettingsView } } },
    async (req) => getSafetySettings(deps, callerOf(req), req.params.programId),
  );
  app.put(
    '/programs/:programId/safety/settings',
    { schema: { tags, params: ProgramParams, body: SafetySettings, response: { 200: SafetySettingsView } } },
    async (req) => updateSafetySettings(deps, callerOf(req), req.params.programId, req.body),
  );
  app.post(
    '/programs/:programId/safety/concerns',
    { schema: { tags, params: ProgramParams, body: ConcernInput, response: { 200: RaisedView, 201: RaisedView } } },
    async (req, reply) => {
      const r = await raiseConcern(deps, callerOf(req), req.params.programId, req.body);
      // 201 for a new event; 200 when the same client key already raised it (a retry).
      void reply.code(r.isNew ? 201 : 200);
      return r.view;
    },
  );
  app.post(
    '/programs/:programId/safety/help',
    { schema: { tags, params: ProgramParams, body: HelpInput, response: { 200: RaisedView, 201: RaisedView } } },
    async (req, reply) => {
      const r = await requestHelp(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(r.isNew ? 201 : 200);
      return r.view;
    },
  );
  app.post(
    '/programs/:programId/safety/help/:eventId/mistake',
    { schema: { tags, params: EventParams, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      await reportHelpMistake(deps, callerOf(req), req.params.programId, req.params.eventId);
      return { ok: true as const };
    },
  );
  app.get(
    '/programs/:programId/safety/events',
    { schema: { tags, params: ProgramParams, response: { 200: SafetyLogView } } },
    async (req) => safetyLog(deps, callerOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/safety/unacknowledged',
    {
      schema: {
        tags,
        params: ProgramParams,
        querystring: OpenSafetyEventsQuery,
        response: { 200: OpenSafetyEventsView },
      },
    },
    async (req) => openSafetyEvents(deps, callerOf(req), req.params.programId, req.query.limit),
  );
  app.get(
    '/programs/:programId/safety/events/:eventId',
    { schema: { tags, params: EventParams, response: { 200: SafetyEventView } } },
    async (req) => getSafetyEvent(deps, callerOf(req), req.params.programId, req.params.eventId),
  );
  app.post(
    '/programs/:programId/safety/events/:eventId/acknowledge',
    { schema: { tags, params: EventParams, response: { 200: SafetyEventView } } },
    async (req) => acknowledgeSafetyEvent(deps, callerOf(req), req.params.programId, req.params.eventId),
  );
  app.post(
    '/programs/:programId/safety/events/:eventId/follow-ups',
    { schema: { tags, params: EventParams, body: FollowUpInput, response: { 201: SafetyEventView } } },
    async (req, reply) => {
      const view = await recordSafetyFollowUp(deps, callerOf(req), req.params.programId, req.params.eventId, req.body);
      void reply.code(201);
      return view;
    },
  );
  app.post(
    '/programs/:programId/safety/events/:eventId/close',
    { schema: { tags, params: EventParams, body: CloseInput, response: { 200: SafetyEventView } } },
    async (req) => closeSafetyEvent(deps, callerOf(req), req.params.programId, req.params.eventId, req.body),
  );
}
