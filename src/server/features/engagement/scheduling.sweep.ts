/**
 * Scheduling: the timed sweep that sends session reminders once and cancels sessions of ended pairings.
 */
import { and, asc, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import {
  reminderChannels,
  remindersDue,
  type SchedulingSettings,
  sessionReminderMail,
  sessionReminderText,
  localDateOf,
} from '../../../core/engagement';
import { DEFAULT_LOCALE } from '../../../core/shared/locale';
import { audit } from '../../platform/audit';
import type { Deps } from '../../platform/context';
import { isOptedOut } from '../../platform/outbox';
import { coaches } from '../coaches/coaches.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { scheduledSessions } from './engagement.table';
import { settingsOf } from './scheduling.settings';
import { mailInvitations, sessionFacts } from './scheduling.mail';

/**
 * Sends the reminders that are due at `now`, in every program: by e-mail, and by text to people who
 * prefer texts (ADR 0013). Each message carries the idempotency key
 * `session-reminder:<session>:<sequence>:<recipient>`, so a sweep that runs again, or concurrently,
 * sends nothing twice; a moved session (new sequence) is reminded again. First it cancels the
 * future sessions of pairings that have ended.
 */
export async function sweepSessionReminders(
  deps: Deps,
  now: Date,
): Promise<{ emails: number; texts: number; cancelled: number }> {
  let emails = 0;
  let texts = 0;
  // Only sessions in the next 8 days can have a reminder due (the longest lead is 7 days).
  const horizon = new Date(now.getTime() + 8 * 24 * 3_600_000);
  const cancelled = await cancelSessionsOfEndedPairings(deps, now);
  const rows = await deps.db
    .select({ session: scheduledSessions, participant: participants, coach: coaches, program: programs })
    .from(scheduledSessions)
    .innerJoin(participants, eq(participants.id, scheduledSessions.participantId))
    .innerJoin(coaches, eq(coaches.id, scheduledSessions.coachId))
    .innerJoin(programs, eq(programs.id, scheduledSessions.programId))
    // A pairing that ended takes its sessions with it: no reminders for them.
    .innerJoin(pairings, and(eq(pairings.id, scheduledSessions.pairingId), isNull(pairings.endedAt)))
    .where(
      and(
        eq(scheduledSessions.status, 'scheduled'),
        gt(scheduledSessions.startsAt, now),
        lte(scheduledSessions.startsAt, horizon),
      ),
    )
    .orderBy(asc(scheduledSessions.startsAt));
  const soon = rows;
  const settingsByProgram = new Map<string, SchedulingSettings>();
  for (const r of soon) {
    if (!settingsByProgram.has(r.program.id)) settingsByProgram.set(r.program.id, await settingsOf(deps.db, r.program.id));
  }
  const system = { actor: null, requestId: 'session-reminders', ip: null };
  for (const r of soon) {
    const settings = settingsByProgram.get(r.program.id)!;
    const [due] = remindersDue([r.session], now, { reminderLeadHours: settings.reminderLeadHours, timeZone: r.program.timeZone });
    if (!due) continue;
    const s = r.session;
    const sessionDateOn = localDateOf(s.startsAt, r.program.timeZone);
    await deps.db.transaction(async (tx) => {
      const people = [
        {
          key: 'participant' as const,
          row: r.participant,
          page: `${deps.publicUrl}/programs/${r.program.id}/my-coach`,
          locale: r.participant.locale,
        },
        {
          key: 'coach' as const,
          row: r.coach,
          page: `${deps.publicUrl}/programs/${r.program.id}/participants/${r.participant.id}`,
          locale: DEFAULT_LOCALE,
        },
      ];
      let sentAny = false;
      for (const p of people) {
        const textsAllowed = p.row.phone ? !(await isOptedOut(tx, p.row.phone)) : false;
        const channels = reminderChannels(
          {
            email: p.row.email,
            phone: p.row.phone,
            preferredChannel: p.row.preferredChannel,
            textsAllowed,
            contactPausedUntil: p.row.contactPausedUntil,
          },
          { textReminders: settings.textReminders, sessionDateOn },
        );
        const key = `session-reminder:${s.id}:${s.sequence}:${p.key}`;
        if (channels.email && p.row.email) {
          const wrote = await deps.mailer.enqueue(
            tx,
            {
              programId: r.program.id,
              to: p.row.email,
              ...sessionReminderMail(sessionFacts(s, r.program.timeZone, p.page), p.key, p.locale),
              idempotencyKey: key,
            },
            now,
          );
          if (wrote) {
            emails++;
            sentAny = true;
          }
        }
        if (channels.text && p.row.phone) {
          const wrote = await deps.texter.enqueue(
            tx,
            {
              programId: r.program.id,
              to: p.row.phone,
              text: sessionReminderText(sessionFacts(s, r.program.timeZone, p.page), p.locale),
              idempotencyKey: key,
            },
            now,
          );
          if (wrote) {
            texts++;
            sentAny = true;
          }
        }
      }
      if (sentAny) {
        await audit(tx, system, now, [
          { verb: 'update', entityType: 'scheduled_session_reminder', entityId: s.id, programId: r.program.id },
        ]);
      }
    });
  }
  return { emails, texts, cancelled };
}

/**
 * Cancels the future sessions of pairings that have ended (re-paired, withdrawn, completed), with the
 * calendar cancellation to both people, whichever way the pairing ended. Runs with the reminder
 * sweep; the status check under the row lock makes a second run, or a concurrent one, do nothing.
 */
async function cancelSessionsOfEndedPairings(deps: Deps, now: Date): Promise<number> {
  const rows = await deps.db
    .select({ session: scheduledSessions, pairing: pairings, participant: participants, coach: coaches, program: programs })
    .from(scheduledSessions)
    .innerJoin(pairings, eq(pairings.id, scheduledSessions.pairingId))
    .innerJoin(participants, eq(participants.id, scheduledSessions.participantId))
    .innerJoin(coaches, eq(coaches.id, scheduledSessions.coachId))
    .innerJoin(programs, eq(programs.id, scheduledSessions.programId))
    .where(and(eq(scheduledSessions.status, 'scheduled'), gt(scheduledSessions.startsAt, now), isNotNull(pairings.endedAt)));
  const system = { actor: null, requestId: 'session-sweep', ip: null };
  let cancelled = 0;
  for (const r of rows) {
    await deps.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(scheduledSessions)
        .set({ status: 'cancelled', sequence: r.session.sequence + 1, updatedAt: now })
        .where(and(eq(scheduledSessions.id, r.session.id), eq(scheduledSessions.status, 'scheduled')))
        .returning();
      if (!updated) return;
      await mailInvitations(deps, tx, r.program, r, updated, 'cancelled', now);
      await audit(tx, system, now, [
        { verb: 'update', entityType: 'scheduled_session', entityId: updated.id, programId: r.program.id },
      ]);
      cancelled++;
    });
  }
  return cancelled;
}
