import { and, count, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import {
  idleEndsAt,
  INVITATION_DAYS,
  invitationState,
  type InvitationView,
  isSessionLive,
  touchAfterMs,
  type InvitationAccept,
  type InvitationInput,
  type Me,
} from '../../../core/accounts';
import { DomainError } from '../../../core/shared/errors';
import { invitationMail } from '../../../core/accounts/mail';
import { DEFAULT_LOCALE, type Locale } from '../../../core/shared/locale';
import { dateOnWords, DEFAULT_TIME_ZONE, localDateOf } from '../../../core/shared/time';
import { decodeCursor, encodeCursor, type Page } from '../../../core/shared/paging';
import type { Role } from '../../../core/shared/vocab';
import type { z } from 'zod';
import { isMemberOf, type Actor } from '../../access/actor';
import { authorize, capabilities } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { hashToken, newId, newToken } from '../../platform/ids';
import { hashPassword, verifyPassword } from '../../platform/passwords';
import { coaches } from '../coaches/coaches.table';
import { participants } from '../participants/participants.table';
import { programs } from '../programs/programs.table';
import { invitations, people, roleGrants, sessions } from './accounts.table';
import { ownCoachId, ownParticipantId, ownParticipantIds } from '../../access/relations';

/** `full`, or half-way through signing in: a code is due (`totp`) or two-factor set-up is (`enrol`). */
export type SessionStage = (typeof sessions.$inferSelect)['stage'];

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

/** Builds the actor for a person: roles by program and the coach and participant records that are theirs. */
export async function loadActor(db: Db, personId: string): Promise<Actor | null> {
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  if (!person) return null;
  const [grants, coachRows, participantRows] = await Promise.all([
    db.select().from(roleGrants).where(eq(roleGrants.personId, personId)),
    db.select({ id: coaches.id, programId: coaches.programId }).from(coaches).where(eq(coaches.personId, personId)),
    db
      .select({ id: participants.id, programId: participants.programId })
      .from(participants)
      .where(eq(participants.personId, personId)),
  ]);
  const roles = new Map<string, Set<Role>>();
  for (const g of grants) {
    const set = roles.get(g.programId) ?? new Set<Role>();
    set.add(g.role);
    roles.set(g.programId, set);
  }
  return {
    personId: person.id,
    displayName: person.displayName,
    email: person.email,
    isAdmin: person.isAdmin,
    roles,
    coachIds: new Map(coachRows.map((c) => [c.programId, c.id])),
    participantIds: new Map(participantRows.map((p) => [p.programId, p.id])),
  };
}

/**
 * Resolves a session cookie to its actor, enforcing idle and absolute expiry. Every request counts
 * as activity ("last seen" is written at most every touchAfterMs) unless `touch` is false (a route
 * that only reads the idle clock); idleEndsAt is when the session ends if nothing else happens (the
 * web app warns before it, ADR 0035).
 */
export async function resumeSession(
  deps: Deps,
  settings: SessionSettings,
  token: string,
  { touch = true }: { touch?: boolean } = {},
): Promise<{ actor: Actor; csrfToken: string; tokenHash: string; stage: SessionStage; idleEndsAt: Date } | null> {
  const now = deps.clock.now();
  const tokenHash = hashToken(token);
  const [s] = await deps.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  if (!s || !isSessionLive(s, settings.idleMinutes, now)) return null;
  let lastSeenAt = s.lastSeenAt;
  if (touch && now.getTime() - s.lastSeenAt.getTime() > touchAfterMs(settings.idleMinutes)) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
    lastSeenAt = now;
  }
  const actor = await loadActor(deps.db, s.personId);
  return actor
    ? {
        actor,
        csrfToken: s.csrfToken,
        tokenHash,
        stage: s.stage,
        idleEndsAt: idleEndsAt({ lastSeenAt, expiresAt: s.expiresAt }, settings.idleMinutes),
      }
    : null;
}

export async function logout(deps: Deps, caller: Caller, tokenHash: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, tokenHash));
    await audit(tx, caller, now, [{ verb: 'sign_out', entityType: 'session' }]);
  });
}

/** Changes the caller's password after checking the current one, and ends every other session. */
export async function changePassword(
  deps: Deps,
  caller: Caller,
  tokenHash: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const now = deps.clock.now();
  const [person] = await deps.db.select().from(people).where(eq(people.id, caller.actor.personId));
  if (!person?.passwordHash || !(await verifyPassword(person.passwordHash, input.currentPassword))) {
    throw new DomainError('invalid_state', 'wrong_current_password', 'The current password is not right');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.update(people).set({ passwordHash, passwordChangedAt: now }).where(eq(people.id, person.id));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.personId, person.id), isNull(sessions.revokedAt)));
    await tx.update(sessions).set({ revokedAt: null }).where(eq(sessions.tokenHash, tokenHash));
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'password', entityId: person.id }]);
  });
}

/** The signed-in person with roles and `can` flags for each program. */
export async function describeMe(
  deps: Deps,
  actor: Actor,
  csrfToken: string,
  stage: SessionStage = 'full',
  idleMinutes = 30,
): Promise<Me> {
  if (stage !== 'full') {
    // Half-way through signing in: who it is, and the next step; no program, role or capability yet.
    return {
      id: actor.personId,
      email: actor.email,
      displayName: actor.displayName,
      isAdmin: false,
      csrfToken,
      memberships: [],
      signInStep: stage,
      idleMinutes,
    };
  }
  const all = await deps.db.select({ id: programs.id, name: programs.name, timeZone: programs.timeZone }).from(programs);
  const visible = all.filter((p) => isMemberOf(actor, p.id));
  // A participant's own choice of language (ADR 0041); with records in several programs, the latest change wins.
  const participantIds = ownParticipantIds(actor);
  const [own] = participantIds.length
    ? await deps.db
        .select({ locale: participants.locale })
        .from(participants)
        .where(inArray(participants.id, participantIds))
        .orderBy(desc(participants.updatedAt))
        .limit(1)
    : [];
  return {
    locale: own?.locale ?? DEFAULT_LOCALE,
    id: actor.personId,
    email: actor.email,
    displayName: actor.displayName,
    isAdmin: actor.isAdmin,
    csrfToken,
    signInStep: 'done',
    idleMinutes,
    memberships: visible
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({
        programId: p.id,
        programName: p.name,
        timeZone: p.timeZone,
        roles: [...(actor.roles.get(p.id) ?? [])],
        coachId: ownCoachId(actor, p.id) ?? null,
        participantId: ownParticipantId(actor, p.id) ?? null,
        can: capabilities(actor, p.id),
      })),
  };
}

/**
 * Invites a person to a program by e-mail with a one-time link that expires. The invitation and its
 * e-mail are written in one transaction, so neither exists without the other.
 */
export async function invite(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: z.infer<typeof InvitationInput>,
): Promise<{ id: string; expiresAt: Date }> {
  authorize(caller.actor, 'invitation:create', { programId });
  const [program] = await deps.db.select().from(programs).where(eq(programs.id, programId));
  if (!program) throw new DomainError('not_found', undefined, 'Not found');
  return deps.db.transaction((tx) => inviteInTransaction(deps, tx, caller, program, input));
}

/**
 * Writes an invitation and its e-mail inside the caller's transaction, so another use case (the
 * volunteer pipeline starting a coach's training) can invite in the same commit as its own change.
 */
export async function inviteInTransaction(
  deps: Deps,
  tx: Tx,
  caller: Caller,
  program: { id: string; name: string; timeZone?: string },
  input: z.infer<typeof InvitationInput>,
): Promise<{ id: string; expiresAt: Date }> {
  const programId = program.id;
  authorize(caller.actor, 'invitation:create', { programId });
  const now = deps.clock.now();
  // A participant's invitation is in his or her language; anyone else's in English (issue #16).
  let locale: Locale = DEFAULT_LOCALE;
  let participantsLanguage = false;
  if (input.subjectId) {
    const table = input.role === 'coach' ? coaches : input.role === 'participant' ? participants : null;
    if (!table)
      throw new DomainError('invalid_state', 'subject_not_allowed', 'Only coach and participant invitations link to a record');
    const [subject]: { personId: string | null; locale: Locale }[] =
      table === participants
        ? await tx
            .select({ personId: participants.personId, locale: participants.locale })
            .from(participants)
            .where(and(eq(participants.id, input.subjectId), eq(participants.programId, programId)))
        : (
            await tx
              .select({ personId: table.personId })
              .from(table)
              .where(and(eq(table.id, input.subjectId), eq(table.programId, programId)))
          ).map((r) => ({ ...r, locale: DEFAULT_LOCALE }));
    if (!subject) throw new DomainError('not_found', undefined, 'Not found');
    if (subject.personId) throw new DomainError('conflict', 'already_has_account', 'This record already has an account');
    locale = subject.locale;
    participantsLanguage = table === participants;
  }
  const token = newToken();
  const id = newId();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  // A participant's link also says the participant's language, so the page opens in it (ADR 0051).
  const lang = participantsLanguage ? `&lang=${locale}` : '';
  const link = `${deps.publicUrl}/invitation#token=${token}${lang}`;
  await tx.insert(invitations).values({
    id,
    programId,
    email: input.email,
    role: input.role,
    displayName: input.displayName,
    subjectId: input.subjectId,
    tokenHash: hashToken(token),
    invitedBy: caller.actor.personId,
    createdAt: now,
    expiresAt,
  });
  await deps.mailer.enqueue(
    tx,
    {
      programId,
      to: input.email,
      ...invitationMail(locale, {
        displayName: input.displayName,
        inviterName: caller.actor.displayName,
        programName: program.name,
        link,
        until: dateOnWords(localDateOf(expiresAt, program.timeZone ?? DEFAULT_TIME_ZONE), locale),
      }),
    },
    now,
  );
  await audit(tx, caller, now, [{ verb: 'create', entityType: 'invitation', entityId: id, programId }]);
  return { id, expiresAt };
}

/**
 * The program's invitations, newest first (ties by id), one page at a time (issue #12), with who sent
 * them and where each stands.
 */
export async function listInvitations(
  deps: Deps,
  caller: Caller,
  programId: string,
  page: { limit: number; before?: string | undefined },
): Promise<Page<InvitationView>> {
  authorize(caller.actor, 'invitation:list', { programId });
  const now = deps.clock.now();
  const cursor = page.before === undefined ? null : decodeCursor(page.before);
  if (page.before !== undefined && !cursor) throw new DomainError('invalid_state', 'bad_cursor', 'This page cursor is not valid');
  const scope = eq(invitations.programId, programId);
  const after = cursor
    ? or(lt(invitations.createdAt, cursor.at), and(eq(invitations.createdAt, cursor.at), lt(invitations.id, cursor.id)))
    : undefined;
  const [found, [{ n } = { n: 0 }]] = await Promise.all([
    deps.db
      .select({ inv: invitations, invitedBy: people.displayName })
      .from(invitations)
      .innerJoin(people, eq(people.id, invitations.invitedBy))
      .where(after ? and(scope, after) : scope)
      .orderBy(desc(invitations.createdAt), desc(invitations.id))
      .limit(page.limit + 1),
    deps.db.select({ n: count() }).from(invitations).where(scope),
  ]);
  await audit(deps.db, caller, now, [{ verb: 'list', entityType: 'invitation', programId }]);
  const rows = found.slice(0, page.limit);
  const last = rows[rows.length - 1]?.inv;
  const nextCursor = found.length > page.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null;
  const items = rows.map(({ inv, invitedBy }) => ({
    id: inv.id,
    email: inv.email,
    displayName: inv.displayName,
    role: inv.role,
    subjectId: inv.subjectId,
    invitedBy,
    createdAt: inv.createdAt.toISOString(),
    expiresAt: inv.expiresAt.toISOString(),
    acceptedAt: inv.acceptedAt?.toISOString() ?? null,
    state: invitationState(inv, now),
  }));
  return { items, nextCursor, total: Number(n) };
}

/** Accepts an invitation: sets the password, grants the role and links the record, once. */
export async function acceptInvitation(
  deps: Deps,
  input: z.infer<typeof InvitationAccept>,
  from: { ip: string | null; requestId: string },
): Promise<{ email: string; isExistingAccount: boolean }> {
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(input.token)))
      .for('update');
    if (!inv || inv.acceptedAt || inv.expiresAt.getTime() <= now.getTime()) {
      throw new DomainError('not_found', 'invitation_invalid', 'This invitation link is not valid any more; ask for a new one');
    }
    let [person] = await tx.select().from(people).where(eq(people.email, inv.email));
    const isExistingAccount = Boolean(person?.passwordHash);
    // An existing account keeps its password: the link only grants the role. Whoever holds the link
    // (staff can read captured mail) must not be able to take over an account, an admin's included.
    if (!person) {
      [person] = await tx
        .insert(people)
        .values({
          id: newId(),
          email: inv.email,
          displayName: inv.displayName,
          passwordHash,
          passwordChangedAt: now,
          createdAt: now,
        })
        .returning();
    } else if (!person.passwordHash) {
      [person] = await tx
        .update(people)
        .set({ passwordHash, passwordChangedAt: now })
        .where(eq(people.id, person.id))
        .returning();
    }
    if (!person) throw new Error('person row missing');
    await tx
      .insert(roleGrants)
      .values({ personId: person.id, programId: inv.programId, role: inv.role, createdAt: now })
      .onConflictDoNothing();
    if (inv.subjectId && inv.role === 'coach') {
      await tx.update(coaches).set({ personId: person.id }).where(eq(coaches.id, inv.subjectId));
    }
    if (inv.subjectId && inv.role === 'participant') {
      await tx.update(participants).set({ personId: person.id }).where(eq(participants.id, inv.subjectId));
    }
    await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, inv.id));
    await audit(tx, { actor: { personId: person.id }, ...from }, now, [
      { verb: 'update', entityType: 'invitation', entityId: inv.id, programId: inv.programId },
    ]);
    return { email: person.email, isExistingAccount };
  });
}

/** Creates (or updates) an account from the command line, e.g. the first administrator of a deployment. */
export async function createUser(
  db: Db,
  now: Date,
  input: { email: string; displayName: string; password: string; isAdmin: boolean; grants?: { programId: string; role: Role }[] },
): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(people).where(eq(people.email, input.email));
    const id = existing?.id ?? newId();
    if (existing) {
      await tx
        .update(people)
        .set({ passwordHash, displayName: input.displayName, isAdmin: input.isAdmin || existing.isAdmin, passwordChangedAt: now })
        .where(eq(people.id, id));
    } else {
      await tx.insert(people).values({
        id,
        email: input.email,
        displayName: input.displayName,
        passwordHash,
        isAdmin: input.isAdmin,
        passwordChangedAt: now,
        createdAt: now,
      });
    }
    for (const g of input.grants ?? []) {
      await tx
        .insert(roleGrants)
        .values({ personId: id, programId: g.programId, role: g.role, createdAt: now })
        .onConflictDoNothing();
    }
    await audit(tx, { actor: null, requestId: 'cli', ip: null }, now, [
      { verb: existing ? 'update' : 'create', entityType: 'person', entityId: id },
    ]);
    return id;
  });
}
