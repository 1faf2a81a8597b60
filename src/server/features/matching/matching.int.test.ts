import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import {
  addCoach as addCoachVia,
  addParticipant as addParticipantVia,
  createTestApp,
  type Agent,
  type TestApp,
  type World,
} from '../../testing/harness';
import { participants } from '../participants/participants.table';
import { pairings } from '../pairings/pairings.table';

describe('matching', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let admin: Agent;
  let coach: Agent;
  let evaluator: Agent;
  let outsider: Agent;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    [coordinator, admin, coach, evaluator, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('admin@test.org'),
      t.login('coach@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
  });
  afterAll(() => t.close());

  const addParticipant = (o: Record<string, unknown> = {}) => addParticipantVia(coordinator, w.programId, o);
  const addCoach = (o: Record<string, unknown> = {}) => addCoachVia(coordinator, w.programId, o);
  const proposal = (agent = coordinator) => agent.request('GET', `${base}/matching/proposal`);
  const approve = (pairs: unknown[], agent = coordinator) => agent.request('POST', `${base}/matching/approve`, { pairs });
  const activePairings = () =>
    t.db.db
      .select({ participantId: pairings.participantId, coachId: pairings.coachId })
      .from(pairings)
      .where(and(eq(pairings.programId, w.programId), isNull(pairings.endedAt)));
  const snapshot = async () => ({
    pairings: (await activePairings()).sort((a, b) => a.participantId.localeCompare(b.participantId)),
    statuses: (await t.db.db.select({ id: participants.id, status: participants.status }).from(participants)).sort((a, b) =>
      a.id.localeCompare(b.id),
    ),
  });

  it('proposes the waiting participants to coaches of the same gender, with reasons, for staff', async () => {
    const res = await proposal();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      waiting: 2,
      matched: 2,
      totalQuality: 8,
      maxPairQuality: 14,
      settings: { rules: { sameGender: true, modality: true, times: true, trainedCoach: true } },
      unmatched: [],
      coaches: [{ id: w.coachId, name: 'Carl Coach', placesLeft: 2 }],
    });
    // Both are men with low-back pain who meet by phone; Carl (a man, two places) fits both; Cora does not.
    // (Both enrolled the same day, so their order is by id: compare in code order.)
    const byCode = (a: { participantCode: string }, b: { participantCode: string }) =>
      a.participantCode.localeCompare(b.participantCode);
    expect([...res.body.proposals].sort(byCode)).toEqual(
      [w.participantId, w.otherParticipantId].map((id) => ({
        participantId: id,
        participantName: id === w.participantId ? 'Pat Person' : 'Quinn Other',
        participantCode: id === w.participantId ? 'P-0001' : 'P-0002',
        coachId: w.coachId,
        coachName: 'Carl Coach',
        quality: 4,
        reasons: ['same gender', 'both have low-back pain', 'both can meet by phone'],
        needsGenderReason: false,
        alternatives: [],
      })),
    );
    expect(await admin.request('GET', `${base}/matching/proposal`).then((r) => r.status)).toBe(200);
  });

  it('audits the read of participants and coaches', async () => {
    const rows = await t.db.db.select().from(auditEvents).where(eq(auditEvents.actorId, coordinator.personId));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['participant:list', 'coach:list']));
  });

  it('refuses coaches and evaluators (403) and outsiders (404), and a bad program id (400)', async () => {
    for (const agent of [coach, evaluator]) {
      expect((await proposal(agent)).status).toBe(403);
      expect((await approve([{ participantId: w.participantId, coachId: w.coachId }], agent)).status).toBe(403);
    }
    expect((await proposal(outsider)).status).toBe(404);
    expect((await approve([{ participantId: w.participantId, coachId: w.coachId }], outsider)).status).toBe(404);
    expect((await coordinator.request('GET', '/programs/not-a-uuid/matching/proposal')).status).toBe(400);
    expect((await coordinator.request('GET', `/programs/${randomUUID()}/matching/proposal`)).status).toBe(404);
    expect(await activePairings()).toEqual([]);
  });

  it('leaves out who is not waiting, and explains who cannot be matched', async () => {
    const referred = await addParticipant({ status: 'referred' });
    const noPermission = await addParticipant({ canShareContact: false, familyName: 'Private' });
    const video = await addParticipant({ gender: 'woman', preferredModality: 'video', familyName: 'Video' });
    const res = await proposal();
    expect(res.status).toBe(200);
    const ids = [...res.body.proposals, ...res.body.unmatched].map((x: { participantId: string }) => x.participantId);
    expect(ids).not.toContain(referred);
    expect(res.body.waiting).toBe(4);
    expect(res.body.unmatched).toEqual(
      expect.arrayContaining([
        {
          participantId: noPermission,
          participantName: 'New Private',
          participantCode: expect.any(String),
          code: 'no_permission_to_share_contact',
          reason: 'has not given permission to share contact details with a coach',
        },
        {
          participantId: video,
          participantName: 'New Video',
          participantCode: expect.any(String),
          code: 'no_compatible_coach',
          reason: 'no coach in the program offers video calls',
        },
      ]),
    );
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await snapshot();
    expect((await approve([])).status).toBe(400);
    expect((await coordinator.request('POST', `${base}/matching/approve`, {})).status).toBe(400);
    expect((await approve([{ participantId: 'x', coachId: w.coachId }])).status).toBe(400);
    const twice = await approve([
      { participantId: w.participantId, coachId: w.coachId },
      { participantId: w.participantId, coachId: w.otherCoachId },
    ]);
    expect(twice.status).toBe(400);
    expect(twice.body.message).toBeTruthy();
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the whole approval when one pair is stale (coach now full): 409, nothing saved', async () => {
    const full = await addCoach({ familyName: 'Single' });
    const a = await addParticipant({ familyName: 'First' });
    const b = await addParticipant({ familyName: 'Second' });
    const before = await snapshot();
    const res = await approve([
      { participantId: a, coachId: full },
      { participantId: b, coachId: full },
    ]);
    expect([res.status, res.body.reason]).toEqual([409, 'coach_at_capacity']);
    expect(res.body.message).toMatch(/^Pair 2 of 2: /);
    expect(await snapshot()).toEqual(before);
    const pairingAudit = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'pairing:create'));
    expect(pairingAudit).toEqual([]);
  });

  it('refuses a cross-gender pair without the reason the pairing rules ask for (422), and takes it with one', async () => {
    const man = await addParticipant({ familyName: 'Crossing' });
    const refused = await approve([{ participantId: man, coachId: w.otherCoachId }]);
    expect([refused.status, refused.body.reason]).toEqual([422, 'gender_mismatch_needs_reason']);
    const ok = await approve([
      { participantId: man, coachId: w.otherCoachId, genderMismatchReason: 'He asked for Cora by name' },
    ]);
    expect(ok.status).toBe(201);
    expect(ok.body.pairings[0]).toMatchObject({
      participantId: man,
      coachId: w.otherCoachId,
      genderMismatchReason: 'He asked for Cora by name',
    });
  });

  it('approves the proposal as adjusted: creates the pairings in one go, participants become active, audited', async () => {
    const res = await proposal();
    const proposed = res.body.proposals as { participantId: string; coachId: string }[];
    expect(proposed.length).toBeGreaterThanOrEqual(2);
    // The coordinator drops all but the two original participants.
    const chosen = proposed.filter((p) => p.participantId === w.participantId || p.participantId === w.otherParticipantId);
    expect(chosen).toHaveLength(2);
    const ok = await approve(chosen.map(({ participantId, coachId }) => ({ participantId, coachId })));
    expect(ok.status).toBe(201);
    expect(ok.body.pairings).toHaveLength(2);
    const active = await activePairings();
    for (const p of chosen) expect(active).toContainEqual({ participantId: p.participantId, coachId: p.coachId });
    const statuses = await t.db.db.select().from(participants).where(eq(participants.programId, w.programId));
    for (const p of chosen) expect(statuses.find((s) => s.id === p.participantId)?.status).toBe('active');
    const audit = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'pairing:create'));
    expect(audit.length).toBeGreaterThanOrEqual(2);

    // They are no longer waiting, and a second approval of the same pairs is stale: 409.
    const after = await proposal();
    const stillThere = [...after.body.proposals, ...after.body.unmatched].map((x: { participantId: string }) => x.participantId);
    expect(stillThere).not.toContain(w.participantId);
    const again = await approve([{ participantId: w.participantId, coachId: w.coachId }]);
    expect([again.status, again.body.reason]).toEqual([409, 'participant_already_paired']);
  });

  it('counts each coach’s active pairings and each participant’s: what it proposes, the pairing rules accept', async () => {
    // Carl (caseload 2) now coaches Pat and Quinn: a newcomer like them must not be offered Carl.
    const newcomer = await addParticipant({ familyName: 'Newcomer', painLocations: ['low_back'] });
    // Enrolled but already paired (as after a hand-made pairing): not waiting.
    const alreadyPaired = await addParticipant({ familyName: 'Paired' });
    const spare = await addCoach({ familyName: 'Spare', caseload: 3 });
    await t.db.db.insert(pairings).values({
      id: randomUUID(),
      programId: w.programId,
      participantId: alreadyPaired,
      coachId: spare,
      startedAt: new Date(),
      createdBy: coordinator.personId,
    });
    const res = await proposal();
    expect(res.status).toBe(200);
    const everyone = [...res.body.proposals, ...res.body.unmatched].map((x: { participantId: string }) => x.participantId);
    expect(everyone).toContain(newcomer);
    expect(everyone).not.toContain(alreadyPaired);
    expect(res.body.coaches.find((c: { id: string }) => c.id === w.coachId)).toBeUndefined();
    expect(res.body.coaches.find((c: { id: string }) => c.id === spare)).toMatchObject({ placesLeft: 2 });
    for (const p of res.body.proposals as { coachId: string; alternatives: { coachId: string }[] }[]) {
      expect(p.coachId).not.toBe(w.coachId);
      for (const a of p.alternatives) expect(a.coachId).not.toBe(w.coachId);
    }
    // The whole proposal, approved as it stands, passes the pairing rules.
    const ok = await approve(
      res.body.proposals.map((p: { participantId: string; coachId: string; needsGenderReason: boolean }) => ({
        participantId: p.participantId,
        coachId: p.coachId,
        genderMismatchReason: p.needsGenderReason ? 'Chosen by the coordinator' : null,
      })),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.pairings).toHaveLength(res.body.proposals.length);
  });

  it('does not propose again the coach of a pairing that ended because they never reached each other, and says why', async () => {
    // Two coaches who share the participant's rare pain location; the first pairing ends for reach.
    const first = await addCoach({ familyName: 'Unreached', painLocations: ['shoulder'], caseload: 5 });
    const second = await addCoach({ familyName: 'Second', painLocations: ['shoulder'], caseload: 5 });
    const veteran = await addParticipant({ familyName: 'Repaired', painLocations: ['shoulder'] });
    const paired = await coordinator.request('POST', `${base}/pairings`, { participantId: veteran, coachId: first });
    expect(paired.status).toBe(201);
    const ended = await coordinator.request('POST', `${base}/pairings/${paired.body.id}/end`, { reason: 'reach' });
    expect(ended.status).toBe(200);
    const res = await proposal();
    expect(res.status).toBe(200);
    const mine = res.body.proposals.find((p: { participantId: string }) => p.participantId === veteran);
    expect(mine).toMatchObject({ coachId: second });
    expect(mine.reasons).toContain('not the coach of an earlier pairing that ended because they could not reach each other');
    expect(mine.alternatives.map((a: { coachId: string }) => a.coachId)).not.toContain(first);
  });
});
