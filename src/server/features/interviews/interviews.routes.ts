import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  AgreementView,
  ConsensusDecisionInput,
  ConsensusReply,
  ConsensusView,
  ConsentDocumentInput,
  ConsentDocumentView,
  InterviewConsentInput,
  InterviewDeclineInput,
  MyInterviewInvitation,
  ScheduleInterviewInput,
  VerbalConsentInput,
  StartConsensusInput,
  CodeInput,
  CodeView,
  CodebookDiffView,
  CodebookImportInput,
  CodebookImportResult,
  CodebookVersionInput,
  CodebookVersionSummary,
  CodebookVersionView,
  CodingInput,
  CodingView,
  ConfirmInput,
  GuideInput,
  GuideView,
  JointDisplayQuery,
  JointDisplayView,
  MemoInput,
  SampleInput,
  SampleMemberInput,
  SampleSummary,
  SampleView,
  SamplingDimension,
  SamplingFrameView,
  ThemeInput,
  ThemeView,
  MemoView,
  StudyInput,
  StudySummary,
  StudyView,
  TeamMemberInput,
  TeamRoleInput,
  TeamView,
  TranscriptInput,
  TranscriptView,
} from '../../../core/interviews';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import {
  createInterviewCode,
  diffCodebookVersions,
  exportCodebookVersion,
  getCodebookVersion,
  importCodebook,
  listCodebookVersions,
  publishCodebookVersion,
} from './codebook.service';
import { exportInterviewStudy, interviewExportFormats, type ExportFile } from './export.service';
import { getAgreement } from './agreement.service';
import { addCoding, removeCoding } from './codings.service';
import { confirmDeidentification } from './deidentification.service';
import { addMemo } from './memos.service';
import { addInterviewGuide, createInterviewStudy, getInterviewStudy, listInterviewStudies } from './studies.service';
import { getTranscript, importTranscript, linkTranscriptParticipant } from './transcripts.service';
import {
  drawInterviewSample,
  getInterviewSample,
  listInterviewSamples,
  markSampleMember,
  previewSamplingFrame,
} from './sampling.service';
import { decideConsensus, getConsensus, startConsensus } from './consensus.service';
import {
  addConsentDocument,
  cancelInterview,
  consentToInterview,
  declineInterview,
  inviteSampleMember,
  listConsentDocuments,
  myInterviewInvitations,
  recordVerbalConsent,
  scheduleInterview,
} from './invitations.service';
import { addTeamMember, changeTeamRole, getStudyTeam, removeTeamMember } from './team.service';
import { createTheme, getJointDisplay, jointDisplayCsv, listThemes, updateTheme } from './themes.service';

const StudyParams = ProgramParams.extend({ studyId: z.uuid() });
const TranscriptParams = StudyParams.extend({ transcriptId: z.uuid() });
const CodingParams = StudyParams.extend({ codingId: z.uuid() });
const SampleParams = StudyParams.extend({ sampleId: z.uuid() });
const MemberParams = SampleParams.extend({ memberId: z.uuid() });
const VersionParams = StudyParams.extend({ version: z.coerce.number().int().min(1) });
const ThemeParams = StudyParams.extend({ themeId: z.uuid() });
const TeamMemberParams = StudyParams.extend({ personId: z.uuid() });
const InvitationParams = ProgramParams.extend({ memberId: z.uuid() });
/** `?dimensions=arm,adherent`: one to four dimensions, each once. */
const FrameQuery = z.object({
  dimensions: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(SamplingDimension).min(1).max(4))
    .refine((d) => new Set(d).size === d.length, { message: 'Each dimension once' }),
});

/** A file to download (an export), never cached. */
const sendFile = (reply: FastifyReply, file: ExportFile) =>
  reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.body);

/** Interview studies (issue #13, ADR 0032): study staff and evaluators (de-identified copies only). */
export function interviewsRoutes(app: App, { deps }: AppOptions): void {
  const tags = ['interviews'];
  const base = '/programs/:programId/interview-studies';
  app.get(base, { schema: { tags, params: ProgramParams, response: { 200: z.array(StudySummary) } } }, async (req) =>
    listInterviewStudies(deps, callerOf(req), req.params.programId),
  );
  app.post(
    base,
    { schema: { tags, params: ProgramParams, body: StudyInput, response: { 201: StudySummary } } },
    async (req, reply) => reply.code(201).send(await createInterviewStudy(deps, callerOf(req), req.params.programId, req.body)),
  );
  app.get(`${base}/:studyId`, { schema: { tags, params: StudyParams, response: { 200: StudyView } } }, async (req) =>
    getInterviewStudy(deps, callerOf(req), req.params.programId, req.params.studyId),
  );
  // The study's team (ADR 0052): program staff, the study's lead among them; 409 for the last lead.
  app.get(`${base}/:studyId/team`, { schema: { tags, params: StudyParams, response: { 200: TeamView } } }, async (req) =>
    getStudyTeam(deps, callerOf(req), req.params.programId, req.params.studyId),
  );
  app.post(
    `${base}/:studyId/team`,
    { schema: { tags, params: StudyParams, body: TeamMemberInput, response: { 201: TeamView } } },
    async (req, reply) =>
      reply.code(201).send(await addTeamMember(deps, callerOf(req), req.params.programId, req.params.studyId, req.body)),
  );
  app.patch(
    `${base}/:studyId/team/:personId`,
    { schema: { tags, params: TeamMemberParams, body: TeamRoleInput, response: { 200: TeamView } } },
    async (req) =>
      changeTeamRole(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.personId, req.body.role),
  );
  app.delete(
    `${base}/:studyId/team/:personId`,
    { schema: { tags, params: TeamMemberParams, response: { 200: TeamView } } },
    async (req) => removeTeamMember(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.personId),
  );
  app.post(
    `${base}/:studyId/guides`,
    { schema: { tags, params: StudyParams, body: GuideInput, response: { 201: GuideView } } },
    async (req, reply) =>
      reply.code(201).send(await addInterviewGuide(deps, callerOf(req), req.params.programId, req.params.studyId, req.body)),
  );
  app.post(
    `${base}/:studyId/transcripts`,
    {
      // A transcript of an hour's interview is well under 2 MB of text.
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a transcript (WebVTT, SRT or text): pending until a person confirms the de-identification',
        params: StudyParams,
        body: TranscriptInput,
        response: { 201: TranscriptView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await importTranscript(deps, callerOf(req), req.params.programId, req.params.studyId, req.body)),
  );
  app.get(
    `${base}/:studyId/transcripts/:transcriptId`,
    {
      schema: {
        tags,
        params: TranscriptParams,
        querystring: z.object({ original: z.enum(['true', 'false']).default('false') }),
        response: { 200: TranscriptView },
      },
    },
    async (req) =>
      getTranscript(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.transcriptId, {
        original: req.query.original === 'true',
      }),
  );
  app.post(
    `${base}/:studyId/transcripts/:transcriptId/deidentification`,
    {
      schema: {
        tags,
        summary: 'Confirm the replacements: makes the de-identified copy that is coded',
        params: TranscriptParams,
        body: ConfirmInput,
        response: { 200: TranscriptView },
      },
    },
    async (req) =>
      confirmDeidentification(
        deps,
        callerOf(req),
        req.params.programId,
        req.params.studyId,
        req.params.transcriptId,
        req.body.replacements,
      ),
  );
  app.post(
    `${base}/:studyId/codes`,
    { schema: { tags, params: StudyParams, body: CodeInput, response: { 201: CodeView } } },
    async (req, reply) =>
      reply.code(201).send(await createInterviewCode(deps, callerOf(req), req.params.programId, req.params.studyId, req.body)),
  );
  // A REFI-QDA codebook (.qdc) into the study's codebook (ADR 0053): the lead only.
  app.post(
    `${base}/:studyId/codebook/import`,
    {
      // The core refuses a codebook over 1,000,000 characters with a reason; anything far larger is 413.
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a REFI-QDA codebook (.qdc): new codes are added, names already there are kept and reported',
        params: StudyParams,
        body: CodebookImportInput,
        response: { 200: CodebookImportResult },
      },
    },
    async (req) => importCodebook(deps, callerOf(req), req.params.programId, req.params.studyId, req.body.content),
  );
  // Published codebook versions (ADR 0053): the lead publishes, the team reads, compares and exports.
  app.get(
    `${base}/:studyId/codebook/versions`,
    { schema: { tags, params: StudyParams, response: { 200: z.array(CodebookVersionSummary) } } },
    async (req) => listCodebookVersions(deps, callerOf(req), req.params.programId, req.params.studyId),
  );
  app.post(
    `${base}/:studyId/codebook/versions`,
    {
      schema: {
        tags,
        summary: 'Publish the current codebook as its next version (409 when nothing changed since the last)',
        params: StudyParams,
        body: CodebookVersionInput,
        response: { 201: CodebookVersionSummary },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await publishCodebookVersion(deps, callerOf(req), req.params.programId, req.params.studyId, req.body.note)),
  );
  app.get(
    `${base}/:studyId/codebook/versions/:version`,
    { schema: { tags, params: VersionParams, response: { 200: CodebookVersionView } } },
    async (req) => getCodebookVersion(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.version),
  );
  app.get(
    `${base}/:studyId/codebook/versions/:version/qdc`,
    {
      schema: {
        tags,
        params: VersionParams,
        response: { 200: z.any().describe('the version as a REFI-QDA codebook (.qdc, XML)') },
      },
    },
    async (req, reply) => {
      return sendFile(
        reply,
        await exportCodebookVersion(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.version),
      );
    },
  );
  app.get(
    `${base}/:studyId/codebook/diff`,
    {
      schema: {
        tags,
        summary: 'What changed from one published codebook version to another',
        params: StudyParams,
        querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
        response: { 200: CodebookDiffView },
      },
    },
    async (req) =>
      diffCodebookVersions(deps, callerOf(req), req.params.programId, req.params.studyId, req.query.from, req.query.to),
  );
  app.post(
    `${base}/:studyId/transcripts/:transcriptId/codings`,
    { schema: { tags, params: TranscriptParams, body: CodingInput, response: { 201: CodingView } } },
    async (req, reply) =>
      reply
        .code(201)
        .send(await addCoding(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.transcriptId, req.body)),
  );
  app.delete(
    `${base}/:studyId/codings/:codingId`,
    { schema: { tags, params: CodingParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await removeCoding(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.codingId);
      return reply.code(204).send(null);
    },
  );
  app.post(
    `${base}/:studyId/memos`,
    { schema: { tags, params: StudyParams, body: MemoInput, response: { 201: MemoView } } },
    async (req, reply) =>
      reply.code(201).send(await addMemo(deps, callerOf(req), req.params.programId, req.params.studyId, req.body)),
  );
  app.get(
    `${base}/:studyId/transcripts/:transcriptId/agreement`,
    {
      schema: {
        tags,
        summary:
          "Two coders' agreement per code, at the character level and by speaker turn: percent, Cohen's kappa, Krippendorff's alpha, disagreements",
        params: TranscriptParams,
        querystring: z.object({ first: z.uuid().optional(), second: z.uuid().optional() }),
        response: { 200: AgreementView },
      },
    },
    async (req) =>
      getAgreement(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.transcriptId, req.query),
  );
  app.get(
    `${base}/:studyId/transcripts/:transcriptId/consensus`,
    {
      schema: {
        tags,
        summary: 'The consensus version of a double-coded transcript, or null',
        params: TranscriptParams,
        response: { 200: ConsensusReply },
      },
    },
    async (req) => getConsensus(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.transcriptId),
  );
  app.post(
    `${base}/:studyId/transcripts/:transcriptId/consensus`,
    {
      schema: {
        tags,
        summary: 'Starts the consensus version from what both coders coded',
        params: TranscriptParams,
        body: StartConsensusInput,
        response: { 201: ConsensusView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await startConsensus(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.transcriptId, req.body),
        ),
  );
  app.put(
    `${base}/:studyId/transcripts/:transcriptId/consensus/decisions`,
    {
      schema: {
        tags,
        summary: 'Keeps a stretch in the consensus version or leaves it out, for one code',
        params: TranscriptParams,
        body: ConsensusDecisionInput,
        response: { 200: ConsensusView },
      },
    },
    async (req) =>
      decideConsensus(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.transcriptId, req.body),
  );
  // Files to download, not JSON: the REFI-QDA project, its codebook, or the coded segments.
  app.get(
    `${base}/:studyId/export`,
    {
      schema: {
        tags,
        params: StudyParams,
        querystring: z.object({ format: z.enum(interviewExportFormats) }),
        // A .qdpx is binary (a ZIP); the file's bytes are sent as they are.
        response: { 200: z.any().describe('the file: .qdpx (ZIP), .qdc (XML) or .csv') },
      },
    },
    async (req, reply) => {
      return sendFile(
        reply,
        await exportInterviewStudy(deps, callerOf(req), req.params.programId, req.params.studyId, req.query.format),
      );
    },
  );
  // Purposive sampling (ADR 0044): staff draw and record; evaluators read drawn frames by code.
  app.put(
    `${base}/:studyId/transcripts/:transcriptId/participant`,
    {
      schema: {
        tags,
        summary: 'Link a transcript to the participant interviewed (for joint displays), or unlink it',
        params: TranscriptParams,
        body: z.object({ participantId: z.uuid().nullable() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await linkTranscriptParticipant(
        deps,
        callerOf(req),
        req.params.programId,
        req.params.studyId,
        req.params.transcriptId,
        req.body.participantId,
      );
      return reply.code(204).send(null);
    },
  );
  app.get(
    `${base}/:studyId/sampling-frame`,
    { schema: { tags, params: StudyParams, querystring: FrameQuery, response: { 200: SamplingFrameView } } },
    async (req) => previewSamplingFrame(deps, callerOf(req), req.params.programId, req.params.studyId, req.query.dimensions),
  );
  app.get(
    `${base}/:studyId/samples`,
    { schema: { tags, params: StudyParams, response: { 200: z.array(SampleSummary) } } },
    async (req) => listInterviewSamples(deps, callerOf(req), req.params.programId, req.params.studyId),
  );
  app.post(
    `${base}/:studyId/samples`,
    {
      schema: {
        tags,
        summary: 'Draw a purposive sample from the program’s data now; the frame is kept as drawn',
        params: StudyParams,
        body: SampleInput,
        response: { 201: SampleView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await drawInterviewSample(deps, callerOf(req), req.params.programId, req.params.studyId, req.body)),
  );
  app.get(
    `${base}/:studyId/samples/:sampleId`,
    { schema: { tags, params: SampleParams, response: { 200: SampleView } } },
    async (req) => getInterviewSample(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.sampleId),
  );
  app.put(
    `${base}/:studyId/samples/:sampleId/members/:memberId`,
    { schema: { tags, params: MemberParams, body: SampleMemberInput, response: { 200: SampleView } } },
    async (req) =>
      markSampleMember(
        deps,
        callerOf(req),
        req.params.programId,
        req.params.studyId,
        req.params.sampleId,
        req.params.memberId,
        req.body,
      ),
  );
  // Invitations, consent versions and scheduling (ADR 0050): study staff.
  app.get(
    `${base}/:studyId/consent-documents`,
    { schema: { tags, params: StudyParams, response: { 200: z.array(ConsentDocumentView) } } },
    async (req) => listConsentDocuments(deps, callerOf(req), req.params.programId, req.params.studyId),
  );
  app.post(
    `${base}/:studyId/consent-documents`,
    {
      schema: {
        tags,
        summary: 'Add a version of the study’s interview consent; earlier versions are kept',
        params: StudyParams,
        body: ConsentDocumentInput,
        response: { 201: ConsentDocumentView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addConsentDocument(deps, callerOf(req), req.params.programId, req.params.studyId, req.body)),
  );
  app.post(
    `${base}/:studyId/samples/:sampleId/members/:memberId/invite`,
    {
      schema: {
        tags,
        summary: 'Invite a proposed person: the invitation goes through the outbox in his or her language',
        params: MemberParams,
        response: { 200: SampleView },
      },
    },
    async (req) => inviteSampleMember(deps, callerOf(req), req.params),
  );
  app.post(
    `${base}/:studyId/samples/:sampleId/members/:memberId/consent`,
    {
      schema: {
        tags,
        summary: 'Record a consent given by phone or in person, to the current version, with the recording choice',
        params: MemberParams,
        body: VerbalConsentInput,
        response: { 200: SampleView },
      },
    },
    async (req) => recordVerbalConsent(deps, callerOf(req), req.params, req.body),
  );
  app.post(
    `${base}/:studyId/samples/:sampleId/members/:memberId/schedule`,
    {
      schema: {
        tags,
        summary: 'Schedule or move the interview of a person who consented; the participant gets a calendar invitation',
        params: MemberParams,
        body: ScheduleInterviewInput,
        response: { 200: SampleView },
      },
    },
    async (req) => scheduleInterview(deps, callerOf(req), req.params, req.body),
  );
  app.post(
    `${base}/:studyId/samples/:sampleId/members/:memberId/cancel`,
    {
      schema: {
        tags,
        summary:
          'Cancel a booked interview: back to consented; the participant gets the calendar cancellation (409 when none is booked)',
        params: MemberParams,
        response: { 200: SampleView },
      },
    },
    async (req) => cancelInterview(deps, callerOf(req), req.params),
  );
  // The invited participant's own invitations (ADR 0050).
  const mine = '/programs/:programId/my-interview-invitations';
  app.get(mine, { schema: { tags, params: ProgramParams, response: { 200: z.array(MyInterviewInvitation) } } }, async (req) =>
    myInterviewInvitations(deps, callerOf(req), req.params.programId),
  );
  app.post(
    `${mine}/:memberId/consent`,
    {
      schema: {
        tags,
        summary: 'Agree to be interviewed: the version read, a typed name, and yes or no to recording',
        params: InvitationParams,
        body: InterviewConsentInput,
        response: { 200: z.array(MyInterviewInvitation) },
      },
    },
    async (req) => consentToInterview(deps, callerOf(req), req.params.programId, req.params.memberId, req.body),
  );
  app.post(
    `${mine}/:memberId/decline`,
    {
      schema: {
        tags,
        summary: 'Say no to the interview, with a reason from the list or none',
        params: InvitationParams,
        body: InterviewDeclineInput,
        response: { 200: z.array(MyInterviewInvitation) },
      },
    },
    async (req) => declineInterview(deps, callerOf(req), req.params.programId, req.params.memberId, req.body),
  );
  // Themes and the joint display (ADR 0044).
  app.get(
    `${base}/:studyId/themes`,
    { schema: { tags, params: StudyParams, response: { 200: z.array(ThemeView) } } },
    async (req) => listThemes(deps, callerOf(req), req.params.programId, req.params.studyId),
  );
  app.post(
    `${base}/:studyId/themes`,
    { schema: { tags, params: StudyParams, body: ThemeInput, response: { 201: ThemeView } } },
    async (req, reply) =>
      reply.code(201).send(await createTheme(deps, callerOf(req), req.params.programId, req.params.studyId, req.body)),
  );
  app.put(
    `${base}/:studyId/themes/:themeId`,
    { schema: { tags, params: ThemeParams, body: ThemeInput, response: { 200: ThemeView } } },
    async (req) => updateTheme(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.themeId, req.body),
  );
  app.get(
    `${base}/:studyId/joint-display`,
    {
      schema: {
        tags,
        summary: 'Themes × a grouping of the people interviewed (values as they are now): people, segments, quotes',
        params: StudyParams,
        querystring: JointDisplayQuery,
        response: { 200: JointDisplayView },
      },
    },
    async (req) => getJointDisplay(deps, callerOf(req), req.params.programId, req.params.studyId, req.query.by, req.query.quotes),
  );
  app.get(
    `${base}/:studyId/joint-display.csv`,
    {
      schema: {
        tags,
        params: StudyParams,
        querystring: JointDisplayQuery,
        response: { 200: z.any().describe('the joint display as CSV') },
      },
    },
    async (req, reply) => {
      const d = await getJointDisplay(
        deps,
        callerOf(req),
        req.params.programId,
        req.params.studyId,
        req.query.by,
        req.query.quotes,
        'export',
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="joint-display-${req.query.by}.csv"`)
        .header('cache-control', 'no-store')
        .send(jointDisplayCsv(d));
    },
  );
}
