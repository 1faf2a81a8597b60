import { and, count, desc, eq, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  canResend,
  OutboxChannel,
  OutboxState,
  PHONE_MATCH_DIGITS,
  phoneKey,
  phoneMatch,
  smsKeyword,
} from '../../../core/outbox';
import { DomainError } from '../../../core/shared/errors';
import { decodeCursor, encodeCursor, type Page } from '../../../core/shared/paging';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { outboxMessages } from '../../platform/mail.table';
import { optIn, optOut, optOutOf } from '../../platform/outbox';
import { participants } from '../participants/participants.table';
import { newId } from '../../platform/ids';
import { receiveTextCheckInReply, type TextReplyOutcome } from '../plans';
import { loadProgram } from '../programs';

export const MailView = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  channel: OutboxChannel,
  state: OutboxState,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  /** A code only (an SMTP reply code, an HTTP status, "interrupted"): never an address or a body. */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type MailView = z.infer<typeof MailView>;

function viewOf(m: typeof outboxMessages.$inferSelect): MailView {
  return {
    id: m.id,
    to: m.toAddress,
    subject: m.subject,
    // Bodies can hold one-time links: shown only for captured (never sent) mail, as in the demo.
    text: m.state === 'captured' ? m.bodyText : '',
    channel: m.channel,
    state: m.state,
    attempts: m.attempts,
    nextAttemptAt: m.state === 'queued' && m.nextAttemptAt ? m.nextAttemptAt.toISOString() : null,
    lastError: m.lastError,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  };
}

/**
 * The program's outgoing messages with their delivery state, one page at a time, newest first (ties
 * by id; issue #12); in the demo this is where they "arrive".
 */
export async function listMail(
  deps: Deps,
  caller: Caller,
  programId: string,
  page: { limit: number; before?: string | undefined },
): Promise<Page<MailView>> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'mail:view', { programId });
  const cursor = page.before === undefined ? null : decodeCursor(page.before);
  if (page.before !== undefined && !cursor) throw new DomainError('invalid_state', 'bad_cursor', 'This page cursor is not valid');
  const scope = eq(outboxMessages.programId, programId);
  const after = cursor
    ? or(lt(outboxMessages.createdAt, cursor.at), and(eq(outboxMessages.createdAt, cursor.at), lt(outboxMessages.id, cursor.id)))
    : undefined;
  const [rows, [{ n } = { n: 0 }]] = await Promise.all([
    deps.db
      .select()
      .from(outboxMessages)
      .where(after ? and(scope, after) : scope)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(page.limit + 1),
    deps.db.select({ n: count() }).from(outboxMessages).where(scope),
  ]);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'mail', programId }]);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(viewOf),
    nextCursor: rows.length > page.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    total: Number(n),
  };
}

/**
 * A coordinator decides to send again a message that may not have arrived (`unknown`: the delivery
 * run died or the provider's answer was lost) or that failed. This is the only way such a message
 * is sent again: the person accepts that an `unknown` one may arrive twice (ADR 0012).
 */
export async function resendMail(deps: Deps, caller: Caller, programId: string, messageId: string): Promise<MailView> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'mail:resend', { programId });
  return deps.db.transaction(async (tx) => {
    const [m] = await tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.id, messageId), eq(outboxMessages.programId, programId)))
      .for('update');
    if (!m) throw new DomainError('not_found', undefined, 'Not found');
    if (!canResend(m.state))
      throw new DomainError('conflict', 'not_resendable', 'Only failed or possibly undelivered messages can be sent again');
    const [updated] = await tx
      .update(outboxMessages)
      .set({ state: 'queued', attempts: 0, nextAttemptAt: null, claimedAt: null })
      .where(eq(outboxMessages.id, m.id))
      .returning();
    await audit(tx, caller, deps.clock.now(), [{ verb: 'update', entityType: 'mail', entityId: m.id, programId }]);
    return viewOf(updated!);
  });
}

/** Participants whose phone number is this key (numbers are stored as people typed them). */
async function participantsWithPhone(deps: Deps, key: string) {
  return deps.db
    .select({ id: participants.id, programId: participants.programId })
    .from(participants)
    .where(sql`right(regexp_replace(${participants.phone}, '[^0-9]', '', 'g'), ${PHONE_MATCH_DIGITS}) = ${phoneMatch(key)}`);
}

export const InboundSms = z.object({
  From: z.string().max(40),
  Body: z.string().max(2000),
  /** The provider's id of the message: keys the answers, so a webhook retried answers once. */
  MessageSid: z.string().max(64).optional(),
});

/**
 * A text the provider received for us (webhook, already verified as the provider's). STOP-type
 * keywords opt the number out of texts, START-type keywords opt it back in, always first. Any other
 * text goes to the weekly check-in by text (plans), which reads it only for participants who chose
 * that (#16, ADR 0040); otherwise it is not kept (Kindred does not read conversations). Audited
 * against the participants with that number.
 */
export async function receiveSms(
  deps: Deps,
  caller: Pick<Caller, 'requestId' | 'ip'>,
  msg: z.infer<typeof InboundSms>,
): Promise<'stop' | 'start' | TextReplyOutcome | null> {
  const keyword = smsKeyword(msg.Body);
  const key = phoneKey(msg.From);
  if (!key) return null;
  if (!keyword) {
    return receiveTextCheckInReply(deps, caller, {
      from: msg.From,
      body: msg.Body,
      phoneKey: key,
      messageKey: msg.MessageSid ?? newId(),
    });
  }
  const now = deps.clock.now();
  const people = await participantsWithPhone(deps, key);
  await deps.db.transaction(async (tx) => {
    if (keyword === 'stop') await optOut(tx, msg.From, msg.Body.trim().toUpperCase().slice(0, 20), now);
    else await optIn(tx, msg.From);
    await audit(
      tx,
      { ...caller, actor: null },
      now,
      people.length
        ? people.map((p) => ({
            verb: 'update' as const,
            entityType: `sms_opt_${keyword === 'stop' ? 'out' : 'in'}`,
            entityId: p.id,
            programId: p.programId,
          }))
        : [{ verb: 'update' as const, entityType: `sms_opt_${keyword === 'stop' ? 'out' : 'in'}` }],
    );
  });
  return keyword;
}

export const TextingView = z.object({ optedOut: z.boolean(), optedOutAt: z.string().nullable() });

/** Whether the participant's number opted out of texts (staff, beside the outbox they oversee). */
export async function participantTexting(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
): Promise<z.infer<typeof TextingView>> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'mail:view', { programId });
  const [p] = await deps.db
    .select({ id: participants.id, phone: participants.phone })
    .from(participants)
    .where(and(eq(participants.id, participantId), eq(participants.programId, programId)));
  if (!p) throw new DomainError('not_found', undefined, 'Not found');
  const key = p.phone ? phoneKey(p.phone) : null;
  const row = key ? await optOutOf(deps.db, key) : null;
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'read', entityType: 'sms_opt_out', entityId: p.id, programId }]);
  return { optedOut: row !== null, optedOutAt: row?.optedOutAt.toISOString() ?? null };
}
