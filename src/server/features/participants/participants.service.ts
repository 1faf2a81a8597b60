import { and, eq, sql } from 'drizzle-orm';
import {
  checkParticipantDates,
  checkStatusChange,
  checkStatusDate,
  duplicateReasons,
  LIKELY_DUPLICATE_MESSAGE,
  participantCode,
  type DuplicateMatch,
  type ParticipantInput,
  type ParticipantUpdate,
  type ParticipantView,
  type PreferencesUpdate,
  type StatusChange,
} from '../../../core/participants';
import { checkReachWindow, localDateOf } from '../../../core/engagement';
import { DomainError } from '../../../core/shared/errors';
import { textCheckInProblem } from '../../../core/plans';
import { wordedRefusalCode } from '../../../core/shared/messages';
import { nextContactOf, pairState, type PairingActivity } from '../../../core/tasks';
import { authorize, type View } from '../../access/policy';
import { loadParticipantFor } from '../../access/participant-context';
import type { ProgramContext } from '../../access/program-context';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { pairings } from '../pairings/pairings.table';
import { loadProgram, taskRulesOf, type Program } from '../programs';
import { agreedNextContacts, nextSessionsOf } from './agreements.repository';
import { findParticipants, type ParticipantRecord } from './participants.repository';
import { participants } from './participants.table';
import { ownCoachId } from '../../access/relations';

/** What a pair agreed (ADR 0017): the next scheduled session and the next contact agreed in the latest guide. */
export type PairAgreement = Pick<PairingActivity, 'nextSession' | 'agreedNextContact'>;

/**
 * What the pairs of these records agreed, by participant id: two scoped reads (one coach's pairs
 * when they all share a coach, else the program), none when nobody is in an active pairing.
 */
export async function agreementsOf(
  deps: Deps,
  programId: string,
  records: readonly ParticipantRecord[],
  now: Date,
): Promise<Map<string, PairAgreement>> {
  const paired = records.filter((r) => r.pairing && r.status === 'active');
  const out = new Map<string, PairAgreement>();
  if (paired.length === 0) return out;
  const coachIds = new Set(paired.map((r) => r.pairing!.coachId));
  const scope = coachIds.size === 1 ? { programId, coachId: [...coachIds][0]! } : { programId };
  const [sessions, agreed] = await Promise.all([nextSessionsOf(deps.db, scope, now), agreedNextContacts(deps.db, scope)]);
  for (const r of paired)
    out.set(r.id, { nextSession: sessions.get(r.pairing!.id) ?? null, agreedNextContact: agreed.get(r.id) ?? null });
  return out;
}

/**
 * Renders a participant for one view; each view lists its fields explicitly, so nothing leaks by
 * accident. The next contact follows what the pair agreed (`agreement`), by the same rule as the
 * coach's task (nextContactOf), so the record, Today and the participant's page show one date.
 */
export function presentParticipant(
  p: ParticipantRecord,
  view: View,
  program: Program,
  now: Date,
  agreement: PairAgreement | undefined,
): ParticipantView {
  const rules = taskRulesOf(program);
  const facts = p.pairing
    ? { startedAt: p.pairing.startedAt, lastReachedAt: p.lastReachedAt, contactPausedUntil: p.contactPausedUntil }
    : null;
  const state = facts && p.status === 'active' ? pairState(facts, rules, now) : null;
  const next =
    facts && p.status === 'active'
      ? nextContactOf(
          {
            ...facts,
            interventionStartedAt: facts.startedAt,
            acted: [],
            nextSession: null,
            agreedNextContact: null,
            ...agreement,
          },
          rules,
          now,
        )
      : null;
  const engagement = {
    coach: p.pairing ? { id: p.pairing.coachId, name: p.pairing.coachName } : null,
    pairedAt: p.pairing?.startedAt.toISOString() ?? null,
    lastReachedAt: p.lastReachedAt?.toISOString() ?? null,
    reachedCount: p.reachedCount,
    attemptCount: p.attemptCount,
    pairState: state,
    nextContactDueOn: next?.dueOn ?? null,
    nextContactBasis: next?.basis ?? null,
  };
  const prefs = {
    preferredModality: p.preferredModality,
    preferredChannel: p.preferredChannel,
    preferredTimes: p.preferredTimes,
    contactNotes: p.contactNotes,
    preferredDays: p.preferredDays,
    notBefore: p.notBefore,
    notAfter: p.notAfter,
    contactPausedUntil: p.contactPausedUntil,
  };
  switch (view) {
    case 'full':
      return {
        view: 'full',
        id: p.id,
        code: p.code,
        status: p.status,
        givenName: p.givenName,
        familyName: p.familyName,
        gender: p.gender,
        birthYear: p.birthYear,
        painLocations: p.painLocations,
        ...prefs,
        textCheckInDay: p.textCheckInDay,
        textCheckInTime: p.textCheckInTime,
        timeZone: program.timeZone,
        genderMatters: p.genderMatters,
        phone: p.phone,
        email: p.email,
        canShareContact: p.canShareContact,
        serviceBranch: p.serviceBranch,
        serviceEra: p.serviceEra,
        town: p.town,
        languages: p.languages,
        locale: p.locale,
        referredOn: p.referredOn,
        enrolledOn: p.enrolledOn,
        endedOn: p.endedOn,
        withdrawalReason: p.withdrawalReason,
        ...engagement,
      };
    case 'coaching':
      return {
        view: 'coaching',
        id: p.id,
        code: p.code,
        status: p.status,
        givenName: p.givenName,
        familyName: p.familyName,
        painLocations: p.painLocations,
        ...prefs,
        // Contact details reach a coach only with the participant's permission.
        phone: p.canShareContact ? p.phone : null,
        email: p.canShareContact ? p.email : null,
        ...engagement,
      };
    case 'self':
      return {
        view: 'self',
        id: p.id,
        code: p.code,
        status: p.status,
        givenName: p.givenName,
        familyName: p.familyName,
        ...prefs,
        textCheckInDay: p.textCheckInDay,
        textCheckInTime: p.textCheckInTime,
        timeZone: program.timeZone,
        phone: p.phone,
        email: p.email,
        canShareContact: p.canShareContact,
        locale: p.locale,
        coach: p.pairing
          ? { id: p.pairing.coachId, name: p.pairing.coachName, phone: p.pairing.coachPhone, email: p.pairing.coachEmail }
          : null,
        lastReachedAt: engagement.lastReachedAt,
        nextContactDueOn: engagement.nextContactDueOn,
        nextContactBasis: engagement.nextContactBasis,
      };
    case 'pseudonymous':
      return {
        view: 'pseudonymous',
        id: p.id,
        code: p.code,
        status: p.status,
        gender: p.gender,
        birthYear: p.birthYear,
        painLocations: p.painLocations,
        preferredModality: p.preferredModality,
        referredOn: p.referredOn,
        enrolledOn: p.enrolledOn,
        endedOn: p.endedOn,
        withdrawalReason: p.withdrawalReason,
        coachId: p.pairing?.coachId ?? null,
        reachedCount: p.reachedCount,
        attemptCount: p.attemptCount,
        pairState: state,
      };
  }
}

/** Lists the participants the caller may see: all for staff and evaluators, a coach's own for a coach. */
export async function listParticipants(
  deps: Deps,
  caller: Caller,
  programId: string,
  filter: { status?: ParticipantView['status'] },
): Promise<ParticipantView[]> {
  const program = await loadProgram(deps.db, caller, programId);
  const view = authorize(caller.actor, 'participant:list', { programId });
  const coachId = view === 'coaching' ? ownCoachId(caller.actor, programId) : undefined;
  if (view === 'coaching' && !coachId) return [];
  const rows = await findParticipants(deps.db, { programId, ...filter, ...(coachId ? { coachId } : {}) });
  const now = deps.clock.now();
  const agreements = await agreementsOf(deps, programId, rows, now);
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'participant', programId }]);
  return rows.map((r) => presentParticipant(r, view, program, now, agreements.get(r.id)));
}

export async function getParticipant(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
): Promise<ParticipantView> {
  const {
    participant: record,
    view,
    program,
  } = await loadParticipantFor(deps, caller, programId, participantId, 'participant:view');
  const now = deps.clock.now();
  const agreements = await agreementsOf(deps, programId, [record], now);
  await audit(deps.db, caller, now, [{ verb: 'read', entityType: 'participant', entityId: participantId, programId }]);
  return presentParticipant(record, view, program, now, agreements.get(record.id));
}

/**
 * Adds a participant, unless people already in the program look like the same person (same name and
 * no different year of birth, or the same phone; ADR 0020) and the caller has not confirmed: then
 * nothing is added and the likely duplicates are returned for staff to check.
 */
export async function createParticipant(
  deps: Deps,
  caller: Caller,
  programId: string,
  { confirmDuplicate, ...input }: ParticipantInput,
): Promise<ParticipantView> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'participant:create', { programId });
  const now = deps.clock.now();
  const today = localDateOf(now, program.timeZone);
  checkParticipantDates(input, today);
  checkReachWindow(input, { today, storedPausedUntil: null });
  const id = newId();
  const duplicates = await deps.db.transaction(async (tx) => {
    // Codes are sequential per program; the lock keeps two concurrent creations from taking one code
    // (and two concurrent additions of one person from both passing the duplicate check).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`participant-code:${programId}`}))`);
    if (!confirmDuplicate) {
      const people = await tx
        .select({
          id: participants.id,
          code: participants.code,
          givenName: participants.givenName,
          familyName: participants.familyName,
          birthYear: participants.birthYear,
          phone: participants.phone,
          status: participants.status,
          referredOn: participants.referredOn,
        })
        .from(participants)
        .where(eq(participants.programId, programId));
      const matches = people.flatMap((p): DuplicateMatch[] => {
        const matchedOn = duplicateReasons(input, p);
        return matchedOn.length
          ? [
              {
                id: p.id,
                code: p.code,
                name: `${p.givenName} ${p.familyName}`,
                birthYear: p.birthYear,
                status: p.status,
                referredOn: p.referredOn,
                matchedOn,
              },
            ]
          : [];
      });
      if (matches.length) {
        // Names of people already in the program are shown to the caller: a read of each record.
        await audit(
          tx,
          caller,
          now,
          matches.map((m) => ({ verb: 'read' as const, entityType: 'participant', entityId: m.id, programId })),
        );
        return matches;
      }
    }
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(participants)
      .where(eq(participants.programId, programId));
    await tx.insert(participants).values({
      id,
      programId,
      code: participantCode(Number(n) + 1),
      ...input,
      enrolledOn: input.status === 'enrolled' ? today : null,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'participant', entityId: id, programId }]);
    return null;
  });
  if (duplicates) {
    // Nothing was added: the caller checks the matches and may send again with confirmDuplicate.
    throw new DomainError('conflict', 'likely_duplicate', LIKELY_DUPLICATE_MESSAGE, undefined, { matches: duplicates });
  }
  const [record] = await findParticipants(deps.db, { programId, ids: [id] });
  if (!record) throw new Error('participant vanished after insert');
  // A new participant has no pairing yet, so nothing agreed.
  return presentParticipant(record, 'full', program, now, undefined);
}

export async function updateParticipant(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  input: ParticipantUpdate | PreferencesUpdate,
  action: 'participant:update' | 'participant:preferences',
): Promise<ParticipantView> {
  const { participant: before, view, program, ctx } = await loadParticipantFor(deps, caller, programId, participantId, action);
  const now = ctx.now;
  await deps.db.transaction(async (tx) => {
    await writeParticipantUpdate(tx, ctx, program, before, input);
    await ctx.audit.flush(tx);
  });
  const [record] = await findParticipants(deps.db, { programId, ids: [participantId] });
  if (!record) throw new DomainError('not_found', undefined, 'Not found');
  const agreements = await agreementsOf(deps, programId, [record], now);
  return presentParticipant(record, view, program, now, agreements.get(record.id));
}

/**
 * Changes a participant's own fields in the caller's transaction, after the rules the change must
 * pass (birth year, the reach window, the weekly text check-in), so no caller can skip them. Audited
 * through `ctx.audit` (the caller flushes). For a use case that has authorized `participant:update`
 * or `participant:preferences`, or an action that implies them (the ladder's decision).
 */
export async function writeParticipantUpdate(
  tx: Tx,
  ctx: ProgramContext,
  program: Program,
  before: ParticipantRecord,
  input: ParticipantUpdate | PreferencesUpdate,
): Promise<void> {
  const today = localDateOf(ctx.now, program.timeZone);
  if ('birthYear' in input) checkParticipantDates({ birthYear: input.birthYear }, today);
  checkReachWindow(
    {
      notBefore: input.notBefore === undefined ? before.notBefore : input.notBefore,
      notAfter: input.notAfter === undefined ? before.notAfter : input.notAfter,
      contactPausedUntil: input.contactPausedUntil === undefined ? before.contactPausedUntil : input.contactPausedUntil,
    },
    { today, storedPausedUntil: before.contactPausedUntil },
  );
  checkTextCheckIn(before, input);
  await tx
    .update(participants)
    .set({ ...input, updatedAt: ctx.now })
    .where(and(eq(participants.id, before.id), eq(participants.programId, ctx.programId)));
  ctx.audit.add({ verb: 'update', entityType: 'participant', entityId: before.id });
}

/**
 * The weekly check-in by text message needs a day and a time together and a number to text, after
 * the change (#16): refused with a plain message on the field at fault, changing nothing.
 */
function checkTextCheckIn(before: ParticipantRecord, input: ParticipantUpdate | PreferencesUpdate): void {
  const next = {
    textCheckInDay:
      'textCheckInDay' in input && input.textCheckInDay !== undefined ? input.textCheckInDay : before.textCheckInDay,
    textCheckInTime:
      'textCheckInTime' in input && input.textCheckInTime !== undefined ? input.textCheckInTime : before.textCheckInTime,
    phone: input.phone === undefined ? before.phone : input.phone,
  };
  const problem = textCheckInProblem(next);
  if (problem) {
    throw new DomainError('invalid_state', 'text_check_in_incomplete', problem.message, undefined, {
      // The rule's words carry their code, so a participant reads them in his or her language (issue #16).
      fields: [{ path: `body.${problem.field}`, message: problem.message, code: wordedRefusalCode(problem.message) }],
    });
  }
}

/** Moves a participant through enrolment, completion or withdrawal; ending also ends the pairing. */
export async function changeStatus(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  change: StatusChange,
): Promise<ParticipantView> {
  const {
    participant: record,
    program,
    ctx,
  } = await loadParticipantFor(deps, caller, programId, participantId, 'participant:status');
  const now = ctx.now;
  await deps.db.transaction(async (tx) => {
    await writeStatusChange(tx, ctx, program, record, change);
    await ctx.audit.flush(tx);
  });
  const [updated] = await findParticipants(deps.db, { programId, ids: [participantId] });
  if (!updated) throw new DomainError('not_found', undefined, 'Not found');
  const agreements = await agreementsOf(deps, programId, [updated], now);
  return presentParticipant(updated, 'full', program, now, agreements.get(updated.id));
}

/**
 * Moves a participant through enrolment, completion or withdrawal in the caller's transaction, after
 * the status rules; ending also ends the pairing. Audited through `ctx.audit` (the caller flushes).
 * For a use case that has authorized `participant:status` or an action that implies it.
 */
export async function writeStatusChange(
  tx: Tx,
  ctx: ProgramContext,
  program: Program,
  record: ParticipantRecord,
  change: StatusChange,
): Promise<void> {
  checkStatusChange(record.status, change.status);
  checkStatusDate(change.on, localDateOf(ctx.now, program.timeZone));
  const isEnding = change.status === 'completed' || change.status === 'withdrawn';
  await tx
    .update(participants)
    .set({
      status: change.status,
      updatedAt: ctx.now,
      ...(change.status === 'enrolled' ? { enrolledOn: change.on } : {}),
      ...(isEnding ? { endedOn: change.on } : {}),
      ...(change.status === 'withdrawn' ? { withdrawalReason: change.reason } : {}),
    })
    .where(eq(participants.id, record.id));
  if (record.pairing && isEnding) {
    await tx
      .update(pairings)
      .set({
        endedAt: ctx.now,
        endReason: change.status === 'withdrawn' ? 'participant_withdrawn' : 'program_completed',
      })
      .where(eq(pairings.id, record.pairing.id));
  }
  ctx.audit.add({ verb: 'update', entityType: 'participant', entityId: record.id });
}
