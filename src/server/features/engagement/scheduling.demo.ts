import { addDaysOn, zonedInstant, localDateOf } from '../../../core/engagement';
import type { Channel } from '../../../core/shared/vocab';
import { seededRandom, seededUuid } from '../../demo/random';
import type { Tx } from '../../platform/database';
import { scheduledSessions, schedulingSettings } from './engagement.table';

interface DemoPair {
  participantId: string;
  pairingId: string;
  coachId: string;
}

export const DEMO_VIDEO_ROOM = 'https://meet.example.org/kindred-{pairing}';

/**
 * Scheduled sessions for the demo (issue #3), from their own seeded random so the rest of the demo
 * is unchanged: the program's video room, the demo participant's next session (a video call in two
 * days, with the link), and a phone call and a meeting in person for two other pairs.
 */
export async function seedSchedulingDemo(
  tx: Tx,
  ctx: { programId: string; now: Date; timeZone: string; scheduledBy: string; demoPair: DemoPair; otherPairs: DemoPair[] },
): Promise<void> {
  const rand = seededRandom(20_261_127);
  const id = () => seededUuid(rand);
  await tx.insert(schedulingSettings).values({
    programId: ctx.programId,
    videoRoomTemplate: DEMO_VIDEO_ROOM,
    reminderLeadHours: 24,
    textReminders: true,
    updatedAt: ctx.now,
  });
  const today = localDateOf(ctx.now, ctx.timeZone);
  const plan: { pair: DemoPair | undefined; inDays: number; time: string; modality: Channel; place: string | null }[] = [
    { pair: ctx.demoPair, inDays: 2, time: '18:00', modality: 'video', place: null },
    { pair: ctx.otherPairs[0], inDays: 1, time: '10:00', modality: 'phone', place: null },
    { pair: ctx.otherPairs[1], inDays: 6, time: '14:30', modality: 'in_person', place: 'Riverside Library, meeting room B' },
  ];
  for (const s of plan) {
    if (!s.pair) continue;
    const startsAt = zonedInstant(addDaysOn(today, s.inDays), s.time, ctx.timeZone);
    if (!startsAt) continue;
    const sessionId = id();
    await tx.insert(scheduledSessions).values({
      id: sessionId,
      programId: ctx.programId,
      pairingId: s.pair.pairingId,
      participantId: s.pair.participantId,
      coachId: s.pair.coachId,
      startsAt,
      durationMinutes: 30,
      modality: s.modality,
      videoLink: s.modality === 'video' ? DEMO_VIDEO_ROOM.replace('{pairing}', s.pair.pairingId) : null,
      place: s.place,
      status: 'scheduled',
      sequence: 0,
      scheduledBy: ctx.scheduledBy,
      scheduledAt: ctx.now,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
  }
}
