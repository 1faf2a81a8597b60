import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { T0, addParticipant, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

const DAY = 86_400_000;

/**
 * "Done" for issue #12: a small program built through the API and replayed by hand. The program
 * runs 60 days with a target of 3 reached contacts (America/New_York; every contact at 15:00 UTC
 * on the day named, day 0 = T0 = 2 March 2026). S, E, A, G = the four essential elements.
 *
 * P-0001 with coach X from day 0: reached day 5 (SEAG), day 20 (SE), day 35 (S); no answer day 50;
 *   reached day 70 (SEAG) — after the 60-day window: shown outside, never counted. Still active.
 *   Reports S yes, E yes, A no, G no; "about twice a month".
 * P-0002 with X from day 0: reached day 10 (S G); re-paired with coach Y on day 15: reached day 25
 *   (SEA) and day 40 (SEAG). Reports all four yes, "about once a month" (day 44). Completed on
 *   day 45 (16 April).
 * P-0003 with Y from day 0: reached day 2 (SEA). Withdrew on day 20 (22 March).
 * P-0004 never paired: in neither report.
 */
describe('fidelity and engagement reports, replayed by hand', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let staff: Agent;
  let p3: string;
  let p4: string;
  let codeX: string;
  let codeY: string;

  const at = async (days: number) => {
    t.clock.set(new Date(new Date(T0).getTime() + days * DAY));
    staff = await t.login('coordinator@test.org');
  };
  const ok = async (res: Promise<{ status: number; body: any }>, status = 201) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const contact = async (participantId: string, outcome: string, elements = '') =>
    ok(
      staff.request('POST', `${base}/contacts`, {
        participantId,
        clientKey: randomUUID(),
        occurredAt: t.clock.now().toISOString(),
        channel: 'phone',
        outcome,
        ...(outcome === 'reached' ? { minutes: 20 } : {}),
        discussedStrategies: elements.includes('S'),
        gaveEncouragement: elements.includes('E'),
        discussedAdjusting: elements.includes('A'),
        discussedGoals: elements.includes('G'),
      }),
    );
  const delivery = (participantId: string, s: string, e: string, a: string, g: string, frequency: string) =>
    ok(
      staff.request('POST', `${base}/participants/${participantId}/assessments/end/responses`, {
        instrumentId: 'coaching-delivery',
        method: 'phone',
        answers: {
          'delivery-strategies': s,
          'delivery-encouragement': e,
          'delivery-adjusting': a,
          'delivery-goals': g,
          'delivery-frequency': frequency,
        },
      }),
      200,
    );

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    // Coaches were added at the same instant: codes follow the ids (C-0001 for the smaller).
    [codeX, codeY] = w.coachId < w.otherCoachId ? ['C-0001', 'C-0002'] : ['C-0002', 'C-0001'];
    const admin = await t.login('admin@test.org');
    await ok(admin.request('PATCH', base, { lengthDays: 60, targetContacts: 3 }), 200);
    await at(0);
    // The delivery questionnaire, scheduled like any instrument: 2 months after enrolment, open from a month before.
    await ok(
      staff.request('PUT', `${base}/assessment-settings`, {
        timepoints: [
          {
            key: 'end',
            label: 'End of coaching',
            months: 2,
            windowBeforeDays: 30,
            windowAfterDays: 60,
            instruments: ['coaching-delivery'],
          },
        ],
      }),
      200,
    );
    p3 = await addParticipant(staff, w.programId, { status: 'enrolled' });
    p4 = await addParticipant(staff, w.programId, { status: 'enrolled' });
    const pairX1 = await ok(staff.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId }));
    const pairX2 = await ok(
      staff.request('POST', `${base}/pairings`, { participantId: w.otherParticipantId, coachId: w.coachId }),
    );
    await ok(
      staff.request('POST', `${base}/pairings`, {
        participantId: p3,
        coachId: w.otherCoachId,
        genderMismatchReason: 'Asked for her',
      }),
    );
    expect(pairX1.id).toBeTruthy();

    await at(2);
    await contact(p3, 'reached', 'SEA');
    await at(5);
    await contact(w.participantId, 'reached', 'SEAG');
    await at(10);
    await contact(w.otherParticipantId, 'reached', 'SG');
    await at(15);
    await ok(staff.request('POST', `${base}/pairings/${pairX2.id}/end`, { reason: 'fit' }), 200);
    await ok(
      staff.request('POST', `${base}/pairings`, {
        participantId: w.otherParticipantId,
        coachId: w.otherCoachId,
        genderMismatchReason: 'Asked for her',
      }),
    );
    await at(20);
    await contact(w.participantId, 'reached', 'SE');
    await ok(
      staff.request('POST', `${base}/participants/${p3}/status`, {
        status: 'withdrawn',
        on: '2026-03-22',
        reason: 'participant_request',
      }),
      200,
    );
    await at(25);
    await contact(w.otherParticipantId, 'reached', 'SEA');
    await at(35);
    await contact(w.participantId, 'reached', 'S');
    await at(40);
    await contact(w.otherParticipantId, 'reached', 'SEAG');
    await at(44);
    await delivery(w.otherParticipantId, 'yes', 'yes', 'yes', 'yes', 'monthly');
    await delivery(w.participantId, 'yes', 'yes', 'no', 'no', 'twice_monthly');
    await at(45);
    await ok(
      staff.request('POST', `${base}/participants/${w.otherParticipantId}/status`, { status: 'completed', on: '2026-04-16' }),
      200,
    );
    await at(50);
    await contact(w.participantId, 'no_answer');
    await at(70);
    await contact(w.participantId, 'reached', 'SEAG');
    await at(80);
  });
  afterAll(() => t.close());

  it('engagement: each participant as of min(now, end date), in-window contacts only, with the summary', async () => {
    const r = await ok(staff.request('GET', `${base}/reports/engagement`), 200);
    expect(r).toMatchObject({ windowDays: 60, targetContacts: 3 });
    // P-0001: days 5, 20, 35 in the window (3: adherent), day 70 outside; 60 active days;
    //   3 / (60 / 30.44) = 1.52 a month → monthly.
    // P-0002: days 10, 25, 40 (3: adherent, both coaches); ended at the end of 16 April (New York),
    //   i.e. 45 days and 13 hours after pairing → 45 active days; 3 / (45 / 30.44) = 2.03 → twice a month.
    // P-0003: day 2 (1: not adherent); ended at the end of 22 March → 20 active days: too early to say.
    expect(r.participants).toEqual([
      {
        participantCode: 'P-0001',
        status: 'active',
        coachCode: codeX,
        endedOn: null,
        asOf: new Date(new Date(T0).getTime() + 80 * DAY).toISOString(),
        activeDays: 60,
        reachedInWindow: 3,
        reachedOutsideWindow: 1,
        adherent: true,
        frequency: 'monthly',
      },
      {
        participantCode: 'P-0002',
        status: 'completed',
        coachCode: codeY,
        endedOn: '2026-04-16',
        asOf: '2026-04-17T04:00:00.000Z',
        activeDays: 45,
        reachedInWindow: 3,
        reachedOutsideWindow: 0,
        adherent: true,
        frequency: 'twice_monthly',
      },
      {
        participantCode: 'P-0003',
        status: 'withdrawn',
        coachCode: codeY,
        endedOn: '2026-03-22',
        asOf: '2026-03-23T04:00:00.000Z',
        activeDays: 20,
        reachedInWindow: 1,
        reachedOutsideWindow: 0,
        adherent: false,
        frequency: null,
      },
    ]);
    // 3 participants ever paired (P-0004 never was); 3 + 3 + 1 = 7 in the window; 2 of 3 adherent.
    expect(r.summary).toEqual({
      participants: 3,
      reachedInWindow: 7,
      reachedOutsideWindow: 1,
      adherent: 2,
      adherentShare: 2 / 3,
      frequency: { weekly: 0, twice_monthly: 1, monthly: 1, less_than_monthly: 0, too_early: 1 },
    });
    expect(p4).toBeTruthy();
  });

  it('fidelity: logged beside reported, per coach, with agreement per element', async () => {
    const r = await ok(staff.request('GET', `${base}/reports/fidelity`), 200);
    // In the window: P-0001 days 5 (SEAG), 20 (SE), 35 (S); P-0002 days 10 (SG), 25 (SEA), 40 (SEAG);
    // P-0003 day 2 (SEA) → 7 contacts. S 7/7, E 5/7 (5, 20, 25, 40, 2), A 4/7 (5, 25, 40, 2), G 3/7 (5, 10, 40).
    expect(r).toMatchObject({ source: 'logged', windowDays: 60, reachedContacts: 7, reachedOutsideWindow: 1 });
    expect(r.elements).toEqual({
      discussedStrategies: { delivered: 7, rate: 1 },
      gaveEncouragement: { delivered: 5, rate: 5 / 7 },
      discussedAdjusting: { delivered: 4, rate: 4 / 7 },
      discussedGoals: { delivered: 3, rate: 3 / 7 },
    });
    // X: days 5 (4), 20 (2), 35 (1), 10 (2) = 9 of 16 = 0.5625 → not high.
    // Y: days 25 (3), 40 (4), 2 (3) = 10 of 12 = 0.833 → high. Share of coaches high: 1/2.
    const coaches = [
      { coachCode: codeX, reachedContacts: 4, fidelity: 9 / 16, high: false },
      { coachCode: codeY, reachedContacts: 3, fidelity: 10 / 12, high: true },
    ].sort((a, b) => a.coachCode.localeCompare(b.coachCode));
    expect(r.coaches).toEqual(coaches);
    expect(r.highFidelityShare).toBe(0.5);

    // Reported: P-0001 (latest coach X) 2 of 4 = 0.5; P-0002 (latest coach Y) 4 of 4 = 1.
    expect(r.reported).toMatchObject({ source: 'reported', instrumentId: 'coaching-delivery', responses: 2, incomplete: 0 });
    expect(r.reported.elements).toEqual({
      discussedStrategies: { delivered: 2, rate: 1 },
      gaveEncouragement: { delivered: 2, rate: 1 },
      discussedAdjusting: { delivered: 1, rate: 0.5 },
      discussedGoals: { delivered: 1, rate: 0.5 },
    });
    expect(r.reported.coaches).toEqual(
      [
        { coachCode: codeX, responses: 1, fidelity: 0.5, high: false },
        { coachCode: codeY, responses: 1, fidelity: 1, high: true },
      ].sort((a, b) => a.coachCode.localeCompare(b.coachCode)),
    );
    expect(r.reported.highFidelityShare).toBe(0.5);
    expect(r.reported.frequency).toEqual({ weekly: 0, twice_monthly: 1, monthly: 1, less_than_monthly: 0 });

    // Agreement (P-0001 and P-0002): logged "ever in the window" against reported.
    // S, E: both yes both ways → chance agreement 1, kappa undefined.
    // A and G: P-0001 logged yes (day 5) / reported no; P-0002 yes / yes → po 0.5, pe (2×1)/4 = 0.5 → kappa 0.
    const a = r.agreement.elements;
    expect(a.discussedStrategies).toMatchObject({ n: 2, bothYes: 2, kappa: null });
    expect(a.gaveEncouragement).toMatchObject({ n: 2, bothYes: 2, kappa: null });
    expect(a.discussedAdjusting).toMatchObject({ n: 2, bothYes: 1, loggedOnly: 1, observed: 0.5, expected: 0.5, kappa: 0 });
    expect(a.discussedGoals).toMatchObject({ n: 2, bothYes: 1, loggedOnly: 1, kappa: 0 });
    // Frequency: P-0001 logged monthly, recalled twice a month; P-0002 logged twice a month, recalled monthly.
    expect(r.agreement.frequency).toEqual({ n: 2, same: 0, share: 0 });
  });

  it('gives evaluators codes only, audits each read, and refuses coaches, participants and outsiders', async () => {
    const evaluator = await t.login('evaluator@test.org');
    for (const kind of ['fidelity', 'engagement']) {
      const res = await evaluator.request('GET', `${base}/reports/${kind}`);
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      for (const word of ['Pat', 'Person', 'Quinn', 'Carl', 'Cora', w.participantId, w.coachId, 'participantId', 'coachId'])
        expect(text).not.toContain(word);
      const rows = await t.db.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, `${kind}_report:read`), eq(auditEvents.actorId, evaluator.personId)));
      expect(rows).toHaveLength(1);
      expect((await (await t.login('coach@test.org')).request('GET', `${base}/reports/${kind}`)).status).toBe(403);
      expect((await (await t.login('participant@test.org')).request('GET', `${base}/reports/${kind}`)).status).toBe(403);
      expect((await (await t.login('outsider@test.org')).request('GET', `${base}/reports/${kind}`)).status).toBe(404);
    }
  });
});
