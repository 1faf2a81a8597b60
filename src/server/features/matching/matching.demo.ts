import { eq } from 'drizzle-orm';
import type { PairingEndReason } from '../../../core/pairings';
import { addDays } from '../../../core/shared/time';
import type { Gender } from '../../../core/shared/vocab';
import type { ServiceBranch, ServiceEra } from '../../../core/volunteers';
import { pick, seededRandom, seededUuid } from '../../demo/random';
import type { Tx } from '../../platform/database';
import { coaches } from '../coaches/coaches.table';
import { contacts } from '../contacts/contacts.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';

/** Towns around the demo clinic (synthetic program; the area code is Indianapolis's). */
const TOWNS = ['Indianapolis', 'Carmel', 'Greenwood', 'Fishers', 'Lawrence', 'Speedway'] as const;
const BRANCHES: readonly ServiceBranch[] = ['army', 'army', 'army', 'navy', 'air_force', 'marine_corps', 'marine_corps'];
const ERAS: readonly ServiceEra[] = ['vietnam', 'post_vietnam', 'gulf_war', 'gulf_war', 'post_9_11', 'post_9_11'];

interface DemoCoach {
  id: string;
  gender: Gender;
  status: 'active' | 'paused' | 'retired';
}
interface DemoParticipant {
  id: string;
  gender: Gender;
  status: string;
  enrolledOn: string | null;
}
interface DemoPairing {
  id: string;
  participantId: string;
  coachId: string;
  startedAt: Date;
  endedAt: Date | null;
}

/** The four reasons that count as a re-match in the report (ADR 0016), two pairings each. */
const ENDINGS: readonly { reason: PairingEndReason; note: string }[] = [
  { reason: 'reach', note: 'Could not reach him by phone for three weeks.' },
  { reason: 'fit', note: 'Different expectations; both agreed to try someone else.' },
  { reason: 'coach_paused', note: 'The coach paused for a family matter.' },
  { reason: 'participant_request', note: 'Asked for a coach closer to home.' },
  { reason: 'reach', note: 'Calls went to voicemail; coach lives across town.' },
  { reason: 'fit', note: 'Little in common to talk about.' },
  { reason: 'coach_paused', note: 'The coach paused for surgery.' },
  { reason: 'participant_request', note: 'Asked for a coach who speaks Spanish.' },
];

/**
 * Matching in the demo (#6, ADR 0016): town, languages, service branch and era for participants
 * and coaches (and coaches' year of birth), so proposals have reasons to give; and eight pairings
 * that ended with a re-match reason (two each of reach, fit, coach paused, participant request),
 * each followed by the participant's current pairing, so "What kinds of matches last" has
 * differences to show. Current pairs mostly share a town and a language; the ended ones mostly do
 * not. Its own seeded generator, so no id elsewhere in the demo moves.
 */
export async function seedMatchingDemo(
  tx: Tx,
  o: {
    programId: string;
    coordinatorId: string;
    now: Date;
    /** In the seed's order: the demo coach first, a paused one among them. */
    coaches: readonly DemoCoach[];
    /** In the seed's order: the demo participant first. */
    participants: readonly DemoParticipant[];
    pairings: readonly DemoPairing[];
  },
): Promise<void> {
  const rand = seededRandom(20_261_127);
  const id = () => seededUuid(rand);
  const current = new Map(o.pairings.filter((p) => !p.endedAt).map((p) => [p.participantId, p]));

  type Attributes = {
    town: string | null;
    languages: string[];
    serviceBranch: ServiceBranch | null;
    serviceEra: ServiceEra | null;
  };
  const coachAttributes = new Map<string, Attributes & { birthYear: number }>();
  o.coaches.forEach((c, i) => {
    const spanish = i % 5 === 3;
    coachAttributes.set(c.id, {
      town: i === 0 ? 'Indianapolis' : pick(rand, TOWNS),
      languages: spanish ? ['English', 'Spanish'] : ['English'],
      serviceBranch: i === 0 ? 'army' : pick(rand, BRANCHES),
      serviceEra: i === 0 ? 'gulf_war' : pick(rand, ERAS),
      birthYear: i === 0 ? 1968 : 1950 + Math.floor(rand() * 36),
    });
  });
  for (const [coachId, a] of coachAttributes) await tx.update(coaches).set(a).where(eq(coaches.id, coachId));

  // Participants in a current pairing mostly share the coach's town and background; others are random.
  const participantAttributes = new Map<string, Attributes>();
  o.participants.forEach((p, i) => {
    const coach = coachAttributes.get(current.get(p.id)?.coachId ?? '');
    // Some participants speak Spanish at home: bilingual with a Spanish-speaking coach, otherwise Spanish only.
    const bilingualCoach = coach?.languages.includes('Spanish') ?? false;
    const spanish = i > 0 && (bilingualCoach ? rand() < 0.6 : i % 7 === 4);
    participantAttributes.set(p.id, {
      town: i === 0 ? 'Indianapolis' : rand() < 0.1 ? null : coach && rand() < 0.65 ? coach.town : pick(rand, TOWNS),
      languages: !spanish ? ['English'] : bilingualCoach || !coach ? ['Spanish', 'English'] : ['Spanish'],
      serviceBranch: i === 0 ? 'army' : rand() < 0.15 ? null : coach && rand() < 0.5 ? coach.serviceBranch : pick(rand, BRANCHES),
      serviceEra: i === 0 ? 'gulf_war' : rand() < 0.15 ? null : coach && rand() < 0.5 ? coach.serviceEra : pick(rand, ERAS),
    });
  });
  for (const [participantId, a] of participantAttributes)
    await tx.update(participants).set(a).where(eq(participants.id, participantId));

  // Eight participants whose current pairing is their second: the first one ended with a re-match reason.
  const demoCoach = o.coaches[0]?.id;
  const paused = o.coaches.find((c) => c.status === 'paused');
  const candidates = o.participants.filter((p, i) => {
    const pairing = current.get(p.id);
    if (i < 6 || p.status !== 'active' || !pairing || pairing.coachId === demoCoach || !p.enrolledOn) return false;
    return pairing.startedAt.getTime() - Date.parse(`${p.enrolledOn}T15:00:00Z`) >= 24 * 86_400_000;
  });
  const endedRows: (typeof pairings.$inferInsert)[] = [];
  const contactRows: (typeof contacts.$inferInsert)[] = [];
  candidates.slice(0, ENDINGS.length).forEach((p, k) => {
    const ending = ENDINGS[k]!;
    const next = current.get(p.id)!;
    const mine = participantAttributes.get(p.id)!;
    // The first coach: the paused one for "coach paused"; otherwise an active coach of the same
    // gender from another town (the demo's story: distance and little in common do not last).
    const others = o.coaches.filter((c) => c.status === 'active' && c.id !== demoCoach && c.id !== next.coachId);
    const elsewhere = others.filter((c) => coachAttributes.get(c.id)!.town !== mine.town);
    const first =
      ending.reason === 'coach_paused' && paused
        ? paused
        : (elsewhere.find((c) => c.gender === p.gender) ?? others.find((c) => c.gender === p.gender) ?? others[0]);
    if (!first) return;
    const startedAt = new Date(Date.parse(`${p.enrolledOn}T15:00:00Z`) + 3 * 86_400_000);
    const endedAt = addDays(next.startedAt, -2);
    const pairingId = id();
    endedRows.push({
      id: pairingId,
      programId: o.programId,
      participantId: p.id,
      coachId: first.id,
      startedAt,
      endedAt,
      endReason: ending.reason,
      endNote: ending.note,
      genderMismatchReason: first.gender !== p.gender ? 'No coach of the same gender had a place; participant agreed.' : null,
      createdBy: o.coordinatorId,
    });
    // A few contacts while it lasted: none reached for "reach", some reached otherwise.
    const days = Math.max(1, Math.floor((endedAt.getTime() - startedAt.getTime()) / 86_400_000));
    for (let n = 0; n < 3; n++) {
      const at = addDays(startedAt, Math.min(days - 1, 2 + n * Math.floor(days / 3)));
      at.setUTCHours(16 + n * 2, 15, 0, 0);
      const isReached = ending.reason !== 'reach' && n !== 1;
      contactRows.push({
        id: id(),
        programId: o.programId,
        pairingId,
        participantId: p.id,
        coachId: first.id,
        clientKey: id(),
        occurredAt: at,
        channel: 'phone',
        outcome: isReached ? 'reached' : n === 0 ? 'no_answer' : 'voicemail',
        isReached,
        minutes: isReached ? 15 + n * 5 : null,
        topics: [],
        discussedStrategies: isReached,
        gaveEncouragement: isReached,
        discussedAdjusting: false,
        discussedGoals: false,
        note: '',
        loggedBy: o.coordinatorId,
        createdAt: at,
      });
    }
  });
  if (endedRows.length) await tx.insert(pairings).values(endedRows);
  if (contactRows.length) await tx.insert(contacts).values(contactRows);
}
