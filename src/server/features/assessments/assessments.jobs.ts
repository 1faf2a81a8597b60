/** Assessments: the timed sweeps (missed assessments, link reminders) main.ts runs every 10 minutes. */
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { LINK_REMINDER_DAYS_BEFORE, linkReminderDue, missesToRecord, scheduleFor } from '../../../core/assessments';
import { dateOnWords, localTimeOf, localDateOf } from '../../../core/shared/time';
import { audit } from '../../platform/audit';
import type { Deps } from '../../platform/context';
import type { TimedJob } from '../../platform/jobs';
import { newId } from '../../platform/ids';
import { participants as participantsTable } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { loadAssessmentSettings, loadScheduleFacts } from './assessments.repository';
import { assessmentLinks, assessmentMisses } from './assessments.table';
import { programSchedules } from './assessments.worklist';
import { assessmentLinkReminderMail } from '../../../core/assessments/mail';

/**
 * Records every missed assessment not yet recorded, in every program (run by the 10-minute timer):
 * one `assessment_misses` row per participant and timepoint whose window closed without every
 * response. Idempotent: the unique (participant, timepoint) key makes a second or concurrent run
 * record nothing. Audited as a system write.
 */
export async function sweepAssessmentMisses(deps: Pick<Deps, 'db'>, now: Date): Promise<{ recorded: number }> {
  const system = { actor: null, requestId: 'assessment-miss-sweep', ip: null };
  const all = await deps.db.select({ id: programs.id, timeZone: programs.timeZone }).from(programs);
  let recorded = 0;
  for (const program of all) {
    const { settings, rows } = await programSchedules(deps.db, program, now);
    const candidates = rows.flatMap(({ p }) =>
      missesToRecord(settings, p.facts, now, program.timeZone).map((m) => ({
        id: newId(),
        programId: program.id,
        participantId: p.id,
        timepointKey: m.timepointKey,
        windowOpenedAt: m.windowOpenedAt,
        windowClosedAt: m.windowClosedAt,
        recordedAt: now,
      })),
    );
    if (candidates.length === 0) continue;
    await deps.db.transaction(async (tx) => {
      for (let i = 0; i < candidates.length; i += 500) {
        const inserted = await tx
          .insert(assessmentMisses)
          .values(candidates.slice(i, i + 500))
          .onConflictDoNothing()
          .returning({ id: assessmentMisses.id });
        if (inserted.length === 0) continue;
        recorded += inserted.length;
        await audit(
          tx,
          system,
          now,
          inserted.map((m) => ({
            verb: 'create' as const,
            entityType: 'assessment_miss',
            entityId: m.id,
            programId: program.id,
          })),
        );
      }
    });
  }
  return { recorded };
}

/**
 * Reminds participants, once, of an e-mailed link they have not opened, 3 days before it expires
 * (`linkReminderDue`). Run by the 10-minute timer. The token is not stored, so the reminder cannot
 * carry the link: it points to the first e-mail and says how to get a new link. Claimed by setting
 * `reminded_at` where it is null, and queued with `idempotencyKey = assessment-link-reminder:<link id>`,
 * so a repeated or concurrent sweep sends nothing twice. Audited as a system write.
 */
export async function sweepLinkReminders(deps: Pick<Deps, 'db' | 'mailer'>, now: Date): Promise<{ queued: number }> {
  const system = { actor: null, requestId: 'assessment-link-reminder-sweep', ip: null };
  const rows = await deps.db
    .select({
      link: assessmentLinks,
      email: participantsTable.email,
      locale: participantsTable.locale,
      programName: programs.name,
      timeZone: programs.timeZone,
    })
    .from(assessmentLinks)
    .innerJoin(participantsTable, eq(participantsTable.id, assessmentLinks.participantId))
    .innerJoin(programs, eq(programs.id, assessmentLinks.programId))
    .where(
      and(
        eq(assessmentLinks.emailed, true),
        isNull(assessmentLinks.openedAt),
        isNull(assessmentLinks.remindedAt),
        isNull(assessmentLinks.completedAt),
        isNull(assessmentLinks.revokedAt),
        gt(assessmentLinks.expiresAt, now),
        lte(assessmentLinks.expiresAt, new Date(now.getTime() + LINK_REMINDER_DAYS_BEFORE * 86_400_000)),
      ),
    );
  let queued = 0;
  for (const { link, email, locale, programName, timeZone } of rows) {
    if (!email || !linkReminderDue(link, now)) continue;
    // A window closed meanwhile (a pairing, a withdrawal, a recorded miss) expires the link too: no reminder.
    const [settings, [facts]] = await Promise.all([
      loadAssessmentSettings(deps.db, link.programId),
      loadScheduleFacts(deps.db, link.programId, [link.participantId]),
    ]);
    const state = facts
      ? scheduleFor(settings, facts.facts, now, timeZone).find((x) => x.key === link.timepointKey)?.state
      : undefined;
    if (state !== 'due' && state !== 'overdue') continue;
    const label = settings.timepoints.find((t) => t.key === link.timepointKey)!.label;
    await deps.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(assessmentLinks)
        .set({ remindedAt: now })
        .where(and(eq(assessmentLinks.id, link.id), isNull(assessmentLinks.remindedAt), isNull(assessmentLinks.openedAt)))
        .returning({ id: assessmentLinks.id });
      if (!claimed) return;
      const sentOn = dateOnWords(localDateOf(link.createdAt, timeZone), locale);
      const until = dateOnWords(localTimeOf(new Date(link.expiresAt.getTime() - 1), timeZone).dateOn, locale);
      await deps.mailer.enqueue(
        tx,
        {
          programId: link.programId,
          to: email,
          ...assessmentLinkReminderMail(locale, { programName, timepoint: label, sentOn, until }),
          idempotencyKey: `assessment-link-reminder:${link.id}`,
        },
        now,
      );
      await audit(tx, system, now, [
        { verb: 'update', entityType: 'assessment_link', entityId: link.id, programId: link.programId },
      ]);
      queued++;
    });
  }
  return { queued };
}

/** Assessments' timed work, in the order main.ts runs it. */
export const assessmentJobs: readonly TimedJob[] = [
  // Missed assessments recorded once (ADR 0015): a closed window stays missed whatever the settings say later.
  { name: 'assessment miss sweep', run: sweepAssessmentMisses },
  // One reminder e-mail for an e-mailed assessment link not opened 3 days before it expires (idempotency key per link).
  { name: 'assessment link reminder sweep', run: sweepLinkReminders },
];
