import { z } from 'zod';
import { addDaysOn } from '../shared/time';
import type { CoachStatus } from './index';
import { monthOf } from './support';

/*
 * The coach's own reminders on Today (#6, ADR 0016): this month's well-being check-in and the next
 * booster session. Pure; "today" is the program-local date.
 */

/** How far ahead a scheduled booster shows on the coach's Today page. */
export const BOOSTER_NOTICE_DAYS = 14;

export const CoachRemindersView = z.object({
  /** The program-local month (YYYY-MM) the check-in is for. */
  thisMonth: z.string(),
  /** No well-being check-in yet this month. */
  wellbeingDue: z.boolean(),
  /** The first booster from today up to BOOSTER_NOTICE_DAYS days ahead, if any. */
  nextBooster: z.object({ id: z.uuid(), heldOn: z.string(), topic: z.string() }).nullable(),
});
export type CoachRemindersView = z.infer<typeof CoachRemindersView>;

export interface ScheduledBooster {
  id: string;
  heldOn: string;
  topic: string;
}

/**
 * What to remind a coach of today. A retired coach is reminded of nothing; a paused coach still
 * checks in (how coaching feels matters most then) but is not called to boosters.
 */
export function coachReminders(o: {
  today: string;
  status: CoachStatus;
  checkInMonths: readonly string[];
  boosters: readonly ScheduledBooster[];
}): CoachRemindersView {
  const thisMonth = monthOf(o.today);
  if (o.status === 'retired') return { thisMonth, wellbeingDue: false, nextBooster: null };
  const last = addDaysOn(o.today, BOOSTER_NOTICE_DAYS);
  const upcoming =
    o.status === 'active'
      ? o.boosters
          .filter((b) => b.heldOn >= o.today && b.heldOn <= last)
          .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : a.id < b.id ? -1 : 1))
      : [];
  return {
    thisMonth,
    wellbeingDue: !o.checkInMonths.includes(thisMonth),
    nextBooster: upcoming[0] ? { id: upcoming[0].id, heldOn: upcoming[0].heldOn, topic: upcoming[0].topic } : null,
  };
}
