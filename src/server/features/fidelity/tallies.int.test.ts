import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingBounds } from '../../../core/engagement';
import { tallyContacts, type ContactTally, type FidelityFacts } from '../../../core/fidelity';
import { selectRows } from '../../platform/database';
import { T0, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { loadContactTallies, loadReportPeople } from './reports.repository';

const DAY = 86_400_000;
const LENGTH = 60;

/**
 * The database counts contacts by the core's rule: contacts placed one millisecond either side of
 * each bound of `countingBounds` (10 minutes before the first pairing, the end of the window, the
 * participant's end date, now) are counted by `loadContactTallies` exactly as `tallyContacts`
 * counts them in memory, with a change of coach and elements delivered.
 */
describe('loadContactTallies (GROUP BY in the database) against tallyContacts (in memory)', () => {
  let t: TestApp;
  let w: World;
  let staff: Agent;
  let base: string;
  const now = new Date(new Date(T0).getTime() + 90 * DAY);

  const ok = async (res: Promise<{ status: number; body: any }>, status = 201) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };

  /** One reached contact through the API, now; its id. */
  async function logContact(participantId: string, elements: string): Promise<string> {
    const c = await ok(
      staff.request('POST', `${base}/contacts`, {
        participantId,
        clientKey: randomUUID(),
        occurredAt: t.clock.now().toISOString(),
        channel: 'phone',
        outcome: 'reached',
        minutes: 20,
        discussedStrategies: elements.includes('S'),
        gaveEncouragement: elements.includes('E'),
        discussedAdjusting: elements.includes('A'),
        discussedGoals: elements.includes('G'),
      }),
    );
    return c.id as string;
  }

  /** Copies of a contact at the given instants, straight into the table. */
  async function copies(id: string, instants: Date[]) {
    for (const at of instants) {
      await t.db.db.execute(sql`create temp table copy as select * from contacts where id = ${id}`);
      await t.db.db.execute(
        sql`update copy set id = ${randomUUID()}, client_key = ${randomUUID()}, occurred_at = ${at.toISOString()}::timestamptz`,
      );
      await t.db.db.execute(sql`insert into contacts select * from copy`);
      await t.db.db.execute(sql`drop table copy`);
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    t.clock.set(new Date(T0));
    staff = await t.login('coordinator@test.org');
    const admin = await t.login('admin@test.org');
    await ok(admin.request('PATCH', base, { lengthDays: LENGTH }), 200);
    await ok(staff.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId }));
    const second = await ok(
      staff.request('POST', `${base}/pairings`, { participantId: w.otherParticipantId, coachId: w.coachId }),
    );
    const firstContact = await logContact(w.participantId, 'SEAG');
    t.clock.set(new Date(new Date(T0).getTime() + 5 * DAY));
    staff = await t.login('coordinator@test.org');
    const dayFive = await logContact(w.participantId, 'SE');
    await ok(staff.request('POST', `${base}/pairings/${second.id}/end`, { reason: 'fit' }), 200);
    await ok(
      staff.request('POST', `${base}/pairings`, {
        participantId: w.otherParticipantId,
        coachId: w.otherCoachId,
        genderMismatchReason: 'Asked for her',
      }),
    );
    const otherContact = await logContact(w.otherParticipantId, 'SA');
    // The second participant completed on 16 April (day 45; the program's local day, America/New_York).
    t.clock.set(new Date(new Date(T0).getTime() + 45 * DAY));
    staff = await t.login('coordinator@test.org');
    await ok(
      staff.request('POST', `${base}/participants/${w.otherParticipantId}/status`, { status: 'completed', on: '2026-04-16' }),
      200,
    );

    const people = await loadReportPeople(t.db.db, w.programId, 'America/New_York');
    const first = countingBounds(
      people.find((p) => p.participantId === w.participantId)!,
      LENGTH,
      now,
    );
    const other = countingBounds(
      people.find((p) => p.participantId === w.otherParticipantId)!,
      LENGTH,
      now,
    );
    const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
    // Either side of the start and the end of the first participant's window (now is long after).
    await copies(firstContact, [ms(first.from, -1), first.from, ms(first.before, -1), first.before]);
    expect(dayFive).toBeTruthy();
    // Either side of the second participant's end date (inside the window), with his or her second coach.
    expect(other.upTo.getTime()).toBeLessThan(other.before.getTime());
    await copies(otherContact, [ms(other.upTo, -1), other.upTo, ms(other.upTo, 1)]);
  });
  afterAll(() => t.close());

  const sorted = (ts: ContactTally[]) =>
    [...ts].sort((a, b) => `${a.participantId}|${a.coachId}`.localeCompare(`${b.participantId}|${b.coachId}`));

  it('gives the same counts as the in-memory rule, bound by bound', async () => {
    const people = await loadReportPeople(t.db.db, w.programId, 'America/New_York');
    const contacts = await selectRows<{
      participant_id: string;
      coach_id: string;
      occurred_at: string | Date;
      discussed_strategies: boolean;
      gave_encouragement: boolean;
      discussed_adjusting: boolean;
      discussed_goals: boolean;
    }>(
      t.db.db,
      sql`select participant_id, coach_id, occurred_at, discussed_strategies, gave_encouragement, discussed_adjusting,
                 discussed_goals from contacts where program_id = ${w.programId} and is_reached`,
    );
    const facts: FidelityFacts[] = people.map((p) => ({
      ...p,
      contacts: contacts
        .filter((c) => c.participant_id === p.participantId)
        .map((c) => ({
          coachId: c.coach_id,
          occurredAt: new Date(c.occurred_at),
          elements: {
            discussedStrategies: c.discussed_strategies,
            gaveEncouragement: c.gave_encouragement,
            discussedAdjusting: c.discussed_adjusting,
            discussedGoals: c.discussed_goals,
          },
        })),
    }));
    const inDb = await loadContactTallies(t.db.db, w.programId, people, LENGTH, now);
    expect(sorted(inDb)).toEqual(sorted(tallyContacts(facts, { lengthDays: LENGTH }, now)));

    // And by hand: the first participant's copies at from − 1 ms and at the window's end are outside;
    // the one made through the API (at T0), from, end − 1 ms and day 5 inside.
    const firstX = inDb.find((x) => x.participantId === w.participantId)!;
    expect(firstX).toMatchObject({ coachId: w.coachId, inWindow: 4, outside: 2 });
    expect(firstX.delivered).toEqual({ discussedStrategies: 4, gaveEncouragement: 4, discussedAdjusting: 3, discussedGoals: 3 });
    // The second: the API contact (day 5) and the copies up to the end of the end date inside; 1 ms after, outside.
    const otherY = inDb.find((x) => x.participantId === w.otherParticipantId)!;
    expect(otherY).toMatchObject({ coachId: w.otherCoachId, inWindow: 3, outside: 1 });
    expect(otherY.delivered).toEqual({ discussedStrategies: 3, gaveEncouragement: 0, discussedAdjusting: 3, discussedGoals: 0 });
  });
});
