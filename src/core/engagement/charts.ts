import { z } from 'zod';
import { addDaysOn, localTimeOf, weekdayIndex } from '../shared/time';

/**
 * The series behind the program dashboard's charts (issue #3): weekly reached contacts, the
 * meeting-frequency categories, the adherence funnel and the ladder steps with their outcomes, and
 * the geometry of a bar chart. Pure, so the numbers a chart draws are the numbers its table shows.
 */

export interface SeriesPoint {
  key: string;
  label: string;
  value: number;
}

/** The Monday (YYYY-MM-DD) of the local week an instant falls in. */
export function weekStartOn(at: Date, timeZone: string): string {
  const local = localTimeOf(at, timeZone);
  return addDaysOn(local.dateOn, -weekdayIndex(local.weekday));
}

/**
 * Reached contacts per local week (Monday to Sunday in the program's zone), the last `weeks` weeks
 * up to the week of `now`, oldest first, with zero for quiet weeks. Contacts outside the window are
 * left out.
 */
export function weeklyReached(
  reachedAt: readonly Date[],
  o: { now: Date; timeZone: string; weeks: number },
): { weekOf: string; reached: number }[] {
  const last = weekStartOn(o.now, o.timeZone);
  const weeks = Array.from({ length: o.weeks }, (_, i) => addDaysOn(last, -7 * (o.weeks - 1 - i)));
  const counts = new Map(weeks.map((w) => [w, 0]));
  for (const at of reachedAt) {
    const w = weekStartOn(at, o.timeZone);
    const n = counts.get(w);
    if (n !== undefined) counts.set(w, n + 1);
  }
  return weeks.map((w) => ({ weekOf: w, reached: counts.get(w) ?? 0 }));
}

export const ladderChartSteps = ['reminder', 'check_in', 'decision'] as const;
export type LadderChartStep = (typeof ladderChartSteps)[number];

/** The outcomes a ladder step can have on the chart: still open, or what staff recorded. */
export const ladderOutcomeKeys = ['open', 'resolved', 'called', 're_pair', 'pause', 'withdraw'] as const;
export type LadderOutcomeKey = (typeof ladderOutcomeKeys)[number];

export interface LadderEventFacts {
  step: LadderChartStep;
  actedAt: Date | null;
  outcome: string | null;
  /** Whether a reached contact (or the pair's end) closed the episode since the step fired. */
  isEpisodeOver: boolean;
}

/**
 * How many times each ladder step fired and how each ended: a coach reminder is resolved when a
 * reached contact followed, else open; a check-in call is "called" once recorded; a decision is
 * re-pair, pause or withdraw. A step nobody acted on whose episode ended counts as resolved (the
 * pair was reached again).
 */
export function ladderOutcomes(
  events: readonly LadderEventFacts[],
): { step: LadderChartStep; fired: number; outcomes: Record<LadderOutcomeKey, number> }[] {
  return ladderChartSteps.map((step) => {
    const outcomes = Object.fromEntries(ladderOutcomeKeys.map((k) => [k, 0])) as Record<LadderOutcomeKey, number>;
    let fired = 0;
    for (const e of events) {
      if (e.step !== step) continue;
      fired++;
      const recorded =
        e.actedAt && e.outcome && (ladderOutcomeKeys as readonly string[]).includes(e.outcome)
          ? (e.outcome as LadderOutcomeKey)
          : null;
      outcomes[recorded ?? (e.isEpisodeOver ? 'resolved' : 'open')]++;
    }
    return { step, fired, outcomes };
  });
}

export const EngagementCharts = z.object({
  timeZone: z.string(),
  weekly: z.array(z.object({ weekOf: z.string(), reached: z.int() })),
  ladder: z.array(
    z.object({
      step: z.enum(ladderChartSteps),
      fired: z.int(),
      outcomes: z.object(Object.fromEntries(ladderOutcomeKeys.map((k) => [k, z.int()])) as Record<LadderOutcomeKey, z.ZodInt>),
    }),
  ),
});
export type EngagementCharts = z.infer<typeof EngagementCharts>;

/** A "nice" top for an axis: 1, 2 or 5 times a power of ten, at least the largest value (and at least 1). */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * power >= max) return m * power;
  return 10 * power;
}

export interface Bar extends SeriesPoint {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The geometry of a vertical bar chart in a `width` × `height` plot area (SVG units, y downwards):
 * one bar per point, equal gaps, heights in proportion to a nice axis top, and ticks for the axis.
 */
export function barLayout(
  points: readonly SeriesPoint[],
  o: { width: number; height: number; gap?: number },
): { top: number; ticks: number[]; bars: Bar[] } {
  const top = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const gap = o.gap ?? 0.25;
  const slot = points.length > 0 ? o.width / points.length : o.width;
  const barWidth = slot * (1 - gap);
  const bars = points.map((p, i) => {
    const h = (Math.max(0, p.value) / top) * o.height;
    return { ...p, x: i * slot + (slot - barWidth) / 2, y: o.height - h, width: barWidth, height: h };
  });
  const step = top <= 5 ? 1 : top / 5;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  return { top, ticks, bars };
}
