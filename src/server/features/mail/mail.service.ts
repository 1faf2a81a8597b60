import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { mailMessages } from '../../platform/mail.table';
import { loadProgram } from '../programs';

export const MailView = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  state: z.enum(['queued', 'sent', 'failed', 'captured']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

/** The program's outgoing mail with its delivery state; in the demo this is where mail "arrives". */
export async function listMail(deps: Deps, caller: Caller, programId: string): Promise<z.infer<typeof MailView>[]> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'mail:view', { programId });
  const rows = await deps.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.programId, programId))
    .orderBy(desc(mailMessages.createdAt))
    .limit(100);
  await audit(deps.db, caller, deps.clock.now(), [{ verb: 'list', entityType: 'mail', programId }]);
  return rows.map((m) => ({
    id: m.id,
    to: m.toAddress,
    subject: m.subject,
    // Bodies can hold one-time links: shown only for captured (never sent) mail, as in the demo.
    text: m.state === 'captured' ? m.bodyText : '',
    state: m.state,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  }));
}
