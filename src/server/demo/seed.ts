import { sql } from 'drizzle-orm';
import { participantCode } from '../../core/participants';
import { DEFAULT_TOPICS } from '../../core/programs';
import { addDays, localDateOf } from '../../core/shared/time';
import type { Channel, Gender } from '../../core/shared/vocab';
import type { ContactOutcome } from '../../core/contacts';
import { bandOf, DEFAULT_LADDER, DEFAULT_TIME_ZONE, ladderPosition, localTimeOf, type Weekday } from '../../core/engagement';
import type { Db } from '../platform/database';
import { hashPassword } from '../platform/passwords';
import { people, roleGrants } from '../features/accounts/accounts.table';
import { coaches } from '../features/coaches/coaches.table';
import { seedCoachCareDemo } from '../features/coaches/care.demo';
import { seedMatchingDemo } from '../features/matching/matching.demo';
import { contacts } from '../features/contacts/contacts.table';
import { ladderEvents } from '../features/engagement/engagement.table';
import { seedSchedulingDemo } from '../features/engagement/scheduling.demo';
import { pairings } from '../features/pairings/pairings.table';
import { seedPlansDemo } from '../features/plans/plans.demo';
import { seedGuidanceDemo } from '../features/guidance/guidance.demo';
import { seedAssessmentsDemo } from '../features/assessments/assessments.demo';
import { seedOutboxDemo } from '../features/mail/mail.demo';
import { participants } from '../features/participants/participants.table';
import { programs } from '../features/programs/programs.table';
import { seedDemoVolunteers } from '../features/volunteers';
import { seedStudyDemo } from '../features/trials/trials.demo';
import { FAMILY, GIVEN, PAIN, TIMES } from './names';
import { pick, pickSome, seededRandom, seededUuid } from './random';

export const DEMO_PASSWORD = 'kindred-demo';

const NO_REACH: ContactOutcome[] = [
  'no_answer',
  'no_answer',
  'voicemail',
  'voicemail',
  'declined',
  'rescheduled',
  'wrong_number',
];
/** Evenings answer more often than mornings in the demo, so the best-time suggestions have a pattern to find. */
const REACH_BY_BAND = { morning: 0.6, afternoon: 0.72, evening: 0.88 } as const;
const DEMO_DAYS: readonly Weekday[][] = [['tue', 'thu'], ['mon', 'wed', 'fri'], ['sat', 'sun'], []];

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const result = (await db.execute(
    sql`select (select count(*) from programs) + (select count(*) from people) as n`,
  )) as unknown as {
    rows: { n: number | string }[];
  };
  return Number(result.rows[0]?.n ?? 0) === 0;
}

/** Engagement patterns seen in ECLIPSE: steady pairs, pairs that fade, pairs never reached, new pairs. */
type Pattern = 'steady' | 'fading' | 'unreached' | 'new' | 'irregular';

/**
 * Seeds a synthetic but realistic demo program: 15 coaches, 40 participants in every status, about
 * four months of contacts, some pairs on track and some gone quiet, and the five demo accounts.
 * Everything is generated from a fixed seed relative to `now`. No real person is described.
 */
export async function seedDemo(db: Db, now: Date): Promise<{ programId: string }> {
  const rand = seededRandom(20_151_001);
  const id = () => seededUuid(rand);
  const programId = id();
  const programStart = addDays(now, -130);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction(async (tx) => {
    await tx.insert(programs).values({
      id: programId,
      name: 'Riverside Peer Coaching (demo)',
      site: 'Riverside VA Clinic — synthetic data',
      startOn: localDateOf(programStart, DEFAULT_TIME_ZONE),
      lengthDays: 182,
      cadenceDays: 14,
      targetContacts: 12,
      topics: DEFAULT_TOPICS.map((t) => ({ ...t })),
      createdAt: programStart,
      updatedAt: programStart,
    });

    const account = async (
      email: string,
      displayName: string,
      role: 'admin' | 'coordinator' | 'coach' | 'participant' | 'evaluator',
    ) => {
      const personId = id();
      await tx.insert(people).values({
        id: personId,
        email,
        displayName,
        passwordHash,
        isAdmin: role === 'admin',
        passwordChangedAt: programStart,
        createdAt: programStart,
      });
      await tx.insert(roleGrants).values({ personId, programId, role, createdAt: programStart });
      return personId;
    };
    const coordinatorId = await account('coordinator@example.org', 'Casey Coordinator', 'coordinator');
    await account('admin@example.org', 'Alex Admin', 'admin');
    const evaluatorId = await account('evaluator@example.org', 'Evan Evaluator', 'evaluator');
    const coachPersonId = await account('coach@example.org', 'James Walker', 'coach');
    const participantPersonId = await account('participant@example.org', 'Robert Ellis', 'participant');

    // Coaches: the first is the demo coach (four places, one open), three are paused or retired.
    const coachRows = Array.from({ length: 15 }, (_, i) => {
      const gender: Gender = i === 0 ? 'man' : rand() < 0.3 ? 'woman' : 'man';
      const status = i === 12 ? 'paused' : i === 13 ? 'retired' : 'active';
      return {
        id: id(),
        programId,
        personId: i === 0 ? coachPersonId : null,
        givenName: i === 0 ? 'James' : pick(rand, GIVEN[gender === 'woman' ? 'woman' : 'man']),
        familyName: i === 0 ? 'Walker' : pick(rand, FAMILY),
        gender,
        painLocations: pickSome(rand, PAIN, 1, 2),
        modalities: (rand() < 0.5 ? ['phone', 'in_person'] : ['phone']) as Channel[],
        phone: `(317) 555-${String(1000 + i * 37).slice(-4)}`,
        email: i === 0 ? 'coach@example.org' : `coach${i + 1}@example.org`,
        status: status as 'active' | 'paused' | 'retired',
        caseload: i === 0 ? 4 : 2 + Math.floor(rand() * 2),
        // The demo's coaches have finished training and signed the scope agreement (#6).
        trainedAt: programStart,
        agreementSignedAt: programStart,
        ...(i === 0
          ? {
              preferredChannel: 'text' as const,
              notBefore: '09:00',
              notAfter: '20:00',
              contactNotes: 'Text me first; I work mornings.',
            }
          : {}),
        createdAt: programStart,
        updatedAt: programStart,
      };
    });
    await tx.insert(coaches).values(coachRows);

    const coachLoad = new Map<string, number>();
    const participantRows: (typeof participants.$inferInsert)[] = [];
    const pairingRows: (typeof pairings.$inferInsert)[] = [];
    const contactRows: (typeof contacts.$inferInsert)[] = [];

    const plan: { status: 'referred' | 'enrolled' | 'active' | 'completed' | 'withdrawn'; pattern?: Pattern }[] = [
      { status: 'active', pattern: 'steady' }, // participant@example.org, paired with the demo coach
      { status: 'active', pattern: 'fading' }, // demo coach: due or overdue
      { status: 'active', pattern: 'new' }, // demo coach: first contact due
      ...Array.from({ length: 10 }, () => ({ status: 'active' as const, pattern: 'steady' as const })),
      ...Array.from({ length: 6 }, () => ({ status: 'active' as const, pattern: 'fading' as const })),
      ...Array.from({ length: 4 }, () => ({ status: 'active' as const, pattern: 'unreached' as const })),
      ...Array.from({ length: 4 }, () => ({ status: 'active' as const, pattern: 'irregular' as const })),
      ...Array.from({ length: 5 }, () => ({ status: 'enrolled' as const })),
      ...Array.from({ length: 4 }, () => ({ status: 'referred' as const })),
      { status: 'completed', pattern: 'steady' },
      { status: 'withdrawn', pattern: 'unreached' },
      { status: 'withdrawn', pattern: 'fading' },
    ];

    const prefRand = seededRandom(20_260_301);
    plan.forEach((p, i) => {
      const isDemoParticipant = i === 0;
      const forDemoCoach = i < 3;
      const gender: Gender = isDemoParticipant ? 'man' : forDemoCoach ? 'man' : rand() < 0.25 ? 'woman' : 'man';
      const participantId = id();
      const referredAt = addDays(programStart, Math.floor(rand() * 20));
      const channel: Channel = rand() < 0.8 ? 'phone' : 'in_person';
      const hasPermission = p.status !== 'referred' && (p.status !== 'enrolled' || i % 2 === 0 || rand() < 0.6);
      participantRows.push({
        id: participantId,
        programId,
        personId: isDemoParticipant ? participantPersonId : null,
        code: participantCode(i + 1),
        givenName: isDemoParticipant ? 'Robert' : pick(rand, GIVEN[gender === 'woman' ? 'woman' : 'man']),
        familyName: isDemoParticipant ? 'Ellis' : pick(rand, FAMILY),
        gender,
        birthYear: 1945 + Math.floor(rand() * 45),
        painLocations: pickSome(rand, PAIN, 1, 3),
        preferredModality: channel,
        preferredChannel: 'phone',
        preferredTimes: pickSome(rand, TIMES, 1, 2),
        contactNotes: rand() < 0.3 ? 'Best after lunch; leave a message if no answer.' : '',
        preferredDays: isDemoParticipant ? ['tue', 'thu'] : pick(prefRand, DEMO_DAYS),
        notBefore: isDemoParticipant ? '09:00' : prefRand() < 0.4 ? '10:00' : null,
        notAfter: isDemoParticipant ? '19:30' : prefRand() < 0.4 ? '20:00' : null,
        // One steady participant asked for a short pause: no tasks until it ends.
        contactPausedUntil: i === 5 ? localDateOf(addDays(now, 12), DEFAULT_TIME_ZONE) : null,
        genderMatters: rand() < 0.85,
        phone: `(317) 555-${String(2000 + i * 53).slice(-4)}`,
        email: isDemoParticipant ? 'participant@example.org' : null,
        // One participant of the demo coach chose Spanish (issue #16): what Kindred sends him is in Spanish.
        locale: i === 2 ? 'es' : 'en',
        canShareContact: hasPermission,
        status: p.status,
        referredOn: localDateOf(referredAt, DEFAULT_TIME_ZONE),
        enrolledOn: p.status === 'referred' ? null : localDateOf(addDays(referredAt, 5), DEFAULT_TIME_ZONE),
        endedOn: p.status === 'completed' || p.status === 'withdrawn' ? localDateOf(addDays(now, -10), DEFAULT_TIME_ZONE) : null,
        withdrawalReason: p.status === 'withdrawn' ? (i % 2 ? 'lost_to_follow_up' : 'health') : null,
        createdAt: referredAt,
        updatedAt: referredAt,
      });
      if (!p.pattern) return;

      // Choose a coach: the demo coach for the first three, otherwise an active coach with room and the same gender.
      const coach = forDemoCoach
        ? coachRows[0]!
        : (coachRows.find(
            (c) => c.status === 'active' && c.gender === gender && (coachLoad.get(c.id) ?? 0) < c.caseload && c !== coachRows[0],
          ) ??
          coachRows.find((c) => c.status === 'active' && (coachLoad.get(c.id) ?? 0) < c.caseload && c !== coachRows[0]) ??
          coachRows[1]!);
      const isActive = p.status === 'active';
      if (isActive) coachLoad.set(coach.id, (coachLoad.get(coach.id) ?? 0) + 1);
      const pairedDaysAgo = p.pattern === 'new' ? 2 : 20 + Math.floor(rand() * 95);
      const pairedAt = addDays(now, -pairedDaysAgo);
      const pairingId = id();
      pairingRows.push({
        id: pairingId,
        programId,
        participantId,
        coachId: coach.id,
        startedAt: pairedAt,
        endedAt: isActive ? null : addDays(now, -10),
        endReason: isActive ? null : p.status === 'completed' ? 'program_completed' : 'participant_withdrawn',
        genderMismatchReason: coach.gender !== gender ? 'No coach of the same gender had a place; participant agreed.' : null,
        createdBy: coordinatorId,
      });

      // Contacts, day by day from pairing until now (or until the pattern goes quiet).
      const lastDay = isActive ? pairedDaysAgo : Math.max(pairedDaysAgo - 10, 0);
      const quietFrom = p.pattern === 'fading' ? (i === 1 ? 16 : 25 + Math.floor(rand() * 20)) : 0;
      let day = 1 + Math.floor(rand() * 4);
      const gap = p.pattern === 'irregular' ? 25 : 11;
      while (p.pattern !== 'new' && day < lastDay) {
        const daysAgo = pairedDaysAgo - day;
        if (daysAgo < quietFrom) break;
        const at = addDays(now, -daysAgo);
        // 13:00–23:59 UTC: morning to early evening in the program's zone (America/New_York).
        at.setUTCHours(13 + Math.floor(rand() * 11), Math.floor(rand() * 60), 0, 0);
        const band = bandOf(localTimeOf(at, DEFAULT_TIME_ZONE).hour) ?? 'morning';
        const isReached = p.pattern !== 'unreached' && rand() < REACH_BY_BAND[band];
        const outcome: ContactOutcome = isReached ? 'reached' : pick(rand, NO_REACH);
        contactRows.push({
          id: id(),
          programId,
          pairingId,
          participantId,
          coachId: coach.id,
          clientKey: id(),
          occurredAt: at,
          channel: isReached && rand() < 0.2 ? 'in_person' : 'phone',
          outcome,
          isReached,
          minutes: isReached ? 10 + Math.floor(rand() * 35) : null,
          topics: isReached
            ? pickSome(
                rand,
                DEFAULT_TOPICS.map((t) => t.key),
                0,
                2,
              )
            : [],
          discussedStrategies: isReached && rand() < 0.74,
          gaveEncouragement: isReached && rand() < 0.69,
          discussedAdjusting: isReached && rand() < 0.52,
          discussedGoals: isReached && rand() < 0.34,
          note: isReached && rand() < 0.3 ? 'Talked about the week; planning a short walk most days.' : '',
          loggedBy: forDemoCoach ? coachPersonId : coordinatorId,
          createdAt: at,
        });
        if (p.pattern === 'unreached' && contactRows.filter((c) => c.pairingId === pairingId).length >= 6) break;
        day += isReached
          ? gap + Math.floor(rand() * 6)
          : p.pattern === 'unreached'
            ? 5 + Math.floor(rand() * 5)
            : 2 + Math.floor(rand() * 3);
      }
    });

    await tx.insert(participants).values(participantRows);
    await tx.insert(pairings).values(pairingRows);
    for (let i = 0; i < contactRows.length; i += 200) await tx.insert(contacts).values(contactRows.slice(i, i + 200));

    // Action plans, weekly check-ins, a practice log and notes (issue #4): the demo participant, a
    // few other active pairs, and one participant of the demo coach who was not ready for a goal.
    const demoPairOf = (i: number, madeBy: string) => {
      const pairing = pairingRows.find((x) => x.participantId === participantRows[i]!.id && !x.endedAt);
      return pairing
        ? {
            participantId: pairing.participantId,
            pairingId: pairing.id!,
            coachId: pairing.coachId,
            startedAt: pairing.startedAt,
            madeBy,
          }
        : null;
    };
    await seedPlansDemo(tx, {
      programId,
      now,
      timeZone: DEFAULT_TIME_ZONE,
      demoPair: demoPairOf(0, coachPersonId)!,
      otherPairs: [3, 4, 5, 6, 7].flatMap((i) => demoPairOf(i, coordinatorId) ?? []),
      notReadyPair: demoPairOf(1, coachPersonId),
      // Not 3: that participant texted STOP (below).
      textPair: demoPairOf(4, coordinatorId),
    });
    // The demo participant's last contact as a guided session, with its pain and mood check (#4).
    await seedGuidanceDemo(tx, { programId, demoPair: demoPairOf(0, coachPersonId)!, createdBy: coachPersonId });

    // Agreed next sessions with their video room, a phone call and a meeting in person (#3).
    await seedSchedulingDemo(tx, {
      programId,
      now,
      timeZone: DEFAULT_TIME_ZONE,
      scheduledBy: coachPersonId,
      demoPair: demoPairOf(0, coachPersonId)!,
      otherPairs: [3, 4].flatMap((i) => demoPairOf(i, coordinatorId) ?? []),
    });
    // Assessments (issue #5): baselines and 3-month follow-ups, some overdue or missed.
    await seedAssessmentsDemo(tx, {
      programId,
      now,
      timeZone: DEFAULT_TIME_ZONE,
      enteredBy: coordinatorId,
      participants: participantRows.map((p, i) => ({
        id: p.id!,
        enrolledOn: p.enrolledOn ?? null,
        endedOn: p.endedOn ?? null,
        firstPairedAt: pairingRows.find((x) => x.participantId === p.id)?.startedAt ?? null,
        isDemoParticipant: i === 0,
      })),
      passwordHash,
    });
    // The coordinator has already called one quiet pair (ladder step 3) and written down what was learnt.
    const rules = { cadenceDays: 14, lengthDays: 182, timeZone: DEFAULT_TIME_ZONE, ladder: DEFAULT_LADDER };
    for (const pairing of pairingRows) {
      if (pairing.endedAt || pairing.coachId === coachRows[0]!.id) continue;
      const reached = contactRows.filter((c) => c.pairingId === pairing.id && c.isReached).map((c) => c.occurredAt.getTime());
      const pos = ladderPosition(
        {
          startedAt: pairing.startedAt,
          interventionStartedAt: pairing.startedAt,
          lastReachedAt: reached.length ? new Date(Math.max(...reached)) : null,
          contactPausedUntil: null,
          acted: [],
        },
        rules,
        now,
      );
      if (pos.state !== 'check_in') continue;
      const actedAt = new Date(Math.min(now.getTime(), addDays(pos.dueAt.check_in, 1).getTime()));
      await tx.insert(ladderEvents).values({
        id: id(),
        programId,
        pairingId: pairing.id!,
        participantId: pairing.participantId,
        step: 'check_in',
        episodeStartedAt: pos.episodeStartedAt,
        firedAt: pos.dueAt.check_in,
        recordedAt: actedAt,
        actedBy: coordinatorId,
        actedAt,
        outcome: 'called',
        reachedParticipant: true,
        reachedCoach: false,
        findings: ['busy_season'],
        note: 'Caring for a grandchild this month; happy to talk again after the 15th.',
      });
      break;
    }
    // Volunteers who applied to coach: two new, one screened (#6).
    await seedDemoVolunteers(tx, programId, coordinatorId, now);
    // Keeping coaches: boosters, well-being check-ins and thanks (#6, ADR 0016).
    await seedCoachCareDemo(tx, {
      programId,
      coordinatorId,
      now,
      timeZone: DEFAULT_TIME_ZONE,
      coachIds: coachRows.filter((c) => c.status === 'active').map((c) => c.id),
      demoCoachParticipantIds: pairingRows
        .filter((x) => x.coachId === coachRows[0]!.id && !x.endedAt)
        .map((x) => x.participantId),
    });
    // Town, languages and background, and eight pairings that ended in a re-match (#6, ADR 0016).
    await seedMatchingDemo(tx, {
      programId,
      coordinatorId,
      now,
      coaches: coachRows.map((c) => ({ id: c.id, gender: c.gender, status: c.status })),
      participants: participantRows.map((p) => ({
        id: p.id!,
        gender: p.gender,
        status: p.status!,
        enrolledOn: p.enrolledOn ?? null,
      })),
      pairings: pairingRows.map((x) => ({ ...x, id: x.id!, endedAt: x.endedAt ?? null })),
    });
    // One participant texted STOP: a later reminder text shows as not sent (ADR 0012).
    const optedOut = participantRows.find((p, i) => i >= 3 && p.status === 'active' && p.phone);
    if (optedOut?.phone) await seedOutboxDemo(tx, { programId, now, optedOutPhone: optedOut.phone, id });
    // A second program that runs a randomized study, for the CONSORT page and the outcome report (#11, #12).
    await seedStudyDemo(tx, { now, coordinatorId, evaluatorId });
  });
  return { programId };
}
