/**
 * Safety: events other features raise inside their own transactions (a scored assessment's flags,
 * risk words in a check-in note or a text message).
 */
import type { Answers, ScoreResult } from '../../../core/instruments';
import { PHQ9_SAFETY_ITEM } from '../../../core/instruments';
import { flagRiskWords } from '../../../core/safety';
import { DomainError } from '../../../core/shared/errors';
import type { Db, Tx } from '../../platform/database';
import { findParticipants } from '../participants';
import { raiseEvent, type AuditCaller, type SafetyEnv } from './safety.raise';

/**
 * Raises a safety event for each safety flag of a scored assessment response (PHQ-9 item 9 above
 * 0 raises `suicidal_ideation`), in the caller's transaction so the response and its event commit
 * together. Idempotent on the response id: scoring or saving the same response again raises
 * nothing new. The assessment slice calls this whoever entered the answers (by link or by staff).
 */
export async function recordScoredResponseFlags(
  tx: Db | Tx,
  env: SafetyEnv,
  caller: AuditCaller,
  input: {
    programId: string;
    participantId: string;
    responseId: string;
    result: Pick<ScoreResult, 'instrument' | 'flags'>;
    answers?: Answers;
    /** The person who entered the answers, or null when the participant completed them by link. */
    enteredBy: string | null;
  },
): Promise<{ eventId: string; isNew: boolean }[]> {
  if (input.result.flags.length === 0) return [];
  const [participant] = await findParticipants(tx, { programId: input.programId, ids: [input.participantId] });
  if (!participant) throw new DomainError('not_found', undefined, 'Not found');
  const out: { eventId: string; isNew: boolean }[] = [];
  for (const flag of input.result.flags) {
    const item = input.result.instrument === 'phq9' ? input.answers?.[PHQ9_SAFETY_ITEM] : undefined;
    const { event, isNew } = await raiseEvent(tx, env, caller, {
      programId: input.programId,
      participant,
      trigger: 'assessment_flag',
      category: flag === 'suicidal_ideation' ? 'self_harm' : null,
      sourceKey: `assessment:${input.responseId}:${flag}`,
      raisedBy: input.enteredBy,
      raisedByRole: 'system',
      note: '',
      details: {
        instrument: input.result.instrument,
        flag,
        responseId: input.responseId,
        ...(typeof item === 'number' ? { itemValue: item } : {}),
      },
    });
    out.push({ eventId: event.id, isNew });
  }
  return out;
}

/**
 * Flags a participant's check-in note for a coordinator to read when it contains risk words
 * (`flagRiskWords`); the event records the list's phrases, never the note. Idempotent on the
 * check-in id. Returns null when the note has none. For the check-in slice to call in its transaction.
 */
export async function recordCheckInNoteFlags(
  tx: Db | Tx,
  env: SafetyEnv,
  caller: AuditCaller,
  input: { programId: string; participantId: string; checkInId: string; note: string; enteredBy: string | null },
): Promise<{ eventId: string; isNew: boolean } | null> {
  return raiseForRiskWords(tx, env, caller, input.note, {
    programId: input.programId,
    participantId: input.participantId,
    sourceKey: `checkin:${input.checkInId}`,
    raisedBy: input.enteredBy,
    note: '',
    details: { checkInId: input.checkInId },
  });
}

/** The safety event for risk words in what a participant wrote (none when it has none): the phrases found, never logged. */
async function raiseForRiskWords(
  tx: Db | Tx,
  env: SafetyEnv,
  caller: AuditCaller,
  text: string,
  source: { programId: string; participantId: string; sourceKey: string; raisedBy: string | null; note: string; details: object },
): Promise<{ eventId: string; isNew: boolean } | null> {
  const flag = flagRiskWords(text);
  if (!flag.isFlagged) return null;
  const [participant] = await findParticipants(tx, { programId: source.programId, ids: [source.participantId] });
  if (!participant) throw new DomainError('not_found', undefined, 'Not found');
  const { event, isNew } = await raiseEvent(tx, env, caller, {
    programId: source.programId,
    participant,
    trigger: 'risk_words',
    category: 'self_harm',
    sourceKey: source.sourceKey,
    raisedBy: source.raisedBy,
    raisedByRole: 'system',
    note: source.note,
    details: { phrases: flag.phrases, ...source.details },
  });
  return { eventId: event.id, isNew };
}

/**
 * Risk words in a text message from a participant that is not recorded as a check-in (a reply
 * Kindred could not read, or one with no check-in text open; #16, ADR 0040): the same safety event
 * as a check-in note's, keyed by the provider's message id, with the message as its note so a
 * coordinator can read it (staff only; never logged).
 */
export async function recordTextReplyFlags(
  tx: Db | Tx,
  env: SafetyEnv,
  caller: AuditCaller,
  input: { programId: string; participantId: string; messageKey: string; text: string },
): Promise<{ eventId: string; isNew: boolean } | null> {
  return raiseForRiskWords(tx, env, caller, input.text, {
    programId: input.programId,
    participantId: input.participantId,
    sourceKey: `sms:${input.messageKey}`,
    raisedBy: null,
    note: input.text.slice(0, 2000),
    details: {},
  });
}
