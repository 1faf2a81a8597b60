import { describe, expect, it } from 'vitest';
import type { Role } from '../../core/shared/vocab';
import type { Actor } from './actor';
import { participantAccess } from './participant-context';

const PROGRAM = '00000000-0000-4000-8000-00000000000a';
const OTHER_PROGRAM = '00000000-0000-4000-8000-00000000000b';
const PARTICIPANT = '00000000-0000-4000-8000-000000000001';
const COACH = '00000000-0000-4000-8000-000000000002';
const ANOTHER_COACH = '00000000-0000-4000-8000-000000000003';
const now = new Date('2026-03-02T15:00:00Z');
const record = { id: PARTICIPANT, programId: PROGRAM, pairing: { coachId: COACH } };

const actorWith = (roles: Role[], own: { coachId?: string; participantId?: string } = {}, programId = PROGRAM): Actor => ({
  personId: 'person',
  displayName: 'Someone',
  email: 'someone@example.org',
  isAdmin: false,
  roles: new Map([[programId, new Set(roles)]]),
  coachIds: new Map(own.coachId ? [[programId, own.coachId]] : []),
  participantIds: new Map(own.participantId ? [[programId, own.participantId]] : []),
});
const caller = (actor: Actor) => ({ actor, requestId: 'r', ip: null });
const notFound = expect.objectContaining({ code: 'not_found' });

describe('participantAccess: hide or forbid on a participant record', () => {
  it('answers not found to a coach asking for another coach’s participant', () => {
    const other = caller(actorWith(['coach'], { coachId: ANOTHER_COACH }));
    for (const action of ['participant:view', 'contact:log', 'plan:list', 'progress:view'] as const) {
      expect(() => participantAccess(other, record, action, now)).toThrow(notFound);
    }
  });

  it('answers not found to a coordinator of another program and to another participant', () => {
    const elsewhere = caller(actorWith(['coordinator'], {}, OTHER_PROGRAM));
    expect(() => participantAccess(elsewhere, record, 'participant:view', now)).toThrow(notFound);
    const someoneElse = caller(actorWith(['participant'], { participantId: '00000000-0000-4000-8000-000000000009' }));
    expect(() => participantAccess(someoneElse, record, 'plan:list', now)).toThrow(notFound);
  });

  it('answers not found, never forbidden, to a role in the program without the action', () => {
    const coordinator = caller(actorWith(['coordinator']));
    expect(() => participantAccess(coordinator, record, 'checkin:record', now)).toThrow(notFound);
    const coach = caller(actorWith(['coach'], { coachId: COACH }));
    expect(() => participantAccess(coach, record, 'participant:status', now)).toThrow(notFound);
    expect(() => participantAccess(caller(actorWith(['evaluator'])), record, 'contact:list', now)).toThrow(notFound);
  });

  it('grants with the relation and view: the pair’s coach, the participant himself, staff', () => {
    const coach = participantAccess(caller(actorWith(['coach'], { coachId: COACH })), record, 'plan:create', now);
    expect(coach).toMatchObject({ programId: PROGRAM, relation: 'coach_of', view: 'coaching', now });
    const self = participantAccess(
      caller(actorWith(['participant'], { participantId: PARTICIPANT })),
      record,
      'checkin:record',
      now,
    );
    expect(self).toMatchObject({ relation: 'self', view: 'self' });
    expect(participantAccess(caller(actorWith(['admin'])), record, 'participant:update', now)).toMatchObject({
      relation: 'none',
      view: 'full',
    });
  });
});
