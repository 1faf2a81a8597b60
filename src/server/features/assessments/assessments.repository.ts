import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Locale } from '../../../core/shared/locale';
import { AssessmentSettings, DEFAULT_ASSESSMENT_SETTINGS, type ScheduleFacts } from '../../../core/assessments';
import {
  findInstrument,
  instrumentFromDefinition,
  instruments as builtIns,
  readQuestionnaire,
  withLicensedText,
  type Instrument,
} from '../../../core/instruments';
import type { Db, Tx } from '../../platform/database';
import { people } from '../accounts/accounts.table';
import { participants } from '../participants/participants.table';
import { followUpEndsOn } from '../trials';
import { assessmentMisses, assessmentResponses, assessmentSettings, programInstruments } from './assessments.table';

/** The program's timepoints, or the defaults when it set none. */
export async function loadAssessmentSettings(db: Db | Tx, programId: string): Promise<AssessmentSettings> {
  const [row] = await db.select().from(assessmentSettings).where(eq(assessmentSettings.programId, programId));
  if (!row) return DEFAULT_ASSESSMENT_SETTINGS;
  const parsed = AssessmentSettings.safeParse(row.settings);
  return parsed.success ? parsed.data : DEFAULT_ASSESSMENT_SETTINGS;
}

export interface ProgramInstrument extends Instrument {
  origin: 'built_in' | 'imported';
}

/**
 * Every instrument the program can administer: the shipped ones (with the program's licensed item
 * text where it loaded a file) and its own imports, in that order.
 */
export async function loadProgramInstruments(db: Db | Tx, programId: string): Promise<Map<string, ProgramInstrument>> {
  const rows = await db.select().from(programInstruments).where(eq(programInstruments.programId, programId));
  const out = new Map<string, ProgramInstrument>();
  for (const base of builtIns) {
    const licensed = rows.find((r) => r.kind === 'licensed_text' && r.instrumentId === base.id);
    const merged = licensed ? withLicensedText(base, licensed.licensedText) : null;
    out.set(base.id, { ...(merged?.ok ? merged.value : base), origin: 'built_in' });
  }
  for (const r of rows) {
    if (r.kind !== 'imported') continue;
    const read = readQuestionnaire(r.questionnaire, { requireScoring: true });
    if (read.ok && !findInstrument(read.value.id))
      out.set(read.value.id, { ...instrumentFromDefinition(read.value), origin: 'imported' });
  }
  return out;
}

export interface ScheduledParticipant {
  id: string;
  code: string;
  name: string;
  phone: string | null;
  email: string | null;
  /** The language the participant chose, for what Kindred sends him or her (issue #16). */
  locale: Locale;
  facts: ScheduleFacts;
}

/**
 * The enrolled participants (or the ones listed) with what their schedules read: enrolment, the day
 * they left, the instruments already answered and the misses recorded per timepoint, and the end of follow-up. Four queries.
 * Nothing about pairing or coaching: the blind assessor sees these schedules (ADR 0020).
 */
export async function loadScheduleFacts(
  db: Db | Tx,
  programId: string,
  participantIds?: readonly string[],
): Promise<ScheduledParticipant[]> {
  const scope = participantIds
    ? and(eq(participants.programId, programId), inArray(participants.id, [...participantIds]))
    : and(eq(participants.programId, programId), isNotNull(participants.enrolledOn));
  if (participantIds && participantIds.length === 0) return [];
  const [rows, responded, misses, followUpEnds] = await Promise.all([
    db
      .select({
        id: participants.id,
        code: participants.code,
        givenName: participants.givenName,
        familyName: participants.familyName,
        phone: participants.phone,
        email: participants.email,
        locale: participants.locale,
        enrolledOn: participants.enrolledOn,
        endedOn: participants.endedOn,
        status: participants.status,
      })
      .from(participants)
      .where(scope)
      .orderBy(participants.familyName, participants.givenName),
    db
      .select({
        participantId: assessmentResponses.participantId,
        timepointKey: assessmentResponses.timepointKey,
        instrumentId: assessmentResponses.instrumentId,
      })
      .from(assessmentResponses)
      .where(
        participantIds
          ? and(eq(assessmentResponses.programId, programId), inArray(assessmentResponses.participantId, [...participantIds]))
          : eq(assessmentResponses.programId, programId),
      ),
    db
      .select({ participantId: assessmentMisses.participantId, timepointKey: assessmentMisses.timepointKey })
      .from(assessmentMisses)
      .where(
        participantIds
          ? and(eq(assessmentMisses.programId, programId), inArray(assessmentMisses.participantId, [...participantIds]))
          : eq(assessmentMisses.programId, programId),
      ),
    followUpEndsOn(db, programId, participantIds),
  ]);
  const missedBy = new Map<string, Set<string>>();
  for (const m of misses) missedBy.set(m.participantId, (missedBy.get(m.participantId) ?? new Set()).add(m.timepointKey));
  const doneBy = new Map<string, Map<string, Set<string>>>();
  for (const r of responded) {
    const byTp = doneBy.get(r.participantId) ?? new Map<string, Set<string>>();
    const set = byTp.get(r.timepointKey) ?? new Set<string>();
    set.add(r.instrumentId);
    byTp.set(r.timepointKey, set);
    doneBy.set(r.participantId, byTp);
  }
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: `${r.givenName} ${r.familyName}`,
    phone: r.phone,
    email: r.email,
    locale: r.locale,
    facts: {
      enrolledOn: r.enrolledOn,
      // Withdrawn: the schedule stops at the day they left. Completing the coaching does not stop it:
      // the 6- and 9-month outcomes are measured after the program ends.
      // A withdrawal from the study's follow-up (#11, ADR 0025) stops it too, from the withdrawal day.
      endedOn: earliest(r.status === 'withdrawn' ? (r.endedOn ?? null) : null, followUpEnds.get(r.id) ?? null),
      responded: doneBy.get(r.id) ?? new Map(),
      recordedMisses: missedBy.get(r.id) ?? new Set(),
    },
  }));
}

export type ResponseRecord = typeof assessmentResponses.$inferSelect & { enteredByName: string | null };

/** Responses in a program, optionally of one participant, with the name of who entered each. */
export async function findResponses(
  db: Db | Tx,
  where: { programId: string; participantId?: string; id?: string },
): Promise<ResponseRecord[]> {
  const rows = await db
    .select({ r: assessmentResponses, name: people.displayName })
    .from(assessmentResponses)
    .leftJoin(people, eq(people.id, assessmentResponses.enteredBy))
    .where(
      and(
        eq(assessmentResponses.programId, where.programId),
        where.participantId ? eq(assessmentResponses.participantId, where.participantId) : sql`true`,
        where.id ? eq(assessmentResponses.id, where.id) : sql`true`,
      ),
    )
    .orderBy(assessmentResponses.enteredAt);
  return rows.map((x) => ({ ...x.r, enteredByName: x.name }));
}

/**
 * Every timepoint key the program's stored data refer to: saved answers and recorded misses. Such a
 * key must stay in the settings (removing or renaming it would orphan them). An unused link is not
 * counted: it simply stops working.
 */
export async function usedTimepointKeys(db: Db | Tx, programId: string): Promise<Set<string>> {
  const [a, b] = await Promise.all([
    db
      .selectDistinct({ k: assessmentResponses.timepointKey })
      .from(assessmentResponses)
      .where(eq(assessmentResponses.programId, programId)),
    db
      .selectDistinct({ k: assessmentMisses.timepointKey })
      .from(assessmentMisses)
      .where(eq(assessmentMisses.programId, programId)),
  ]);
  return new Set([...a, ...b].map((r) => r.k));
}

/** The earlier of two local dates, either of which may be absent. */
function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
