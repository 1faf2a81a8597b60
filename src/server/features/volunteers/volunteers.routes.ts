import { z } from 'zod';
import {
  AgreementSignature,
  AgreementView,
  ApplicantSummary,
  ApplicantView,
  ApplicationFormView,
  ApplicationInput,
  AttemptResult,
  isHoneypotFilled,
  ModuleView,
  PipelineState,
  QuizAnswers,
  StepInput,
  TrainingState,
  VolunteerSettings,
} from '../../../core/volunteers';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { CoachParams, ProgramParams } from '../../http/schemas';
import { paged } from '../../http/paging';
import { pageQuery } from '../../../core/shared/paging';
import { getApplicationForm, submitApplication } from './applications.service';
import { getApplicant, getVolunteerSettings, listApplicants, moveApplicant, updateVolunteerSettings } from './pipeline.service';
import { getAgreement, getTrainingModule, getTrainingState, signAgreement, submitQuizAttempt } from './training.service';

const Received = z.object({ received: z.literal(true) });
const ApplicantParams = ProgramParams.extend({ applicationId: z.uuid() });
const ModuleKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);

/** Applications per hour per address on the public form, unless the app says otherwise. */
export const DEFAULT_APPLICATION_RATE_LIMIT = 10;

export function volunteersRoutes(app: App, opts: AppOptions): void {
  const { deps } = opts;

  app.get(
    '/programs/:programId/application-form',
    {
      config: { isPublic: true },
      schema: { tags: ['volunteers'], params: ProgramParams, response: { 200: ApplicationFormView } },
    },
    async (req) => getApplicationForm(deps, req.params.programId),
  );

  app.post(
    '/programs/:programId/applications',
    {
      // Public: anyone may offer to volunteer. A stricter limit per address than the rest of the API,
      // and a honeypot field that robots fill: they are told "received" and nothing is kept.
      config: {
        isPublic: true,
        rateLimit: { max: opts.applicationRateLimit ?? DEFAULT_APPLICATION_RATE_LIMIT, timeWindow: '1 hour' },
      },
      preValidation: async (req, reply) => {
        if (!isHoneypotFilled(req.body)) return;
        req.log.info('volunteer application dropped: honeypot filled');
        await reply.code(202).send({ received: true as const });
        return reply;
      },
      schema: { tags: ['volunteers'], params: ProgramParams, body: ApplicationInput, response: { 202: Received } },
    },
    async (req, reply) => {
      await submitApplication(deps, { ip: req.ip, requestId: req.id }, req.params.programId, req.body);
      void reply.code(202);
      return { received: true as const };
    },
  );

  app.get(
    '/programs/:programId/volunteers',
    {
      schema: {
        tags: ['volunteers'],
        params: ProgramParams,
        querystring: pageQuery(200).extend({ state: PipelineState.optional() }),
        response: { 200: z.array(ApplicantSummary) },
      },
    },
    async (req, reply) => {
      const { state, limit, before } = req.query;
      return paged(
        req,
        reply,
        await listApplicants(deps, callerOf(req), req.params.programId, state ? { state } : {}, { limit, before }),
      );
    },
  );

  app.get(
    '/programs/:programId/volunteers/:applicationId',
    { schema: { tags: ['volunteers'], params: ApplicantParams, response: { 200: ApplicantView } } },
    async (req) => getApplicant(deps, callerOf(req), req.params.programId, req.params.applicationId),
  );

  app.post(
    '/programs/:programId/volunteers/:applicationId/steps',
    { schema: { tags: ['volunteers'], params: ApplicantParams, body: StepInput, response: { 200: ApplicantView } } },
    async (req) => moveApplicant(deps, callerOf(req), req.params.programId, req.params.applicationId, req.body),
  );

  app.get(
    '/programs/:programId/volunteer-settings',
    { schema: { tags: ['volunteers'], params: ProgramParams, response: { 200: VolunteerSettings } } },
    async (req) => getVolunteerSettings(deps, callerOf(req), req.params.programId),
  );

  app.put(
    '/programs/:programId/volunteer-settings',
    { schema: { tags: ['volunteers'], params: ProgramParams, body: VolunteerSettings, response: { 200: VolunteerSettings } } },
    async (req) => updateVolunteerSettings(deps, callerOf(req), req.params.programId, req.body),
  );

  app.get(
    '/programs/:programId/coaches/:coachId/training',
    { schema: { tags: ['volunteers'], params: CoachParams, response: { 200: TrainingState } } },
    async (req) => getTrainingState(deps, callerOf(req), req.params.programId, req.params.coachId),
  );

  app.get(
    '/programs/:programId/training/modules/:moduleKey',
    {
      schema: { tags: ['volunteers'], params: ProgramParams.extend({ moduleKey: ModuleKey }), response: { 200: ModuleView } },
    },
    async (req) => getTrainingModule(deps, callerOf(req), req.params.programId, req.params.moduleKey),
  );

  app.post(
    '/programs/:programId/coaches/:coachId/training/modules/:moduleKey/attempts',
    {
      schema: {
        tags: ['volunteers'],
        params: CoachParams.extend({ moduleKey: ModuleKey }),
        body: z.object({ answers: QuizAnswers }),
        response: { 201: AttemptResult },
      },
    },
    async (req, reply) => {
      const r = await submitQuizAttempt(
        deps,
        callerOf(req),
        req.params.programId,
        req.params.coachId,
        req.params.moduleKey,
        req.body.answers,
      );
      void reply.code(201);
      return r;
    },
  );

  app.get(
    '/programs/:programId/coaches/:coachId/agreement',
    { schema: { tags: ['volunteers'], params: CoachParams, response: { 200: AgreementView } } },
    async (req) => getAgreement(deps, callerOf(req), req.params.programId, req.params.coachId),
  );

  app.post(
    '/programs/:programId/coaches/:coachId/agreement',
    { schema: { tags: ['volunteers'], params: CoachParams, body: AgreementSignature, response: { 201: AgreementView } } },
    async (req, reply) => {
      const r = await signAgreement(deps, callerOf(req), req.params.programId, req.params.coachId, req.body);
      void reply.code(201);
      return r;
    },
  );
}
