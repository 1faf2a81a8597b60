import { describe, expect, it } from 'vitest';
import type { Role } from '../../core/shared/vocab';
import type { Actor } from './actor';
import { decide, type Action, type Relation } from './policy';
import { auditLog, programContext } from './program-context';
import { ownCoachId, relationToCoach, relationToOwnParticipant, relationToPairing, relationToParticipant } from './relations';

const PROGRAM = '00000000-0000-4000-8000-00000000000a';
const PARTICIPANT = '00000000-0000-4000-8000-000000000001';
const COACH = '00000000-0000-4000-8000-000000000002';

const actorWith = (roles: Role[], own: { coachId?: string; participantId?: string } = {}): Actor => ({
  personId: 'person',
  displayName: 'Someone',
  email: 'someone@example.org',
  isAdmin: false,
  roles: new Map([[PROGRAM, new Set(roles)]]),
  coachIds: new Map(own.coachId ? [[PROGRAM, own.coachId]] : []),
  participantIds: new Map(own.participantId ? [[PROGRAM, own.participantId]] : []),
});
const caller = (actor: Actor) => ({ actor, requestId: 'r', ip: null });
const roleSets: Role[][] = [[], ['admin'], ['coordinator'], ['coach'], ['participant'], ['evaluator'], ['assessor']];
const relations: readonly Relation[] = ['none', 'self', 'coach_of'];

describe('relations (the only reader of which records an actor is)', () => {
  it('finds the relation to a pairing: its participant, its coach while active, or neither', () => {
    const pairing = { participantId: PARTICIPANT, coachId: COACH, endedAt: null };
    const coach = actorWith(['coach'], { coachId: COACH });
    expect(relationToPairing(actorWith(['participant'], { participantId: PARTICIPANT }), PROGRAM, pairing)).toBe('self');
    expect(relationToPairing(coach, PROGRAM, pairing)).toBe('coach_of');
    expect(relationToPairing(coach, PROGRAM, { ...pairing, endedAt: new Date() })).toBe('none');
    expect(relationToPairing(coach, 'another program', pairing)).toBe('none');
  });

  it('finds one’s own coach or participant record, and never “coach of” for those', () => {
    const coach = actorWith(['coach'], { coachId: COACH });
    expect(relationToCoach(coach, PROGRAM, COACH)).toBe('self');
    expect(relationToCoach(coach, PROGRAM, PARTICIPANT)).toBe('none');
    expect(relationToOwnParticipant(coach, PROGRAM, PARTICIPANT)).toBe('none');
    expect(relationToOwnParticipant(actorWith([], { participantId: PARTICIPANT }), PROGRAM, PARTICIPANT)).toBe('self');
    expect(ownCoachId(coach, PROGRAM)).toBe(COACH);
    expect(ownCoachId(coach, 'another program')).toBeUndefined();
  });
});

describe('the program context', () => {
  it('finds the relation to a participant: own record, coached through the active pairing, or neither', () => {
    const record = { id: PARTICIPANT, programId: PROGRAM, pairing: { coachId: COACH } };
    expect(relationToParticipant(actorWith(['participant'], { participantId: PARTICIPANT }), record)).toBe('self');
    expect(relationToParticipant(actorWith(['coach'], { coachId: COACH }), record)).toBe('coach_of');
    expect(relationToParticipant(actorWith(['coach'], { coachId: COACH }), { ...record, pairing: null })).toBe('none');
    expect(relationToParticipant(actorWith(['coordinator']), record)).toBe('none');
  });

  it('hides the record (not found) or forbids, as authorize does', () => {
    const coach = caller(actorWith(['coach'], { coachId: COACH }));
    const now = new Date('2026-03-02T15:00:00Z');
    expect(() => programContext(coach, PROGRAM, 'guide:run', { relation: 'none', hideExistence: true }, now)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(() => programContext(coach, PROGRAM, 'guide:run', { relation: 'none', hideExistence: false }, now)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    const ctx = programContext(coach, PROGRAM, 'guide:run', { relation: 'coach_of', hideExistence: true }, now);
    expect(ctx).toMatchObject({ programId: PROGRAM, relation: 'coach_of', view: 'coaching', now });
  });

  it('writes the collected audit entries in one insert, in order, with the program filled in', async () => {
    const inserts: unknown[][] = [];
    const db = { insert: () => ({ values: async (rows: unknown[]) => void inserts.push(rows) }) };
    const log = auditLog(caller(actorWith(['coach'])), PROGRAM, new Date('2026-03-02T15:00:00Z'));
    log.add(
      { verb: 'create', entityType: 'contact', entityId: 'c' },
      { verb: 'update', entityType: 'action_plan', entityId: 'p' },
    );
    await log.flush(db as never);
    await log.flush(db as never);
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toMatchObject([
      { action: 'contact:create', entityId: 'c', programId: PROGRAM },
      { action: 'action_plan:update', entityId: 'p', programId: PROGRAM },
    ]);
  });

  // finishGuide authorizes 'guide:run' once and then writes a contact, reviews and makes plans and
  // schedules a session without re-authorizing (ADR 0045): that holds only while guide:run implies them.
  it.each<Action>(['contact:log', 'plan:list', 'plan:create', 'plan:review', 'session:schedule'])(
    'lets whoever may run the guide also %s, for every role and relation',
    (action) => {
      for (const roles of roleSets) {
        for (const relation of relations) {
          const actor = actorWith(roles);
          if (decide(actor, 'guide:run', PROGRAM, relation))
            expect(decide(actor, action, PROGRAM, relation), `${roles} ${relation}`).not.toBeNull();
        }
      }
    },
  );

  // The ladder's decision authorizes 'ladder:record' once and then ends the pairing, pauses or
  // withdraws the participant through those features' writes with its context (issue #14).
  it.each<Action>(['pairing:end', 'participant:preferences', 'participant:status'])(
    'lets whoever may record a ladder decision also %s, for every role and relation',
    (action) => {
      for (const roles of roleSets) {
        for (const relation of relations) {
          const actor = actorWith(roles);
          if (decide(actor, 'ladder:record', PROGRAM, 'none'))
            expect(decide(actor, action, PROGRAM, relation), `${roles} ${relation}`).not.toBeNull();
        }
      }
    },
  );
});
