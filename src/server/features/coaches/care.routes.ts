import { z } from 'zod';
import {
  BoosterAttendanceInput,
  BoosterInput,
  BoostersPageView,
  BoosterView,
  CoachCheckInInput,
  CoachCheckInView,
  CoachImpactView,
  CoachRemindersView,
  CoachWellbeingView,
  FollowUpInput,
  ThanksInput,
  ThanksView,
} from '../../../core/coaches';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { CoachParams, ParticipantParams, ProgramParams } from '../../http/schemas';
import { getBoosters, recordAttendance, scheduleBooster } from './care.service';
import { followUpWellbeing, getImpact, getReminders, getWellbeing, recordWellbeing, sendThanks } from './wellbeing.service';

const BoosterParams = ProgramParams.extend({ boosterId: z.uuid() });
const CheckInParams = CoachParams.extend({ checkInId: z.uuid() });

/** Keeping coaches (#6, ADR 0016): boosters, well-being check-ins, impact and thanks. */
export function coachCareRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/boosters',
    { schema: { tags: ['coaches'], params: ProgramParams, response: { 200: BoostersPageView } } },
    async (req) => getBoosters(deps, callerOf(req), req.params.programId),
  );
  app.post(
    '/programs/:programId/boosters',
    { schema: { tags: ['coaches'], params: ProgramParams, body: BoosterInput, response: { 201: BoosterView } } },
    async (req, reply) => {
      const b = await scheduleBooster(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(201);
      return b;
    },
  );
  app.put(
    '/programs/:programId/boosters/:boosterId/attendance',
    { schema: { tags: ['coaches'], params: BoosterParams, body: BoosterAttendanceInput, response: { 200: BoosterView } } },
    async (req) => recordAttendance(deps, callerOf(req), req.params.programId, req.params.boosterId, req.body),
  );
  app.get(
    '/programs/:programId/coaches/:coachId/wellbeing',
    { schema: { tags: ['coaches'], params: CoachParams, response: { 200: CoachWellbeingView } } },
    async (req) => getWellbeing(deps, callerOf(req), req.params.programId, req.params.coachId),
  );
  app.post(
    '/programs/:programId/coaches/:coachId/wellbeing',
    { schema: { tags: ['coaches'], params: CoachParams, body: CoachCheckInInput, response: { 201: CoachCheckInView } } },
    async (req, reply) => {
      const c = await recordWellbeing(deps, callerOf(req), req.params.programId, req.params.coachId, req.body);
      void reply.code(201);
      return c;
    },
  );
  app.post(
    '/programs/:programId/coaches/:coachId/wellbeing/:checkInId/follow-up',
    { schema: { tags: ['coaches'], params: CheckInParams, body: FollowUpInput, response: { 200: CoachCheckInView } } },
    async (req) =>
      followUpWellbeing(deps, callerOf(req), req.params.programId, req.params.coachId, req.params.checkInId, req.body),
  );
  app.get(
    '/programs/:programId/coaches/:coachId/reminders',
    { schema: { tags: ['coaches'], params: CoachParams, response: { 200: CoachRemindersView } } },
    async (req) => getReminders(deps, callerOf(req), req.params.programId, req.params.coachId),
  );
  app.get(
    '/programs/:programId/coaches/:coachId/impact',
    { schema: { tags: ['coaches'], params: CoachParams, response: { 200: CoachImpactView } } },
    async (req) => getImpact(deps, callerOf(req), req.params.programId, req.params.coachId),
  );
  app.post(
    '/programs/:programId/participants/:participantId/thanks',
    { schema: { tags: ['coaches'], params: ParticipantParams, body: ThanksInput, response: { 201: ThanksView } } },
    async (req, reply) => {
      const t = await sendThanks(deps, callerOf(req), req.params.programId, req.params.participantId, req.body);
      void reply.code(201);
      return t;
    },
  );
}
