import { inArray } from 'drizzle-orm';
import type { AssessmentSettings } from '../../../core/assessments';
import type { ContactOutcome } from '../../../core/contacts';
import { PEG_ITEMS } from '../../../core/instruments/peg';
import { participantCode } from '../../../core/participants';
import { DEFAULT_TOPICS } from '../../../core/programs';
import { addDays, DEFAULT_TIME_ZONE, localDateOf } from '../../../core/shared/time';
import type { Gender } from '../../../core/shared/vocab';
import { screeningOutcome, type StudyDesign } from '../../../core/trials';
import { FAMILY, GIVEN, PAIN, TIMES } from '../../demo/names';
import { pick, pickSome, seededRandom, seededUuid } from '../../demo/random';
import { fixedClock } from '../../platform/clock';
import type { Caller, Deps } from '../../platform/context';
import type { Tx } from '../../platform/database';
import { createMailer } from '../../platform/mail';
import { createTexter } from '../../platform/sms';
import { loadActor } from '../accounts';
import { roleGrants } from '../accounts/accounts.table';
import { enterResponse, updateSettings } from '../assessments';
import { coaches } from '../coaches/coaches.table';
import { contacts } from '../contacts/contacts.table';
import { loadCurriculum } from '../curriculum';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { loadTraining } from '../volunteers';
import { addConsentDocument, randomize, withdrawParticipant } from './enrolment.service';
import { consents, eligibilityScreenings } from './trials.table';
import { updateDesign } from './study.service';

/** The study program's name: it sorts after the main demo program, which stays every demo account's first program. */
export const STUDY_DEMO_PROGRAM = 'Summit Pain Study (demo)';

/** The study program's timepoints: a baseline, then 3 and 6 months, the PEG at each (kept short so seeding stays quick). */
export const STUDY_DEMO_SETTINGS: AssessmentSettings = {
  timepoints: [
    {
      key: 'baseline',
      label: 'Baseline',
      months: 0,
      isBaseline: true,
      windowBeforeDays: 0,
      windowAfterDays: 14,
      instruments: ['peg'],
    },
    ...[3, 6].map((months) => ({
      key: `month_${months}`,
      label: `${months} months`,
      months,
      isBaseline: false,
      windowBeforeDays: 30,
      windowAfterDays: 30,
      instruments: ['peg'],
    })),
  ],
};

export const STUDY_DEMO_DESIGN: StudyDesign = {
  design: 'parallel',
  title: 'Peer coaching or usual care',
  arms: [
    { key: 'coaching', label: 'Peer coaching', kind: 'coaching', ratio: 1 },
    { key: 'usual_care', label: 'Usual care', kind: 'usual_care', ratio: 1 },
  ],
  primaryTimepoint: 'month_3',
  strata: [
    {
      key: 'long_pain',
      label: 'Pain for five years or more',
      levels: [
        { key: 'no', label: 'No' },
        { key: 'yes', label: 'Yes' },
      ],
    },
  ],
  criteria: [
    { key: 'pain_3_months', text: 'Pain most days for 3 months or more', kind: 'inclusion' },
    { key: 'dementia', text: 'A diagnosis of dementia', kind: 'exclusion' },
  ],
  gate: { eligible: true, consented: true, baselineComplete: true },
  method: { kind: 'blocks', blockMultipliers: [1, 2] },
};

/** How many referrals the study program screens; most are randomized. */
const REFERRALS = 26;
const NO_REACH: ContactOutcome[] = ['no_answer', 'voicemail', 'no_answer', 'rescheduled'];

type Screening = 'eligible' | 'dementia' | 'short_pain' | 'declined';

function screeningFor(i: number): Screening {
  if (i % 8 === 3) return 'dementia';
  if (i % 11 === 9) return 'short_pain';
  if (i % 10 === 6) return 'declined';
  return 'eligible';
}

/** A noon in the program's zone (17:00 UTC), so a day's events fall on one local date whatever the season. */
function noon(at: Date): Date {
  const d = new Date(at);
  d.setUTCHours(17, 0, 0, 0);
  return d;
}

/**
 * A second demo program that runs a randomized study (issue #11), so the CONSORT page, the outcome
 * report and "Whom to target" have something to show: peer coaching against usual care, stratified
 * by how long the pain has lasted. Referrals are screened (some excluded, some decline), consent,
 * answer the PEG at baseline, and are randomized, then answer it again at 3 and 6 months; two leave
 * follow-up. The settings, design, consent document, the concealed randomization, every answer and
 * the withdrawals go through the real use cases as the coordinator, with a clock moved to each
 * event's day, so the allocations come from the real sequence and are audited. Screenings (their
 * outcome from the study's own rule), consents, and the coaching arm's pairings and contacts are
 * written directly, as in the main demo, to keep seeding quick. The
 * coordinator and evaluator demo accounts are staff here too; the main program stays their first.
 */
export async function seedStudyDemo(
  tx: Tx,
  ctx: { now: Date; coordinatorId: string; evaluatorId: string },
): Promise<{ programId: string }> {
  const rand = seededRandom(20_261_207);
  const id = () => seededUuid(rand);
  const now = ctx.now;
  const programId = id();
  const programStart = noon(addDays(now, -205));

  await tx.insert(programs).values({
    id: programId,
    name: STUDY_DEMO_PROGRAM,
    site: 'Summit VA Clinic — synthetic data',
    startOn: localDateOf(programStart, DEFAULT_TIME_ZONE),
    lengthDays: 182,
    cadenceDays: 14,
    targetContacts: 12,
    topics: DEFAULT_TOPICS.map((t) => ({ ...t })),
    createdAt: programStart,
    updatedAt: programStart,
  });
  await tx.insert(roleGrants).values([
    { personId: ctx.coordinatorId, programId, role: 'coordinator', createdAt: programStart },
    { personId: ctx.evaluatorId, programId, role: 'evaluator', createdAt: programStart },
  ]);

  const coachRows = Array.from({ length: 5 }, (_, i) => {
    const gender: Gender = i % 3 === 2 ? 'woman' : 'man';
    return {
      id: id(),
      programId,
      personId: null,
      givenName: pick(rand, GIVEN[gender]),
      familyName: pick(rand, FAMILY),
      gender,
      painLocations: pickSome(rand, PAIN, 1, 2),
      modalities: ['phone' as const],
      phone: `(970) 555-${String(1100 + i * 41).slice(-4)}`,
      email: `summit-coach${i + 1}@example.org`,
      status: 'active' as const,
      caseload: 4,
      trainedAt: programStart,
      agreementSignedAt: programStart,
      createdAt: programStart,
      updatedAt: programStart,
    };
  });
  await tx.insert(coaches).values(coachRows);

  // Referrals arrive over three months; each is screened the next day and, if eligible, enrolled then.
  const people = Array.from({ length: REFERRALS }, (_, i) => {
    const gender: Gender = rand() < 0.3 ? 'woman' : 'man';
    const referredAt = noon(addDays(programStart, 4 + Math.floor(i * 2.8)));
    const screening = screeningFor(i);
    return {
      id: id(),
      i,
      gender,
      referredAt,
      screening,
      screenedAt: addDays(referredAt, 1),
      longPain: rand() < 0.45,
      /** How much of the time the coach reaches this participant: the "dose" the report relates to outcome. */
      reach: 0.25 + rand() * 0.7,
      baseline: 5.2 + rand() * 2.6,
      givenName: pick(rand, GIVEN[gender]),
      familyName: pick(rand, FAMILY),
      birthYear: 1948 + Math.floor(rand() * 40),
    };
  });
  await tx.insert(participants).values(
    people.map((p) => ({
      id: p.id,
      programId,
      personId: null,
      code: participantCode(p.i + 1),
      givenName: p.givenName,
      familyName: p.familyName,
      gender: p.gender,
      birthYear: p.birthYear,
      painLocations: pickSome(rand, PAIN, 1, 3),
      preferredModality: 'phone' as const,
      preferredChannel: 'phone' as const,
      preferredTimes: pickSome(rand, TIMES, 1, 2),
      genderMatters: false,
      phone: `(970) 555-${String(3000 + p.i * 61).slice(-4)}`,
      email: null,
      canShareContact: p.screening === 'eligible',
      // Coaching-arm participants become active when paired; the rest stay as screening left them.
      status: p.screening === 'eligible' ? ('enrolled' as const) : ('referred' as const),
      referredOn: localDateOf(p.referredAt, DEFAULT_TIME_ZONE),
      enrolledOn: p.screening === 'eligible' ? localDateOf(p.screenedAt, DEFAULT_TIME_ZONE) : null,
      createdAt: p.referredAt,
      updatedAt: p.referredAt,
    })),
  );

  const clock = fixedClock(programStart);
  const mailer = createMailer({ smtpUrl: null, from: 'Kindred demo <no-reply@example.org>' });
  const deps: Deps = {
    db: tx,
    clock,
    mailer,
    texter: createTexter({ sms: null }),
    publicUrl: 'http://localhost',
    curriculum: loadCurriculum(),
    training: loadTraining(),
  };
  const actor = await loadActor(tx, ctx.coordinatorId);
  if (!actor) throw new Error('the demo coordinator is missing');
  const caller: Caller = { actor, requestId: 'demo-seed', ip: null };

  try {
    await updateSettings(deps, caller, programId, STUDY_DEMO_SETTINGS);
    const { version: studyVersion } = await updateDesign(deps, caller, programId, { design: STUDY_DEMO_DESIGN, reason: '' });
    const { version } = await addConsentDocument(deps, caller, programId, {
      title: 'Taking part in the Summit pain study',
      body: [
        'We are comparing peer coaching with the care you already get.',
        '',
        'A computer decides by chance which one you get. You may stop at any time, and your care will not change.',
        'Your answers are kept private and reported only as group numbers.',
      ].join('\n'),
    });

    // Every event on its day, in order, so the allocation sequence and the schedule follow time.
    const events: { at: Date; run: () => Promise<unknown> }[] = [];
    const peg = (level: number) =>
      Object.fromEntries(PEG_ITEMS.map((item) => [item, Math.max(0, Math.min(10, Math.round(level + (rand() - 0.5) * 2)))]));
    const contactRows: (typeof contacts.$inferInsert)[] = [];
    const pairingRows: (typeof pairings.$inferInsert)[] = [];
    const screeningRows: (typeof eligibilityScreenings.$inferInsert)[] = [];
    const consentRows: (typeof consents.$inferInsert)[] = [];
    let nextCoach = 0;

    for (const p of people) {
      const answers: Record<string, boolean> = {
        pain_3_months: p.screening !== 'short_pain',
        dementia: p.screening === 'dementia',
      };
      // Screening and consent rows are written directly (the outcome from the study's own rule), which
      // keeps seeding quick; the randomization and the answers go through their use cases.
      const result = screeningOutcome(STUDY_DEMO_DESIGN.criteria, {
        answers,
        decision: p.screening === 'declined' ? 'declined' : 'proceed',
        reason: p.screening === 'declined' ? 'Too busy with family this year' : '',
      });
      if ('problems' in result) throw new Error(result.problems.join('. '));
      screeningRows.push({
        id: id(),
        programId,
        participantId: p.id,
        answers,
        outcome: result.outcome,
        reason: result.reason,
        studyVersion,
        screenedAt: p.screenedAt,
        screenedBy: ctx.coordinatorId,
      });
      if (result.outcome !== 'eligible') continue;
      consentRows.push({
        id: id(),
        programId,
        participantId: p.id,
        documentVersion: version,
        method: 'attested',
        typedName: null,
        signedOn: localDateOf(p.screenedAt, DEFAULT_TIME_ZONE),
        note: 'Read the consent by phone; agreed.',
        recordedAt: addDays(p.screenedAt, 0.01),
        recordedBy: ctx.coordinatorId,
      });
      const baselineAt = addDays(p.screenedAt, 1);
      events.push({
        at: baselineAt,
        run: () =>
          enterResponse(deps, caller, programId, p.id, 'baseline', {
            instrumentId: 'peg',
            answers: peg(p.baseline),
            method: 'phone',
          }),
      });
      const randomizedAt = addDays(p.screenedAt, 2);
      events.push({
        at: randomizedAt,
        run: async () => {
          const { view } = await randomize(deps, caller, programId, {
            participantId: p.id,
            clientKey: `demo-seed-${p.id}`,
            strata: { long_pain: p.longPain ? 'yes' : 'no' },
          });
          const arm = view.allocation?.arm;
          if (arm === 'coaching') pairAndCoach(p, randomizedAt);
          return followUps(p, arm === 'coaching');
        },
      });
    }

    /** The coaching arm: paired a few days after randomization, then called every two weeks or so. */
    const pairAndCoach = (p: (typeof people)[number], randomizedAt: Date) => {
      const coach = coachRows[nextCoach++ % coachRows.length]!;
      const pairingId = id();
      const startedAt = addDays(randomizedAt, 3);
      pairingRows.push({
        id: pairingId,
        programId,
        participantId: p.id,
        coachId: coach.id,
        startedAt,
        endedAt: null,
        endReason: null,
        genderMismatchReason: null,
        createdBy: ctx.coordinatorId,
      });
      for (let day = 2; addDays(startedAt, day) < addDays(now, -1) && day < 180;) {
        const at = addDays(startedAt, day);
        at.setUTCHours(14 + Math.floor(rand() * 9), Math.floor(rand() * 60), 0, 0);
        const isReached = rand() < p.reach;
        contactRows.push({
          id: id(),
          programId,
          pairingId,
          participantId: p.id,
          coachId: coach.id,
          clientKey: id(),
          occurredAt: at,
          channel: 'phone',
          outcome: isReached ? 'reached' : pick(rand, NO_REACH),
          isReached,
          minutes: isReached ? 10 + Math.floor(rand() * 30) : null,
          topics: [],
          discussedStrategies: isReached && rand() < 0.7,
          gaveEncouragement: isReached && rand() < 0.7,
          discussedAdjusting: isReached && rand() < 0.5,
          discussedGoals: isReached && rand() < 0.4,
          note: '',
          loggedBy: ctx.coordinatorId,
          createdAt: at,
        });
        day += isReached ? 12 + Math.floor(rand() * 5) : 3 + Math.floor(rand() * 3);
      }
    };

    /**
     * The PEG at 3 and 6 months while the window is open and the day has passed: usual care eases a
     * little; coaching eases more the more often the coach got through. About one in eight misses
     * the 3-month call; two participants leave follow-up after six weeks.
     */
    const followUps = (p: (typeof people)[number], isCoached: boolean) => {
      const leaves = p.i === 7 || p.i === 17;
      if (leaves) {
        const on = addDays(p.screenedAt, 45);
        if (on < now)
          events.push({
            at: on,
            run: () =>
              withdrawParticipant(deps, caller, programId, {
                participantId: p.id,
                scope: 'follow_up',
                on: localDateOf(on, DEFAULT_TIME_ZONE),
                reason: p.i === 7 ? 'Moved out of state' : 'Did not want more calls',
              }),
          });
        return;
      }
      for (const [key, days, skip] of [
        ['month_3', 91, p.i % 8 === 5],
        ['month_6', 183, p.i % 9 === 2],
      ] as const) {
        const at = noon(addDays(p.screenedAt, days - 10 + Math.floor(rand() * 25)));
        if (skip || at > addDays(now, -1)) continue;
        const months = key === 'month_3' ? 1 : 1.2;
        const ease = (isCoached ? 0.6 + 2.2 * p.reach : 0.4) * months;
        events.push({
          at,
          run: () =>
            enterResponse(deps, caller, programId, p.id, key, {
              instrumentId: 'peg',
              answers: peg(p.baseline - ease),
              method: 'phone',
            }),
        });
      }
    };

    await tx.insert(eligibilityScreenings).values(screeningRows);
    await tx.insert(consents).values(consentRows);
    // Events may add later events (randomization decides the arm), so take the earliest each time.
    while (events.length > 0) {
      events.sort((a, b) => a.at.getTime() - b.at.getTime());
      const next = events.shift()!;
      clock.set(next.at);
      await next.run();
    }
    if (pairingRows.length > 0) {
      await tx.insert(pairings).values(pairingRows);
      await tx
        .update(participants)
        .set({ status: 'active' })
        .where(
          inArray(
            participants.id,
            pairingRows.map((x) => x.participantId),
          ),
        );
    }
    for (let i = 0; i < contactRows.length; i += 200) await tx.insert(contacts).values(contactRows.slice(i, i + 200));
  } finally {
    mailer.close();
  }
  return { programId };
}
