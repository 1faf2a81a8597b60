import type { Tx } from '../../platform/database';
import { outboxMessages } from '../../platform/mail.table';
import { optOut } from '../../platform/outbox';

/**
 * The demo's outbox (ADR 0012): one participant texted STOP a week ago, so a later reminder to that
 * number shows as "not sent: opted out" and the participant's record says so. The demo's texts are
 * otherwise kept by the log-only provider, as its e-mail is.
 */
export async function seedOutboxDemo(tx: Tx, opts: { programId: string; now: Date; optedOutPhone: string; id: () => string }) {
  const weekAgo = new Date(opts.now.getTime() - 7 * 86_400_000);
  await optOut(tx, opts.optedOutPhone, 'STOP', weekAgo);
  await tx.insert(outboxMessages).values({
    id: opts.id(),
    programId: opts.programId,
    channel: 'sms',
    toAddress: opts.optedOutPhone,
    subject: '',
    bodyText: 'Kindred: a reminder of your coaching call tomorrow. Reply STOP to stop these texts.',
    state: 'suppressed',
    createdAt: new Date(opts.now.getTime() - 2 * 86_400_000),
  });
}
