import { eq } from 'drizzle-orm';
import { addDaysOn, localDateOf } from '../../../core/engagement';
import { isoWeekOf } from '../../../core/guidance';
import type { PlanDraft, ReviewOutcome } from '../../../core/plans';
import { scoreCheckIn } from '../../../core/plans';
import { addDays, weekdayOfDateOn, zonedInstant } from '../../../core/shared/time';
import { seededRandom, seededUuid } from '../../demo/random';
import type { Tx } from '../../platform/database';
import { participants } from '../participants/participants.table';
import { actionPlans, encouragementNotes, painCheckIns, practiceLog, textCheckInPrompts } from './plans.table';

/** When the demo's weekly check-in text goes out, in the program's zone. */
const TEXT_AT = '09:00';

interface DemoPair {
  participantId: string;
  pairingId: string;
  coachId: string;
  startedAt: Date;
  /** Who logged in as the coach (the demo coach's account), or staff for the other coaches. */
  madeBy: string;
}

interface DemoPlan {
  daysAgo: number;
  draft: PlanDraft;
  earlier?: PlanDraft[];
  review?: { outcome: ReviewOutcome; barrier: string; change: string; daysAgo: number };
}

/**
 * Synthetic action plans, weekly PEG check-ins, a practice log and notes for the demo program, from
 * its own seeded random (so adding it leaves the rest of the demo unchanged). The demo participant
 * (Robert Ellis, with James Walker) has three plans — the first made smaller after a confidence of
 * 5 — a falling PEG whose weekly check-in is due today, and notes from his coach; a few other pairs
 * have plans, reviews and check-ins, and one has a small step because he was not ready for a goal.
 * One of those (`textPair`) gets the weekly check-in by text message (#16, ADR 0040): his two latest
 * check-ins answered the text sent at 9:00 AM on the day he chose.
 */
export async function seedPlansDemo(
  tx: Tx,
  ctx: {
    programId: string;
    now: Date;
    timeZone: string;
    demoPair: DemoPair;
    otherPairs: DemoPair[];
    notReadyPair: DemoPair | null;
    /** One of `otherPairs` whose participant checks in by text. */
    textPair: DemoPair | null;
  },
): Promise<void> {
  const rand = seededRandom(20_260_404);
  const id = () => seededUuid(rand);
  // Practice days get their own stream: drawn between ids, a shared stream repeated a pattern.
  const coin = seededRandom(20_260_405);
  const { programId, now } = ctx;
  // Calendar days back from today's local date: stepping back 24 h at a time from the current
  // instant lands twice on one local date across a daylight-saving change.
  const todayOn = localDateOf(now, ctx.timeZone);
  const dayOn = (daysAgo: number) => addDaysOn(todayOn, -daysAgo);
  const at = (daysAgo: number) => {
    const d = addDays(now, -daysAgo);
    d.setUTCHours(17, 30, 0, 0);
    return d;
  };
  const pairedDays = (p: DemoPair) => Math.max(1, Math.floor((now.getTime() - p.startedAt.getTime()) / 86_400_000));

  const plans: (typeof actionPlans.$inferInsert)[] = [];
  const practice: (typeof practiceLog.$inferInsert)[] = [];
  const checkIns: (typeof painCheckIns.$inferInsert)[] = [];
  // The texts' prompts draw their ids from their own stream, so the rest of the demo keeps its ids.
  const promptId = (() => {
    const r = seededRandom(20_260_406);
    return () => seededUuid(r);
  })();
  const prompts: (typeof textCheckInPrompts.$inferInsert)[] = [];

  const addPlans = (pair: DemoPair, list: DemoPlan[]) => {
    for (const p of list) {
      const planId = id();
      plans.push({
        id: planId,
        programId,
        participantId: pair.participantId,
        pairingId: pair.pairingId,
        coachId: pair.coachId,
        clientKey: id(),
        kind: 'action_plan',
        what: p.draft.what,
        howMuch: p.draft.howMuch,
        whenText: p.draft.when,
        daysPerWeek: p.draft.daysPerWeek,
        confidence: p.draft.confidence,
        earlierDrafts: p.earlier ?? [],
        madeOn: dayOn(p.daysAgo),
        madeBy: pair.madeBy,
        createdAt: at(p.daysAgo),
        ...(p.review
          ? {
              reviewOutcome: p.review.outcome,
              reviewBarrier: p.review.barrier,
              reviewChange: p.review.change,
              reviewedBy: pair.madeBy,
              reviewedAt: at(p.review.daysAgo),
            }
          : {}),
      });
      // The practice log: the plan's days until it was reviewed (or today), done about as often as planned.
      const until = p.review?.daysAgo ?? 1;
      for (let d = p.daysAgo; d >= until; d--) {
        if (coin() < 0.3) continue;
        const logged = {
          id: id(),
          programId,
          participantId: pair.participantId,
          planId,
          on: dayOn(d),
          createdAt: at(d),
          updatedAt: at(d),
        };
        practice.push({ ...logged, did: coin() < p.draft.daysPerWeek / 7 + 0.15 });
      }
    }
  };

  const addCheckIns = (pair: DemoPair, weeks: number, lastDaysAgo: number, start: [number, number, number], drift: number) => {
    for (let w = weeks - 1; w >= 0; w--) {
      const daysAgo = lastDaysAgo + w * 7;
      if (daysAgo >= pairedDays(pair)) continue;
      const step = weeks - 1 - w;
      const item = (base: number) => Math.max(0, Math.min(10, Math.round(base - drift * step + (rand() - 0.5))));
      const answers = { pain: item(start[0]), enjoyment: item(start[1]), activity: item(start[2]) };
      const checkIn = {
        id: id(),
        programId,
        participantId: pair.participantId,
        on: dayOn(daysAgo),
        ...answers,
        score: scoreCheckIn(answers),
        note: step === weeks - 1 ? 'Slept better this week. The walks help.' : '',
        createdAt: at(daysAgo),
        updatedAt: at(daysAgo),
      };
      // The text participant's two latest check-ins were replies to the week's text.
      const sentAt =
        pair.participantId === ctx.textPair?.participantId && w < 2 ? zonedInstant(checkIn.on, TEXT_AT, ctx.timeZone) : null;
      checkIns.push(sentAt ? { ...checkIn, source: 'text' } : checkIn);
      if (sentAt) {
        prompts.push({
          id: promptId(),
          programId,
          participantId: pair.participantId,
          week: isoWeekOf(checkIn.on),
          sentAt,
          checkInId: checkIn.id,
          answeredAt: checkIn.createdAt,
        });
      }
    }
  };

  // The demo participant: plans spread over his pairing, the newest still current.
  const span = pairedDays(ctx.demoPair);
  const ago = (fraction: number) => Math.max(2, Math.round(span * fraction));
  addPlans(ctx.demoPair, [
    {
      daysAgo: ago(0.75),
      earlier: [
        { what: 'Walk to the mailbox and back', howMuch: '15 minutes', when: 'After breakfast', daysPerWeek: 5, confidence: 5 },
      ],
      draft: {
        what: 'Walk to the mailbox and back',
        howMuch: '5 minutes',
        when: 'After breakfast',
        daysPerWeek: 3,
        confidence: 8,
      },
      review: { outcome: 'done', barrier: '', change: 'Go a little further next time', daysAgo: ago(0.5) },
    },
    {
      daysAgo: ago(0.5),
      draft: { what: 'Slow belly breathing', howMuch: '5 minutes', when: 'Before bed', daysPerWeek: 4, confidence: 7 },
      review: { outcome: 'partly', barrier: 'Forgot on busy days', change: 'Set a reminder on the phone', daysAgo: ago(0.2) },
    },
    {
      daysAgo: ago(0.2),
      draft: { what: 'Walk around the block', howMuch: '10 minutes', when: 'After lunch', daysPerWeek: 3, confidence: 8 },
    },
  ]);
  // Weekly check-ins until 8 days ago, so this week's is due; PEG falls by about 1.5 points.
  addCheckIns(ctx.demoPair, 7, 8, [7, 7, 6], 0.3);

  ctx.otherPairs.forEach((pair, i) => {
    const days = pairedDays(pair);
    if (days < 20) return;
    const outcome: ReviewOutcome = (['done', 'not_done', 'partly', 'done'] as const)[i % 4]!;
    addPlans(pair, [
      {
        daysAgo: Math.round(days * 0.6),
        draft: { what: 'Stretch while the kettle boils', howMuch: '3 stretches', when: 'Morning', daysPerWeek: 4, confidence: 7 },
        review: {
          outcome,
          barrier: outcome === 'done' ? '' : 'A flare-up in the second week',
          change: outcome === 'done' ? '' : 'Keep it to mornings only',
          daysAgo: Math.round(days * 0.3),
        },
      },
      {
        daysAgo: Math.round(days * 0.3),
        draft: {
          what: 'Sit and rest between chores',
          howMuch: '10 minutes',
          when: 'After each chore',
          daysPerWeek: 5,
          confidence: 8,
        },
      },
    ]);
    addCheckIns(pair, 2 + (i % 3), 3 + i, [6 + (i % 2), 6, 5], i % 2 ? -0.2 : 0.4);
  });

  if (ctx.notReadyPair) {
    const days = pairedDays(ctx.notReadyPair);
    plans.push({
      id: id(),
      programId,
      participantId: ctx.notReadyPair.participantId,
      pairingId: ctx.notReadyPair.pairingId,
      coachId: ctx.notReadyPair.coachId,
      clientKey: id(),
      kind: 'small_step',
      what: 'Read the handout on pacing',
      readiness: 3,
      madeOn: dayOn(Math.min(days, 20)),
      madeBy: ctx.notReadyPair.madeBy,
      createdAt: at(Math.min(days, 20)),
    });
  }

  await tx.insert(actionPlans).values(plans);
  for (let i = 0; i < practice.length; i += 200) await tx.insert(practiceLog).values(practice.slice(i, i + 200));
  if (checkIns.length) await tx.insert(painCheckIns).values(checkIns);
  const lastText = checkIns.findLast((c) => c.source === 'text');
  if (ctx.textPair && lastText) {
    await tx
      .update(participants)
      .set({ textCheckInDay: weekdayOfDateOn(lastText.on), textCheckInTime: TEXT_AT })
      .where(eq(participants.id, ctx.textPair.participantId));
    await tx.insert(textCheckInPrompts).values(prompts);
  }
  await tx.insert(encouragementNotes).values([
    {
      id: id(),
      programId,
      participantId: ctx.demoPair.participantId,
      authorId: ctx.demoPair.madeBy,
      text: 'Robert, three walks last week is a real step. Proud of you. Talk Thursday.',
      createdAt: at(ago(0.2)),
    },
    {
      id: id(),
      programId,
      participantId: ctx.demoPair.participantId,
      authorId: ctx.demoPair.madeBy,
      text: 'The breathing takes practice. Even two nights is a start.',
      createdAt: at(ago(0.5) - 1),
    },
  ]);
}
