import { z } from 'zod';
import { Channel } from '../shared/vocab';
import { DomainError } from '../shared/errors';
import { ScheduleSessionInput } from '../engagement';

/**
 * Interview invitations (issue #13, ADR 0050): a proposed person is invited through the outbox,
 * agrees to a versioned interview consent (with a separate yes or no to audio recording) or
 * declines, and once consented the interview is scheduled. These are the only moves.
 */

/**
 * Where a proposed person stands: proposed, invited (through the outbox), consented, scheduled, or
 * declined (with a reason, for the methods section). The moves are `nextInvitationState` (ADR 0050).
 */
export const sampleMemberStates = ['proposed', 'invited', 'consented', 'scheduled', 'declined'] as const;
export type SampleMemberState = (typeof sampleMemberStates)[number];

/** How an invitation went out: e-mail, text message, or not sent (nowhere to send it). */
export const invitationChannels = ['email', 'text', 'none'] as const;
export type InvitationChannel = (typeof invitationChannels)[number];

export type InvitationEvent = 'invite' | 'consent' | 'decline' | 'schedule' | 'cancel' | 'put_back';

/**
 * Where a proposed person goes on an event, or why not: `conflict` (409) when it has already
 * happened or cannot happen any more, `invalid_state` (422) when a step before it is missing.
 * proposed → invited → consented → scheduled (moved: scheduled again); a decline from any state
 * before it; back to proposed only from invited or declined (an invitation sent in error, a decline
 * recorded on the wrong person), never after a consent. A booked interview is cancelled back to
 * consented (to schedule again or record a decline); with nothing booked, cancel is a 409.
 */
export function nextInvitationState(current: SampleMemberState, event: InvitationEvent): SampleMemberState {
  const refuse = (code: 'conflict' | 'invalid_state', reason: string, message: string): never => {
    throw new DomainError(code, reason, message);
  };
  if (current === 'declined' && event !== 'put_back') return refuse('conflict', 'already_declined', 'This person has declined');
  switch (event) {
    case 'invite':
      if (current !== 'proposed') return refuse('conflict', 'already_invited', 'This person has already been invited');
      return 'invited';
    case 'consent':
      if (current === 'proposed') return refuse('invalid_state', 'not_invited', 'Invite this person first');
      if (current !== 'invited') return refuse('conflict', 'already_consented', 'This person has already agreed');
      return 'consented';
    case 'decline':
      return 'declined';
    case 'schedule':
      if (current === 'consented' || current === 'scheduled') return 'scheduled';
      return refuse('invalid_state', 'not_consented', 'Schedule the interview once the person has agreed to it');
    case 'cancel':
      if (current === 'scheduled') return 'consented';
      return refuse('conflict', 'not_scheduled', 'No interview is booked for this person');
    case 'put_back':
      if (current === 'invited' || current === 'declined') return 'proposed';
      if (current === 'proposed') return 'proposed';
      return refuse('conflict', 'already_consented', 'This person has already agreed');
  }
}

/**
 * The reasons a participant may give when declining in the app, stored in these English words so
 * that they are counted together with the reasons staff write down (`countDeclineReasons`).
 */
export const interviewDeclineReasons = {
  no_time: 'No time',
  not_comfortable: 'Not comfortable talking about it',
  no_recording: 'Does not want to be recorded',
  health: 'Health',
  not_interested: 'Not interested',
} as const;
export type InterviewDeclineReason = keyof typeof interviewDeclineReasons;
export const InterviewDeclineReason = z.enum(
  Object.keys(interviewDeclineReasons) as [InterviewDeclineReason, ...InterviewDeclineReason[]],
);

/** A version of the study's interview consent: the text the participant reads. */
export const ConsentDocumentInput = z.object({ body: z.string().trim().min(20).max(20_000) });
export type ConsentDocumentInput = z.infer<typeof ConsentDocumentInput>;
export const ConsentDocumentView = z.object({ id: z.uuid(), version: z.int(), body: z.string(), createdAt: z.string() });
export type ConsentDocumentView = z.infer<typeof ConsentDocumentView>;

/** The participant's own consent in the app: the version read, the typed name, and the recording choice. */
export const InterviewConsentInput = z.object({
  documentId: z.uuid(),
  typedName: z.string().trim().min(2).max(200),
  recording: z.boolean(),
});
export type InterviewConsentInput = z.infer<typeof InterviewConsentInput>;

/** A consent given by phone and recorded by staff: the version read out and the recording choice. */
export const VerbalConsentInput = z.object({ documentId: z.uuid(), recording: z.boolean() });
export type VerbalConsentInput = z.infer<typeof VerbalConsentInput>;

/** The participant's decline in the app: a reason from the list, or none. */
export const InterviewDeclineInput = z.object({ reason: InterviewDeclineReason.nullable().default(null) });
export type InterviewDeclineInput = z.infer<typeof InterviewDeclineInput>;

/** The interview's time and way of meeting: the same input as a coaching session (ADR 0013). */
export const ScheduleInterviewInput = ScheduleSessionInput;
export type ScheduleInterviewInput = z.infer<typeof ScheduleInterviewInput>;

/** A consent as recorded: the version, the way it was given, and the recording choice. */
export const InterviewConsentView = z.object({
  version: z.int(),
  method: z.enum(['signed', 'verbal']),
  recording: z.boolean(),
  at: z.string(),
});

/** A scheduled interview in the program's zone. */
export const InterviewTimeView = z.object({
  startsAt: z.string(),
  durationMinutes: z.int(),
  modality: Channel,
  place: z.string().nullable(),
  videoLink: z.string().nullable(),
});

/** The participant's own invitation, as the participant reads it. */
export const MyInterviewInvitation = z.object({
  id: z.uuid(),
  state: z.enum(['invited', 'consented', 'scheduled', 'declined']),
  invitedAt: z.string(),
  /** The study's current consent text (the version to agree to), or null before staff wrote one. */
  document: ConsentDocumentView.nullable(),
  consent: InterviewConsentView.nullable(),
  interview: InterviewTimeView.nullable(),
});
export type MyInterviewInvitation = z.infer<typeof MyInterviewInvitation>;
