import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../../../core/programs';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { programs } from '../programs/programs.table';
import { BUILT_IN_CURRICULUM_DIR, loadCurriculum } from './curriculum.loader';

describe('curriculum', () => {
  let t: TestApp;
  let w: World;
  let admin: Agent;
  let coordinator: Agent;
  let coach: Agent;
  let participant: Agent;
  let evaluator: Agent;
  let outsider: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    [admin, coordinator, coach, participant, evaluator, outsider] = await Promise.all([
      t.login('admin@test.org'),
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
  });
  afterAll(() => t.close());

  const url = (key?: string, programId = w.programId) => `/programs/${programId}/curriculum${key ? `/${key}` : ''}`;

  it("lists the program's topics in the program's order with title, summary, skill and version, for every member", async () => {
    for (const agent of [coordinator, coach, participant, evaluator, admin]) {
      const res = await agent.request('GET', url());
      expect(res.status).toBe(200);
      expect(res.body.map((x: { key: string }) => x.key)).toEqual(DEFAULT_TOPICS.map((x) => x.key));
    }
    const res = await participant.request('GET', url());
    expect(res.body[3]).toEqual({
      key: 'relaxation',
      title: 'Relaxation',
      summary: expect.stringContaining('breathing'),
      skill: 'Slow belly breathing',
      version: 1,
      language: 'en',
      translation: null,
    });
  });

  it("follows a program's own choice, order and titles of topics", async () => {
    const created = await admin.request('POST', '/programs', {
      name: 'Short Program',
      site: 'North',
      startOn: '2026-04-01',
      topics: [
        { key: 'sleep', title: 'Sleeping better' },
        { key: 'getting_started', title: 'Getting started' },
      ],
    });
    expect(created.status).toBe(201);
    const list = await admin.request('GET', url(undefined, created.body.id));
    expect(list.body.map((x: { key: string; title: string }) => [x.key, x.title])).toEqual([
      ['sleep', 'Sleeping better'],
      ['getting_started', 'Getting started'],
    ]);
    const topic = await admin.request('GET', url('sleep', created.body.id));
    expect(topic.body).toMatchObject({ key: 'sleep', title: 'Sleeping better' });
    // In the curriculum but not chosen by this program.
    expect((await admin.request('GET', url('pacing', created.body.id))).status).toBe(404);
  });

  it('shows coaches, staff and evaluators the handout and the coach guide', async () => {
    for (const agent of [coordinator, coach, evaluator, admin]) {
      const res = await agent.request('GET', url('pacing'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        view: 'guide',
        key: 'pacing',
        title: 'Activity pacing',
        version: 1,
        handout: expect.stringContaining('boom and bust'),
        skillSteps: expect.stringContaining('timer'),
        talkingPoints: expect.stringContaining('- '),
        questions: expect.stringContaining('?'),
      });
    }
  });

  it('shows a participant the handout only, never the talking points or questions', async () => {
    const res = await participant.request('GET', url('mood_stress'));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([
      'handout',
      'key',
      'language',
      'skill',
      'summary',
      'title',
      'translation',
      'version',
      'view',
    ]);
    expect(res.body.view).toBe('handout');
    expect(res.body.handout).toContain('988, then press 1');
    const guide = (await coordinator.request('GET', url('mood_stress'))).body;
    expect(JSON.stringify(res.body)).not.toContain(guide.talkingPoints.split('\n')[0].slice(2));
  });

  it("gives a participant the handouts in the language the participant chose, marked as the program's own translation (ADR 0051)", async () => {
    const prefs = `/programs/${w.programId}/participants/${w.participantId}/preferences`;
    const english = await participant.request('GET', url('pacing'));
    expect(english.body).toMatchObject({ language: 'en', translation: null, title: 'Activity pacing' });

    expect((await participant.request('PUT', prefs, { locale: 'es' })).status).toBe(200);
    try {
      const res = await participant.request('GET', url('pacing'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        view: 'handout',
        key: 'pacing',
        language: 'es',
        translation: { source: 'program' },
        title: 'Dosificar la actividad',
        skill: 'Trabajar y descansar antes de que el dolor aumente',
        handout: expect.stringContaining('todo o nada'),
        version: 1,
      });
      expect(res.body.handout).not.toContain('boom and bust');
      const list = (await participant.request('GET', url())).body;
      expect(list.find((x: { key: string }) => x.key === 'mood_stress')).toMatchObject({
        title: 'Estado de ánimo y estrés',
        language: 'es',
        translation: { source: 'program' },
      });
      // The participant may still read the English.
      expect((await participant.request('GET', `${url('pacing')}?lang=en`)).body).toMatchObject({
        language: 'en',
        title: 'Activity pacing',
      });
      // Another person's choice does not change what a coach reads.
      expect((await coach.request('GET', url('pacing'))).body).toMatchObject({ language: 'en', title: 'Activity pacing' });
    } finally {
      expect((await participant.request('PUT', prefs, { locale: 'en' })).status).toBe(200);
    }
  });

  it('lets coaches and staff read the Spanish handout beside their English guide, and refuses a language Kindred does not have', async () => {
    for (const agent of [coach, coordinator]) {
      const res = await agent.request('GET', `${url('relaxation')}?lang=es`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        view: 'guide',
        language: 'es',
        title: 'Relajación',
        handout: expect.stringContaining('Respirar despacio con el vientre'),
        talkingPoints: expect.stringContaining('- '),
      });
    }
    const bad = await coach.request('GET', `${url('relaxation')}?lang=fr`);
    expect(bad.status).toBe(400);
    expect((await coach.request('GET', `${url()}?lang=fr`)).status).toBe(400);
  });

  it('answers 404 for a topic that does not exist and 400 for a malformed key', async () => {
    expect((await coach.request('GET', url('astrology'))).status).toBe(404);
    expect((await coach.request('GET', url('Not-A-Key!'))).status).toBe(400);
  });

  it('answers 404 to someone outside the program and 401 without a session', async () => {
    expect((await outsider.request('GET', url())).status).toBe(404);
    expect((await outsider.request('GET', url('pacing'))).status).toBe(404);
    expect((await t.anonymous.request('GET', url())).status).toBe(401);
    expect((await t.anonymous.request('GET', url('pacing'))).status).toBe(401);
  });

  it('tells members that they may read the curriculum', async () => {
    const me = await participant.request('GET', '/me');
    const membership = me.body.memberships.find((m: { programId: string }) => m.programId === w.programId);
    expect(membership.can).toContain('curriculum:view');
  });

  it('refuses program topics that are not in the curriculum (422), changing nothing', async () => {
    const before = (await t.db.db.select().from(programs)).length;
    const res = await admin.request('POST', '/programs', {
      name: 'Yoga Program',
      site: 'South',
      startOn: '2026-04-01',
      topics: [
        { key: 'pacing', title: 'Pacing' },
        { key: 'yoga', title: 'Yoga' },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ reason: 'unknown_topic', message: 'This topic is not in the curriculum: yoga' });
    expect((await t.db.db.select().from(programs)).length).toBe(before);

    const [row] = await t.db.db.select().from(programs).where(eq(programs.id, w.programId));
    const patch = await admin.request('PATCH', `/programs/${w.programId}`, { topics: [{ key: 'tai_chi', title: 'Tai chi' }] });
    expect(patch.status).toBe(422);
    expect(patch.body.message).toContain('tai_chi');
    const [after] = await t.db.db.select().from(programs).where(eq(programs.id, w.programId));
    expect(after).toEqual(row);
  });
});

describe("a deployment's own curriculum (KINDRED_CURRICULUM_DIR)", () => {
  let t: TestApp;
  let w: World;
  let admin: Agent;
  let coach: Agent;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-own-curriculum-'));
    const pacing = readFileSync(join(BUILT_IN_CURRICULUM_DIR, 'pacing.md'), 'utf8');
    writeFileSync(
      join(dir, 'gardening.md'),
      pacing
        .replace('key: pacing', 'key: gardening')
        .replace('title: Activity pacing', 'title: Gardening')
        .replace('order: 30', 'order: 125'),
    );
    writeFileSync(join(dir, 'pacing.md'), pacing.replace('version: 1', 'version: 3'));
    // Each topic of the deployment brings its Spanish handout (ADR 0051).
    const spanishPacing = readFileSync(join(BUILT_IN_CURRICULUM_DIR, 'es', 'pacing.md'), 'utf8');
    mkdirSync(join(dir, 'es'));
    writeFileSync(join(dir, 'es', 'gardening.md'), spanishPacing.replace('key: pacing', 'key: gardening'));
    writeFileSync(join(dir, 'es', 'pacing.md'), spanishPacing.replace('translates: 1', 'translates: 3'));
    t = await createTestApp({ curriculum: loadCurriculum({ extraDir: dir }) });
    w = await t.seedWorld();
    [admin, coach] = await Promise.all([t.login('admin@test.org'), t.login('coach@test.org')]);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets a program add the deployment’s topic and serves the replaced version', async () => {
    const topics = [...DEFAULT_TOPICS, { key: 'gardening', title: 'Gardening' }];
    expect((await admin.request('PATCH', `/programs/${w.programId}`, { topics })).status).toBe(200);
    const list = (await coach.request('GET', `/programs/${w.programId}/curriculum`)).body;
    expect(list.at(-1)).toMatchObject({ key: 'gardening', title: 'Gardening', version: 1 });
    expect(list.find((x: { key: string }) => x.key === 'pacing').version).toBe(3);
    expect((await coach.request('GET', `/programs/${w.programId}/curriculum/gardening`)).body.view).toBe('guide');
  });
});
