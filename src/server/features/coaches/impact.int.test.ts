import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type World } from '../../testing/harness';
import { contacts } from '../contacts/contacts.table';
import { pairings } from '../pairings/pairings.table';
import { actionPlans } from '../plans/plans.table';
import { coachThanks } from './support.table';

/**
 * The coach's impact (#6, ADR 0016) against numbers counted by hand from a small fixture: two
 * participants (one pairing ended, one current), six contacts, four plans, two thanks; and another
 * coach's contacts, plan and thanks that must not count.
 */
describe('coach impact numbers', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    const db = t.db.db;
    const by = w.people.coordinator;
    const at = (day: number, hour = 15) => new Date(Date.UTC(2026, 1, day, hour));
    const ended = randomUUID();
    const current = randomUUID();
    const others = randomUUID();
    await db.insert(pairings).values([
      // P1 with our coach until a re-match, then with the other coach; P2 with our coach now.
      {
        id: ended,
        programId: w.programId,
        participantId: w.participantId,
        coachId: w.coachId,
        startedAt: at(1),
        endedAt: at(10),
        endReason: 'fit',
        createdBy: by,
      },
      {
        id: others,
        programId: w.programId,
        participantId: w.participantId,
        coachId: w.otherCoachId,
        startedAt: at(11),
        createdBy: by,
      },
      {
        id: current,
        programId: w.programId,
        participantId: w.otherParticipantId,
        coachId: w.coachId,
        startedAt: at(2),
        createdBy: by,
      },
    ]);
    const contact = (
      pairingId: string,
      participantId: string,
      coachId: string,
      day: number,
      outcome: 'reached' | 'no_answer' | 'voicemail',
      minutes: number | null,
    ) => ({
      id: randomUUID(),
      programId: w.programId,
      pairingId,
      participantId,
      coachId,
      clientKey: randomUUID(),
      occurredAt: at(day),
      channel: 'phone' as const,
      outcome,
      isReached: outcome === 'reached',
      minutes,
      topics: [],
      discussedStrategies: false,
      gaveEncouragement: false,
      discussedAdjusting: false,
      discussedGoals: false,
      note: '',
      loggedBy: by,
      createdAt: at(day),
    });
    await db.insert(contacts).values([
      contact(ended, w.participantId, w.coachId, 3, 'reached', 20),
      contact(ended, w.participantId, w.coachId, 6, 'no_answer', null),
      contact(current, w.otherParticipantId, w.coachId, 4, 'reached', 15),
      contact(current, w.otherParticipantId, w.coachId, 12, 'reached', 30),
      contact(current, w.otherParticipantId, w.coachId, 18, 'voicemail', null),
      contact(current, w.otherParticipantId, w.coachId, 20, 'reached', null), // reached, minutes not noted
      contact(others, w.participantId, w.otherCoachId, 14, 'reached', 40), // the other coach's
    ]);
    const plan = (
      pairingId: string,
      participantId: string,
      coachId: string,
      reviewOutcome: 'done' | 'partly' | 'not_done' | null,
    ) => ({
      id: randomUUID(),
      programId: w.programId,
      participantId,
      pairingId,
      coachId,
      clientKey: randomUUID(),
      kind: 'action_plan' as const,
      what: 'Walk',
      madeOn: '2026-02-05',
      madeBy: by,
      createdAt: at(5),
      reviewOutcome,
      reviewedBy: reviewOutcome ? by : null,
      reviewedAt: reviewOutcome ? at(12) : null,
    });
    await db.insert(actionPlans).values([
      plan(ended, w.participantId, w.coachId, 'done'),
      plan(current, w.otherParticipantId, w.coachId, 'partly'),
      plan(current, w.otherParticipantId, w.coachId, 'not_done'),
      plan(current, w.otherParticipantId, w.coachId, null),
      plan(others, w.participantId, w.otherCoachId, 'done'), // the other coach's
    ]);
    await db.insert(coachThanks).values([
      {
        id: randomUUID(),
        programId: w.programId,
        coachId: w.coachId,
        participantId: w.participantId,
        message: 'Older thanks',
        createdAt: at(9),
      },
      {
        id: randomUUID(),
        programId: w.programId,
        coachId: w.coachId,
        participantId: w.otherParticipantId,
        message: 'Newer thanks',
        createdAt: at(19),
      },
      {
        id: randomUUID(),
        programId: w.programId,
        coachId: w.otherCoachId,
        participantId: w.participantId,
        message: 'Not his',
        createdAt: at(20),
      },
    ]);
  });
  afterAll(() => t.close());

  it('counts only this coach’s participants, contacts, plans and thanks', async () => {
    const coach = await t.login('coach@test.org');
    const res = await coach.request('GET', `/programs/${w.programId}/coaches/${w.coachId}/impact`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      coachId: w.coachId,
      participantsCoached: 2, // P1 (ended) and P2 (now)
      participantsNow: 1,
      contacts: 6,
      reachedContacts: 4,
      minutesTogether: 65, // 20 + 15 + 30; a reached contact without minutes adds none
      plansMade: 4,
      plansReviewed: 3,
      plansKept: 2, // done and partly done
      thanksReceived: 2,
    });
    expect(res.body.recentThanks.map((x: { message: string }) => x.message)).toEqual(['Newer thanks', 'Older thanks']);

    const other = await (
      await t.login('coordinator@test.org')
    ).request('GET', `/programs/${w.programId}/coaches/${w.otherCoachId}/impact`);
    expect(other.body).toMatchObject({
      participantsCoached: 1,
      participantsNow: 1,
      contacts: 1,
      reachedContacts: 1,
      minutesTogether: 40,
      plansMade: 1,
      plansReviewed: 1,
      plansKept: 1,
      thanksReceived: 1,
    });
  });
});
