import { z } from 'zod';
import {
  PainCheckInInput,
  CheckInQuestion,
  PainCheckInView,
  NoteInput,
  NoteView,
  PlanInput,
  PlanReviewInput,
  PlanSummaryRow,
  PlanView,
  PracticeInput,
  PracticeParams,
  PracticeView,
  ProgressView,
  SharingInput,
} from '../../../core/plans';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ParticipantParams, ProgramParams } from '../../http/schemas';
import { checkInQuestions, recordPainCheckIn } from './check-ins.service';
import {
  createPlan,
  getPlan,
  listPlans,
  listPlanSummary,
  recordPractice,
  reviewPlan,
  setSharing,
  writeNote,
} from './plans.service';
import { getProgress } from './progress.service';

const PlanParams = ProgramParams.extend({ planId: z.uuid() });

export function plansRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/participants/:participantId/plans',
    { schema: { tags: ['plans'], params: ParticipantParams, response: { 200: z.array(PlanView) } } },
    async (req) => listPlans(deps, callerOf(req), req.params.programId, req.params.participantId),
  );
  app.post(
    '/programs/:programId/participants/:participantId/plans',
    { schema: { tags: ['plans'], params: ParticipantParams, body: PlanInput, response: { 200: PlanView, 201: PlanView } } },
    async (req, reply) => {
      const r = await createPlan(deps, callerOf(req), req.params.programId, req.params.participantId, req.body);
      // 201 for a new plan; 200 when the same client key was already saved (a retry).
      void reply.code(r.isNew ? 201 : 200);
      return r.plan;
    },
  );
  app.get(
    '/programs/:programId/plans',
    { schema: { tags: ['plans'], params: ProgramParams, response: { 200: z.array(PlanSummaryRow) } } },
    async (req) => listPlanSummary(deps, callerOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/plans/:planId',
    { schema: { tags: ['plans'], params: PlanParams, response: { 200: PlanView } } },
    async (req) => getPlan(deps, callerOf(req), req.params.programId, req.params.planId),
  );
  app.post(
    '/programs/:programId/plans/:planId/review',
    { schema: { tags: ['plans'], params: PlanParams, body: PlanReviewInput, response: { 200: PlanView } } },
    async (req) => reviewPlan(deps, callerOf(req), req.params.programId, req.params.planId, req.body),
  );
  app.put(
    '/programs/:programId/plans/:planId/practice/:on',
    { schema: { tags: ['plans'], params: PracticeParams, body: PracticeInput, response: { 200: PracticeView } } },
    async (req) => recordPractice(deps, callerOf(req), req.params.programId, req.params.planId, req.params.on, req.body.did),
  );
  app.get(
    '/programs/:programId/check-in-questions',
    { schema: { tags: ['plans'], params: ProgramParams, response: { 200: z.array(CheckInQuestion) } } },
    async (req) => checkInQuestions(deps, callerOf(req), req.params.programId),
  );
  app.post(
    '/programs/:programId/participants/:participantId/check-ins',
    {
      schema: {
        tags: ['plans'],
        params: ParticipantParams,
        body: PainCheckInInput,
        response: { 200: PainCheckInView, 201: PainCheckInView },
      },
    },
    async (req, reply) => {
      const r = await recordPainCheckIn(deps, callerOf(req), req.params.programId, req.params.participantId, req.body);
      // 201 for the day's first check-in; 200 when it replaced one made earlier the same day.
      void reply.code(r.isNew ? 201 : 200);
      return r.checkIn;
    },
  );
  app.get(
    '/programs/:programId/participants/:participantId/progress',
    { schema: { tags: ['plans'], params: ParticipantParams, response: { 200: ProgressView } } },
    async (req) => getProgress(deps, callerOf(req), req.params.programId, req.params.participantId),
  );
  app.put(
    '/programs/:programId/participants/:participantId/sharing',
    { schema: { tags: ['plans'], params: ParticipantParams, body: SharingInput, response: { 200: SharingInput } } },
    async (req) => setSharing(deps, callerOf(req), req.params.programId, req.params.participantId, req.body.shareWithCoach),
  );
  app.post(
    '/programs/:programId/participants/:participantId/notes',
    { schema: { tags: ['plans'], params: ParticipantParams, body: NoteInput, response: { 201: NoteView } } },
    async (req, reply) => {
      const note = await writeNote(deps, callerOf(req), req.params.programId, req.params.participantId, req.body.text);
      void reply.code(201);
      return note;
    },
  );
}
