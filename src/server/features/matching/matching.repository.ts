import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { MatchCoach, MatchParticipant, ReportPairing } from '../../../core/matching';
import {
  comparableBackground,
  isTrainingComplete,
  serviceBranchWords,
  serviceEraWords,
  type ServiceBranch,
  type ServiceEra,
} from '../../../core/volunteers';
import type { Db, Tx } from '../../platform/database';
import { coaches } from '../coaches/coaches.table';
import { pairings } from '../pairings/pairings.table';
import { participants } from '../participants/participants.table';

/** Background codes in the words a reason reads; "prefer not to say" and none are unknown (null). */
const branchWords = (v: string | null) => {
  const code = comparableBackground(v);
  return code ? (serviceBranchWords[code as ServiceBranch] ?? code) : null;
};
const eraWords = (v: string | null) => {
  const code = comparableBackground(v);
  return code ? (serviceEraWords[code as ServiceEra] ?? code) : null;
};

/** A waiting participant as the matcher sees it, with what the proposal shows of him or her. */
export type WaitingParticipant = MatchParticipant & { name: string; code: string };
export type PoolCoach = MatchCoach & { name: string };

/**
 * The program's matching pool: waiting participants (enrolled and without an active pairing) and
 * every coach with his or her places left (caseload minus active pairings), and the coaches each
 * must not get again (earlier pairings that ended for reach or fit). Three queries.
 */
export async function loadMatchingPool(
  db: Db | Tx,
  programId: string,
): Promise<{ participants: WaitingParticipant[]; coaches: PoolCoach[] }> {
  // Joins, not correlated subqueries: in a one-table select Drizzle leaves column names unqualified,
  // and "coach_id" = "id" inside a subquery on pairings would compare with pairings.id.
  const waiting = await db
    .select({
      id: participants.id,
      code: participants.code,
      givenName: participants.givenName,
      familyName: participants.familyName,
      gender: participants.gender,
      genderMatters: participants.genderMatters,
      birthYear: participants.birthYear,
      painLocations: participants.painLocations,
      preferredModality: participants.preferredModality,
      preferredTimes: participants.preferredTimes,
      canShareContact: participants.canShareContact,
      enrolledOn: participants.enrolledOn,
      serviceBranch: participants.serviceBranch,
      serviceEra: participants.serviceEra,
      town: participants.town,
      languages: participants.languages,
    })
    .from(participants)
    .leftJoin(pairings, and(eq(pairings.participantId, participants.id), isNull(pairings.endedAt)))
    .where(and(eq(participants.programId, programId), eq(participants.status, 'enrolled'), isNull(pairings.id)))
    .orderBy(asc(participants.code));
  const coachRows = await db
    .select({
      id: coaches.id,
      givenName: coaches.givenName,
      familyName: coaches.familyName,
      gender: coaches.gender,
      status: coaches.status,
      caseload: coaches.caseload,
      modalities: coaches.modalities,
      painLocations: coaches.painLocations,
      trainedAt: coaches.trainedAt,
      agreementSignedAt: coaches.agreementSignedAt,
      availability: coaches.availability,
      serviceBranch: coaches.serviceBranch,
      serviceEra: coaches.serviceEra,
      birthYear: coaches.birthYear,
      town: coaches.town,
      languages: coaches.languages,
      active: sql<number>`count(${pairings.id})::int`,
    })
    .from(coaches)
    .leftJoin(pairings, and(eq(pairings.coachId, coaches.id), isNull(pairings.endedAt)))
    .where(eq(coaches.programId, programId))
    .groupBy(coaches.id)
    .orderBy(asc(coaches.id));
  // Pairings that ended because the pair could not reach each other or did not fit (#16).
  const endedRows = await db
    .select({ participantId: pairings.participantId, coachId: pairings.coachId, endReason: pairings.endReason })
    .from(pairings)
    .innerJoin(participants, eq(participants.id, pairings.participantId))
    .where(
      and(
        eq(participants.programId, programId),
        eq(participants.status, 'enrolled'),
        inArray(pairings.endReason, ['reach', 'fit']),
      ),
    )
    .orderBy(asc(pairings.startedAt));
  const avoid = new Map<string, { coachId: string; reason: 'reach' | 'fit' }[]>();
  for (const r of endedRows) {
    if (r.endReason !== 'reach' && r.endReason !== 'fit') continue;
    const list = avoid.get(r.participantId) ?? [];
    list.push({ coachId: r.coachId, reason: r.endReason });
    avoid.set(r.participantId, list);
  }
  return {
    participants: waiting.map((p) => ({
      id: p.id,
      name: `${p.givenName} ${p.familyName}`,
      code: p.code,
      gender: p.gender,
      genderMatters: p.genderMatters,
      canShareContact: p.canShareContact,
      // The record holds one preferred way of meeting; a coach who offers it fits.
      modalities: [p.preferredModality],
      times: p.preferredTimes,
      painLocations: p.painLocations,
      birthYear: p.birthYear,
      serviceBranch: branchWords(p.serviceBranch),
      serviceEra: eraWords(p.serviceEra),
      town: p.town,
      languages: p.languages,
      waitingSince: p.enrolledOn,
      avoidCoaches: avoid.get(p.id) ?? [],
    })),
    coaches: coachRows.map((c) => ({
      id: c.id,
      name: `${c.givenName} ${c.familyName}`,
      gender: c.gender,
      status: c.status,
      capacityLeft: Math.max(0, c.caseload - Number(c.active)),
      modalities: c.modalities,
      painLocations: c.painLocations,
      // Training, availability and background come from the volunteer's journey (#6).
      isTrained: isTrainingComplete(c),
      times: c.availability?.times ?? [],
      serviceBranch: branchWords(c.serviceBranch),
      serviceEra: eraWords(c.serviceEra),
      birthYear: c.birthYear,
      town: c.town,
      languages: c.languages,
    })),
  };
}

/** Every pairing the program made, with both sides' match attributes, for the "what lasts" report. */
export async function loadReportPairings(db: Db | Tx, programId: string): Promise<ReportPairing[]> {
  const rows = await db
    .select({
      startedAt: pairings.startedAt,
      endedAt: pairings.endedAt,
      endReason: pairings.endReason,
      pGender: participants.gender,
      pPain: participants.painLocations,
      pBirthYear: participants.birthYear,
      pBranch: participants.serviceBranch,
      pEra: participants.serviceEra,
      pTown: participants.town,
      pLanguages: participants.languages,
      cGender: coaches.gender,
      cPain: coaches.painLocations,
      cBirthYear: coaches.birthYear,
      cBranch: coaches.serviceBranch,
      cEra: coaches.serviceEra,
      cTown: coaches.town,
      cLanguages: coaches.languages,
    })
    .from(pairings)
    .innerJoin(participants, eq(participants.id, pairings.participantId))
    .innerJoin(coaches, eq(coaches.id, pairings.coachId))
    .where(eq(pairings.programId, programId));
  return rows.map((r) => ({
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    endReason: r.endReason,
    participant: {
      gender: r.pGender,
      painLocations: r.pPain,
      birthYear: r.pBirthYear,
      serviceBranch: comparableBackground(r.pBranch),
      serviceEra: comparableBackground(r.pEra),
      town: r.pTown,
      languages: r.pLanguages,
    },
    coach: {
      gender: r.cGender,
      painLocations: r.cPain,
      birthYear: r.cBirthYear,
      serviceBranch: comparableBackground(r.cBranch),
      serviceEra: comparableBackground(r.cEra),
      town: r.cTown,
      languages: r.cLanguages,
    },
  }));
}
