import { DEFAULT_INSTRUMENTS, scheduleFor, type AssessmentSettings, type EntryMethod } from '../../../core/assessments';
import { findInstrument, type Answers } from '../../../core/instruments';
import { addDays, zonedMidnight } from '../../../core/shared/time';
import { seededRandom, seededUuid } from '../../demo/random';
import type { Tx } from '../../platform/database';
import { people, roleGrants } from '../accounts/accounts.table';
import { assessmentResponses, assessmentResponseVersions, assessmentSettings } from './assessments.table';

/**
 * The demo program's timepoints: the defaults with a 3-month follow-up added, so that a
 * four-month-old demo program has follow-ups to show (due, overdue, completed and missed).
 */
export const DEMO_ASSESSMENT_SETTINGS: AssessmentSettings = {
  timepoints: [
    {
      key: 'baseline',
      label: 'Baseline',
      months: 0,
      isBaseline: true,
      windowBeforeDays: 0,
      windowAfterDays: 14,
      instruments: [...DEFAULT_INSTRUMENTS],
    },
    ...[3, 6, 9].map((months) => ({
      key: `month_${months}`,
      label: `${months} months`,
      months,
      isBaseline: false,
      windowBeforeDays: 30,
      windowAfterDays: 30,
      instruments: [...DEFAULT_INSTRUMENTS],
    })),
  ],
};

interface DemoParticipant {
  id: string;
  enrolledOn: string | null;
  firstPairedAt: Date | null;
  endedOn: string | null;
  isDemoParticipant: boolean;
}

function answersFor(instrumentId: string, rand: () => number, level: number): Answers {
  const instrument = findInstrument(instrumentId)!;
  const out: Record<string, number> = {};
  for (const item of instrument.definition.items) {
    if (item.max === null || item.min === null) continue;
    // PHQ-9 item 9 is always 0 in the demo: a flag there would be a safety event nobody raised.
    if (item.linkId === 'phq9-9') {
      out[item.linkId] = 0;
      continue;
    }
    const span = item.max - item.min;
    out[item.linkId] = Math.max(item.min, Math.min(item.max, Math.round(item.min + span * (level + (rand() - 0.5) * 0.3))));
  }
  return out;
}

/**
 * Synthetic assessments, from their own seeded random: baselines for most paired participants (two
 * were paired before their baseline and show as missed), 3-month follow-ups for those whose window
 * has opened (most answered by phone or link, some left to become overdue or missed), with scores
 * that improve a little over time. The demo participant has both, for his chart.
 */
export async function seedAssessmentsDemo(
  tx: Tx,
  ctx: {
    programId: string;
    now: Date;
    timeZone: string;
    enteredBy: string;
    participants: DemoParticipant[];
    /** The demo accounts' password hash, for the blind assessor's account. */
    passwordHash: string;
  },
): Promise<void> {
  const rand = seededRandom(20_261_127);
  const id = () => seededUuid(rand);
  // A research assessor, blind to coaching (ADR 0015): sees assessments and nothing about coaching.
  const assessorId = id();
  const since = addDays(ctx.now, -130);
  await tx.insert(people).values({
    id: assessorId,
    email: 'assessor@example.org',
    displayName: 'Ada Assessor',
    passwordHash: ctx.passwordHash,
    passwordChangedAt: since,
    createdAt: since,
  });
  await tx.insert(roleGrants).values({ personId: assessorId, programId: ctx.programId, role: 'assessor', createdAt: since });
  await tx
    .insert(assessmentSettings)
    .values({ programId: ctx.programId, settings: DEMO_ASSESSMENT_SETTINGS, updatedBy: ctx.enteredBy, updatedAt: ctx.now });
  const responses: (typeof assessmentResponses.$inferInsert)[] = [];
  const versions: (typeof assessmentResponseVersions.$inferInsert)[] = [];
  let skippedBaselines = 0;
  ctx.participants.forEach((p, index) => {
    if (!p.enrolledOn || !p.firstPairedAt) return;
    const level = 0.25 + rand() * 0.35;
    const save = (timepointKey: string, at: Date, method: EntryMethod, improvement: number) => {
      for (const instrumentId of DEFAULT_INSTRUMENTS) {
        const answers = answersFor(instrumentId, rand, Math.max(level - improvement, 0.05));
        const score = findInstrument(instrumentId)!.score(answers);
        const responseId = id();
        const row = {
          programId: ctx.programId,
          answers,
          score,
          total: score.total,
          method,
          enteredBy: method === 'link' ? null : ctx.enteredBy,
          enteredAt: at,
          version: 1,
        };
        responses.push({ id: responseId, participantId: p.id, timepointKey, instrumentId, ...row });
        versions.push({ id: id(), responseId, ...row });
      }
    };
    const missBaseline = !p.isDemoParticipant && index % 9 === 4 && skippedBaselines < 2;
    if (missBaseline) skippedBaselines++;
    else {
      const enrolledAt = zonedMidnight(p.enrolledOn, ctx.timeZone);
      // Taken at enrolment, or just before pairing when the pairing came first in the synthetic data.
      const at = new Date(Math.min(addDays(enrolledAt, 0.6).getTime(), p.firstPairedAt.getTime() - 3_600_000));
      save('baseline', at, rand() < 0.3 ? 'link' : 'phone', 0);
    }
    const [, month3] = scheduleFor(
      DEMO_ASSESSMENT_SETTINGS,
      { enrolledOn: p.enrolledOn, endedOn: p.endedOn, responded: new Map() },
      ctx.now,
      ctx.timeZone,
    );
    if (!month3 || month3.state === 'upcoming' || month3.state === 'stopped') return;
    // Three in four follow-ups answered within the window; the rest stay due, overdue or missed.
    if (!p.isDemoParticipant && rand() < 0.25) return;
    const latest = Math.min(ctx.now.getTime() - 86_400_000, (month3.closesAt ?? ctx.now).getTime() - 86_400_000);
    const at = new Date(month3.opensAt.getTime() + rand() * Math.max(latest - month3.opensAt.getTime(), 0));
    save('month_3', at, rand() < 0.4 ? 'link' : 'phone', 0.1);
  });
  for (let i = 0; i < responses.length; i += 200) await tx.insert(assessmentResponses).values(responses.slice(i, i + 200));
  for (let i = 0; i < versions.length; i += 200) await tx.insert(assessmentResponseVersions).values(versions.slice(i, i + 200));
}
