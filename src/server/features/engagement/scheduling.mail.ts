/**
 * Scheduling: the invitations, changes and cancellations mailed to both people, with their calendar files.
 */
import { sessionChangeMail, type SessionChange, type SessionMailFacts } from '../../../core/engagement';
import { DEFAULT_LOCALE } from '../../../core/shared/locale';
import type { Deps } from '../../platform/context';
import type { Tx } from '../../platform/database';
import type { OutgoingMail } from '../../platform/mail';
import { type Program } from '../programs';
import { organizerOf, sessionCalendar } from './calendar';
import type { Pair, SessionRow } from './scheduling.access';

type Change = SessionChange;

/** What the session e-mails say about where to meet, from the stored session. */
export function sessionFacts(s: SessionRow, timeZone: string, page: string): SessionMailFacts {
  return { startsAt: s.startsAt, timeZone, modality: s.modality, videoLink: s.videoLink, place: s.place, page };
}

/** The invitation (or cancellation) e-mails to both people of the pair, each with a calendar file. */
export async function mailInvitations(
  deps: Pick<Deps, 'mailer' | 'publicUrl'>,
  tx: Tx,
  program: Program,
  pair: Pair,
  s: SessionRow,
  change: Change,
  now: Date,
) {
  // The participant reads it in his or her language; coaches in English (issue #16).
  const recipients = [
    {
      role: 'Participant',
      email: pair.participant.email,
      page: `${deps.publicUrl}/programs/${program.id}/my-coach`,
      audience: 'participant' as const,
      locale: pair.participant.locale,
    },
    {
      role: 'Coach',
      email: pair.coach.email,
      page: `${deps.publicUrl}/programs/${program.id}/participants/${pair.participant.id}`,
      audience: 'coach' as const,
      locale: DEFAULT_LOCALE,
    },
  ];
  for (const r of recipients) {
    if (!r.email) continue;
    const mail: OutgoingMail = {
      programId: program.id,
      to: r.email,
      ...sessionChangeMail(change, sessionFacts(s, program.timeZone, r.page), r.audience, r.locale),
      attachments: [
        {
          filename: change === 'cancelled' ? 'cancel.ics' : 'invite.ics',
          contentType: `text/calendar; charset=utf-8; method=${change === 'cancelled' ? 'CANCEL' : 'REQUEST'}`,
          content: sessionCalendar(s, {
            method: change === 'cancelled' ? 'CANCEL' : 'REQUEST',
            organizer: organizerOf(deps.mailer.from),
            attendeeEmail: r.email,
            attendeeRole: r.role,
            now,
            timeZone: program.timeZone,
          }),
        },
      ],
      idempotencyKey: `session-invite:${s.id}:${s.sequence}:${r.role.toLowerCase()}`,
    };
    await deps.mailer.enqueue(tx, mail, now);
  }
}
