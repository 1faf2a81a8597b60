import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/shared/errors';
import type { Role } from '../../core/shared/vocab';
import type { Actor } from './actor';
import {
  actions,
  authorize,
  authorizeDeployment,
  capabilities,
  decide,
  decideStudy,
  type Action,
  type Relation,
  type View,
} from './policy';

const PROGRAM = '00000000-0000-4000-8000-00000000000a';
const OTHER_PROGRAM = '00000000-0000-4000-8000-00000000000b';

type RoleKey = Role | 'none';
const roleKeys: readonly RoleKey[] = ['admin', 'coordinator', 'coach', 'participant', 'evaluator', 'assessor', 'none'];
const relations: readonly Relation[] = ['none', 'self', 'coach_of'];

/** One cell per relation, in the order none, self, coach_of. */
type Row = readonly [View | null, View | null, View | null];

const _ = null;
const F = 'full';
const C = 'coaching';
const S = 'self';
const P = 'pseudonymous';

const ALL_F: Row = [F, F, F];
const NONE: Row = [_, _, _];
/** Staff (admin, coordinator) only. */
const staffOnly = { admin: ALL_F, coordinator: ALL_F, coach: NONE, participant: NONE, evaluator: NONE, none: NONE } as const;
/** A row of the matrix; the assessor column may be left out, meaning NONE (assessors are blind to coaching data). */
type ExpectedRow = Record<Exclude<RoleKey, 'assessor'>, Row> & { assessor?: Row };
const rowOf = (action: Action, role: RoleKey): Row => (expected[action] as ExpectedRow)[role] ?? NONE;

/**
 * The expected answer of `decide()` for every action × role × relation, written out by hand: a
 * change to any rule must change this table too. The `satisfies` makes a new action fail to compile
 * until it has a row here.
 */
const expected = {
  'program:create': { admin: NONE, coordinator: NONE, coach: NONE, participant: NONE, evaluator: NONE, none: NONE },
  'program:view': {
    admin: ALL_F,
    coordinator: ALL_F,
    coach: ALL_F,
    participant: ALL_F,
    evaluator: ALL_F,
    assessor: ALL_F,
    none: NONE,
  },
  'program:update': { admin: ALL_F, coordinator: NONE, coach: NONE, participant: NONE, evaluator: NONE, none: NONE },
  'overview:view': { admin: ALL_F, coordinator: ALL_F, coach: NONE, participant: NONE, evaluator: [P, P, P], none: NONE },
  'participant:list': { admin: ALL_F, coordinator: ALL_F, coach: [C, C, C], participant: NONE, evaluator: [P, P, P], none: NONE },
  'participant:view': {
    admin: ALL_F,
    coordinator: ALL_F,
    coach: [_, _, C],
    participant: [_, S, _],
    evaluator: [P, P, P],
    none: NONE,
  },
  'participant:create': staffOnly,
  'participant:update': staffOnly,
  'participant:status': staffOnly,
  'participant:preferences': {
    admin: ALL_F,
    coordinator: ALL_F,
    coach: NONE,
    participant: [_, S, _],
    evaluator: NONE,
    none: NONE,
  },
  'coach:list': staffOnly,
  'coach:view': { admin: ALL_F, coordinator: ALL_F, coach: [_, S, _], participant: NONE, evaluator: NONE, none: NONE },
  'coach:create': staffOnly,
  'coach:update': staffOnly,
  'volunteer:list': staffOnly,
  'volunteer:view': staffOnly,
  'volunteer:move': staffOnly,
  'volunteer:settings': staffOnly,
  'training:view': { admin: ALL_F, coordinator: ALL_F, coach: [_, S, _], participant: NONE, evaluator: NONE, none: NONE },
  'training:take': { admin: NONE, coordinator: NONE, coach: [_, S, _], participant: NONE, evaluator: NONE, none: NONE },
  'agreement:sign': { admin: NONE, coordinator: NONE, coach: [_, S, _], participant: NONE, evaluator: NONE, none: NONE },
  'pairing:create': staffOnly,
  'pairing:end': staffOnly,
  'pairing:list': staffOnly,
  'matching:propose': staffOnly,
  'matching:approve': staffOnly,
  'matching:configure': staffOnly,
  'matching:report': { admin: ALL_F, coordinator: ALL_F, coach: NONE, participant: NONE, evaluator: [P, P, P], none: NONE },
  'booster:manage': staffOnly,
  'coach_care:view': staffOnly,
  'wellbeing:record': { admin: NONE, coordinator: NONE, coach: [_, S, _], participant: NONE, evaluator: NONE, none: NONE },
  'wellbeing:view': { admin: ALL_F, coordinator: ALL_F, coach: [_, S, _], participant: NONE, evaluator: NONE, none: NONE },
  'wellbeing:follow_up': staffOnly,
  'impact:view': { admin: ALL_F, coordinator: ALL_F, coach: [_, S, _], participant: NONE, evaluator: NONE, none: NONE },
  'thanks:send': { admin: NONE, coordinator: NONE, coach: NONE, participant: [_, S, _], evaluator: NONE, none: NONE },
  'contact:log': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: NONE, evaluator: NONE, none: NONE },
  'contact:list': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: NONE, evaluator: NONE, none: NONE },
  'task:list': { admin: ALL_F, coordinator: ALL_F, coach: [C, C, C], participant: NONE, evaluator: NONE, none: NONE },
  'outreach:suggest': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: NONE, evaluator: NONE, none: NONE },
  'pair:list': staffOnly,
  'ladder:record': staffOnly,
  'coach:preferences': { admin: ALL_F, coordinator: ALL_F, coach: [_, S, _], participant: NONE, evaluator: NONE, none: NONE },
  'session:view': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: [_, S, _], evaluator: NONE, none: NONE },
  'session:schedule': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: NONE, evaluator: NONE, none: NONE },
  'scheduling:configure': staffOnly,
  'curriculum:view': { admin: ALL_F, coordinator: ALL_F, coach: [C, C, C], participant: [S, S, S], evaluator: ALL_F, none: NONE },
  'plan:list': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: [_, S, _], evaluator: NONE, none: NONE },
  'plan:create': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: NONE, evaluator: NONE, none: NONE },
  'plan:review': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: NONE, evaluator: NONE, none: NONE },
  'guide:run': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: NONE, evaluator: NONE, none: NONE },
  'plan:summary': { admin: ALL_F, coordinator: ALL_F, coach: NONE, participant: NONE, evaluator: [P, P, P], none: NONE },
  'checkin:record': { admin: NONE, coordinator: NONE, coach: NONE, participant: [_, S, _], evaluator: NONE, none: NONE },
  'progress:view': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: [_, S, _], evaluator: NONE, none: NONE },
  'encouragement:write': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: NONE, evaluator: NONE, none: NONE },
  'invitation:create': staffOnly,
  'invitation:list': staffOnly,
  'audit:view': staffOnly,
  'mail:view': staffOnly,
  'mail:resend': staffOnly,
  'safety:raise': { admin: ALL_F, coordinator: ALL_F, coach: [_, _, C], participant: [_, S, _], evaluator: NONE, none: NONE },
  'safety:view': staffOnly,
  'safety:act': staffOnly,
  'safety:log': { admin: ALL_F, coordinator: ALL_F, coach: NONE, participant: NONE, evaluator: [P, P, P], none: NONE },
  'safety:configure': staffOnly,
  'crisis:view': {
    admin: ALL_F,
    coordinator: ALL_F,
    coach: ALL_F,
    participant: ALL_F,
    evaluator: ALL_F,
    assessor: ALL_F,
    none: NONE,
  },
  // Assessments (ADR 0015). The assessor column is written only where an assessor is allowed; every
  // other row means "nothing" for an assessor (the blinding rule: no coaching data, no arm).
  'assessment:configure': staffOnly,
  'signin:configure': staffOnly,
  'assessment:list': { ...staffOnly, assessor: ALL_F },
  'assessment:view': { ...staffOnly, assessor: ALL_F },
  'assessment:enter': { ...staffOnly, assessor: ALL_F },
  'assessment:report': { ...staffOnly, evaluator: [P, P, P], assessor: ALL_F },
  // Fidelity and engagement reports (#12): codes only, evaluators and staff; never coaches or assessors.
  'fidelity:report': { ...staffOnly, evaluator: [P, P, P] },
  'engagement:report': { ...staffOnly, evaluator: [P, P, P] },
  // Trials (ADRs 0024–0025): assessors hold none of these (no arm, ever); evaluators see masked CONSORT.
  'study:view': staffOnly,
  'study:design': staffOnly,
  'study:simulate': { ...staffOnly, evaluator: [P, P, P] },
  'study:enrol': staffOnly,
  'study:randomize': staffOnly,
  'study:unblind': { ...staffOnly, coordinator: NONE },
  'study:emergency_unblind': { ...staffOnly, coordinator: NONE },
  'study:sequence': { ...staffOnly, coordinator: NONE },
  'consort:view': { ...staffOnly, evaluator: [P, P, P] },
  'study:classes': staffOnly,
  'study:export': { ...staffOnly, evaluator: [P, P, P] },
  // The outcome report (#12, ADR 0029): staff full, evaluators pseudonymous (masked arms); never assessors.
  'outcomes:report': { ...staffOnly, evaluator: [P, P, P] },
  'record:late_entry': staffOnly,
  // Interviews (#13): evaluators read, code and export de-identified copies; never manage the study.
  'interview:view': { ...staffOnly, evaluator: [P, P, P] },
  'interview:manage': staffOnly,
  'interview:code': { ...staffOnly, evaluator: [P, P, P] },
  'interview:export': { ...staffOnly, evaluator: [P, P, P] },
  'interview:sample': staffOnly,
  'interview:invite': staffOnly,
  'interview:respond': { admin: NONE, coordinator: NONE, coach: NONE, participant: [_, S, _], evaluator: NONE, none: NONE },
  'interview:team': staffOnly,
} as const satisfies Record<Action, ExpectedRow>;

function actor(roles: Role[], o: Partial<Actor> = {}): Actor {
  return {
    personId: '00000000-0000-4000-8000-000000000001',
    displayName: 'Test',
    email: 'test@example.org',
    isAdmin: false,
    roles: new Map(roles.length ? [[PROGRAM, new Set(roles)]] : []),
    coachIds: new Map(),
    participantIds: new Map(),
    ...o,
  };
}

const actorFor = (role: RoleKey): Actor => actor(role === 'none' ? [] : [role]);

describe('the policy matrix: role × action × relation', () => {
  it('has a row for every action and no row for an action that does not exist', () => {
    expect(Object.keys(expected).sort()).toEqual([...actions].sort());
  });

  for (const action of actions) {
    describe(action, () => {
      for (const role of roleKeys) {
        it(`${role}`, () => {
          const got = relations.map((rel) => decide(actorFor(role), action, PROGRAM, rel));
          expect(got).toEqual([...rowOf(action, role)]);
        });
      }
    });
  }

  it('grants nothing in a program where the actor holds no role', () => {
    for (const role of roleKeys) {
      for (const action of actions) {
        for (const rel of relations) expect(decide(actorFor(role), action, OTHER_PROGRAM, rel)).toBeNull();
      }
    }
  });

  it('combines the roles a person holds in one program', () => {
    const coachAndEvaluator = actor(['coach', 'evaluator']);
    expect(decide(coachAndEvaluator, 'participant:view', PROGRAM, 'coach_of')).toBe('coaching');
    expect(decide(coachAndEvaluator, 'participant:view', PROGRAM, 'none')).toBe('pseudonymous');
    expect(decide(coachAndEvaluator, 'participant:list', PROGRAM)).toBe('coaching');
    expect(decide(actor(['coordinator', 'coach']), 'participant:view', PROGRAM, 'none')).toBe('full');
    expect(decide(actor(['coach', 'participant']), 'curriculum:view', PROGRAM)).toBe('coaching');
  });

  it('keeps an assessor blind: no coaching data and no participant record, only assessments', () => {
    const assessor = actor(['assessor']);
    const allowed = actions.filter((a) => relations.some((rel) => decide(assessor, a, PROGRAM, rel) !== null));
    expect(allowed.sort()).toEqual(
      ['assessment:enter', 'assessment:list', 'assessment:report', 'assessment:view', 'crisis:view', 'program:view'].sort(),
    );
  });

  it('gives a deployment administrator the admin column in every program, without any grant', () => {
    const deploymentAdmin = actor([], { isAdmin: true });
    for (const program of [PROGRAM, OTHER_PROGRAM]) {
      for (const action of actions) {
        const got = relations.map((rel) => decide(deploymentAdmin, action, program, rel));
        expect([action, got]).toEqual([action, [...expected[action].admin]]);
      }
    }
  });
});

describe('authorize', () => {
  const refusal = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      if (err instanceof DomainError) return err.code;
      throw err;
    }
    return 'allowed';
  };

  it('returns the view when allowed', () => {
    expect(authorize(actor(['coach']), 'participant:view', { programId: PROGRAM, relation: 'coach_of' })).toBe('coaching');
    expect(authorize(actor(['evaluator']), 'participant:list', { programId: PROGRAM })).toBe('pseudonymous');
  });

  it('answers forbidden for a refused action in the actor’s own program', () => {
    expect(refusal(() => authorize(actor(['coach']), 'participant:create', { programId: PROGRAM }))).toBe('forbidden');
    expect(refusal(() => authorize(actor(['coordinator']), 'program:update', { programId: PROGRAM }))).toBe('forbidden');
    expect(refusal(() => authorize(actor(['participant']), 'participant:list', { programId: PROGRAM }))).toBe('forbidden');
  });

  it('answers not_found outside the actor’s programs, so a program’s existence is not revealed', () => {
    expect(refusal(() => authorize(actor(['coordinator']), 'participant:create', { programId: OTHER_PROGRAM }))).toBe(
      'not_found',
    );
    expect(refusal(() => authorize(actor([]), 'program:view', { programId: PROGRAM }))).toBe('not_found');
  });

  it('answers not_found with hideExistence, for records outside the caller’s reach', () => {
    expect(
      refusal(() =>
        authorize(actor(['coach']), 'participant:view', { programId: PROGRAM, relation: 'none', hideExistence: true }),
      ),
    ).toBe('not_found');
    expect(refusal(() => authorize(actor(['coach']), 'participant:view', { programId: PROGRAM, relation: 'none' }))).toBe(
      'forbidden',
    );
  });

  it('lets a deployment administrator act in any program', () => {
    const deploymentAdmin = actor([], { isAdmin: true });
    expect(authorize(deploymentAdmin, 'program:update', { programId: OTHER_PROGRAM })).toBe('full');
    expect(authorize(deploymentAdmin, 'audit:view', { programId: PROGRAM })).toBe('full');
  });
});

describe('authorizeDeployment', () => {
  it('allows deployment administrators only, not a program admin', () => {
    expect(() => authorizeDeployment(actor([], { isAdmin: true }))).not.toThrow();
    expect(() => authorizeDeployment(actor(['admin']))).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});

describe('capabilities', () => {
  it('lists what each role may do in some relation, for the UI', () => {
    expect(capabilities(actor(['coach']), PROGRAM)).toEqual([
      'program:view',
      'participant:list',
      'participant:view',
      'coach:view',
      'training:view',
      'training:take',
      'agreement:sign',
      'wellbeing:record',
      'wellbeing:view',
      'impact:view',
      'contact:log',
      'contact:list',
      'task:list',
      'outreach:suggest',
      'coach:preferences',
      'session:view',
      'session:schedule',
      'curriculum:view',
      'plan:list',
      'plan:create',
      'plan:review',
      'guide:run',
      'progress:view',
      'encouragement:write',
      'safety:raise',
      'crisis:view',
    ]);
    expect(capabilities(actor(['participant']), PROGRAM)).toEqual([
      'program:view',
      'participant:view',
      'participant:preferences',
      'thanks:send',
      'session:view',
      'curriculum:view',
      'plan:list',
      'checkin:record',
      'progress:view',
      'safety:raise',
      'crisis:view',
      'interview:respond',
    ]);
    expect(capabilities(actor(['evaluator']), PROGRAM)).toEqual([
      'program:view',
      'overview:view',
      'participant:list',
      'participant:view',
      'matching:report',
      'curriculum:view',
      'plan:summary',
      'safety:log',
      'crisis:view',
      'assessment:report',
      'fidelity:report',
      'engagement:report',
      'study:simulate',
      'consort:view',
      'study:export',
      'outcomes:report',
      'interview:view',
      'interview:code',
      'interview:export',
    ]);
    expect(capabilities(actor(['coach']), OTHER_PROGRAM)).toEqual([]);
    expect(capabilities(actor(['coordinator']), PROGRAM)).toEqual(
      actions.filter(
        (a) =>
          a !== 'program:create' &&
          a !== 'program:update' &&
          a !== 'checkin:record' &&
          a !== 'interview:respond' &&
          a !== 'training:take' &&
          a !== 'agreement:sign' &&
          a !== 'wellbeing:record' &&
          a !== 'thanks:send' &&
          a !== 'study:unblind' &&
          a !== 'study:emergency_unblind' &&
          a !== 'study:sequence',
      ),
    );
  });
});

describe('decideStudy: one interview study, by program role and role on its team (ADR 0052)', () => {
  const studyActions = [
    'interview:view',
    'interview:manage',
    'interview:code',
    'interview:export',
    'interview:sample',
    'interview:invite',
  ] as const;
  /** What each action answers, in the order of studyActions. */
  const cases: readonly [RoleKey, 'lead' | 'coder' | 'reader' | null, readonly (View | null)[]][] = [
    ['coordinator', 'lead', [F, F, F, F, F, F]],
    ['admin', 'lead', [F, F, F, F, F, F]],
    // Staff on the team but not leading see the de-identified copies only, and do not run the study.
    ['coordinator', 'coder', [P, _, P, P, _, _]],
    ['coordinator', 'reader', [P, _, _, P, _, _]],
    // Staff not on the team: nothing of the study (the team is managed through interview:team).
    ['coordinator', null, [_, _, _, _, _, _]],
    ['admin', null, [_, _, _, _, _, _]],
    ['evaluator', 'coder', [P, _, P, P, _, _]],
    ['evaluator', 'reader', [P, _, _, P, _, _]],
    ['evaluator', null, [_, _, _, _, _, _]],
    // The program's rule is the ceiling: an evaluator never runs a study, even if recorded as lead.
    ['evaluator', 'lead', [P, _, P, P, _, _]],
    // Coaches, participants and assessors never see a study, whatever a team row says.
    ['coach', 'lead', [_, _, _, _, _, _]],
    ['participant', 'coder', [_, _, _, _, _, _]],
    ['assessor', 'reader', [_, _, _, _, _, _]],
    ['none', 'lead', [_, _, _, _, _, _]],
  ];
  it.each(cases)('%s as %s', (role, studyRole, expectedViews) => {
    expect(studyActions.map((a) => decideStudy(actorFor(role), a, PROGRAM, studyRole))).toEqual(expectedViews);
  });
  it('answers nothing in another program', () => {
    expect(decideStudy(actor(['coordinator']), 'interview:view', OTHER_PROGRAM, 'lead')).toBeNull();
  });
  it('leaves the team to program staff, on the team or not', () => {
    expect(decide(actor(['coordinator']), 'interview:team', PROGRAM)).toBe(F);
    expect(decide(actor(['evaluator']), 'interview:team', PROGRAM)).toBeNull();
    expect(decideStudy(actor(['coordinator']), 'interview:team', PROGRAM, 'lead')).toBeNull();
  });
});
