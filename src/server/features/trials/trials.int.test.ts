import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAllocation } from '../../../core/trials';
import { auditEvents } from '../../platform/audit.table';
import { mailMessages } from '../../platform/mail.table';
import { createTestApp, addParticipant, type Agent, type TestApp, type World } from '../../testing/harness';
import { createUser } from '../accounts/accounts.service';
import { assessmentLinks } from '../assessments/assessments.table';
import { pairings } from '../pairings/pairings.table';
import { consortForOperator } from './consort.service';
import { EMERGENCY_SUBJECT } from './enrolment.service';
import { seededStream } from './trials.repository';
import { allocations, studies } from './trials.table';

/** Distinctive arm keys and labels, so a leak is found by a plain text search of every response. */
const design = {
  design: 'parallel',
  title: 'Coaching or a class',
  arms: [
    { key: 'xenon', label: 'Xenon peer coaching', kind: 'coaching', ratio: 1 },
    { key: 'yttrium', label: 'Yttrium pain class', kind: 'class', ratio: 1 },
  ],
  primaryTimepoint: 'month_9',
  strata: [
    {
      key: 'site',
      label: 'Site',
      levels: [
        { key: 'north', label: 'North clinic' },
        { key: 'south', label: 'South clinic' },
      ],
    },
  ],
  criteria: [
    { key: 'pain_3m', text: 'Pain most days for 3 months or more', kind: 'inclusion' },
    { key: 'dementia', text: 'A diagnosis of dementia', kind: 'exclusion' },
  ],
  method: { kind: 'blocks', blockMultipliers: [1, 2] },
};
const eligible = { pain_3m: true, dementia: false };
const ARM_WORDS = /xenon|yttrium/i;

describe('trials: design, gate, randomization, blinding, withdrawal, CONSORT', () => {
  let t: TestApp;
  let w: World;
  let admin: Agent;
  let coordinator: Agent;
  let coach: Agent;
  let participant: Agent;
  let evaluator: Agent;
  let assessor: Agent;
  let outsider: Agent;
  const base = () => `/programs/${w.programId}/study`;
  const key = () => `key-${randomUUID()}`;
  const baselinePeg = (id: string) =>
    coordinator.request('POST', `/programs/${w.programId}/participants/${id}/assessments/baseline/responses`, {
      instrumentId: 'peg',
      answers: { 'peg-pain': 6, 'peg-enjoyment': 6, 'peg-activity': 6 },
      method: 'phone',
    });
  const login = async () => {
    [admin, coordinator, coach, participant, evaluator, assessor, outsider] = await Promise.all([
      t.login('admin@test.org'),
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
      t.login('assessor@test.org'),
      t.login('outsider@test.org'),
    ]);
  };
  /** Screens, consents and completes the baseline of a participant: the default gate's three items. */
  const ready = async (id: string) => {
    expect((await coordinator.request('POST', `${base()}/screenings`, { participantId: id, answers: eligible })).status).toBe(
      201,
    );
    const c = await coordinator.request('POST', `${base()}/consents`, {
      participantId: id,
      documentVersion: 1,
      method: 'signed',
      typedName: 'Signed Name',
      signedOn: '2026-03-02',
    });
    expect(c.status).toBe(201);
    expect((await baselinePeg(id)).status).toBe(200);
  };
  const randomizeOne = (id: string, site = 'north', clientKey = key()) =>
    coordinator.request('POST', `${base()}/randomizations`, { participantId: id, clientKey, strata: { site } });

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    await createUser(t.db.db, t.clock.now(), {
      email: 'assessor@test.org',
      displayName: 'assessor',
      password: 'correct horse battery staple',
      isAdmin: false,
      grants: [{ programId: w.programId, role: 'assessor' }],
    });
    await login();
    // One instrument per timepoint keeps the baseline short.
    const settings = await coordinator.request('GET', `/programs/${w.programId}/assessment-settings`);
    const put = await coordinator.request('PUT', `/programs/${w.programId}/assessment-settings`, {
      timepoints: settings.body.timepoints.map((tp: { instruments: string[] }) => ({ ...tp, instruments: ['peg'] })),
    });
    expect(put.status).toBe(200);
  });
  afterAll(() => t.close());

  describe('the design', () => {
    it('is staff work: assessors, coaches, participants and evaluators cannot read or write it', async () => {
      expect((await coordinator.request('GET', base())).body).toMatchObject({ design: null, version: 0, isLocked: false });
      for (const a of [assessor, coach, participant, evaluator]) {
        expect((await a.request('GET', base())).status).toBe(403);
        expect((await a.request('PUT', base(), { design })).status).toBe(403);
      }
      expect((await outsider.request('GET', base())).status).toBe(404);
    });

    it('refuses a design with one arm, with the field named', async () => {
      const r = await coordinator.request('PUT', base(), { design: { ...design, arms: design.arms.slice(0, 1) } });
      expect(r.status).toBe(400);
      expect((await coordinator.request('GET', base())).body.design).toBeNull();
    });

    it('saves versions before lock and a consent document', async () => {
      const first = await coordinator.request('PUT', base(), { design });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ version: 1, isLocked: false, amendments: [] });
      const second = await coordinator.request('PUT', base(), { design: { ...design, title: 'Coaching or a pain class' } });
      expect(second.body.version).toBe(2);
      const doc = await coordinator.request('POST', `${base()}/consent-documents`, {
        title: 'Agreeing to take part',
        body: '# Agreeing to take part\n\nYou may stop at any time.',
      });
      expect(doc.status).toBe(201);
      expect(doc.body).toEqual({ version: 1 });
    });

    it('simulates the scheme for staff and evaluators, with fresh seeds', async () => {
      const r = await evaluator.request('POST', `${base()}/simulation`, { participants: 60, replicates: 20 });
      expect(r.status).toBe(200);
      expect(r.body.maxImbalance).toBeLessThanOrEqual(2);
      expect(r.body.correctGuessProbability).toBeGreaterThan(0.5);
      expect((await assessor.request('POST', `${base()}/simulation`, {})).status).toBe(403);
    });
  });

  describe('screening and the gate', () => {
    it('records not-eligible and declined with their reasons', async () => {
      const a = await addParticipant(coordinator, w.programId);
      const r = await coordinator.request('POST', `${base()}/screenings`, {
        participantId: a,
        answers: { pain_3m: false, dementia: false },
      });
      expect(r.body.screening).toMatchObject({ outcome: 'not_eligible', reason: 'pain_3m' });
      const b = await addParticipant(coordinator, w.programId);
      const d = await coordinator.request('POST', `${base()}/screenings`, {
        participantId: b,
        answers: eligible,
        decision: 'declined',
        reason: 'Too far to travel',
      });
      expect(d.body.screening).toMatchObject({ outcome: 'declined', reason: 'Too far to travel' });
      const missing = await coordinator.request('POST', `${base()}/screenings`, { participantId: b, answers: { pain_3m: true } });
      expect(missing.status).toBe(422);
      expect(missing.body.message).toContain('A diagnosis of dementia');
    });

    it('refuses to randomize until eligible, consented and baseline complete, naming what is missing (409), and changes nothing', async () => {
      const r = await randomizeOne(w.participantId);
      expect(r.status).toBe(409);
      expect(r.body.reason).toBe('gate_not_met');
      expect(r.body.message).toContain('screened and eligible');
      expect(r.body.message).toContain('consent signed or attested');
      expect(r.body.message).toContain('baseline assessment complete');
      await coordinator.request('POST', `${base()}/screenings`, { participantId: w.participantId, answers: eligible });
      const view = await coordinator.request('GET', `${base()}/participants/${w.participantId}`);
      expect(view.body.gate.missing).toEqual(['consented', 'baselineComplete']);
      expect((await t.db.db.select().from(allocations)).length).toBe(0);
      const [study] = await t.db.db.select().from(studies);
      expect(study?.seed).toBeNull();
    });
  });

  let firstArm = '';
  describe('randomization', () => {
    it('allocates once the gate is met, locks the design, draws the seed, and audits it', async () => {
      await ready(w.participantId);
      const clientKey = key();
      const r = await randomizeOne(w.participantId, 'north', clientKey);
      expect(r.status).toBe(201);
      expect(r.body.allocation).toMatchObject({
        sequenceNumber: 1,
        stratum: 'site=north',
        method: 'blocks',
        allocatedByName: 'coordinator',
      });
      firstArm = r.body.allocation.arm;
      expect(['xenon', 'yttrium']).toContain(firstArm);
      const [study] = await t.db.db.select().from(studies);
      expect(study?.seed?.length).toBe(32);
      expect(study?.lockedAt).not.toBeNull();
      // A retry with the same key answers the same allocation, 200, and adds nothing.
      const retry = await randomizeOne(w.participantId, 'north', clientKey);
      expect(retry.status).toBe(200);
      expect(retry.body.allocation.arm).toBe(firstArm);
      // A second randomization with another key is refused: randomization is one-way.
      const again = await randomizeOne(w.participantId, 'south');
      expect(again.status).toBe(409);
      expect(again.body.reason).toBe('already_randomized');
      expect(await t.db.db.select().from(allocations)).toHaveLength(1);
      const audited = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'allocation:create'));
      expect(audited).toHaveLength(1);
      expect(audited[0]?.actorId).toBe(w.people.coordinator);
    });

    it('follows the sequence the seed determines (HMAC-SHA256 stream), for the next participant too', async () => {
      await ready(w.otherParticipantId);
      const [study] = await t.db.db.select().from(studies);
      const prior = (await t.db.db.select().from(allocations)).map((a) => ({ arm: a.arm, strata: a.strata }));
      const expected = nextAllocation(
        { arms: design.arms, strata: study!.design.strata, method: study!.design.method, prior },
        { site: 'north' },
        (label) => seededStream(study!.seed!, label),
      );
      const r = await randomizeOne(w.otherParticipantId, 'north');
      expect(r.status).toBe(201);
      expect(r.body.allocation.arm).toBe(expected.arm);
      expect(r.body.allocation.sequenceNumber).toBe(2);
    });

    it('is refused to everyone but staff, and validates the strata', async () => {
      const p = await addParticipant(coordinator, w.programId);
      for (const a of [assessor, coach, participant, evaluator]) {
        // Outside their reach the participant answers 404, as everywhere in Kindred.
        expect(
          (await a.request('POST', `${base()}/randomizations`, { participantId: p, clientKey: key(), strata: { site: 'north' } }))
            .status,
        ).toBe(404);
      }
      await ready(p);
      const bad = await randomizeOne(p, 'west');
      expect(bad.status).toBe(422);
      expect(bad.body.message).toContain('Site has no level "west"');
    });

    it('after lock, a design change is an amendment with a reason that cannot touch the arms', async () => {
      const noReason = await coordinator.request('PUT', base(), { design: { ...design, title: 'Amended' } });
      expect(noReason.status).toBe(422);
      const arms = await coordinator.request('PUT', base(), {
        design: { ...design, arms: [design.arms[0], { ...design.arms[1], ratio: 2 }] },
        reason: 'More class places',
      });
      expect(arms.status).toBe(409);
      expect(arms.body.message).toContain('the arms or their ratio');
      const ok = await coordinator.request('PUT', base(), {
        design: {
          ...design,
          title: 'Amended title',
          arms: [design.arms[0], { ...design.arms[1], label: 'Yttrium class (2 hours)' }],
        },
        reason: 'Clearer arm name for the ethics board',
      });
      expect(ok.status).toBe(200);
      expect(ok.body.isLocked).toBe(true);
      expect(ok.body.amendments).toEqual([
        { version: 3, reason: 'Clearer arm name for the ethics board', at: '2026-03-02T15:00:00.000Z', byName: 'coordinator' },
      ]);
    });
  });

  describe('concealment and blinding', () => {
    /** Every GET route the app has that this test can fill in, for each randomized participant. */
    const urls = (): string[] => {
      const out = new Set<string>();
      for (const r of t.routes) {
        if (r.method !== 'GET' || r.isPublic || !r.url.startsWith('/api/v1/programs/:programId')) continue;
        for (const pid of [w.participantId, w.otherParticipantId]) {
          const url = r.url
            .replace('/api/v1', '')
            .replace(':programId', w.programId)
            .replace(':participantId', pid)
            .replace(':coachId', w.coachId);
          if (!url.includes(':')) out.add(url);
        }
      }
      return [...out];
    };

    it('walks every GET route as every role: no seed anywhere, no arm for the assessor, coach or participant, masked for the evaluator', async () => {
      const [study] = await t.db.db.select().from(studies);
      const seed = Buffer.from(study!.seed!);
      const secrets = [seed.toString('hex'), seed.toString('base64'), seed.toString('base64url')];
      const all = urls();
      expect(all.length).toBeGreaterThan(20);
      expect(all).toContain(`${base()}/consort`);
      expect(all).toContain(`${base()}/participants/${w.participantId}`);
      let readable = 0;
      for (const [name, agent] of Object.entries({ admin, coordinator, coach, participant, evaluator, assessor })) {
        for (const url of all) {
          const r = await agent.request('GET', url);
          const text = JSON.stringify(r.body);
          for (const s of secrets) expect(text, `${name} GET ${url}`).not.toContain(s);
          expect(text, `${name} GET ${url}`).not.toMatch(/"seed|"masks|allocationTable/);
          if (['assessor', 'coach', 'participant', 'evaluator'].includes(name))
            expect(text, `${name} GET ${url}`).not.toMatch(ARM_WORDS);
          if (r.status === 200) readable++;
        }
      }
      expect(readable).toBeGreaterThan(50);
      // The sequence is refused to everyone, the admin included, while the study is blinded.
      for (const a of [admin, coordinator, evaluator, assessor])
        expect((await a.request('GET', `${base()}/sequence`)).status).not.toBe(200);
    });

    it('walks every write route of the study as the assessor, coach, participant and evaluator: refused, nothing revealed, nothing changed', async () => {
      const before = await t.db.db.select().from(allocations);
      const writes = t.routes.filter(
        (r) => r.method !== 'GET' && r.method !== 'HEAD' && r.url.startsWith('/api/v1/programs/:programId/study'),
      );
      expect(writes.length).toBeGreaterThanOrEqual(12);
      const body = {
        participantId: w.otherParticipantId,
        clientKey: key(),
        strata: { site: 'north' },
        reason: 'Looking for the arm',
        answers: eligible,
        scope: 'data',
        on: '2026-03-02',
        received: true,
        csv: 'arm,site\nxenon,north\n',
        design,
      };
      for (const [name, agent] of Object.entries({ assessor, coach, participant, evaluator })) {
        for (const r of writes) {
          const url = r.url
            .replace('/api/v1', '')
            .replace(':programId', w.programId)
            .replace(':participantId', w.otherParticipantId)
            .replace(':classId', randomUUID());
          const res = await agent.request(r.method as 'POST', url, body);
          const label = `${name} ${r.method} ${url}`;
          if (name === 'evaluator' && url.endsWith('/simulation')) {
            expect(res.status, label).toBe(200); // the pre-trial check uses fresh seeds and says nothing of the study's
          } else {
            expect([400, 403, 404], label).toContain(res.status);
          }
          expect(JSON.stringify(res.body), label).not.toMatch(ARM_WORDS);
        }
      }
      expect(await t.db.db.select().from(allocations)).toEqual(before);
    });

    it('shows the evaluator masked labels in CONSORT and staff the real arms', async () => {
      const ev = await evaluator.request('GET', `${base()}/consort`);
      expect(ev.status).toBe(200);
      expect(ev.body.arms.map((a: { arm: string }) => a.arm).sort()).toEqual(['Arm A', 'Arm B']);
      const co = await coordinator.request('GET', `${base()}/consort`);
      expect(co.body.arms.map((a: { arm: string }) => a.arm)).toEqual(['xenon', 'yttrium']);
      expect((await assessor.request('GET', `${base()}/consort`)).status).toBe(403);
    });

    it('emergency unblinding of one participant: admin only, reason required, logged and the staff e-mailed', async () => {
      expect(
        (
          await coordinator.request('POST', `${base()}/participants/${w.participantId}/emergency-unblinding`, {
            reason: 'Hospital asks',
          })
        ).status,
      ).toBe(403);
      expect((await admin.request('POST', `${base()}/participants/${w.participantId}/emergency-unblinding`, {})).status).toBe(
        400,
      );
      const r = await admin.request('POST', `${base()}/participants/${w.participantId}/emergency-unblinding`, {
        reason: 'Admitted to hospital; the team asks',
      });
      expect(r.status).toBe(200);
      expect(r.body.arm).toBe(firstArm);
      const mails = await t.db.db.select().from(mailMessages).where(eq(mailMessages.subject, EMERGENCY_SUBJECT));
      expect(mails.map((m) => m.toAddress).sort()).toEqual(['coordinator@test.org']);
      expect(mails[0]!.bodyText).not.toMatch(/Pat|Person|xenon|yttrium|hospital/i);
    });

    it('an admin unblinds the study with a reason; then evaluators see real arms and the sequence exports', async () => {
      expect((await coordinator.request('POST', `${base()}/unblinding`, { reason: 'Final analysis' })).status).toBe(403);
      const r = await admin.request('POST', `${base()}/unblinding`, { reason: 'Final analysis after the 9-month data lock' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ isUnblinded: true, unblindReason: 'Final analysis after the 9-month data lock' });
      const ev = await evaluator.request('GET', `${base()}/consort`);
      expect(ev.body.arms.map((a: { arm: string }) => a.arm)).toEqual(['xenon', 'yttrium']);
      const seq = await admin.request('GET', `${base()}/sequence`);
      expect(seq.status).toBe(200);
      expect(seq.body.allocations).toHaveLength(2);
      const [study] = await t.db.db.select().from(studies);
      expect(seq.body.seedHex).toBe(Buffer.from(study!.seed!).toString('hex'));
      // Still nothing for the assessor.
      expect(JSON.stringify((await assessor.request('GET', `/programs/${w.programId}/assessments`)).body)).not.toMatch(ARM_WORDS);
    });
  });

  describe('withdrawal from follow-up', () => {
    it('stops assessment tasks, revokes links and refuses new ones; another participant keeps them', async () => {
      t.clock.set('2026-08-10T15:00:00.000Z'); // the 6-month window is open (due 1 September)
      await login();
      const tasksFor = async (id: string) =>
        (
          (await coordinator.request('GET', `/programs/${w.programId}/tasks`)).body as { kind: string; participantId: string }[]
        ).filter((x) => x.kind === 'assessment' && x.participantId === id);
      expect(await tasksFor(w.participantId)).toHaveLength(1);
      expect(await tasksFor(w.otherParticipantId)).toHaveLength(1);
      const link = await coordinator.request(
        'POST',
        `/programs/${w.programId}/participants/${w.participantId}/assessment-links`,
        {
          timepointKey: 'month_6',
          sendEmail: false,
        },
      );
      expect(link.status).toBe(201);

      const r = await coordinator.request('POST', `${base()}/withdrawals`, {
        participantId: w.participantId,
        scope: 'follow_up',
        on: '2026-08-10',
        reason: 'Moving away',
      });
      expect(r.status).toBe(201);
      expect(r.body.withdrawals).toEqual([{ scope: 'follow_up', on: '2026-08-10', reason: 'Moving away' }]);
      expect(await tasksFor(w.participantId)).toHaveLength(0);
      expect(await tasksFor(w.otherParticipantId)).toHaveLength(1);
      const links = await t.db.db
        .select()
        .from(assessmentLinks)
        .where(and(eq(assessmentLinks.participantId, w.participantId)));
      expect(links.every((l) => l.revokedAt !== null)).toBe(true);
      const again = await coordinator.request(
        'POST',
        `/programs/${w.programId}/participants/${w.participantId}/assessment-links`,
        {
          timepointKey: 'month_6',
          sendEmail: false,
        },
      );
      expect(again.status).toBe(422);
      const worklist = (await assessor.request('GET', `/programs/${w.programId}/assessments`)).body as {
        participantId: string;
        state: string;
      }[];
      expect(worklist.filter((x) => x.participantId === w.participantId && (x.state === 'due' || x.state === 'overdue'))).toEqual(
        [],
      );
      expect(worklist.some((x) => x.participantId === w.otherParticipantId && x.state === 'due')).toBe(true);
    });
  });

  describe('CONSORT', () => {
    it('matches a hand count, from the API and from the operator function', async () => {
      // Pat (first) was paired: coaching received if Pat is in the coaching arm.
      await t.db.db.insert(pairings).values({
        id: randomUUID(),
        programId: w.programId,
        participantId: w.participantId,
        coachId: w.coachId,
        startedAt: new Date('2026-03-05T15:00:00Z'),
        createdBy: w.people.coordinator,
      });
      // Quinn's class attendance is recorded as not received.
      await coordinator.request('POST', `${base()}/deliveries`, {
        participantId: w.otherParticipantId,
        received: false,
        reason: 'did not attend',
      });
      const rows = await t.db.db.select().from(allocations);
      const armOf = (id: string) => rows.find((a) => a.participantId === id)!.arm;
      const patArm = armOf(w.participantId);
      const quinnArm = armOf(w.otherParticipantId);
      // Hand count: 5 screened (Pat, Quinn, the not-eligible, the decliner, and the one refused for
      // a bad stratum, eligible but not randomized: awaiting), 2 randomized.
      const c = await coordinator.request('GET', `${base()}/consort`);
      expect(c.body.assessed).toBe(5);
      expect(c.body.excluded).toEqual({ not_meeting_criteria: 1, declined: 1, awaiting_randomization: 1 });
      expect(c.body.randomized).toBe(2);
      // Pat: coaching is received by the pairing, a class only when attendance is recorded; Pat
      // withdrew from follow-up on 10 August, so both follow-ups count as discontinued.
      // Quinn: recorded as not attending; the 6-month window is still open, so nothing counted yet.
      const empty = () => ({
        arm: '',
        allocated: 0,
        received: 0,
        notReceived: {} as Record<string, number>,
        lostToFollowUp: { month_6: 0, month_9: 0 },
        discontinued: { month_6: 0, month_9: 0 },
        analysed: { month_6: 0, month_9: 0 },
      });
      const hand = { xenon: { ...empty(), arm: 'xenon' }, yttrium: { ...empty(), arm: 'yttrium' } } as Record<
        string,
        ReturnType<typeof empty>
      >;
      const pat = hand[patArm]!;
      pat.allocated++;
      if (patArm === 'xenon') pat.received++;
      else pat.notReceived['withdrew'] = 1; // follow-up withdrawal includes the intervention
      pat.discontinued = { month_6: 1, month_9: 1 };
      const quinn = hand[quinnArm]!;
      quinn.allocated++;
      quinn.notReceived['did not attend'] = 1;
      expect(c.body.arms).toEqual([hand.xenon, hand.yttrium]);
      const { armLabels, ...counts } = c.body;
      expect(armLabels).toEqual({ xenon: 'Xenon peer coaching', yttrium: 'Yttrium class (2 hours)' });
      expect(await consortForOperator(t.db.db, t.clock.now(), w.programId)).toEqual(counts);
    });
  });
});
