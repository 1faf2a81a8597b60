/**
 * Engagement: the timed ladder sweep that records the steps that fired and e-mails coaches their reminders.
 */
import { eq } from 'drizzle-orm';
import { ladderPosition, REACHING_TIPS, type RecordedStep } from '../../../core/engagement';
import { addDays, daysBetween } from '../../../core/shared/time';
import { audit } from '../../platform/audit';
import type { Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { coaches } from '../coaches/coaches.table';
import { taskRulesOf, type Program } from '../programs';
import { programs } from '../programs/programs.table';
import { loadPairingActivity } from '../tasks';
import { ladderEvents } from './engagement.table';

/** A reminder that fired longer ago than this (e.g. on the first sweep of an old database) gets no e-mail. */
const REMINDER_MAIL_WITHIN_DAYS = 2;

/**
 * Records every ladder step that has fired and is not yet recorded, in every program, and e-mails
 * the coach when a reminder fires (subject with nothing personal, no names in the body). Idempotent:
 * the unique (pairing, step, episode) key makes a second run, or a concurrent one, record nothing.
 */
export async function sweepLadder(deps: Deps, now: Date): Promise<{ recorded: number; mailed: number }> {
  const system = { actor: null, requestId: 'ladder-sweep', ip: null };
  const all = await deps.db.select().from(programs);
  let recorded = 0;
  let mailed = 0;
  for (const program of all) {
    const rules = taskRulesOf(program);
    const [activity, recordedRows] = await Promise.all([
      loadPairingActivity(deps.db, { programId: program.id }),
      deps.db
        .select({ pairingId: ladderEvents.pairingId, step: ladderEvents.step, episodeStartedAt: ladderEvents.episodeStartedAt })
        .from(ladderEvents)
        .where(eq(ladderEvents.programId, program.id)),
    ]);
    const key = (pairingId: string, step: string, episode: Date) => `${pairingId}:${step}:${episode.getTime()}`;
    // Most fired steps were recorded by an earlier sweep; only the new ones are offered to the insert.
    const recordedKeys = new Set(recordedRows.map((r) => key(r.pairingId, r.step, r.episodeStartedAt)));
    const candidates = activity.flatMap((a) => {
      const pos = ladderPosition(a, rules, now);
      return pos.fired
        .filter((step) => !recordedKeys.has(key(a.pairingId, step, pos.episodeStartedAt)))
        .map((step) => ({
          id: newId(),
          programId: program.id,
          pairingId: a.pairingId,
          participantId: a.participantId,
          step,
          episodeStartedAt: pos.episodeStartedAt,
          firedAt: pos.dueAt[step],
          recordedAt: now,
          coachId: a.coachId,
          quietDays: daysBetween(pos.episodeStartedAt, now),
        }));
    });
    if (candidates.length === 0) continue;
    await deps.db.transaction(async (tx) => {
      const inserted: { id: string; pairingId: string; step: RecordedStep }[] = [];
      for (let i = 0; i < candidates.length; i += 500) {
        const batch = candidates.slice(i, i + 500).map(({ coachId: _c, quietDays: _q, ...row }) => row);
        inserted.push(
          ...(await tx
            .insert(ladderEvents)
            .values(batch)
            .onConflictDoNothing()
            .returning({ id: ladderEvents.id, pairingId: ladderEvents.pairingId, step: ladderEvents.step })),
        );
      }
      if (inserted.length === 0) return;
      recorded += inserted.length;
      await audit(
        tx,
        system,
        now,
        inserted.map((e) => ({ verb: 'create' as const, entityType: 'ladder_event', entityId: e.id, programId: program.id })),
      );
      const byId = new Map(candidates.map((c) => [c.id, c]));
      const reminders = inserted
        .filter((e) => e.step === 'reminder')
        .map((e) => byId.get(e.id)!)
        .filter((c) => c.firedAt.getTime() >= addDays(now, -REMINDER_MAIL_WITHIN_DAYS).getTime());
      if (reminders.length === 0) return;
      const emails = new Map(
        (await tx.select({ id: coaches.id, email: coaches.email }).from(coaches).where(eq(coaches.programId, program.id))).map(
          (c) => [c.id, c.email],
        ),
      );
      for (const r of reminders) {
        const to = emails.get(r.coachId);
        if (!to) continue;
        await deps.mailer.enqueue(
          tx,
          { ...reminderMail(program, to, r.quietDays, deps.publicUrl), idempotencyKey: `ladder-reminder:${r.id}` },
          now,
        );
        mailed++;
      }
    });
  }
  return { recorded, mailed };
}

/** The coach's reminder e-mail: no participant's name anywhere, only a link to Today. */
function reminderMail(program: Program, to: string, quietDays: number, publicUrl: string) {
  return {
    programId: program.id,
    to,
    subject: 'A reminder from Kindred',
    text: [
      'Hello,',
      '',
      `One of the people you coach has not been reached for ${quietDays} days. Your Today page shows who, and the best times to try:`,
      `${publicUrl}/programs/${program.id}/today`,
      '',
      'Tips for reaching people:',
      ...REACHING_TIPS.map((t) => `- ${t}`),
      '',
      'Thank you for coaching.',
    ].join('\n'),
  };
}
