/** Assessments: one-time links a participant answers without an account. */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import {
  entryRefusal,
  linkExpiry,
  linkState,
  hasAnyAnswer,
  scheduleFor,
  type LinkSubmitted,
  type PublicLinkView,
} from '../../../core/assessments';
import { dateOnWords, localTimeOf } from '../../../core/shared/time';
import { checkAnswers, type Answers, type Instrument } from '../../../core/instruments';
import { DomainError } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { loadSafetySettings, type AuditCaller } from '../safety';
import { loadAssessmentSettings, loadProgramInstruments, loadScheduleFacts } from './assessments.repository';
import { assessmentLinks } from './assessments.table';
import { invalid, presentForm } from './assessments.presenters';
import { saveResponse, loadParticipant, timepointOf } from './assessments.responses';
import { assessmentLinkMail, assessmentLinkText } from '../../../core/assessments/mail';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Makes a one-time link for a participant to complete a timepoint's questionnaires without an
 * account: 256 random bits, only the hash stored, valid 14 days or until the window closes. An
 * earlier unused link for the same timepoint stops working. E-mailed when asked and the participant
 * has an address; the address is also returned to staff to give by phone or text.
 */
export async function createLink(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  input: { timepointKey: string; sendEmail: boolean; sendText?: boolean },
): Promise<{ url: string; expiresAt: string; emailed: boolean; texted: boolean }> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:enter', { programId, hideExistence: true });
  const now = deps.clock.now();
  const l = await loadParticipant(deps, program, participantId, now);
  const { tp, s } = timepointOf(l, input.timepointKey);
  if (s.state === 'completed') throw new DomainError('conflict', 'already_completed', `The ${tp.label} assessment is complete`);
  const refusal = entryRefusal(s);
  if (refusal) throw invalid(refusal, `The ${tp.label} window is not open`);
  const withoutText = tp.instruments.filter((id) => !l.instruments.get(id)?.hasItemText);
  if (withoutText.length) {
    throw invalid(
      'instrument_text_missing',
      `Load the licensed item text of ${withoutText.join(', ')} before sending a link, or enter the answers by phone`,
    );
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = linkExpiry(now, s.closesAt);
  const url = `${deps.publicUrl}/assess/${programId}#${token}`;
  const to = input.sendEmail ? l.participant.email : null;
  const phone = input.sendText ? l.participant.phone : null;
  await deps.db.transaction(async (tx) => {
    await tx
      .update(assessmentLinks)
      .set({ revokedAt: now })
      .where(
        and(
          eq(assessmentLinks.programId, programId),
          eq(assessmentLinks.participantId, participantId),
          eq(assessmentLinks.timepointKey, tp.key),
          isNull(assessmentLinks.completedAt),
          isNull(assessmentLinks.revokedAt),
        ),
      );
    const id = newId();
    await tx.insert(assessmentLinks).values({
      id,
      programId,
      participantId,
      timepointKey: tp.key,
      tokenHash: hashToken(token),
      createdBy: caller.actor.personId,
      createdAt: now,
      expiresAt,
      emailed: to !== null,
    });
    if (to) {
      const locale = l.participant.locale;
      const until = dateOnWords(localTimeOf(new Date(expiresAt.getTime() - 1), program.timeZone).dateOn, locale);
      await deps.mailer.enqueue(
        tx,
        {
          programId,
          to,
          ...assessmentLinkMail(locale, { programName: program.name, timepoint: tp.label, url, until }),
          idempotencyKey: `assessment-link:${id}`,
        },
        now,
      );
    }
    if (phone) {
      const locale = l.participant.locale;
      const until = dateOnWords(localTimeOf(new Date(expiresAt.getTime() - 1), program.timeZone).dateOn, locale);
      await deps.texter.enqueue(
        tx,
        {
          programId,
          to: phone,
          text: assessmentLinkText(locale, { programName: program.name, timepoint: tp.label, url, until }),
          idempotencyKey: `assessment-link:${id}`,
        },
        now,
      );
    }
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'assessment_link', entityId: id, programId }]);
  });
  return { url, expiresAt: expiresAt.toISOString(), emailed: to !== null, texted: phone !== null };
}

/** Who a public request is audited as: no one, from an address. */
export type PublicCaller = Pick<Caller, 'requestId' | 'ip'>;

type LinkRow = typeof assessmentLinks.$inferSelect;

/** The link a token opens in this program, open for use; refusals say what happened and nothing else. */
async function openLinkRow(db: Db | Tx, programId: string, token: string, now: Date): Promise<LinkRow> {
  const [link] = await db
    .select()
    .from(assessmentLinks)
    .where(and(eq(assessmentLinks.programId, programId), eq(assessmentLinks.tokenHash, hashToken(token))));
  if (!link) throw new DomainError('not_found', 'link_unknown', 'This link is not valid. Please ask your program for a new one.');
  const state = linkState(link, now);
  if (state === 'used') {
    throw new DomainError(
      'conflict',
      'link_used',
      'These answers were already sent with this link. Thank you; nothing more is needed.',
    );
  }
  if (state !== 'open') {
    throw new DomainError('gone', 'link_expired', 'This link has expired. Please ask your program for a new one.');
  }
  return link;
}

/**
 * What a link is for: the program, the timepoint and its instruments. A link whose window has closed
 * meanwhile (a baseline when the participant was paired, a participant who left) has expired too.
 */
async function linkContext(db: Db | Tx, link: LinkRow, now: Date) {
  const [[program], settings, instruments, [participant]] = await Promise.all([
    db.select({ name: programs.name, timeZone: programs.timeZone }).from(programs).where(eq(programs.id, link.programId)),
    loadAssessmentSettings(db, link.programId),
    loadProgramInstruments(db, link.programId),
    loadScheduleFacts(db, link.programId, [link.participantId]),
  ]);
  const tp = settings.timepoints.find((t) => t.key === link.timepointKey);
  const state =
    program && participant
      ? scheduleFor(settings, participant.facts, now, program.timeZone).find((s) => s.key === link.timepointKey)?.state
      : undefined;
  if (!program || !tp || !state || state === 'missed' || state === 'stopped' || state === 'upcoming')
    throw new DomainError('gone', 'link_expired', 'This link has expired. Please ask your program for a new one.');
  const list = tp.instruments.flatMap((id) => {
    const i = instruments.get(id);
    return i ? [i] : [];
  });
  return { program, tp, instruments: list };
}

/** Checks a link's answers, instrument by instrument; every problem is named (item and rule, never the value). */
function checkLinkAnswers(instruments: readonly Instrument[], input: Record<string, unknown>): Map<string, Answers> {
  const out = new Map<string, Answers>();
  const problems: string[] = [];
  for (const key of Object.keys(input)) {
    if (!instruments.some((i) => i.id === key)) problems.push(`${key}: not a questionnaire of this link`);
  }
  for (const i of instruments) {
    if (input[i.id] === undefined) continue;
    const checked = checkAnswers(i.definition, input[i.id]);
    if (checked.ok) out.set(i.id, checked.value);
    else problems.push(...checked.problems.map((p) => `${i.id} ${p.where}: ${p.message}`));
  }
  if (problems.length) throw invalid('invalid_answers', `Some answers are not valid: ${problems.join('; ')}`);
  return out;
}

/** What a link shows: the program's name, the timepoint, the questions and the answers saved so far. */
export async function openLink(deps: Deps, caller: PublicCaller, programId: string, token: string): Promise<PublicLinkView> {
  const now = deps.clock.now();
  const link = await openLinkRow(deps.db, programId, token, now);
  const ctx = await linkContext(deps.db, link, now);
  // The first opening stops the reminder for an unopened link.
  if (!link.openedAt)
    await deps.db
      .update(assessmentLinks)
      .set({ openedAt: now })
      .where(and(eq(assessmentLinks.id, link.id), isNull(assessmentLinks.openedAt)));
  await audit(deps.db, { ...caller, actor: null }, now, [
    { verb: 'read', entityType: 'assessment_link', entityId: link.id, programId },
  ]);
  // The page's words in the participant's language (ADR 0041); the questions stay as the instrument has them.
  const [who] = await deps.db
    .select({ locale: participants.locale })
    .from(participants)
    .where(eq(participants.id, link.participantId));
  return {
    locale: who?.locale ?? 'en',
    programName: ctx.program.name,
    timepointLabel: ctx.tp.label,
    expiresAt: link.expiresAt.toISOString(),
    instruments: ctx.instruments.map(presentForm),
    draft: link.draft,
  };
}

/** Saves answers given so far, so the participant can come back (the link stays usable). */
export async function saveLinkDraft(
  deps: Deps,
  caller: PublicCaller,
  programId: string,
  token: string,
  answers: Record<string, Record<string, number | string | null>>,
): Promise<{ saved: true }> {
  const now = deps.clock.now();
  const link = await openLinkRow(deps.db, programId, token, now);
  const ctx = await linkContext(deps.db, link, now);
  checkLinkAnswers(ctx.instruments, answers);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(assessmentLinks)
      .set({ draft: { ...link.draft, ...answers } })
      .where(and(eq(assessmentLinks.id, link.id), isNull(assessmentLinks.completedAt)));
    await audit(tx, { ...caller, actor: null }, now, [
      { verb: 'update', entityType: 'assessment_link', entityId: link.id, programId },
    ]);
  });
  return { saved: true };
}

/**
 * Submits a link's answers once: the link is marked used under a guard (`completed_at is null`), so
 * a second submit, even at the same moment, saves nothing and raises nothing. Each questionnaire with
 * at least one answer is stored and scored; a safety flag raises its event and the crisis
 * information is returned at once.
 */
export async function submitLink(
  deps: Deps,
  caller: PublicCaller,
  programId: string,
  token: string,
  answers: Record<string, Record<string, number | string | null>>,
): Promise<LinkSubmitted> {
  const now = deps.clock.now();
  const link = await openLinkRow(deps.db, programId, token, now);
  const ctx = await linkContext(deps.db, link, now);
  const checked = checkLinkAnswers(ctx.instruments, answers);
  const answered = ctx.instruments.filter((i) => hasAnyAnswer(checked.get(i.id) ?? {}));
  if (answered.length === 0) throw invalid('no_answers', 'Answer at least one question before sending');
  const auditCaller: AuditCaller = { ...caller, actor: null };
  const flagged = await deps.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(assessmentLinks)
      .set({ completedAt: now, draft: answers })
      .where(
        and(
          eq(assessmentLinks.id, link.id),
          isNull(assessmentLinks.completedAt),
          isNull(assessmentLinks.revokedAt),
          gt(assessmentLinks.expiresAt, now),
        ),
      )
      .returning({ id: assessmentLinks.id });
    if (!claimed) {
      throw new DomainError(
        'conflict',
        'link_used',
        'These answers were already sent with this link. Thank you; nothing more is needed.',
      );
    }
    let anyFlag = false;
    for (const instrument of answered) {
      const saved = await saveResponse(tx, deps, auditCaller, {
        programId,
        participantId: link.participantId,
        timepointKey: link.timepointKey,
        instrument,
        answers: checked.get(instrument.id)!,
        method: 'link',
        enteredBy: null,
        now,
      });
      anyFlag ||= saved.flagged;
    }
    await audit(tx, auditCaller, now, [{ verb: 'update', entityType: 'assessment_link', entityId: link.id, programId }]);
    return anyFlag;
  });
  return { completed: true, crisis: flagged ? (await loadSafetySettings(deps.db, programId)).crisis : null };
}
