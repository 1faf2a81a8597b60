import { and, asc, eq, inArray } from 'drizzle-orm';
import { classInvitationMail } from '../../../core/trials/mail';
import { DomainError } from '../../../core/shared/errors';
import { lateEntryMark } from '../../../core/shared/late-entry';
import {
  isWithdrawnFrom,
  newInvitees,
  type AttendanceInput,
  type ClassSessionInput,
  type ClassSessionView,
} from '../../../core/trials';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { people as staff } from '../accounts/accounts.table';
import { findParticipants } from '../participants';
import { loadProgram } from '../programs';
import { requireStudy } from './study.service';
import { findWithdrawals } from './trials.repository';
import { allocations, classAttendance, classSessions } from './trials.table';

export { CLASS_SUBJECT } from '../../../core/trials/mail';

/** The study's class sessions with who is invited and who attended, soonest first (staff). */
export async function listClasses(deps: Deps, caller: Caller, programId: string): Promise<ClassSessionView[]> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:classes', { programId });
  const now = deps.clock.now();
  const [sessions, invited] = await Promise.all([
    deps.db.select().from(classSessions).where(eq(classSessions.programId, programId)).orderBy(asc(classSessions.startsAt)),
    deps.db.select().from(classAttendance).where(eq(classAttendance.programId, programId)),
  ]);
  const people = await findParticipants(deps.db, { programId, ids: [...new Set(invited.map((i) => i.participantId))] });
  const nameOf = new Map(people.map((p) => [p.id, `${p.givenName} ${p.familyName}`]));
  const lateIds = [...new Set(invited.flatMap((i) => (i.enteredLateBy ? [i.enteredLateBy] : [])))];
  const lateNames = new Map(
    lateIds.length === 0
      ? []
      : (await deps.db.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, lateIds))).map(
          (p) => [p.id, p.name] as const,
        ),
  );
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'class_session', programId }]);
  return sessions.map((s) => {
    const mine = invited.filter((i) => i.sessionId === s.id);
    return {
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      place: s.place,
      videoUrl: s.videoUrl,
      capacity: s.capacity,
      invited: mine.length,
      attended: mine.filter((i) => i.attended === true).length,
      participants: mine.map((i) => ({
        participantId: i.participantId,
        name: nameOf.get(i.participantId) ?? '',
        attended: i.attended,
        enteredLate:
          i.enteredLateBy && i.enteredLateAt
            ? { byName: lateNames.get(i.enteredLateBy) ?? '', at: i.enteredLateAt.toISOString(), reason: i.lateReason ?? '' }
            : null,
      })),
    };
  });
}

/** Schedules a class session of the comparison arm. Audited. */
export async function createClass(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: ClassSessionInput,
): Promise<{ id: string }> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:classes', { programId });
  const study = await requireStudy(deps, programId);
  if (!study.design.arms.some((a) => a.kind === 'class')) {
    throw new DomainError('invalid_state', 'no_class_arm', 'The study has no class arm');
  }
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tx.insert(classSessions).values({
      id,
      programId,
      startsAt: new Date(input.startsAt),
      place: input.place,
      videoUrl: input.videoUrl,
      capacity: input.capacity,
      createdAt: now,
      createdBy: caller.actor.personId,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'class_session', entityId: id, programId }]);
  });
  return { id };
}

async function loadSession(deps: Deps, programId: string, sessionId: string) {
  const [s] = await deps.db
    .select()
    .from(classSessions)
    .where(and(eq(classSessions.programId, programId), eq(classSessions.id, sessionId)));
  if (!s) throw new DomainError('not_found', undefined, 'Not found');
  return s;
}

/**
 * Invites participants allocated to a class arm (and not withdrawn from the intervention) to a
 * session, within its capacity; each with an e-mail address gets the invitation through the outbox
 * (once: the idempotency key is the session and the participant). Audited.
 */
export async function inviteToClass(
  deps: Deps,
  caller: Caller,
  programId: string,
  sessionId: string,
  participantIds: readonly string[],
): Promise<{ invited: number }> {
  const program = await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:classes', { programId });
  const study = await requireStudy(deps, programId);
  const session = await loadSession(deps, programId, sessionId);
  const classArms = study.design.arms.filter((a) => a.kind === 'class').map((a) => a.key);
  const ids = [...new Set(participantIds)];
  const [allocated, withdrawals, people] = await Promise.all([
    deps.db
      .select({ participantId: allocations.participantId, arm: allocations.arm })
      .from(allocations)
      .where(and(eq(allocations.programId, programId), inArray(allocations.participantId, ids))),
    findWithdrawals(deps.db, programId, ids),
    findParticipants(deps.db, { programId, ids }),
  ]);
  for (const id of ids) {
    const a = allocated.find((x) => x.participantId === id);
    if (!a || !classArms.includes(a.arm)) {
      throw new DomainError('invalid_state', 'not_in_class_arm', 'Only participants allocated to the class arm can be invited');
    }
    if (
      isWithdrawnFrom(
        withdrawals.filter((w) => w.participantId === id),
        'intervention',
      )
    ) {
      throw new DomainError('conflict', 'withdrawn', 'A participant withdrew from the intervention and cannot be invited');
    }
  }
  const now = deps.clock.now();
  const invited = await deps.db.transaction(async (tx) => {
    const already = await tx
      .select({ participantId: classAttendance.participantId })
      .from(classAttendance)
      .where(eq(classAttendance.sessionId, sessionId));
    const fresh = newInvitees(
      session.capacity,
      already.map((r) => r.participantId),
      ids,
    );
    if (fresh.length === 0) return 0;
    const rows = fresh.map((participantId) => ({ id: newId(), programId, sessionId, participantId, invitedAt: now }));
    await tx.insert(classAttendance).values(rows);
    await audit(
      tx,
      caller,
      now,
      rows.map((r) => ({ verb: 'create' as const, entityType: 'class_invitation', entityId: r.id, programId })),
    );
    for (const p of people.filter((x) => fresh.includes(x.id) && x.email)) {
      await deps.mailer.enqueue(
        tx,
        {
          programId,
          to: p.email!,
          ...classInvitationMail(p.locale, {
            givenName: p.givenName,
            programName: program.name,
            startsAt: session.startsAt,
            timeZone: program.timeZone,
            place: session.place,
            videoUrl: session.videoUrl,
          }),
          idempotencyKey: `class:${sessionId}:${p.id}`,
        },
        now,
      );
    }
    return fresh.length;
  });
  return { invited };
}

/** Records whether an invited participant attended a session (a class attended counts as received in CONSORT). Audited. */
export async function recordAttendance(
  deps: Deps,
  caller: Caller,
  programId: string,
  sessionId: string,
  input: AttendanceInput,
): Promise<{ attended: boolean }> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'study:classes', { programId });
  const session = await loadSession(deps, programId, sessionId);
  const now = deps.clock.now();
  // Recorded more than 7 days after the class: a late entry with a reason (ADR 0030).
  if (input.enteredLate) authorize(caller.actor, 'record:late_entry', { programId });
  const late = lateEntryMark('class_attendance', session.startsAt, now, input.enteredLate);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(classAttendance)
      .set({
        attended: input.attended,
        recordedAt: now,
        recordedBy: caller.actor.personId,
        ...(late
          ? { enteredLateBy: caller.actor.personId, enteredLateAt: now, lateReason: late.reason }
          : { enteredLateBy: null, enteredLateAt: null, lateReason: null }),
      })
      .where(and(eq(classAttendance.sessionId, sessionId), eq(classAttendance.participantId, input.participantId)))
      .returning({ id: classAttendance.id });
    if (!row) throw new DomainError('invalid_state', 'not_invited', 'This participant was not invited to this class');
    await audit(tx, caller, now, [
      { verb: 'update', entityType: 'class_attendance', entityId: row.id, programId },
      ...(late ? [{ verb: 'create' as const, entityType: 'late_entry', entityId: row.id, programId }] : []),
    ]);
  });
  return { attended: input.attended };
}
