import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { localDateOf, reminderChannels, remindersDue } from '../../../core/engagement';
import { interviewReminderMail, interviewReminderText } from '../../../core/interviews';
import { audit } from '../../platform/audit';
import type { Deps } from '../../platform/context';
import { isOptedOut } from '../../platform/outbox';
import { settingsOf } from '../engagement';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { interviewSampleMembers } from './interviews.table';

/**
 * Sends the reminders of scheduled interviews that are due at `now` (ADR 0050), with the session
 * reminders' rules: the program's lead time on its wall clock (`remindersDue`), e-mail and a text for
 * people who prefer texts when the program sends them, nothing while contact is paused
 * (`reminderChannels`). The key `interview-reminder:<member>:<sequence>` sends each once; a moved
 * interview is reminded again.
 */
export async function sweepInterviewReminders(deps: Deps, now: Date): Promise<{ emails: number; texts: number }> {
  let emails = 0;
  let texts = 0;
  // The longest lead is 7 days.
  const horizon = new Date(now.getTime() + 8 * 24 * 3_600_000);
  const rows = await deps.db
    .select({ member: interviewSampleMembers, participant: participants, program: programs })
    .from(interviewSampleMembers)
    .innerJoin(participants, eq(participants.id, interviewSampleMembers.participantId))
    .innerJoin(programs, eq(programs.id, interviewSampleMembers.programId))
    .where(
      and(
        eq(interviewSampleMembers.state, 'scheduled'),
        gt(interviewSampleMembers.interviewStartsAt, now),
        lte(interviewSampleMembers.interviewStartsAt, horizon),
      ),
    )
    .orderBy(asc(interviewSampleMembers.interviewStartsAt));
  const system = { actor: null, requestId: 'interview-reminders', ip: null };
  for (const { member: m, participant: p, program } of rows) {
    if (!m.interviewStartsAt || !m.scheduledAt || !m.interviewModality || m.interviewSequence === null) continue;
    const settings = await settingsOf(deps.db, program.id);
    const interview = {
      id: m.id,
      startsAt: m.interviewStartsAt,
      status: 'scheduled' as const,
      sequence: m.interviewSequence,
      scheduledAt: m.scheduledAt,
    };
    if (
      remindersDue([interview], now, { reminderLeadHours: settings.reminderLeadHours, timeZone: program.timeZone }).length === 0
    )
      continue;
    const facts = {
      startsAt: m.interviewStartsAt,
      timeZone: program.timeZone,
      modality: m.interviewModality,
      videoLink: m.interviewVideoLink,
      place: m.interviewPlace,
      page: `${deps.publicUrl}/programs/${program.id}/my-interview`,
    };
    const key = `interview-reminder:${m.id}:${m.interviewSequence}`;
    await deps.db.transaction(async (tx) => {
      const channels = reminderChannels(
        {
          email: p.email,
          phone: p.phone,
          preferredChannel: p.preferredChannel,
          textsAllowed: p.phone ? !(await isOptedOut(tx, p.phone)) : false,
          contactPausedUntil: p.contactPausedUntil,
        },
        { textReminders: settings.textReminders, sessionDateOn: localDateOf(m.interviewStartsAt!, program.timeZone) },
      );
      let sent = false;
      if (channels.email && p.email) {
        const wrote = await deps.mailer.enqueue(
          tx,
          { programId: program.id, to: p.email, ...interviewReminderMail(facts, p.locale), idempotencyKey: key },
          now,
        );
        if (wrote) {
          emails++;
          sent = true;
        }
      }
      if (channels.text && p.phone) {
        const wrote = await deps.texter.enqueue(
          tx,
          { programId: program.id, to: p.phone, text: interviewReminderText(facts, p.locale), idempotencyKey: key },
          now,
        );
        if (wrote) {
          texts++;
          sent = true;
        }
      }
      if (sent)
        await audit(tx, system, now, [
          { verb: 'update', entityType: 'interview_reminder', entityId: m.id, programId: program.id },
        ]);
    });
  }
  return { emails, texts };
}

/** Interviews' timed work, run by main.ts. */
