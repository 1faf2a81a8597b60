import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailMessages } from '../../platform/mail.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { invitations } from '../accounts/accounts.table';
import { coaches } from '../coaches/coaches.table';
import { pairings } from '../pairings/pairings.table';
import { fullScreening, journey } from './volunteers.fixtures';
import { volunteerApplications, volunteerSteps } from './volunteers.table';

describe('the volunteer pipeline', () => {
  let t: TestApp;
  let w: World;
  let j: ReturnType<typeof journey>;
  let coordinator: Agent;
  let coach: Agent;
  let participant: Agent;
  let evaluator: Agent;
  let outsider: Agent;
  let base: string;
  let vera: string;
  let veraCoach: string;

  const app = async (id: string) =>
    (await t.db.db.select().from(volunteerApplications).where(eq(volunteerApplications.id, id)))[0]!;
  const coachRow = async (id: string) => (await t.db.db.select().from(coaches).where(eq(coaches.id, id)))[0]!;
  const mailTo = (email: string) =>
    t.db.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email)).orderBy(asc(mailMessages.createdAt));
  const subjects = async (email: string) => (await mailTo(email)).map((m) => m.subject);
  /** Each step a minute after the last, as in life, so the history has an order. */
  const tick = () => t.clock.set(new Date(t.clock.now().getTime() + 60_000));
  const snapshot = async (id: string) => ({
    app: await app(id),
    steps: await t.db.db.select().from(volunteerSteps).where(eq(volunteerSteps.applicationId, id)),
    coaches: (await t.db.db.select().from(coaches)).length,
    mail: (await t.db.db.select().from(mailMessages)).length,
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    j = journey(t, w.programId);
    const step = j.step;
    j.step = (...args) => {
      tick();
      return step(...args);
    };
    base = `/programs/${w.programId}`;
    [coordinator, coach, participant, evaluator, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
    vera = await j.apply({ email: 'vera@example.org', gender: 'man', givenName: 'Vern', familyName: 'Volunteer' });
  });
  afterAll(() => t.close());

  it('lists applicants for staff only, with where each stands', async () => {
    const res = await coordinator.request('GET', `${base}/volunteers`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({ id: vera, givenName: 'Vern', state: 'applied', coachId: null, training: null }),
    ]);
    expect(res.body[0]).not.toHaveProperty('email');
    for (const agent of [coach, participant, evaluator])
      expect((await agent.request('GET', `${base}/volunteers`)).status).toBe(403);
    expect((await outsider.request('GET', `${base}/volunteers`)).status).toBe(404);
    expect((await coordinator.request('GET', `${base}/volunteers?state=active`)).body).toEqual([]);
    expect((await coordinator.request('GET', `${base}/volunteers?state=asleep`)).status).toBe(400);
  });

  it('shows one applicant to staff with the whole application and history; others get 404', async () => {
    const res = await coordinator.request('GET', `${base}/volunteers/${vera}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: 'vera@example.org',
      ownPain: expect.stringContaining('Knee pain'),
      // The optional answers the matcher weighs (ADR 0016) are shown with the others.
      birthYear: 1968,
      town: 'Greenwood',
      languages: ['English', 'Spanish'],
      state: 'applied',
      history: [{ from: null, to: 'applied', byName: null }],
      requiresBackgroundCheck: false,
    });
    for (const agent of [coach, participant, outsider]) {
      expect((await agent.request('GET', `${base}/volunteers/${vera}`)).status).toBe(404);
    }
    expect((await coordinator.request('GET', `${base}/volunteers/${randomUUID()}`)).status).toBe(404);
  });

  it('refuses moves that skip a step, incomplete screening, and non-staff, changing nothing', async () => {
    const before = await snapshot(vera);
    const skip = await j.step(coordinator, vera, { to: 'in_training' });
    expect([skip.status, skip.body.reason]).toEqual([409, 'step_not_allowed']);
    const incomplete = await j.step(coordinator, vera, {
      to: 'screened',
      checklist: { ...fullScreening, manages_own_pain: false },
    });
    expect([incomplete.status, incomplete.body.reason]).toEqual([422, 'screening_incomplete']);
    const bad = await j.step(coordinator, vera, { to: 'paused' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path)).toContain('body.until');
    expect((await j.step(coach, vera, { to: 'screened', checklist: fullScreening })).status).toBe(404);
    expect((await j.step(outsider, vera, { to: 'screened', checklist: fullScreening })).status).toBe(404);
    expect(await snapshot(vera)).toEqual(before);
  });

  it('screens with the checklist and a note, records who and when, and tells the applicant', async () => {
    const res = await j.step(coordinator, vera, { to: 'screened', checklist: fullScreening, note: 'Good phone call.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'screened', screeningNote: 'Good phone call.', screening: fullScreening });
    expect(res.body.history.at(-1)).toMatchObject({
      from: 'applied',
      to: 'screened',
      byName: 'coordinator',
      note: 'Good phone call.',
    });
    expect((await app(vera)).stateChangedAt.toISOString()).toBe(t.clock.now().toISOString());
    expect(await subjects('vera@example.org')).toEqual(['We received your application', 'Your application: next steps']);
  });

  it('starts training: creates an untrained coach record from the application and invites the person as a coach', async () => {
    const res = await j.step(coordinator, vera, { to: 'in_training' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'in_training',
      training: { modulesPassed: 0, modulesTotal: 7, isAgreementSigned: false, isComplete: false },
    });
    veraCoach = res.body.coachId;
    expect(await coachRow(veraCoach)).toMatchObject({
      programId: w.programId,
      givenName: 'Vern',
      gender: 'man',
      email: 'vera@example.org',
      status: 'active',
      caseload: 1,
      painLocations: ['knee', 'low_back'],
      availability: { days: ['tue', 'thu'], times: ['evening'] },
      serviceBranch: 'army',
      serviceEra: 'gulf_war',
      // The optional answers for matching travel to the coach record too (ADR 0016).
      birthYear: 1968,
      town: 'Greenwood',
      languages: ['English', 'Spanish'],
      trainedAt: null,
      agreementSignedAt: null,
      personId: null,
    });
    const [inv] = await t.db.db.select().from(invitations).where(eq(invitations.subjectId, veraCoach));
    expect(inv).toMatchObject({ email: 'vera@example.org', role: 'coach', programId: w.programId });
    const sent = await subjects('vera@example.org');
    expect(sent.slice(0, 2)).toEqual(['We received your application', 'Your application: next steps']);
    // Both go in the same step: the training welcome and the account invitation.
    expect(sent.slice(2).sort()).toEqual(['Your coach training is ready', 'Your invitation to Kindred']);
    const coachList = await coordinator.request('GET', `${base}/coaches`);
    expect(coachList.body.find((c: { id: string }) => c.id === veraCoach)).toMatchObject({ isTrained: false });
  });

  it('keeps an untrained coach out of pairing and out of the matcher', async () => {
    const before = await t.db.db.select().from(pairings);
    const res = await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: veraCoach });
    expect([res.status, res.body.reason]).toEqual([422, 'coach_not_trained']);
    expect(res.body.message).toMatch(/training/);
    expect(await t.db.db.select().from(pairings)).toEqual(before);
    const proposal = await coordinator.request('GET', `${base}/matching/proposal`);
    const named = JSON.stringify(proposal.body.proposals);
    expect(named).not.toContain(veraCoach);
  });

  it('does not make the coach active before training is complete', async () => {
    const before = await snapshot(vera);
    const res = await j.step(coordinator, vera, { to: 'active' });
    expect([res.status, res.body.reason]).toEqual([422, 'training_incomplete']);
    expect(await snapshot(vera)).toEqual(before);
  });

  it('moves the volunteer to active by itself once the coach passes every module and signs, and then the coach can be paired', async () => {
    const vern = await j.acceptAndSignIn('vera@example.org');
    tick();
    await j.passAll(vern, veraCoach);
    expect((await app(vera)).state).toBe('in_training');
    expect((await coachRow(veraCoach)).trainedAt).not.toBeNull();
    tick();
    expect((await j.sign(vern, veraCoach, { signedName: 'Vern Volunteer' })).status).toBe(201);

    const after = await coordinator.request('GET', `${base}/volunteers/${vera}`);
    expect(after.body).toMatchObject({
      state: 'active',
      training: { modulesPassed: 7, modulesTotal: 7, isAgreementSigned: true, isComplete: true },
    });
    expect(after.body.history.at(-1)).toMatchObject({ from: 'in_training', to: 'active', byName: null });
    expect((await subjects('vera@example.org')).at(-1)).toBe('You are ready to coach');

    const paired = await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: veraCoach });
    expect(paired.status).toBe(201);
  });

  it('pauses only until a date after today, pauses the coach record, and resumes', async () => {
    const past = await j.step(coordinator, vera, { to: 'paused', until: '2026-03-02' });
    expect([past.status, past.body.reason]).toEqual([422, 'pause_date_past']);
    const res = await j.step(coordinator, vera, { to: 'paused', until: '2026-04-15', note: 'Knee surgery' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'paused', pausedUntil: '2026-04-15' });
    expect((await coachRow(veraCoach)).status).toBe('paused');
    const pausedMail = (await mailTo('vera@example.org')).at(-1)!;
    expect(pausedMail).toMatchObject({ subject: 'Your coaching is paused' });
    expect(pausedMail.bodyText).toContain('Wednesday 15 April 2026');

    const back = await j.step(coordinator, vera, { to: 'active' });
    expect(back.body).toMatchObject({ state: 'active', pausedUntil: null });
    expect((await coachRow(veraCoach)).status).toBe('active');
    expect((await subjects('vera@example.org')).at(-1)).toBe('Welcome back');
  });

  it('does not retire a coach who still coaches someone; retires once the pairing has ended, with the reason', async () => {
    const before = await snapshot(vera);
    const refused = await j.step(coordinator, vera, { to: 'retired', reason: 'stepped_down' });
    expect([refused.status, refused.body.reason]).toEqual([409, 'coach_has_participants']);
    expect(await snapshot(vera)).toEqual(before);

    const [pairing] = await t.db.db.select().from(pairings).where(eq(pairings.coachId, veraCoach));
    expect((await coordinator.request('POST', `${base}/pairings/${pairing!.id}/end`, { reason: 'coach_retired' })).status).toBe(
      200,
    );
    const res = await j.step(coordinator, vera, { to: 'retired', reason: 'stepped_down', note: 'Moving away' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'retired', retiredReason: 'stepped_down' });
    expect((await coachRow(veraCoach)).status).toBe('retired');
    expect((await subjects('vera@example.org')).at(-1)).toBe('About your place as a volunteer coach');

    const again = await j.step(coordinator, vera, { to: 'active' });
    expect([again.status, again.body.reason]).toEqual([409, 'step_not_allowed']);
    const history = (await coordinator.request('GET', `${base}/volunteers/${vera}`)).body.history;
    expect(history.map((h: { to: string }) => h.to)).toEqual([
      'applied',
      'screened',
      'in_training',
      'active',
      'paused',
      'active',
      'retired',
    ]);
  });

  it('retires an applicant at screening with a reason and tells him or her kindly', async () => {
    const id = await j.apply({ email: 'nope@example.org' });
    const res = await j.step(coordinator, id, { to: 'retired', reason: 'not_suitable' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'retired', retiredReason: 'not_suitable', coachId: null });
    const last = (await mailTo('nope@example.org')).at(-1)!;
    expect(last.subject).toBe('About your place as a volunteer coach');
    expect(last.bodyText).toContain('Thank you for offering');
  });
});
