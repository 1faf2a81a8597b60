import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { coaches } from '../coaches/coaches.table';
import { journey } from './volunteers.fixtures';
import { coachAgreements, trainingAttempts, volunteerApplications } from './volunteers.table';

describe('coach training and the agreement', () => {
  let t: TestApp;
  let w: World;
  let j: ReturnType<typeof journey>;
  let coordinator: Agent;
  let worldCoach: Agent;
  let participant: Agent;
  let outsider: Agent;
  let trainee: Agent;
  let traineeCoach: string;
  let application: string;
  let base: string;

  const attempts = () => t.db.db.select().from(trainingAttempts).where(eq(trainingAttempts.coachId, traineeCoach));
  const signatures = () => t.db.db.select().from(coachAgreements).where(eq(coachAgreements.coachId, traineeCoach));
  const coachRow = async () => (await t.db.db.select().from(coaches).where(eq(coaches.id, traineeCoach)))[0]!;
  const state = (agent: Agent, coachId = traineeCoach) => agent.request('GET', `${base}/coaches/${coachId}/training`);

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    j = journey(t, w.programId);
    base = `/programs/${w.programId}`;
    [coordinator, worldCoach, participant, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
      t.login('outsider@test.org'),
    ]);
    // A man, like the world's participants, so a pairing needs no reason across genders.
    application = await j.apply({ email: 'tina@example.org', givenName: 'Tina', familyName: 'Trainee', gender: 'man' });
    traineeCoach = await j.toTraining(coordinator, application);
    trainee = await j.acceptAndSignIn('tina@example.org');
  });
  afterAll(() => t.close());

  it('gives a module with its quiz but never the answer key, to coaches and staff only', async () => {
    const res = await trainee.request('GET', `${base}/training/modules/safety`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'safety', title: 'Safety protocol', passMark: 5 });
    expect(res.body.content).toContain('988 then press 1');
    expect(res.body.questions).toHaveLength(5);
    expect(JSON.stringify(res.body)).not.toMatch(/isCorrect|\[x\]/);
    expect((await coordinator.request('GET', `${base}/training/modules/safety`)).status).toBe(200);
    expect((await participant.request('GET', `${base}/training/modules/safety`)).status).toBe(403);
    expect((await outsider.request('GET', `${base}/training/modules/safety`)).status).toBe(404);
    expect((await trainee.request('GET', `${base}/training/modules/nothing_here`)).status).toBe(404);
  });

  it('starts with nothing passed and nothing signed', async () => {
    const res = await state(trainee);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ coachId: traineeCoach, modulesPassed: 0, isComplete: false, trainedAt: null });
    expect(res.body.modules).toHaveLength(7);
    expect(res.body.modules[0]).toMatchObject({ key: 'role_and_boundaries', isPassed: false, attempts: 0, lastAttempt: null });
    expect(res.body.agreement).toMatchObject({ version: 1, signedAt: null, signedVersion: null });
  });

  it('scores on the server and enforces the pass mark: 4 of 5 on the safety quiz is not a pass', async () => {
    const right = j.rightAnswers('safety');
    const wrongOption = (qid: string) => (right[qid] === 'a' ? 'b' : 'a');
    const res = await j.attempt(trainee, traineeCoach, 'safety', { ...right, q2: wrongOption('q2') });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ correct: 4, total: 5, passMark: 5, isPassed: false, isTrainingComplete: false });
    expect(res.body.results.map((r: { isCorrect: boolean }) => r.isCorrect)).toEqual([true, false, true, true, true]);
    // The reply says which were wrong, not which answer was right.
    expect(JSON.stringify(res.body)).not.toContain(`"${right['q2']}"`);
    const [stored] = await attempts();
    expect(stored).toMatchObject({ moduleKey: 'safety', moduleVersion: 1, correct: 4, total: 5, isPassed: false });
    expect(stored!.answers).toEqual({ ...right, q2: wrongOption('q2') });
    expect((await state(trainee)).body.modules.find((m: { key: string }) => m.key === 'safety')).toMatchObject({
      isPassed: false,
      attempts: 1,
      lastAttempt: { correct: 4, total: 5, isPassed: false },
    });
  });

  it('counts an unanswered question as wrong', async () => {
    const right = j.rightAnswers('listening');
    const res = await j.attempt(trainee, traineeCoach, 'listening', { q1: right['q1']!, q2: right['q2']! });
    expect(res.body).toMatchObject({ correct: 2, total: 4, isPassed: false });
  });

  it('refuses answers the quiz does not have (422), bad bodies (400), and anyone but the coach, storing nothing', async () => {
    const before = (await attempts()).length;
    const odd = await j.attempt(trainee, traineeCoach, 'safety', { q1: 'z' });
    expect([odd.status, odd.body.reason]).toEqual([422, 'answers_do_not_fit']);
    const bad = await trainee.request('POST', `${base}/coaches/${traineeCoach}/training/modules/safety/attempts`, {
      answers: 'a,b',
    });
    expect(bad.status).toBe(400);
    expect((await j.attempt(trainee, traineeCoach, 'nothing_here', {})).status).toBe(404);
    // Staff follow training but do not take it for a coach; another coach cannot even see it.
    expect((await j.attempt(coordinator, traineeCoach, 'safety', j.rightAnswers('safety'))).status).toBe(403);
    expect((await j.attempt(worldCoach, traineeCoach, 'safety', j.rightAnswers('safety'))).status).toBe(404);
    expect((await j.attempt(outsider, traineeCoach, 'safety', j.rightAnswers('safety'))).status).toBe(404);
    expect((await j.attempt(trainee, w.coachId, 'safety', j.rightAnswers('safety'))).status).toBe(404);
    expect((await attempts()).length).toBe(before);
  });

  it('shows training state to staff and to the coach himself or herself only, audited', async () => {
    expect((await state(coordinator)).status).toBe(200);
    expect((await state(worldCoach)).status).toBe(404);
    expect((await state(participant)).status).toBe(404);
    expect((await state(trainee, randomUUID())).status).toBe(404);
    const reads = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'training'), eq(auditEvents.entityId, traineeCoach)));
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a signature without the tick, of another version, or by anyone else, signing nothing', async () => {
    const unticked = await j.sign(trainee, traineeCoach, { agrees: false, signedName: 'T' });
    expect(unticked.status).toBe(400);
    expect(unticked.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.agrees', 'body.signedName']);
    const old = await j.sign(trainee, traineeCoach, { version: 99 });
    expect([old.status, old.body.reason]).toEqual([409, 'agreement_version_changed']);
    expect((await j.sign(coordinator, traineeCoach)).status).toBe(403);
    expect((await j.sign(worldCoach, traineeCoach)).status).toBe(404);
    expect(await signatures()).toEqual([]);
    expect((await coachRow()).agreementSignedAt).toBeNull();
  });

  it('records the signature with the typed name, the version and the time, once', async () => {
    const res = await j.sign(trainee, traineeCoach, { signedName: 'Tina Trainee' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, signedVersion: 1, signedAt: t.clock.now().toISOString() });
    expect(res.body.text).toContain('I am a peer, not a clinician');
    expect(await signatures()).toEqual([
      expect.objectContaining({ version: 1, signedName: 'Tina Trainee', signedAt: t.clock.now(), programId: w.programId }),
    ]);
    const again = await j.sign(trainee, traineeCoach);
    expect([again.status, again.body.reason]).toEqual([409, 'agreement_already_signed']);
    expect(await signatures()).toHaveLength(1);
    // Signed but not trained: still not pairable.
    const pair = await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: traineeCoach });
    expect([pair.status, pair.body.reason]).toEqual([422, 'coach_not_trained']);
  });

  it('completes training with the last module passed: the coach is trained, the volunteer active, and pairable', async () => {
    await j.passAll(trainee, traineeCoach, ['privacy']);
    expect((await coachRow()).trainedAt).toBeNull();
    const last = await j.attempt(trainee, traineeCoach, 'privacy', j.rightAnswers('privacy'));
    expect(last.body).toMatchObject({ isPassed: true, isTrainingComplete: true });
    expect((await coachRow()).trainedAt).toEqual(t.clock.now());
    const s = (await state(trainee)).body;
    expect(s).toMatchObject({ modulesPassed: 7, isComplete: true });
    expect(s.modules.every((m: { isPassed: boolean }) => m.isPassed)).toBe(true);
    const [app] = await t.db.db.select().from(volunteerApplications).where(eq(volunteerApplications.id, application));
    expect(app!.state).toBe('active');

    const pair = await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: traineeCoach });
    expect(pair.status).toBe(201);
    // A retake after training is stored but changes nothing else.
    const retake = await j.attempt(trainee, traineeCoach, 'safety', {});
    expect(retake.body).toMatchObject({ isPassed: false, isTrainingComplete: true });
  });

  it('treats a coach staff added directly (trained outside Kindred) as trained', async () => {
    const res = await state(worldCoach, w.coachId);
    expect(res.body).toMatchObject({ modulesPassed: 0, isComplete: true });
  });
});
