import { localTimeOf, addDays, localDateOf } from '../../../core/shared/time';
import { scoreCoachPeg, type CoachingFeeling } from '../../../core/coaches';
import type { Tx } from '../../platform/database';
import { boosterAttendance, boosterSessions, coachCheckIns, coachThanks } from './support.table';

/** Fixed ids, so the demo is the same every time and no random sequence elsewhere moves. */
const demoId = (n: number) => `00000000-0000-4000-8000-0000000c${String(n).padStart(4, '0')}`;

/** The month (YYYY-MM) `k` months before the program-local month of `now`. */
function monthsBack(now: Date, timeZone: string, k: number): string {
  const [y, m] = localDateOf(now, timeZone).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - k, 15));
  return d.toISOString().slice(0, 7);
}

/**
 * Keeping coaches in the demo (#6, ADR 0016): four monthly boosters with attendance (two coaches
 * missed the last two, so "Booster due" shows on Tasks), the demo coach's calm well-being check-ins
 * over three months (this month's is due), another coach whose latest check-in worsened ("Call the
 * coach" on Tasks), and two thanks to the demo coach from his participants.
 */
export async function seedCoachCareDemo(
  tx: Tx,
  o: {
    programId: string;
    coordinatorId: string;
    now: Date;
    timeZone: string;
    /** Active coaches, the demo coach first. */
    coachIds: readonly string[];
    /** Participants the demo coach coaches now. */
    demoCoachParticipantIds: readonly string[];
  },
): Promise<void> {
  const [demoCoach, ...others] = o.coachIds;
  if (!demoCoach || others.length < 3) return;
  const topics = [
    'Listening when it is hard',
    'Action plans that stick',
    'When a participant goes quiet',
    'Looking after yourself',
  ];
  const sessions = [105, 75, 45, 15].map((daysAgo, k) => ({
    id: demoId(k + 1),
    heldOn: localTimeOf(addDays(o.now, -daysAgo), o.timeZone).dateOn,
    topic: topics[k]!,
  }));
  await tx.insert(boosterSessions).values(
    sessions.map((s) => ({
      ...s,
      programId: o.programId,
      attendanceRecordedAt: o.now,
      attendanceRecordedBy: o.coordinatorId,
      createdBy: o.coordinatorId,
      createdAt: addDays(o.now, -120),
    })),
  );
  // Everyone attends except: two coaches missed the last two sessions.
  const missedLastTwo = new Set(others.slice(0, 2));
  const rows = sessions.flatMap((s, k) =>
    o.coachIds
      .filter((c) => !(k >= 2 && missedLastTwo.has(c)))
      .map((coachId) => ({ boosterId: s.id, coachId, programId: o.programId })),
  );
  await tx.insert(boosterAttendance).values(rows);
  // A next session, scheduled, not held yet.
  await tx.insert(boosterSessions).values({
    id: demoId(5),
    programId: o.programId,
    heldOn: localTimeOf(addDays(o.now, 14), o.timeZone).dateOn,
    topic: 'Motivational conversation: a refresher',
    createdBy: o.coordinatorId,
    createdAt: o.now,
  });

  const checkIn = (
    n: number,
    coachId: string,
    k: number,
    v: { pain: number; enjoyment: number; activity: number; stress: number; feelings: CoachingFeeling[]; note?: string },
  ) => ({
    id: demoId(100 + n),
    programId: o.programId,
    coachId,
    month: monthsBack(o.now, o.timeZone, k),
    pegPain: v.pain,
    pegEnjoyment: v.enjoyment,
    pegActivity: v.activity,
    pegScore: scoreCoachPeg({ pegPain: v.pain, pegEnjoyment: v.enjoyment, pegActivity: v.activity }),
    stress: v.stress,
    feelings: v.feelings,
    note: v.note ?? '',
    recordedAt: addDays(o.now, -30 * k - 2),
  });
  const worried = others[2]!;
  await tx.insert(coachCheckIns).values([
    checkIn(1, demoCoach, 3, { pain: 4, enjoyment: 3, activity: 3, stress: 3, feelings: ['giving_back'] }),
    checkIn(2, demoCoach, 2, {
      pain: 4,
      enjoyment: 3,
      activity: 4,
      stress: 2,
      feelings: ['giving_back', 'positive_distraction'],
    }),
    checkIn(3, demoCoach, 1, { pain: 3, enjoyment: 3, activity: 3, stress: 2, feelings: ['positive_distraction'] }),
    checkIn(4, worried, 2, { pain: 3, enjoyment: 2, activity: 3, stress: 3, feelings: ['giving_back'] }),
    checkIn(5, worried, 0, {
      pain: 6,
      enjoyment: 5,
      activity: 5,
      stress: 7,
      feelings: ['too_much'],
      note: 'My back flared up and work is busy. Two participants feels like a lot right now.',
    }),
  ]);

  const thanks = [
    'Thank you for the calls. The walking plan is working and I feel less stuck.',
    'I appreciate you checking in even when I did not pick up. Keep it up.',
  ];
  await tx.insert(coachThanks).values(
    o.demoCoachParticipantIds.slice(0, 2).map((participantId, k) => ({
      id: demoId(200 + k),
      programId: o.programId,
      coachId: demoCoach,
      participantId,
      message: thanks[k]!,
      createdAt: addDays(o.now, -(20 - 9 * k)),
    })),
  );
}
