import type { Role } from '../../core/shared/vocab';

/** Who is asking: the signed-in person, the roles held in each program, and the records that are theirs. */
export interface Actor {
  personId: string;
  displayName: string;
  email: string;
  /** A deployment administrator holds `admin` in every program. */
  isAdmin: boolean;
  /** Roles by program id. */
  roles: ReadonlyMap<string, ReadonlySet<Role>>;
  /** The coach record this person is, by program id. */
  coachIds: ReadonlyMap<string, string>;
  /** The participant record this person is, by program id. */
  participantIds: ReadonlyMap<string, string>;
}

/** The roles an actor holds in one program, with deployment admins treated as admins everywhere. */
export function rolesIn(actor: Actor, programId: string): ReadonlySet<Role> {
  const roles = new Set(actor.roles.get(programId) ?? []);
  if (actor.isAdmin) roles.add('admin');
  return roles;
}

/** Whether the actor belongs to a program at all (a deployment admin belongs to every one). */
export function isMemberOf(actor: Actor, programId: string): boolean {
  return actor.isAdmin || actor.roles.has(programId);
}
