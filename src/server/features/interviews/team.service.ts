import { and, asc, eq, inArray } from 'drizzle-orm';
import type { StudyRole, TeamMemberInput, TeamView } from '../../../core/interviews';
import { DomainError, notFound } from '../../../core/shared/errors';
import { authorizeStudyTeam } from '../../access/study-access';
import { audit, type AuditVerb } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Tx } from '../../platform/database';
import { people, roleGrants } from '../accounts/accounts.table';
import { loadProgram } from '../programs';
import { interviewStudies, interviewStudyMembers } from './interviews.table';

/**
 * A study's team (issue #13, ADR 0052): program staff (the study's lead among them) list, add,
 * change and remove members; a study always keeps at least one lead. Every read and change is
 * audited: the member changed (`interview_study_member`, by person) and the team (`interview_study_team`, by study).
 */

/** The program roles that may be on a team; only staff may lead. */
const teamRoles = ['admin', 'coordinator', 'evaluator'] as const;
const staffRoles: readonly string[] = ['admin', 'coordinator'];

async function teamOf(db: Deps['db'] | Tx, programId: string, studyId: string): Promise<TeamView> {
  const [members, grants, admins] = await Promise.all([
    db
      .select({
        personId: people.id,
        name: people.displayName,
        role: interviewStudyMembers.role,
        addedAt: interviewStudyMembers.addedAt,
      })
      .from(interviewStudyMembers)
      .innerJoin(people, eq(people.id, interviewStudyMembers.personId))
      .where(eq(interviewStudyMembers.studyId, studyId))
      .orderBy(asc(people.displayName)),
    db
      .select({ personId: people.id, name: people.displayName, role: roleGrants.role })
      .from(roleGrants)
      .innerJoin(people, eq(people.id, roleGrants.personId))
      .where(and(eq(roleGrants.programId, programId), inArray(roleGrants.role, [...teamRoles])))
      .orderBy(asc(people.displayName)),
    // Deployment administrators hold admin in every program.
    db
      .select({ personId: people.id, name: people.displayName })
      .from(people)
      .where(eq(people.isAdmin, true))
      .orderBy(asc(people.displayName)),
  ]);
  const onTeam = new Set(members.map((m) => m.personId));
  const everyone = [...grants, ...admins.map((a) => ({ ...a, role: 'admin' }))];
  const staff = new Set(everyone.filter((g) => staffRoles.includes(g.role)).map((g) => g.personId));
  const candidates = new Map<string, { personId: string; name: string; canLead: boolean }>();
  for (const g of everyone) {
    if (!onTeam.has(g.personId))
      candidates.set(g.personId, { personId: g.personId, name: g.name, canLead: staff.has(g.personId) });
  }
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
  return {
    members: members.map((m) => ({ ...m, addedAt: m.addedAt.toISOString(), canLead: staff.has(m.personId) })),
    candidates: [...candidates.values()].sort(byName),
  };
}

/** The study's team and who may be added to it. */
export async function getStudyTeam(deps: Deps, caller: Caller, programId: string, studyId: string): Promise<TeamView> {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudyTeam(deps.db, caller.actor, programId, studyId);
  const team = await teamOf(deps.db, programId, studyId);
  await audit(deps.db, caller, deps.clock.now(), [
    { verb: 'read', entityType: 'interview_study_team', entityId: studyId, programId },
  ]);
  return team;
}

/** Refuses a person who holds no staff or evaluator role in the program, and an evaluator as lead. */
async function requireEligible(tx: Tx, programId: string, personId: string, role: StudyRole): Promise<void> {
  const grants = await tx
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .where(and(eq(roleGrants.programId, programId), eq(roleGrants.personId, personId), inArray(roleGrants.role, [...teamRoles])));
  const [person] = await tx.select({ isAdmin: people.isAdmin }).from(people).where(eq(people.id, personId));
  if (person?.isAdmin) grants.push({ role: 'admin' });
  if (grants.length === 0)
    throw new DomainError('invalid_state', 'not_program_staff', 'Only the program’s staff and evaluators can be on a study team');
  if (role === 'lead' && !grants.some((g) => staffRoles.includes(g.role)))
    throw new DomainError('invalid_state', 'lead_must_be_staff', 'Only a coordinator or administrator can lead a study');
}

/**
 * One change to the team inside a transaction that locks the study row (two changes to one team
 * wait for each other, so the last lead cannot be removed by two requests at once), then the team.
 */
async function changeTeam(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  personId: string,
  verb: AuditVerb,
  change: (tx: Tx, current: StudyRole | null, leads: number) => Promise<void>,
): Promise<TeamView> {
  await loadProgram(deps.db, caller, programId);
  await authorizeStudyTeam(deps.db, caller.actor, programId, studyId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await tx.select({ id: interviewStudies.id }).from(interviewStudies).where(eq(interviewStudies.id, studyId)).for('update');
    const members = await tx.select().from(interviewStudyMembers).where(eq(interviewStudyMembers.studyId, studyId));
    const current = members.find((m) => m.personId === personId)?.role ?? null;
    await change(tx, current, members.filter((m) => m.role === 'lead').length);
    await audit(tx, caller, now, [
      { verb, entityType: 'interview_study_member', entityId: personId, programId },
      { verb: 'update', entityType: 'interview_study_team', entityId: studyId, programId },
    ]);
    return teamOf(tx, programId, studyId);
  });
}

const lastLead = () => new DomainError('conflict', 'last_lead', 'A study needs at least one lead: make someone else lead first');

/** Adds a person of the program's staff or evaluators to the team with a role. */
export async function addTeamMember(deps: Deps, caller: Caller, programId: string, studyId: string, input: TeamMemberInput) {
  const now = deps.clock.now();
  return changeTeam(deps, caller, programId, studyId, input.personId, 'create', async (tx, current) => {
    if (current) throw new DomainError('conflict', 'already_on_team', 'This person is already on the study team');
    await requireEligible(tx, programId, input.personId, input.role);
    await tx.insert(interviewStudyMembers).values({
      studyId,
      personId: input.personId,
      programId,
      role: input.role,
      addedAt: now,
      addedBy: caller.actor.personId,
    });
  });
}

/** Changes a member's role; the last lead stays lead. */
export async function changeTeamRole(
  deps: Deps,
  caller: Caller,
  programId: string,
  studyId: string,
  personId: string,
  role: StudyRole,
) {
  return changeTeam(deps, caller, programId, studyId, personId, 'update', async (tx, current, leads) => {
    if (!current) throw notFound();
    if (current === 'lead' && role !== 'lead' && leads <= 1) throw lastLead();
    await requireEligible(tx, programId, personId, role);
    await tx
      .update(interviewStudyMembers)
      .set({ role })
      .where(and(eq(interviewStudyMembers.studyId, studyId), eq(interviewStudyMembers.personId, personId)));
  });
}

/** Takes a member off the team; the last lead cannot be removed. */
export async function removeTeamMember(deps: Deps, caller: Caller, programId: string, studyId: string, personId: string) {
  return changeTeam(deps, caller, programId, studyId, personId, 'delete', async (tx, current, leads) => {
    if (!current) throw notFound();
    if (current === 'lead' && leads <= 1) throw lastLead();
    await tx
      .delete(interviewStudyMembers)
      .where(and(eq(interviewStudyMembers.studyId, studyId), eq(interviewStudyMembers.personId, personId)));
  });
}
