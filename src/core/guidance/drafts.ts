import { z } from 'zod';
import { PlanInput, Rating, ReviewOutcome } from '../plans';
import { Channel, DateOn } from '../shared/vocab';

/**
 * Guide drafts (issue #16, ADR 0035): what the coach has entered in the session guide so far, saved
 * on the server as the call goes on, so an idle sign-out, a closed tab or another device does not
 * lose it. One draft per participant and person entering it; finishing the guide deletes it; a
 * draft older than DRAFT_KEEP_DAYS is neither shown nor kept.
 */

/** How long an unfinished guide is kept: two weeks covers a call left half-done until the next one. */
export const DRAFT_KEEP_DAYS = 14;
const DAY_MS = 86_400_000;

/** The coach's corrections of the derived essential elements. */
const elementOverrides = z.object({
  discussedStrategies: z.boolean().optional(),
  gaveEncouragement: z.boolean().optional(),
  discussedAdjusting: z.boolean().optional(),
  discussedGoals: z.boolean().optional(),
});

/** The guide's answers as the page holds them while the call goes on (text still as typed). */
export const GuideDraftAnswers = z.object({
  openedAt: z.iso.datetime({ offset: true }),
  pain: Rating.nullable(),
  mood: Rating.nullable(),
  outcome: z.union([ReviewOutcome, z.literal('')]),
  barrier: z.string().max(500),
  change: z.string().max(500),
  encouraged: z.boolean(),
  topics: z.array(z.string().max(40)).max(12),
  /** The plan agreed in step 4 (with its own key), "none" for no plan this time, null while undecided. */
  plan: z.union([z.literal('none'), PlanInput]).nullable(),
  overrides: elementOverrides,
  channel: Channel,
  minutes: z.string().max(4),
  note: z.string().max(4000),
  nextOn: z.union([DateOn, z.literal('')]),
  nextTime: z.string().regex(/^(\d\d:\d\d)?$/),
  nextHow: Channel,
  nextMinutes: z.string().max(3),
  nextPlace: z.string().max(200),
});
export type GuideDraftAnswers = z.infer<typeof GuideDraftAnswers>;

/** Saving a draft: the session's client key (the one "Finish" will use), the step, the answers. */
export const GuideDraftInput = z.object({
  clientKey: z.uuid(),
  step: z.int().min(0).max(4),
  answers: GuideDraftAnswers,
});
export type GuideDraftInput = z.infer<typeof GuideDraftInput>;

export const GuideDraftView = GuideDraftInput.extend({ savedAt: z.string() });
export type GuideDraftView = z.infer<typeof GuideDraftView>;

/** The oldest save still kept at `now`: anything saved before it is ignored and swept away. */
export function draftCutoff(now: Date): Date {
  return new Date(now.getTime() - DRAFT_KEEP_DAYS * DAY_MS);
}

/** True while a draft saved at `savedAt` is still offered. */
export function isDraftKept(savedAt: Date, now: Date): boolean {
  return savedAt.getTime() > draftCutoff(now).getTime();
}

function localDay(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/**
 * The plain message shown when the guide resumes from a draft, in the given time zone:
 * "We kept what you had entered at 6:42 PM.", "… yesterday at 6:42 PM.", "… on Tue 8 Dec at 6:42 PM.".
 */
export function draftKeptMessage(savedAt: Date, now: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', hour12: true }).format(savedAt);
  const day = localDay(savedAt, timeZone);
  const when =
    day === localDay(now, timeZone)
      ? `at ${time}`
      : day === localDay(new Date(now.getTime() - DAY_MS), timeZone)
        ? `yesterday at ${time}`
        : `on ${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' })
            .format(savedAt)
            .replace(',', '')} at ${time}`;
  return `We kept what you had entered ${when}.`;
}
