import { z } from 'zod';
import {
  AllocationView,
  ConsentDocumentInput,
  ConsentInput,
  ConsortView,
  DeliveryInput,
  DesignUpdate,
  ParticipantStudyView,
  RandomizeInput,
  ReasonInput,
  ScreeningInput,
  SimulationInput,
  StudyView,
  WithdrawalInput,
} from '../../../core/trials';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { AttendanceInput, ClassSessionInput, ClassSessionView, InvitationInput } from '../../../core/trials';
import { createClass, inviteToClass, listClasses, recordAttendance } from './classes.service';
import { getConsort } from './consort.service';
import { apiExportFormats, exportStudy, renderApiExport } from './export.service';
import {
  addConsentDocument,
  emergencyUnblind,
  getParticipantStudy,
  randomize,
  recordConsent,
  recordDelivery,
  screenParticipant,
  withdrawParticipant,
} from './enrolment.service';
import { exportSequence, getStudy, simulateStudy, unblindStudy, updateDesign, uploadAllocationTable } from './study.service';

const ParticipantParams = ProgramParams.extend({ participantId: z.uuid() });
const ClassParams = ProgramParams.extend({ classId: z.uuid() });
const TableSummaryView = z.object({
  rows: z.number(),
  strata: z.array(z.object({ stratum: z.string(), counts: z.record(z.string(), z.number()) })),
});
const SimulationView = z.object({
  participants: z.number(),
  replicates: z.number(),
  meanImbalance: z.number(),
  maxImbalance: z.number(),
  meanStratumImbalance: z.number(),
  correctGuessProbability: z.number(),
});
const SequenceView = z.object({
  seedHex: z.string(),
  stream: z.string(),
  method: z.string(),
  allocations: z.array(
    z.object({
      overallNumber: z.number(),
      stratum: z.string(),
      sequenceNumber: z.number(),
      arm: z.string(),
      allocatedAt: z.string(),
    }),
  ),
});

/** The study routes (issue #11): design, screening, consent, withdrawal, randomization, blinding, CONSORT. */
export function trialsRoutes(app: App, { deps }: AppOptions): void {
  const tags = ['trials'];
  const base = '/programs/:programId/study';
  app.get(base, { schema: { tags, params: ProgramParams, response: { 200: StudyView } } }, async (req) =>
    getStudy(deps, callerOf(req), req.params.programId),
  );
  app.put(base, { schema: { tags, params: ProgramParams, body: DesignUpdate, response: { 200: StudyView } } }, async (req) =>
    updateDesign(deps, callerOf(req), req.params.programId, req.body),
  );
  app.put(
    `${base}/allocation-table`,
    {
      schema: {
        tags,
        params: ProgramParams,
        body: z.object({ csv: z.string().min(1).max(2_000_000) }),
        response: { 200: TableSummaryView },
      },
    },
    async (req) => uploadAllocationTable(deps, callerOf(req), req.params.programId, req.body.csv),
  );
  app.post(
    `${base}/simulation`,
    { schema: { tags, params: ProgramParams, body: SimulationInput, response: { 200: SimulationView } } },
    async (req) => simulateStudy(deps, callerOf(req), req.params.programId, req.body),
  );
  app.post(
    `${base}/consent-documents`,
    { schema: { tags, params: ProgramParams, body: ConsentDocumentInput, response: { 201: z.object({ version: z.number() }) } } },
    async (req, reply) => {
      const r = await addConsentDocument(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(201);
      return r;
    },
  );
  app.get(
    `${base}/participants/:participantId`,
    { schema: { tags, params: ParticipantParams, response: { 200: ParticipantStudyView } } },
    async (req) => getParticipantStudy(deps, callerOf(req), req.params.programId, req.params.participantId),
  );
  app.post(
    `${base}/screenings`,
    { schema: { tags, params: ProgramParams, body: ScreeningInput, response: { 201: ParticipantStudyView } } },
    async (req, reply) => {
      const r = await screenParticipant(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(201);
      return r;
    },
  );
  app.post(
    `${base}/consents`,
    { schema: { tags, params: ProgramParams, body: ConsentInput, response: { 201: ParticipantStudyView } } },
    async (req, reply) => {
      const r = await recordConsent(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(201);
      return r;
    },
  );
  app.post(
    `${base}/withdrawals`,
    { schema: { tags, params: ProgramParams, body: WithdrawalInput, response: { 201: ParticipantStudyView } } },
    async (req, reply) => {
      const r = await withdrawParticipant(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(201);
      return r;
    },
  );
  app.post(
    `${base}/randomizations`,
    {
      schema: {
        tags,
        params: ProgramParams,
        body: RandomizeInput,
        response: { 200: ParticipantStudyView, 201: ParticipantStudyView },
      },
    },
    async (req, reply) => {
      const r = await randomize(deps, callerOf(req), req.params.programId, req.body);
      // 201 for a new allocation; 200 when the same client key already randomized (a retry).
      void reply.code(r.isNew ? 201 : 200);
      return r.view;
    },
  );
  app.post(
    `${base}/deliveries`,
    { schema: { tags, params: ProgramParams, body: DeliveryInput, response: { 200: ParticipantStudyView } } },
    async (req) => recordDelivery(deps, callerOf(req), req.params.programId, req.body),
  );
  app.post(
    `${base}/unblinding`,
    { schema: { tags, params: ProgramParams, body: ReasonInput, response: { 200: StudyView } } },
    async (req) => unblindStudy(deps, callerOf(req), req.params.programId, req.body.reason),
  );
  app.post(
    `${base}/participants/:participantId/emergency-unblinding`,
    { schema: { tags, params: ParticipantParams, body: ReasonInput, response: { 200: AllocationView } } },
    async (req) => emergencyUnblind(deps, callerOf(req), req.params.programId, req.params.participantId, req.body.reason),
  );
  app.get(`${base}/sequence`, { schema: { tags, params: ProgramParams, response: { 200: SequenceView } } }, async (req) =>
    exportSequence(deps, callerOf(req), req.params.programId),
  );
  // The study's data exports (ADR 0028): a file to download, not JSON; pseudonymous, masked arms for evaluators until unblinded.
  app.get(
    `${base}/export`,
    {
      schema: {
        tags,
        params: ProgramParams,
        querystring: z.object({ format: z.enum(apiExportFormats) }),
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const data = await exportStudy(deps, callerOf(req), req.params.programId);
      const file = renderApiExport(data, req.query.format, deps.clock.now());
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
  app.get(`${base}/consort`, { schema: { tags, params: ProgramParams, response: { 200: ConsortView } } }, async (req) =>
    getConsort(deps, callerOf(req), req.params.programId),
  );
  app.get(
    `${base}/classes`,
    { schema: { tags, params: ProgramParams, response: { 200: z.array(ClassSessionView) } } },
    async (req) => listClasses(deps, callerOf(req), req.params.programId),
  );
  app.post(
    `${base}/classes`,
    { schema: { tags, params: ProgramParams, body: ClassSessionInput, response: { 201: z.object({ id: z.uuid() }) } } },
    async (req, reply) => {
      const r = await createClass(deps, callerOf(req), req.params.programId, req.body);
      void reply.code(201);
      return r;
    },
  );
  app.post(
    `${base}/classes/:classId/invitations`,
    { schema: { tags, params: ClassParams, body: InvitationInput, response: { 200: z.object({ invited: z.number() }) } } },
    async (req) => inviteToClass(deps, callerOf(req), req.params.programId, req.params.classId, req.body.participantIds),
  );
  app.post(
    `${base}/classes/:classId/attendance`,
    { schema: { tags, params: ClassParams, body: AttendanceInput, response: { 200: z.object({ attended: z.boolean() }) } } },
    async (req) => recordAttendance(deps, callerOf(req), req.params.programId, req.params.classId, req.body),
  );
}
