import { DomainError } from '../../core/shared/errors';
import type { Role } from '../../core/shared/vocab';
import { rolesIn, type Actor } from './actor';

/** Every action in Kindred, as `noun:verb`. Adding one forces a rule below (the `satisfies` check). */
export const actions = [
  'program:create',
  'program:view',
  'program:update',
  'overview:view',
  'participant:list',
  'participant:view',
  'participant:create',
  'participant:update',
  'participant:status',
  'participant:preferences',
  'coach:list',
  'coach:view',
  'coach:create',
  'coach:update',
  'pairing:create',
  'pairing:end',
  'pairing:list',
  'contact:log',
  'contact:list',
  'task:list',
  'invitation:create',
  'invitation:list',
  'audit:view',
  'mail:view',
] as const;
export type Action = (typeof actions)[number];

/**
 * How the actor stands to the record: it is the actor's own (`self`), the actor coaches it through
 * an active pairing (`coach_of`), or neither. (A participant sees the coach through his or her own
 * record's `self` view, which carries the coach's name and how to reach the coach.)
 */
export type Relation = 'none' | 'self' | 'coach_of';

/**
 * What the actor may see of a record when allowed: everything (staff), what coaching needs, one's
 * own record, or pseudonymous research data.
 */
export type View = 'full' | 'coaching' | 'self' | 'pseudonymous';

type Rule = (roles: ReadonlySet<Role>, relation: Relation) => View | null;

const isStaff = (r: ReadonlySet<Role>): boolean => r.has('admin') || r.has('coordinator');
const staffOnly: Rule = (r) => (isStaff(r) ? 'full' : null);
const anyRole: Rule = (r) => (r.size > 0 ? 'full' : null);

/** The one table that decides who may do what. Nothing else in Kindred grants access. */
export const policy = {
  'program:create': () => null, // Deployment admins only; see authorizeDeployment.
  'program:view': anyRole,
  'program:update': (r) => (r.has('admin') ? 'full' : null),
  'overview:view': (r) => (isStaff(r) ? 'full' : r.has('evaluator') ? 'pseudonymous' : null),
  'participant:list': (r) => (isStaff(r) ? 'full' : r.has('coach') ? 'coaching' : r.has('evaluator') ? 'pseudonymous' : null),
  'participant:view': (r, rel) => {
    if (isStaff(r)) return 'full';
    if (r.has('coach') && rel === 'coach_of') return 'coaching';
    if (r.has('participant') && rel === 'self') return 'self';
    if (r.has('evaluator')) return 'pseudonymous';
    return null;
  },
  'participant:create': staffOnly,
  'participant:update': staffOnly,
  'participant:status': staffOnly,
  'participant:preferences': (r, rel) => (isStaff(r) ? 'full' : r.has('participant') && rel === 'self' ? 'self' : null),
  'coach:list': staffOnly,
  'coach:view': (r, rel) => {
    if (isStaff(r)) return 'full';
    if (r.has('coach') && rel === 'self') return 'self';
    return null;
  },
  'coach:create': staffOnly,
  'coach:update': staffOnly,
  'pairing:create': staffOnly,
  'pairing:end': staffOnly,
  'pairing:list': staffOnly,
  'contact:log': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'coach_of' ? 'coaching' : null),
  'contact:list': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'coach_of' ? 'coaching' : null),
  'task:list': (r) => (isStaff(r) ? 'full' : r.has('coach') ? 'coaching' : null),
  'invitation:create': staffOnly,
  'invitation:list': staffOnly,
  'audit:view': staffOnly,
  'mail:view': staffOnly,
} as const satisfies Record<Action, Rule>;

/** What the actor may see, or null: the pure decision, for tests and for `can` flags. */
export function decide(actor: Actor, action: Action, programId: string, relation: Relation = 'none'): View | null {
  return policy[action](rolesIn(actor, programId), relation);
}

/**
 * Authorizes an action in a program. Refusals answer `not_found` when the record is outside the
 * caller's reach (so its existence is not revealed) and `forbidden` for program-level actions.
 */
export function authorize(
  actor: Actor,
  action: Action,
  target: { programId: string; relation?: Relation; hideExistence?: boolean },
): View {
  const view = decide(actor, action, target.programId, target.relation ?? 'none');
  if (view) return view;
  const isOutsideProgram = rolesIn(actor, target.programId).size === 0;
  if (target.hideExistence || isOutsideProgram) throw new DomainError('not_found', undefined, 'Not found');
  throw new DomainError('forbidden', undefined, 'You do not have permission to do this');
}

/** Deployment-level actions (creating programs) belong to deployment administrators. */
export function authorizeDeployment(actor: Actor): void {
  if (!actor.isAdmin) throw new DomainError('forbidden', undefined, 'Only an administrator can do this');
}

const relations: readonly Relation[] = ['none', 'self', 'coach_of'];

/** The actions an actor may take in a program on some record, for the UI's `can` flags. */
export function capabilities(actor: Actor, programId: string): Action[] {
  return actions.filter((a) => relations.some((rel) => decide(actor, a, programId, rel) !== null));
}
