import { describe, expect, it } from 'vitest';
import type { Role } from '../../core/shared/vocab';
import type { Actor } from './actor';
import { coachAccess } from './coach-context';
import { decide, type Action, type Relation } from './policy';

const PROGRAM = '00000000-0000-4000-8000-00000000000a';
const OTHER_PROGRAM = '00000000-0000-4000-8000-00000000000b';
const COACH = '00000000-0000-4000-8000-000000000002';
const ANOTHER_COACH = '00000000-0000-4000-8000-000000000003';
const now = new Date('2026-03-02T15:00:00Z');

const actorWith = (roles: Role[], coachId?: string, programId = PROGRAM): Actor => ({
  personId: 'person',
  displayName: 'Someone',
  email: 'someone@example.org',
  isAdmin: false,
  roles: new Map([[programId, new Set(roles)]]),
  coachIds: new Map(coachId ? [[programId, coachId]] : []),
  participantIds: new Map(),
});
const caller = (actor: Actor) => ({ actor, requestId: 'r', ip: null });
const refusal = (code: string) => expect.objectContaining({ code });

describe('coachAccess: hide or forbid on a coach record', () => {
  it('answers not found for another coach’s record, even for an action a coach has on his or her own', () => {
    const coach = caller(actorWith(['coach'], COACH));
    for (const action of ['wellbeing:view', 'wellbeing:record', 'training:take', 'coach:preferences', 'coach:view'] as const) {
      expect(() => coachAccess(coach, PROGRAM, ANOTHER_COACH, action, now)).toThrow(refusal('not_found'));
    }
  });

  it('answers not found to a coordinator of another program and to participants and evaluators', () => {
    const elsewhere = caller(actorWith(['coordinator'], undefined, OTHER_PROGRAM));
    expect(() => coachAccess(elsewhere, PROGRAM, COACH, 'wellbeing:view', now)).toThrow(refusal('not_found'));
    for (const role of ['participant', 'evaluator', 'assessor'] as const) {
      expect(() => coachAccess(caller(actorWith([role])), PROGRAM, COACH, 'training:view', now)).toThrow(refusal('not_found'));
    }
  });

  it('forbids who may see the coach but not take the action: staff taking training or signing, a coach following up', () => {
    const coordinator = caller(actorWith(['coordinator']));
    expect(() => coachAccess(coordinator, PROGRAM, COACH, 'training:take', now)).toThrow(refusal('forbidden'));
    expect(() => coachAccess(coordinator, PROGRAM, COACH, 'agreement:sign', now)).toThrow(refusal('forbidden'));
    expect(() => coachAccess(coordinator, PROGRAM, COACH, 'wellbeing:record', now)).toThrow(refusal('forbidden'));
    const coach = caller(actorWith(['coach'], COACH));
    expect(() => coachAccess(coach, PROGRAM, COACH, 'wellbeing:follow_up', now)).toThrow(refusal('forbidden'));
  });

  it('grants with the view and relation of the record', () => {
    const own = coachAccess(caller(actorWith(['coach'], COACH)), PROGRAM, COACH, 'training:take', now);
    expect(own).toMatchObject({ programId: PROGRAM, relation: 'self', view: 'self', now });
    const staff = coachAccess(caller(actorWith(['admin'])), PROGRAM, COACH, 'wellbeing:view', now);
    expect(staff).toMatchObject({ relation: 'none', view: 'full' });
  });

  it('uses coach:view as the one “may see this coach” rule: it allows exactly whom each coach-record read allows', () => {
    const roleSets: Role[][] = [[], ['admin'], ['coordinator'], ['coach'], ['participant'], ['evaluator'], ['assessor']];
    const reads: Action[] = ['wellbeing:view', 'training:view', 'coach:preferences', 'impact:view'];
    for (const roles of roleSets) {
      for (const relation of ['none', 'self'] as Relation[]) {
        const actor = actorWith(roles);
        const sees = decide(actor, 'coach:view', PROGRAM, relation) !== null;
        for (const read of reads)
          expect([roles, relation, read, decide(actor, read, PROGRAM, relation) !== null]).toEqual([roles, relation, read, sees]);
      }
    }
  });
});
