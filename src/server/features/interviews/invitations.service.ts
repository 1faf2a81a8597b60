import { and, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { sessionStart, videoLinkFor } from '../../../core/engagement';
import {
  interviewCancelledMail,
  interviewDeclineReasons,
  interviewInvitationMail,
  interviewInvitationText,
  interviewScheduledMail,
  nextInvitationState,
  type ConsentDocumentInput,
  type ConsentDocumentView,
  type InterviewDeclineInput,
  type InterviewConsentInput,
  type InvitationChannel,
  type InvitationEvent,
  type MyInterviewInvitation,
  type SampleMemberState,
  type ScheduleInterviewInput,
  type VerbalConsentInput,
} from '../../../core/interviews';
import { DomainError, notFound } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { authorizeStudy } from '../../access/study-access';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { isOptedOut } from '../../platform/outbox';
import { organizerOf, sessionCalendar, settingsOf } from '../engagement';
import { participants } from '../participants/participants.table';
import { loadProgram, type Program } from '../programs';
import { interviewConsentDocuments, interviewSampleMembers, interviewSamples } from './interviews.table';
import { presentConsent, presentInterview } from './invitations.presenter';
import { getInterviewSample } from './sampling.service';
import { ownParticipantId } from '../../access/relations';

/**
 * Interview invitations (issue #13, ADR 0050): study staff invite a proposed person through the
 * outbox, keep the consent versions, record a consent or decline given by phone and schedule the
 * interview with the engagement scheduler's rules and calendar file; the participant reads and
 * answers his or her own invitation. Every move goes through `nextInvitationState`.
 */

type MemberRow = typeof interviewSampleMembers.$inferSelect;
type ParticipantRow = typeof participants.$inferSelect;

/** The page where the participant reads the invitation. */
const invitationPage = (deps: Pick<Deps, 'publicUrl'>, programId: string) =>
  `${deps.publicUrl}/programs/${programId}/my-interview`;

/** The study's consent versions, newest first (study staff). */
export async function listConsentDocuments(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
): Promise<ConsentDocumentView[]> {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:invite', programId, studyId);
  const rows = await consentDocumentsOf(deps.db, studyId);
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'list', entityType: 'interview_consent_document', entityId: studyId, programId },
  ]);
  return rows.map(presentDocument);
}

/** Adds a new version of the study's interview consent; earlier versions and the consents given to them stay. */
export async function addConsentDocument(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  input: ConsentDocumentInput,
): Promise<ConsentDocumentView> {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:invite', programId, studyId);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const [latest] = await consentDocumentsOf(tx, studyId);
    const [created] = await tx
      .insert(interviewConsentDocuments)
      .values({
        id: newId(),
        programId,
        studyId,
        version: (latest?.version ?? 0) + 1,
        body: input.body,
        createdAt: now,
        createdBy: caller.actor.personId,
      })
      .returning();
    await audit(tx, caller, now, [
      { verb: 'create', entityType: 'interview_consent_document', entityId: created!.id, programId },
    ]);
    return created!;
  });
  return presentDocument(row);
}

function consentDocumentsOf(db: Db | Tx, studyId: string) {
  return db
    .select()
    .from(interviewConsentDocuments)
    .where(eq(interviewConsentDocuments.studyId, studyId))
    .orderBy(desc(interviewConsentDocuments.version));
}

function presentDocument(d: typeof interviewConsentDocuments.$inferSelect): ConsentDocumentView {
  return { id: d.id, version: d.version, body: d.body, createdAt: d.createdAt.toISOString() };
}

/** The current version must be the one agreed to: a consent to an older text is refused (409). */
async function checkCurrentDocument(tx: Tx, studyId: string, documentId: string): Promise<void> {
  const [latest] = await consentDocumentsOf(tx, studyId);
  if (!latest) throw new DomainError('invalid_state', 'no_consent_document', 'The study has no consent text yet');
  if (latest.id !== documentId)
    throw new DomainError('conflict', 'consent_version_changed', 'The consent text has changed: read the new version');
}

interface Locked {
  member: MemberRow;
  studyId: string;
  participant: ParticipantRow;
}

/** The proposed person in the caller's transaction, locked; not found outside the study or sample. */
async function lockMember(
  tx: Tx,
  where: { programId: string; memberId: string } & ({ studyId: string; sampleId: string } | { participantId: string }),
): Promise<Locked> {
  const [row] = await tx
    .select({ member: interviewSampleMembers, studyId: interviewSamples.studyId, participant: participants })
    .from(interviewSampleMembers)
    .innerJoin(interviewSamples, eq(interviewSamples.id, interviewSampleMembers.sampleId))
    .innerJoin(participants, eq(participants.id, interviewSampleMembers.participantId))
    .where(
      and(
        eq(interviewSampleMembers.id, where.memberId),
        eq(interviewSampleMembers.programId, where.programId),
        eq(interviewSampleMembers.isProposed, true),
        'participantId' in where
          ? and(eq(interviewSampleMembers.participantId, where.participantId), isNotNull(interviewSampleMembers.invitedAt))
          : and(eq(interviewSamples.id, where.sampleId), eq(interviewSamples.studyId, where.studyId)),
      ),
    )
    .for('update', { of: interviewSampleMembers });
  if (!row) throw notFound();
  return row;
}

const move = (m: MemberRow, event: InvitationEvent): SampleMemberState => nextInvitationState(m.state ?? 'proposed', event);

/** Staff's use cases on one proposed person: authorize, lock, decide, save, audit, answer the sample. */
async function onMember(
  deps: Deps,
  caller: Caller,
  ids: { programId: string; studyId: string; sampleId: string; memberId: string },
  act: (tx: Tx, locked: Locked, program: Program, now: Date) => Promise<void>,
) {
  const program = await loadProgram(deps.db, caller, ids.programId);
  await authorizeStudy(deps.db, caller.actor, 'interview:invite', ids.programId, ids.studyId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const locked = await lockMember(tx, ids);
    await act(tx, locked, program, now);
    await audit(tx, caller, now, [
      { verb: 'update', entityType: 'interview_invitation', entityId: locked.member.id, programId: ids.programId },
    ]);
  });
  return getInterviewSample(deps, caller, ids.programId, ids.studyId, ids.sampleId);
}

/**
 * Invites a proposed person: the invitation goes through the outbox in his or her language, by
 * e-mail, or by text when there is no e-mail address (and texts are allowed); with neither, the
 * invitation is recorded as not sent, for staff to make by phone. One open invitation per study.
 */
export async function inviteSampleMember(
  deps: Deps,
  caller: Caller,
  ids: { programId: string; studyId: string; sampleId: string; memberId: string },
) {
  return onMember(deps, caller, ids, async (tx, { member, studyId, participant }, _program, now) => {
    const state = move(member, 'invite');
    const [open] = await tx
      .select({ id: interviewSampleMembers.id })
      .from(interviewSampleMembers)
      .innerJoin(interviewSamples, eq(interviewSamples.id, interviewSampleMembers.sampleId))
      .where(
        and(
          eq(interviewSamples.studyId, studyId),
          eq(interviewSampleMembers.participantId, participant.id),
          ne(interviewSampleMembers.id, member.id),
          inArray(interviewSampleMembers.state, ['invited', 'consented', 'scheduled']),
        ),
      );
    if (open) throw new DomainError('conflict', 'invited_in_another_draw', 'This person already has an invitation in this study');
    const page = invitationPage(deps, ids.programId);
    let via: InvitationChannel = 'none';
    if (participant.email) {
      await deps.mailer.enqueue(
        tx,
        {
          programId: ids.programId,
          to: participant.email,
          ...interviewInvitationMail(page, participant.locale),
          idempotencyKey: `interview-invite:${member.id}`,
        },
        now,
      );
      via = 'email';
    } else if (participant.phone && !(await isOptedOut(tx, participant.phone))) {
      await deps.texter.enqueue(
        tx,
        {
          programId: ids.programId,
          to: participant.phone,
          text: interviewInvitationText(page, participant.locale),
          idempotencyKey: `interview-invite:${member.id}`,
        },
        now,
      );
      via = 'text';
    }
    await tx
      .update(interviewSampleMembers)
      .set({ state, invitedAt: now, invitedBy: caller.actor.personId, invitedVia: via, updatedAt: now })
      .where(eq(interviewSampleMembers.id, member.id));
  });
}

/** Records a consent given by phone or in person to the current version, with the recording choice apart. */
export async function recordVerbalConsent(
  deps: Deps,
  caller: Caller,
  ids: { programId: string; studyId: string; sampleId: string; memberId: string },
  input: VerbalConsentInput,
) {
  return onMember(deps, caller, ids, async (tx, { member, studyId }, _program, now) => {
    const state = move(member, 'consent');
    await checkCurrentDocument(tx, studyId, input.documentId);
    await tx
      .update(interviewSampleMembers)
      .set({
        state,
        consentDocumentId: input.documentId,
        consentMethod: 'verbal',
        consentTypedName: null,
        consentsToRecording: input.recording,
        consentedAt: now,
        consentRecordedBy: caller.actor.personId,
        updatedAt: now,
      })
      .where(eq(interviewSampleMembers.id, member.id));
  });
}

/** The interview's calendar file for the participant: an invitation (REQUEST) or its cancellation (CANCEL). */
function interviewCalendar(
  deps: Deps,
  program: Program,
  attendeeEmail: string,
  now: Date,
  method: 'REQUEST' | 'CANCEL',
  session: Parameters<typeof sessionCalendar>[0],
) {
  return {
    filename: method === 'REQUEST' ? 'invite.ics' : 'cancel.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: sessionCalendar(session, {
      method,
      organizer: organizerOf(deps.mailer.from),
      attendeeEmail,
      attendeeRole: 'Participant',
      now,
      timeZone: program.timeZone,
      title: 'Kindred interview',
      opening: method === 'REQUEST' ? 'Your Kindred interview.' : 'Your Kindred interview is cancelled.',
    }),
  };
}

/**
 * Schedules (or moves) the interview of a person who consented, with the engagement scheduler's
 * rules (`sessionStart`: a time that exists in the program's zone, in the future, within four
 * months, not while the participant paused contact) and its calendar file; the program's video-room
 * template gives the link. The participant gets the e-mail with the calendar invitation.
 */
export async function scheduleInterview(
  deps: Deps,
  caller: Caller,
  ids: { programId: string; studyId: string; sampleId: string; memberId: string },
  input: ScheduleInterviewInput,
) {
  return onMember(deps, caller, ids, async (tx, { member, participant }, program, now) => {
    const state = move(member, 'schedule');
    const startsAt = sessionStart(input, {
      timeZone: program.timeZone,
      now,
      participantPausedUntil: participant.contactPausedUntil,
    });
    const settings = await settingsOf(tx, ids.programId);
    const sequence = member.interviewSequence === null ? 0 : member.interviewSequence + 1;
    const videoLink =
      input.modality !== 'video'
        ? null
        : (member.interviewVideoLink ??
          (settings.videoRoomTemplate
            ? videoLinkFor(settings.videoRoomTemplate, { pairingId: member.id, sessionId: member.id })
            : null));
    const place = input.modality === 'in_person' ? input.place : null;
    const page = invitationPage(deps, ids.programId);
    if (participant.email) {
      const words = interviewScheduledMail(
        { startsAt, timeZone: program.timeZone, modality: input.modality, videoLink, place, page, isMoved: sequence > 0 },
        participant.locale,
      );
      await deps.mailer.enqueue(
        tx,
        {
          programId: ids.programId,
          to: participant.email,
          ...words,
          attachments: [
            interviewCalendar(deps, program, participant.email, now, 'REQUEST', {
              id: member.id,
              startsAt,
              durationMinutes: input.durationMinutes,
              modality: input.modality,
              videoLink,
              place,
              sequence,
              createdAt: member.scheduledAt ?? now,
              updatedAt: now,
            }),
          ],
          idempotencyKey: `interview-scheduled:${member.id}:${sequence}`,
        },
        now,
      );
    }
    await tx
      .update(interviewSampleMembers)
      .set({
        state,
        interviewStartsAt: startsAt,
        interviewDurationMinutes: input.durationMinutes,
        interviewModality: input.modality,
        interviewPlace: place,
        interviewVideoLink: videoLink,
        interviewSequence: sequence,
        scheduledAt: now,
        scheduledBy: caller.actor.personId,
        updatedAt: now,
      })
      .where(eq(interviewSampleMembers.id, member.id));
  });
}

/**
 * Cancels a booked interview (staff): the person goes back to consented, to be scheduled again or
 * marked declined; the participant gets the e-mail with the calendar's cancellation (the same event,
 * a higher sequence), through the outbox like the scheduling mail. The interview's time is cleared,
 * so the reminder sweep (scheduled interviews only) never reminds of it. Nothing booked → 409
 * `not_scheduled`.
 */
export async function cancelInterview(
  deps: Deps,
  caller: Caller,
  ids: { programId: string; studyId: string; sampleId: string; memberId: string },
) {
  return onMember(deps, caller, ids, async (tx, { member, participant }, program, now) => {
    const state = move(member, 'cancel');
    const { interviewStartsAt: startsAt, interviewModality: modality, interviewDurationMinutes: durationMinutes } = member;
    const sequence = (member.interviewSequence ?? 0) + 1;
    if (participant.email && startsAt && modality && durationMinutes) {
      const page = invitationPage(deps, ids.programId);
      await deps.mailer.enqueue(
        tx,
        {
          programId: ids.programId,
          to: participant.email,
          ...interviewCancelledMail({ startsAt, timeZone: program.timeZone, modality, page }, participant.locale),
          attachments: [
            interviewCalendar(deps, program, participant.email, now, 'CANCEL', {
              id: member.id,
              startsAt,
              durationMinutes,
              modality,
              videoLink: member.interviewVideoLink,
              place: member.interviewPlace,
              sequence,
              createdAt: member.scheduledAt ?? now,
              updatedAt: now,
            }),
          ],
          idempotencyKey: `interview-cancelled:${member.id}:${sequence}`,
        },
        now,
      );
    }
    await tx
      .update(interviewSampleMembers)
      .set({
        state,
        interviewStartsAt: null,
        interviewDurationMinutes: null,
        interviewModality: null,
        interviewPlace: null,
        // The sequence stays raised, so a new time is a newer version of the same calendar event.
        interviewSequence: sequence,
        updatedAt: now,
      })
      .where(eq(interviewSampleMembers.id, member.id));
  });
}

/** The signed-in participant's own id in the program, authorized to answer invitations (403 for anyone else). */
function respondingParticipant(caller: Caller, programId: string): string {
  const participantId = ownParticipantId(caller.actor, programId);
  authorize(caller.actor, 'interview:respond', { programId, relation: participantId ? 'self' : 'none' });
  return participantId!;
}

/** The participant's own interview invitations, with the consent text to agree to and the interview's time. */
export async function myInterviewInvitations(deps: Deps, caller: Caller, programId: string): Promise<MyInterviewInvitation[]> {
  await loadProgram(deps.db, caller, programId);
  const participantId = respondingParticipant(caller, programId);
  const rows = await deps.db
    .select({ member: interviewSampleMembers, studyId: interviewSamples.studyId, version: interviewConsentDocuments.version })
    .from(interviewSampleMembers)
    .innerJoin(interviewSamples, eq(interviewSamples.id, interviewSampleMembers.sampleId))
    .leftJoin(interviewConsentDocuments, eq(interviewConsentDocuments.id, interviewSampleMembers.consentDocumentId))
    .where(
      and(
        eq(interviewSampleMembers.programId, programId),
        eq(interviewSampleMembers.participantId, participantId),
        isNotNull(interviewSampleMembers.invitedAt),
      ),
    )
    .orderBy(desc(interviewSampleMembers.invitedAt));
  const studyIds = [...new Set(rows.map((r) => r.studyId))];
  const documents =
    studyIds.length === 0
      ? []
      : await deps.db
          .select()
          .from(interviewConsentDocuments)
          .where(inArray(interviewConsentDocuments.studyId, studyIds))
          .orderBy(desc(interviewConsentDocuments.version));
  const latestOf = new Map<string, (typeof documents)[number]>();
  for (const d of documents) if (!latestOf.has(d.studyId)) latestOf.set(d.studyId, d);
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'list', entityType: 'interview_invitation', entityId: participantId, programId },
  ]);
  return rows.flatMap(({ member: m, studyId, version }) => {
    const state = m.state;
    if (state !== 'invited' && state !== 'consented' && state !== 'scheduled' && state !== 'declined') return [];
    const doc = latestOf.get(studyId);
    return [
      {
        id: m.id,
        state,
        invitedAt: m.invitedAt!.toISOString(),
        document: doc ? presentDocument(doc) : null,
        consent: presentConsent(m, version),
        interview: state === 'scheduled' ? presentInterview(m) : null,
      },
    ];
  });
}

/** The participant agrees in the app: the version read (it must be the current one), a typed name, and yes or no to recording. */
export async function consentToInterview(
  deps: Deps,
  caller: Caller,
  programId: string,
  memberId: string,
  input: InterviewConsentInput,
): Promise<MyInterviewInvitation[]> {
  await loadProgram(deps.db, caller, programId);
  const participantId = respondingParticipant(caller, programId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { member, studyId } = await lockMember(tx, { programId, memberId, participantId });
    const state = move(member, 'consent');
    await checkCurrentDocument(tx, studyId, input.documentId);
    await tx
      .update(interviewSampleMembers)
      .set({
        state,
        consentDocumentId: input.documentId,
        consentMethod: 'signed',
        consentTypedName: input.typedName,
        consentsToRecording: input.recording,
        consentedAt: now,
        consentRecordedBy: caller.actor.personId,
        updatedAt: now,
      })
      .where(eq(interviewSampleMembers.id, member.id));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'interview_invitation', entityId: member.id, programId }]);
  });
  return myInterviewInvitations(deps, caller, programId);
}

/** The participant says no in the app, with a reason from the list or none; he or she is not asked again in this study. */
export async function declineInterview(
  deps: Deps,
  caller: Caller,
  programId: string,
  memberId: string,
  input: InterviewDeclineInput,
): Promise<MyInterviewInvitation[]> {
  await loadProgram(deps.db, caller, programId);
  const participantId = respondingParticipant(caller, programId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { member } = await lockMember(tx, { programId, memberId, participantId });
    const state = move(member, 'decline');
    await tx
      .update(interviewSampleMembers)
      .set({
        state,
        declineReason: input.reason ? interviewDeclineReasons[input.reason] : null,
        declinedAt: now,
        declineRecordedBy: caller.actor.personId,
        updatedAt: now,
      })
      .where(eq(interviewSampleMembers.id, member.id));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'interview_invitation', entityId: member.id, programId }]);
  });
  return myInterviewInvitations(deps, caller, programId);
}
