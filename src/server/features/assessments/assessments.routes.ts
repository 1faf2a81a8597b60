import { z } from 'zod';
import {
  AssessmentSettings,
  EntryResult,
  ImportInput,
  ImportProblems,
  InstrumentSummary,
  LicensedTextInput,
  LinkCreated,
  LinkCreateInput,
  LinkDraftInput,
  LinkSubmitInput,
  LinkSubmitted,
  LinkToken,
  ParticipantAssessments,
  PublicLinkView,
  ReportView,
  ResponseView,
  StaffEntryInput,
  TimepointKey,
  WorklistRow,
} from '../../../core/assessments';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ParticipantParams, ProgramParams } from '../../http/schemas';
import {
  createLink,
  enterResponse,
  getParticipantAssessments,
  getSettings,
  importInstrument,
  listInstruments,
  listWorklist,
  loadLicensedText,
  openLink,
  programReport,
  responseHistory,
  saveLinkDraft,
  submitLink,
  updateSettings,
} from './assessments.service';

/** Public link requests per address and minute: plenty for a person answering, little for guessing. */
export const LINK_RATE_LIMIT = 60;

const TimepointParams = ParticipantParams.extend({ timepointKey: TimepointKey });
const ResponseParams = ParticipantParams.extend({ responseId: z.uuid() });
const InstrumentParams = ProgramParams.extend({ instrumentId: z.string().min(1).max(64) });
const ErrorReply = z.object({ error: z.string(), message: z.string(), reason: z.string().optional(), requestId: z.string() });

export function assessmentsRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/assessment-settings',
    { schema: { tags: ['assessments'], params: ProgramParams, response: { 200: AssessmentSettings } } },
    async (req) => getSettings(deps, callerOf(req), req.params.programId),
  );
  app.put(
    '/programs/:programId/assessment-settings',
    { schema: { tags: ['assessments'], params: ProgramParams, body: AssessmentSettings, response: { 200: AssessmentSettings } } },
    async (req) => updateSettings(deps, callerOf(req), req.params.programId, req.body),
  );
  app.get(
    '/programs/:programId/instruments',
    { schema: { tags: ['assessments'], params: ProgramParams, response: { 200: z.array(InstrumentSummary) } } },
    async (req) => listInstruments(deps, callerOf(req), req.params.programId),
  );
  app.post(
    '/programs/:programId/instruments',
    {
      bodyLimit: 2_000_000,
      schema: {
        tags: ['assessments'],
        params: ProgramParams,
        body: ImportInput,
        response: { 201: InstrumentSummary, 422: ImportProblems },
      },
    },
    // A file that cannot be used answers 422 with every problem found (InvalidFile, http/errors).
    async (req, reply) => reply.code(201).send(await importInstrument(deps, callerOf(req), req.params.programId, req.body)),
  );
  app.put(
    '/programs/:programId/instruments/:instrumentId/licensed-text',
    {
      schema: {
        tags: ['assessments'],
        params: InstrumentParams,
        body: LicensedTextInput,
        response: { 200: InstrumentSummary, 422: ImportProblems },
      },
    },
    async (req) => loadLicensedText(deps, callerOf(req), req.params.programId, req.params.instrumentId, req.body.texts),
  );
  app.get(
    '/programs/:programId/assessments',
    { schema: { tags: ['assessments'], params: ProgramParams, response: { 200: z.array(WorklistRow) } } },
    async (req) => listWorklist(deps, callerOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/assessment-report',
    { schema: { tags: ['assessments'], params: ProgramParams, response: { 200: ReportView } } },
    async (req) => programReport(deps, callerOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/participants/:participantId/assessments',
    { schema: { tags: ['assessments'], params: ParticipantParams, response: { 200: ParticipantAssessments } } },
    async (req) => getParticipantAssessments(deps, callerOf(req), req.params.programId, req.params.participantId),
  );
  app.post(
    '/programs/:programId/participants/:participantId/assessments/:timepointKey/responses',
    { schema: { tags: ['assessments'], params: TimepointParams, body: StaffEntryInput, response: { 200: EntryResult } } },
    async (req) =>
      enterResponse(deps, callerOf(req), req.params.programId, req.params.participantId, req.params.timepointKey, req.body),
  );
  app.get(
    '/programs/:programId/participants/:participantId/assessment-responses/:responseId/history',
    { schema: { tags: ['assessments'], params: ResponseParams, response: { 200: z.array(ResponseView) } } },
    async (req) => responseHistory(deps, callerOf(req), req.params.programId, req.params.participantId, req.params.responseId),
  );
  app.post(
    '/programs/:programId/participants/:participantId/assessment-links',
    { schema: { tags: ['assessments'], params: ParticipantParams, body: LinkCreateInput, response: { 201: LinkCreated } } },
    async (req, reply) => {
      const created = await createLink(deps, callerOf(req), req.params.programId, req.params.participantId, req.body);
      void reply.code(201);
      return created;
    },
  );

  // The participant's one-time link: public (no account), rate-limited, the token in the body only.
  const linkConfig = { isPublic: true, rateLimit: { max: LINK_RATE_LIMIT, timeWindow: '1 minute' } };
  const meta = (req: { id: string; ip: string }) => ({ requestId: req.id, ip: req.ip });
  app.post(
    '/programs/:programId/assessment-link',
    {
      config: linkConfig,
      schema: {
        tags: ['assessments'],
        params: ProgramParams,
        body: LinkToken,
        response: { 200: PublicLinkView, 410: ErrorReply },
      },
    },
    // An expired or replaced link answers 410 Gone (a used one 409), so the page can say which.
    async (req) => openLink(deps, meta(req), req.params.programId, req.body.token),
  );
  app.put(
    '/programs/:programId/assessment-link/draft',
    {
      config: linkConfig,
      schema: {
        tags: ['assessments'],
        params: ProgramParams,
        body: LinkDraftInput,
        response: { 200: z.object({ saved: z.literal(true) }), 410: ErrorReply },
      },
    },
    async (req) => saveLinkDraft(deps, meta(req), req.params.programId, req.body.token, req.body.answers),
  );
  app.post(
    '/programs/:programId/assessment-link/submit',
    {
      config: linkConfig,
      schema: {
        tags: ['assessments'],
        params: ProgramParams,
        body: LinkSubmitInput,
        response: { 200: LinkSubmitted, 410: ErrorReply },
      },
    },
    async (req) => submitLink(deps, meta(req), req.params.programId, req.body.token, req.body.answers),
  );
}
