import { and, desc, eq, inArray, isNotNull, lt, max, notInArray, sql } from 'drizzle-orm';
import { PHONE_MATCH_DIGITS, phoneMatch } from '../../../core/outbox';
import {
  askAgainText,
  checkInPromptText,
  checkInSummaryText,
  crisisText,
  decideReply,
  isInReplyWindow,
  parseCheckInReply,
  textCheckInDue,
} from '../../../core/plans';
import { isoWeekOf } from '../../../core/guidance';
import { flagRiskWords } from '../../../core/safety';
import { calendarDateOf, localDateOf } from '../../../core/shared/time';
import { audit, type AuditEntry } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { isOptedOut } from '../../platform/outbox';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { loadSafetySettings, recordTextReplyFlags } from '../safety';
import { lastCheckInOnOf } from './plans.repository';
import { savePainCheckIn } from './check-ins.service';
import { painCheckIns, textCheckInPrompts } from './plans.table';

const sweepCaller = { actor: null, requestId: 'text-check-in-sweep', ip: null };

/** The outbox key of a participant's check-in text for a week: never two for one week, across restarts. */
export const promptKey = (participantId: string, week: string): string => `text-check-in:${participantId}:${week}`;

/**
 * Sends the weekly check-in text to each participant due at `now` (core rule `textCheckInDue`: the
 * chosen weekday, at or after the chosen time in the program's zone). A prompt row and the text are
 * written together, each keyed by participant and ISO week, so a sweep every 10 minutes, or after a
 * restart, sends one text a week at most. Numbers that texted STOP get nothing (not even a
 * suppressed message). Nothing personal is logged; each prompt is audited.
 */
export async function sweepTextCheckIns(deps: Deps, now: Date): Promise<{ queued: number }> {
  const all = await deps.db.select({ id: programs.id, timeZone: programs.timeZone }).from(programs);
  let queued = 0;
  for (const program of all) {
    const lastOn = lastCheckInOnOf(deps.db, program.id);
    const week = isoWeekOf(localDateOf(now, program.timeZone));
    const prompted = deps.db
      .select({ participantId: textCheckInPrompts.participantId })
      .from(textCheckInPrompts)
      .where(and(eq(textCheckInPrompts.programId, program.id), eq(textCheckInPrompts.week, week)));
    const rows = await deps.db
      .select({
        id: participants.id,
        status: participants.status,
        phone: participants.phone,
        textCheckInDay: participants.textCheckInDay,
        textCheckInTime: participants.textCheckInTime,
        contactPausedUntil: participants.contactPausedUntil,
        lastCheckInOn: lastOn.lastOn,
        // Each text is in the person's own language (ADR 0041).
        locale: participants.locale,
      })
      .from(participants)
      .leftJoin(lastOn, eq(lastOn.participantId, participants.id))
      .where(
        and(
          eq(participants.programId, program.id),
          inArray(participants.status, ['enrolled', 'active']),
          isNotNull(participants.textCheckInDay),
          isNotNull(participants.phone),
          notInArray(participants.id, prompted),
        ),
      );
    for (const p of rows) {
      const decision = textCheckInDue(
        { ...p, contactPausedUntil: calendarDateOf(p.contactPausedUntil), lastCheckInOn: calendarDateOf(p.lastCheckInOn) },
        now,
        program.timeZone,
      );
      if (!decision.isDue || !p.phone) continue;
      const phone = p.phone;
      await deps.db.transaction(async (tx) => {
        if (await isOptedOut(tx, phone)) return;
        const [prompt] = await tx
          .insert(textCheckInPrompts)
          .values({ id: newId(), programId: program.id, participantId: p.id, week: decision.week, sentAt: now })
          .onConflictDoNothing()
          .returning({ id: textCheckInPrompts.id });
        if (!prompt) return;
        await deps.texter.enqueue(
          tx,
          { programId: program.id, to: phone, text: checkInPromptText(p.locale), idempotencyKey: promptKey(p.id, decision.week) },
          now,
        );
        await audit(tx, sweepCaller, now, [
          { verb: 'create', entityType: 'text_check_in_prompt', entityId: prompt.id, programId: program.id },
        ]);
        queued++;
      });
    }
  }
  return { queued };
}

export type TextReplyOutcome = 'recorded' | 'corrected' | 'asked_again' | 'crisis' | 'ignored';

/**
 * A text from a number that is not STOP or START (those are handled first, by mail). Read only
 * for participants who chose the check-in by text: a readable reply to the open prompt records the
 * week's check-in (source: text) and answers with a summary; an unreadable one is asked about again
 * (at most twice); risk words raise a safety event as a check-in note does and are answered with the
 * crisis line. Anything else is not kept and not answered. Audited without an actor; nothing logged.
 */
export async function receiveTextCheckInReply(
  deps: Deps,
  caller: Pick<Caller, 'requestId' | 'ip'>,
  msg: { from: string; body: string; phoneKey: string; messageKey: string },
): Promise<TextReplyOutcome> {
  const now = deps.clock.now();
  const latest = deps.db
    .select({
      participantId: textCheckInPrompts.participantId,
      sentAt: max(textCheckInPrompts.sentAt).as('latest_sent_at'),
    })
    .from(textCheckInPrompts)
    .groupBy(textCheckInPrompts.participantId)
    .as('latest_prompt');
  // The participants with this number who chose the check-in by text, the latest prompt first.
  const people = await deps.db
    .select({
      id: participants.id,
      programId: participants.programId,
      locale: participants.locale,
      timeZone: programs.timeZone,
      sentAt: latest.sentAt,
    })
    .from(participants)
    .innerJoin(programs, eq(programs.id, participants.programId))
    .leftJoin(latest, eq(latest.participantId, participants.id))
    .where(
      and(
        isNotNull(participants.textCheckInDay),
        inArray(participants.status, ['enrolled', 'active']),
        sql`right(regexp_replace(${participants.phone}, '[^0-9]', '', 'g'), ${PHONE_MATCH_DIGITS}) = ${phoneMatch(msg.phoneKey)}`,
      ),
    )
    .orderBy(sql`${latest.sentAt} desc nulls last`, participants.id);
  const person = people[0];
  if (!person) return 'ignored';
  const system = { ...caller, actor: null };
  const parsed = parseCheckInReply(msg.body);
  const hasRiskWords = flagRiskWords(msg.body).isFlagged;

  return deps.db.transaction(async (tx) => {
    const [prompt] = await tx
      .select()
      .from(textCheckInPrompts)
      .where(eq(textCheckInPrompts.participantId, person.id))
      .orderBy(desc(textCheckInPrompts.sentAt))
      .limit(1)
      .for('update');
    const open = prompt && isInReplyWindow(prompt.sentAt, now) ? prompt : null;
    const action = decideReply(parsed, open ? { isAnswered: open.checkInId !== null, askedAgain: open.askedAgain } : null);
    const programId = person.programId;
    const send = (text: string, kind: string) =>
      deps.texter.enqueue(tx, { programId, to: msg.from, text, idempotencyKey: `text-check-in-${kind}:${msg.messageKey}` }, now);
    const entries: AuditEntry[] = [];
    const crisis = async () => send(crisisText((await loadSafetySettings(tx, programId)).crisis, person.locale), 'crisis');

    if (action.kind === 'record' && open && parsed.kind === 'scores') {
      const on = open.checkInId ? await checkInDateOf(tx, open.checkInId) : localDateOf(now, person.timeZone);
      const saved = await savePainCheckIn(tx, deps, system, {
        programId,
        participantId: person.id,
        on,
        input: { pain: parsed.pain, enjoyment: parsed.enjoyment, activity: parsed.activity, note: parsed.note },
        source: 'text',
        enteredBy: null,
      });
      await tx
        .update(textCheckInPrompts)
        .set({ checkInId: saved.row.id, answeredAt: now })
        .where(eq(textCheckInPrompts.id, open.id));
      const [previous] = await tx
        .select({ score: painCheckIns.score })
        .from(painCheckIns)
        .where(and(eq(painCheckIns.participantId, person.id), lt(painCheckIns.on, on)))
        .orderBy(desc(painCheckIns.on))
        .limit(1);
      await send(
        checkInSummaryText(
          {
            pain: parsed.pain,
            enjoyment: parsed.enjoyment,
            activity: parsed.activity,
            score: saved.row.score,
            previousScore: previous?.score ?? null,
            isCorrection: action.isCorrection,
          },
          person.locale,
        ),
        'summary',
      );
      // Risk words the note does not carry (it keeps the first 1,000 characters) are still raised, on the message.
      const flagged =
        saved.safetyEventId ??
        (hasRiskWords
          ? await recordTextReplyFlags(tx, { mailer: deps.mailer, publicUrl: deps.publicUrl, now }, system, {
              programId,
              participantId: person.id,
              messageKey: msg.messageKey,
              text: msg.body,
            })
          : null);
      if (flagged) await crisis();
      entries.push({ verb: 'update', entityType: 'text_check_in_prompt', entityId: open.id, programId });
      await audit(tx, system, now, entries);
      return action.isCorrection ? 'corrected' : 'recorded';
    }

    if (hasRiskWords) {
      // Someone who may be in crisis is not asked for numbers again: a person reads the message.
      await recordTextReplyFlags(tx, { mailer: deps.mailer, publicUrl: deps.publicUrl, now }, system, {
        programId,
        participantId: person.id,
        messageKey: msg.messageKey,
        text: msg.body,
      });
      await crisis();
      entries.push({ verb: 'create', entityType: 'text_check_in_reply', entityId: person.id, programId });
      await audit(tx, system, now, entries);
      return 'crisis';
    }

    if (action.kind === 'ask_again' && open) {
      const [claimed] = await tx
        .update(textCheckInPrompts)
        .set({ askedAgain: open.askedAgain + 1 })
        .where(and(eq(textCheckInPrompts.id, open.id), eq(textCheckInPrompts.askedAgain, open.askedAgain)))
        .returning({ id: textCheckInPrompts.id });
      if (!claimed) return 'ignored';
      await send(askAgainText(person.locale), 'ask-again');
      entries.push({ verb: 'update', entityType: 'text_check_in_prompt', entityId: open.id, programId });
      await audit(tx, system, now, entries);
      return 'asked_again';
    }
    return 'ignored';
  });
}

async function checkInDateOf(tx: Tx, checkInId: string): Promise<string> {
  const [row] = await tx.select({ on: painCheckIns.on }).from(painCheckIns).where(eq(painCheckIns.id, checkInId));
  if (!row) throw new Error('check-in of a prompt is missing');
  return calendarDateOf(row.on);
}
