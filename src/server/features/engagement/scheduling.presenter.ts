/** Scheduling: a scheduled session as the pages show it. */
import { localTimeOf, type ScheduledSessionView } from '../../../core/engagement';
import { clockOf } from '../../../core/shared/time';
import { type View } from '../../access/policy';
import { type Program } from '../programs';
import type { Pair, SessionRow } from './scheduling.access';

export function present(s: SessionRow, program: Program, pair: Pair, view: View): ScheduledSessionView {
  const local = localTimeOf(s.startsAt, program.timeZone);
  return {
    id: s.id,
    pairingId: s.pairingId,
    participantId: s.participantId,
    coachId: s.coachId,
    startsAt: s.startsAt.toISOString(),
    date: local.dateOn,
    time: clockOf(local.hour * 60 + local.minute),
    timeZone: program.timeZone,
    durationMinutes: s.durationMinutes,
    modality: s.modality,
    videoLink: s.videoLink,
    place: s.place,
    status: s.status,
    sequence: s.sequence,
    participantName: view === 'self' ? null : `${pair.participant.givenName} ${pair.participant.familyName}`,
    coachName: view === 'coaching' ? null : `${pair.coach.givenName} ${pair.coach.familyName}`,
  };
}
