import { DomainError } from '../../core/shared/errors';
import { actions, type Action } from '../../core/shared/actions';
import type { StudyRole } from '../../core/interviews/schemas';
import type { Role } from '../../core/shared/vocab';
import { rolesIn, type Actor } from './actor';

export { actions, type Action };

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
/** Staff see everything; evaluators see codes only (no names, masked arms where a study is blinded). */
const staffOrPseudonymousEvaluator: Rule = (r) => (isStaff(r) ? 'full' : r.has('evaluator') ? 'pseudonymous' : null);
const adminOnly: Rule = (r) => (r.has('admin') ? 'full' : null);
const anyRole: Rule = (r) => (r.size > 0 ? 'full' : null);

/** The one table that decides who may do what. Nothing else in Kindred grants access. */
export const policy = {
  'program:create': () => null, // Deployment admins only; see authorizeDeployment.
  'program:view': anyRole,
  'program:update': adminOnly,
  'overview:view': staffOrPseudonymousEvaluator,
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
  // The volunteer pipeline (#6): applicants are personal data that staff screen and move along.
  'volunteer:list': staffOnly,
  'volunteer:view': staffOnly,
  'volunteer:move': staffOnly,
  'volunteer:settings': staffOnly,
  // Training: staff follow every coach's progress; a coach sees and takes his or her own modules
  // and signs his or her own agreement. Nobody passes a module or signs for someone else.
  'training:view': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'self' ? 'self' : null),
  'training:take': (r, rel) => (r.has('coach') && rel === 'self' ? 'self' : null),
  'agreement:sign': (r, rel) => (r.has('coach') && rel === 'self' ? 'self' : null),
  'pairing:create': staffOnly,
  'pairing:end': staffOnly,
  'pairing:list': staffOnly,
  'matching:propose': staffOnly,
  'matching:approve': staffOnly,
  'matching:configure': staffOnly,
  // What kinds of matches last (#6): counts only, no names, so evaluators read it pseudonymously.
  'matching:report': staffOrPseudonymousEvaluator,
  // Keeping coaches (#6, ADR 0016): staff schedule boosters and follow each coach's training state.
  'booster:manage': staffOnly,
  'coach_care:view': staffOnly,
  // A coach's own well-being check-in: only the coach records it; the coach and staff read it.
  'wellbeing:record': (r, rel) => (r.has('coach') && rel === 'self' ? 'self' : null),
  'wellbeing:view': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'self' ? 'self' : null),
  'wellbeing:follow_up': staffOnly,
  // "The difference I am making": the coach's own numbers, and staff.
  'impact:view': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'self' ? 'self' : null),
  // A participant thanks his or her own coach.
  'thanks:send': (r, rel) => (r.has('participant') && rel === 'self' ? 'self' : null),
  'contact:log': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'coach_of' ? 'coaching' : null),
  'contact:list': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'coach_of' ? 'coaching' : null),
  'task:list': (r) => (isStaff(r) ? 'full' : r.has('coach') ? 'coaching' : null),
  // Best times to try a participant: staff, and the participant's own coach.
  'outreach:suggest': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'coach_of' ? 'coaching' : null),
  // "Pairs that need help" and the ladder's check-in calls and decisions are staff work.
  'pair:list': staffOnly,
  'ladder:record': staffOnly,
  // A coach says how and when to be reached; staff may read and change it.
  'coach:preferences': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'self' ? 'self' : null),
  // Sessions a pair agrees (#3): staff and the pair's coach schedule, move and cancel them; the
  // participant sees his or her own. The program's video-room template and reminders are staff's.
  'session:view': (r, rel) => {
    if (isStaff(r)) return 'full';
    if (r.has('coach') && rel === 'coach_of') return 'coaching';
    if (r.has('participant') && rel === 'self') return 'self';
    return null;
  },
  'session:schedule': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'coach_of' ? 'coaching' : null),
  'scheduling:configure': staffOnly,
  // Curriculum content is not personal data. Participants read the handouts; coaches, staff and
  // evaluators (who judge fidelity to the manual) also read the coach's guide.
  'curriculum:view': (r) => {
    if (isStaff(r) || r.has('evaluator')) return 'full';
    if (r.has('coach')) return 'coaching';
    if (r.has('participant')) return 'self';
    return null;
  },
  // Action plans are made and reviewed by the participant's own coach (or staff) and read by the
  // participant too; evaluators get only pseudonymous counts per pair (plan:summary), never the text.
  'plan:list': (r, rel) => {
    if (isStaff(r)) return 'full';
    if (r.has('coach') && rel === 'coach_of') return 'coaching';
    if (r.has('participant') && rel === 'self') return 'self';
    return null;
  },
  'plan:create': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'coach_of' ? 'coaching' : null),
  'plan:review': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'coach_of' ? 'coaching' : null),
  'plan:summary': staffOrPseudonymousEvaluator,
  // The session guide logs a contact and makes plans: the participant's own coach (or staff), like contact:log.
  'guide:run': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'coach_of' ? 'coaching' : null),
  // The weekly check-in, the practice log and the sharing setting are the participant's own voice.
  'checkin:record': (r, rel) => (r.has('participant') && rel === 'self' ? 'self' : null),
  // The progress picture. The coach's view leaves out check-ins and the practice log when the
  // participant turned sharing off (decided in the plans service from the participant's setting).
  // Evaluators see none of it: self-tracking is not research data.
  'progress:view': (r, rel) => {
    if (isStaff(r)) return 'full';
    if (r.has('coach') && rel === 'coach_of') return 'coaching';
    if (r.has('participant') && rel === 'self') return 'self';
    return null;
  },
  'encouragement:write': (r, rel) => (isStaff(r) ? 'full' : r.has('coach') && rel === 'coach_of' ? 'coaching' : null),
  'invitation:create': staffOnly,
  'invitation:list': staffOnly,
  'audit:view': staffOnly,
  'mail:view': staffOnly,
  'mail:resend': staffOnly,
  // Safety (issue #5): staff raise for anyone, a coach for his or her own participants, a
  // participant for himself or herself ("I need help now"). Only staff see, act on and configure
  // events; evaluators read the log pseudonymously for oversight. Crisis help is for everyone.
  'safety:raise': (r, rel) => {
    if (isStaff(r)) return 'full';
    if (r.has('coach') && rel === 'coach_of') return 'coaching';
    if (r.has('participant') && rel === 'self') return 'self';
    return null;
  },
  'safety:view': staffOnly,
  'safety:act': staffOnly,
  'safety:log': staffOrPseudonymousEvaluator,
  'safety:configure': staffOnly,
  'crisis:view': anyRole,
  // Assessments (issue #5, ADR 0015). Staff configure timepoints and instruments. Assessors enter
  // research assessments and are blind to the trial arm: they hold no coaching action above, and
  // the assessment views carry no coach, pairing, contact, plan or arm. Evaluators get the
  // pseudonymous program report only.
  'assessment:configure': staffOnly,
  'assessment:list': (r) => (isStaff(r) || r.has('assessor') ? 'full' : null),
  'assessment:view': (r) => (isStaff(r) || r.has('assessor') ? 'full' : null),
  'assessment:enter': (r) => (isStaff(r) || r.has('assessor') ? 'full' : null),
  'assessment:report': (r) => (isStaff(r) || r.has('assessor') ? 'full' : r.has('evaluator') ? 'pseudonymous' : null),
  // Fidelity and engagement reports (#12): pseudonymous codes only, for evaluators and staff. The
  // fidelity report sets coaches side by side, so it is not for coaches; assessors are blind to it.
  'fidelity:report': staffOrPseudonymousEvaluator,
  'engagement:report': staffOrPseudonymousEvaluator,
  // Whether a program requires two-factor sign-in of its staff (ADR 0021).
  'signin:configure': staffOnly,
  // Trials (issue #11, ADRs 0024–0025). Coordinators deliver the intervention, so staff see real
  // arms; assessors hold no study action at all (they never see an arm); evaluators see the CONSORT
  // flow with masked labels until an admin unblinds, and may run the pre-trial simulation. Only an
  // admin unblinds the study or one participant, and the sequence is exported only after unblinding.
  'study:view': staffOnly,
  'study:design': staffOnly,
  'study:simulate': staffOrPseudonymousEvaluator,
  'study:enrol': staffOnly,
  'study:randomize': staffOnly,
  'study:unblind': adminOnly,
  'study:emergency_unblind': adminOnly,
  'study:sequence': adminOnly,
  'consort:view': staffOrPseudonymousEvaluator,
  // The comparison arm's class sessions, invitations and attendance: staff deliver them.
  'study:classes': staffOnly,
  // The study's data exports (ADR 0028): staff with arm keys; evaluators pseudonymous, masked until unblinded.
  'study:export': staffOrPseudonymousEvaluator,
  // The outcome report and "Whom to target" (#12, ADR 0029): staff see real arms; evaluators codes
  // and masked arms until unblinding; assessors are blind to arms, coaches and participants see none.
  'outcomes:report': staffOrPseudonymousEvaluator,
  // Entering a pairing start, contact or attendance late with a reason (ADR 0030): staff only.
  'record:late_entry': staffOnly,
  // Interview studies (#13, ADRs 0032 and 0052): the program-level ceiling. Staff (coordinators,
  // admins) may run a study, import transcripts, read originals and confirm de-identification;
  // evaluators read, code and export the de-identified copies only (the pseudonymous view). Coaches
  // and participants never see them. Each study's team narrows this further: see `decideStudy`.
  'interview:view': staffOrPseudonymousEvaluator,
  'interview:manage': staffOnly,
  'interview:code': staffOrPseudonymousEvaluator,
  'interview:export': staffOrPseudonymousEvaluator,
  // Purposive sampling (ADR 0044): study staff draw a frame and record invitations and declines;
  // evaluators read drawn frames by code only (interview:view), never names.
  'interview:sample': staffOnly,
  // Interview invitations (ADR 0050): study staff invite, record a consent or decline given by phone,
  // keep the consent versions and schedule; the invited participant reads and answers his or her own
  // invitation. Coaches and evaluators never see one.
  'interview:invite': staffOnly,
  'interview:respond': (r, rel) => (r.has('participant') && rel === 'self' ? 'self' : null),
  // A study's team (ADR 0052): program staff manage any study's team (so no study is locked out),
  // which is how a study's lead does it too (only staff lead).
  'interview:team': staffOnly,
} as const satisfies Record<Action, Rule>;

/** What the actor may see, or null: the pure decision, for tests and for `can` flags. */
export function decide(actor: Actor, action: Action, programId: string, relation: Relation = 'none'): View | null {
  return policy[action](rolesIn(actor, programId), relation);
}

/** What each role on a study's team may do there (ADR 0052); `interview:team` is the program's. */
const studyActions: Record<StudyRole, readonly Action[]> = {
  lead: ['interview:view', 'interview:manage', 'interview:code', 'interview:export', 'interview:sample', 'interview:invite'],
  coder: ['interview:view', 'interview:code', 'interview:export'],
  reader: ['interview:view', 'interview:export'],
};

/**
 * What the actor may see of one interview study, or null (ADR 0052). The program's rule is the
 * ceiling (coaches and participants never, evaluators pseudonymous); within it only the study's
 * team acts on the study, each as its role allows. Only the lead sees originals, pending transcripts
 * and names: coders and readers, staff or not, get the de-identified (pseudonymous) view.
 */
export function decideStudy(actor: Actor, action: Action, programId: string, studyRole: StudyRole | null): View | null {
  const ceiling = decide(actor, action, programId);
  if (!ceiling || !studyRole || !studyActions[studyRole].includes(action)) return null;
  return studyRole === 'lead' ? ceiling : 'pseudonymous';
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
