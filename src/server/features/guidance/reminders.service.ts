import { and, eq, inArray, isNotNull, isNull, like } from 'drizzle-orm';
import { localDateOf } from '../../../core/engagement';
import { checkInReminder, isoWeekOf } from '../../../core/guidance';
import { checkInReminderMail } from '../../../core/guidance/mail';
import { audit } from '../../platform/audit';
import type { Deps } from '../../platform/context';
import { outboxMessages } from '../../platform/mail.table';
import { participants } from '../participants/participants.table';
import { lastCheckInOnOf } from '../plans';
import { programs } from '../programs/programs.table';

const system = { actor: null, requestId: 'checkin-reminder-sweep', ip: null };

function reminderText(link: string): string {
  return `Kindred: time for your weekly pain check-in (3 quick questions): ${link}`;
}

/**
 * Enqueues the weekly PEG check-in reminders due at `now`, following each participant's stated
 * days, times, pause and channel in the program's time zone (core rule `checkInReminder`). Runs from
 * the 10-minute timer; the idempotency key `checkin-reminder:<participant>:<ISO week>` keeps it to one
 * reminder a week however often it runs. "In app only" sends nothing: the app shows the due check-in.
 */
export async function sweepCheckInReminders(deps: Deps, now: Date): Promise<{ queued: number }> {
  const all = await deps.db.select({ id: programs.id, timeZone: programs.timeZone }).from(programs);
  let queued = 0;
  for (const program of all) {
    const lastOn = lastCheckInOnOf(deps.db, program.id);
    const rows = await deps.db
      .select({
        id: participants.id,
        givenName: participants.givenName,
        locale: participants.locale,
        status: participants.status,
        email: participants.email,
        phone: participants.phone,
        preferredChannel: participants.preferredChannel,
        preferredDays: participants.preferredDays,
        preferredTimes: participants.preferredTimes,
        notBefore: participants.notBefore,
        notAfter: participants.notAfter,
        contactPausedUntil: participants.contactPausedUntil,
        lastCheckInOn: lastOn.lastOn,
      })
      .from(participants)
      .leftJoin(lastOn, eq(lastOn.participantId, participants.id))
      .where(
        and(
          eq(participants.programId, program.id),
          inArray(participants.status, ['enrolled', 'active']),
          isNotNull(participants.personId),
          // Who chose the check-in by text gets the questions themselves, not a reminder too (#16).
          isNull(participants.textCheckInDay),
        ),
      );
    const link = `${deps.publicUrl}/programs/${program.id}/check-in`;
    // Reminders already sent this week (one query), so a sweep every 10 minutes does not retry each one.
    const week = isoWeekOf(localDateOf(now, program.timeZone));
    const sent = new Set(
      (
        await deps.db
          .select({ key: outboxMessages.idempotencyKey })
          .from(outboxMessages)
          .where(and(eq(outboxMessages.programId, program.id), like(outboxMessages.idempotencyKey, `checkin-reminder:%:${week}`)))
      ).map((r) => r.key),
    );
    for (const p of rows) {
      const decision = checkInReminder({ ...p, hasAccount: true }, now, program.timeZone, { canText: true });
      if (!decision.isDue || decision.channel === 'in_app') continue;
      const idempotencyKey = `checkin-reminder:${p.id}:${decision.week}`;
      if (sent.has(idempotencyKey)) continue;
      await deps.db.transaction(async (tx) => {
        const isNew =
          decision.channel === 'text' && p.phone
            ? await deps.texter.enqueue(tx, { programId: program.id, to: p.phone, text: reminderText(link), idempotencyKey }, now)
            : p.email
              ? await deps.mailer.enqueue(
                  tx,
                  { programId: program.id, to: p.email, ...checkInReminderMail(p.locale, p.givenName, link), idempotencyKey },
                  now,
                )
              : false;
        if (!isNew) return;
        queued++;
        await audit(tx, system, now, [{ verb: 'create', entityType: 'checkin_reminder', entityId: p.id, programId: program.id }]);
      });
    }
  }
  return { queued };
}
