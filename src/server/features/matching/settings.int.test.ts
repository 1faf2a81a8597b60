import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MATCHING_SETTINGS } from '../../../core/matching';
import { auditEvents } from '../../platform/audit.table';
import { mailMessages } from '../../platform/mail.table';
import {
  addCoach as addCoachVia,
  addParticipant as addParticipantVia,
  createTestApp,
  type Agent,
  type TestApp,
  type World,
} from '../../testing/harness';
import { matchingSettings } from './matching.table';

/** Per-program matching settings, the attributes they weigh, approval e-mails and the "what lasts" report (#6, ADR 0016). */
describe('matching settings, approval notices and the report', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let coach: Agent;
  let evaluator: Agent;
  let outsider: Agent;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    [coordinator, coach, evaluator, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
  });
  afterAll(() => t.close());

  const addParticipant = (o: Record<string, unknown> = {}) => addParticipantVia(coordinator, w.programId, o);
  const addCoach = (o: Record<string, unknown> = {}) => addCoachVia(coordinator, w.programId, o);
  const settings = structuredClone(DEFAULT_MATCHING_SETTINGS);
  const put = (body: unknown, agent = coordinator) => agent.request('PUT', `${base}/matching/settings`, body);

  it('starts from the defaults, and only staff change them (coach, evaluator 403; outsider 404; bad input 400)', async () => {
    expect((await coordinator.request('GET', `${base}/matching/settings`)).body).toEqual(DEFAULT_MATCHING_SETTINGS);
    expect((await put(settings, coach)).status).toBe(403);
    expect((await put(settings, evaluator)).status).toBe(403);
    expect((await put(settings, outsider)).status).toBe(404);
    expect((await coach.request('GET', `${base}/matching/settings`)).status).toBe(403);
    const bad = await put({ ...settings, weights: { ...settings.weights, language: 101 }, ageBandYears: 0, extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body',
      'body.ageBandYears',
      'body.weights.language',
    ]);
    expect((await put({ rules: settings.rules })).status).toBe(400);
    expect(await t.db.db.select().from(matchingSettings)).toEqual([]);
  });

  it('uses the program’s own weights and the new attributes (town, language, age band, background) in quality and reasons', async () => {
    const next = {
      ...settings,
      weights: { painLocations: 1, background: 2, ageBand: 3, sameTown: 4, language: 5 },
      ageBandYears: 5,
    };
    const saved = await put(next);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(next);
    const audit = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'matching_settings:update'));
    expect(audit).toHaveLength(1);

    const coachId = await addCoach({
      givenName: 'Tomas',
      gender: 'woman',
      modalities: ['in_person', 'phone'],
      painLocations: ['knee'],
      birthYear: 1962,
      town: 'Bloomington',
      languages: ['Spanish', 'English'],
    });
    const participantId = await addParticipant({
      givenName: 'Rosa',
      gender: 'woman',
      painLocations: ['knee'],
      preferredModality: 'in_person',
      birthYear: 1965,
      town: ' bloomington',
      languages: ['spanish'],
      serviceBranch: 'army',
      serviceEra: 'vietnam',
    });
    const view = await coordinator.request('GET', `${base}/participants/${participantId}`);
    expect(view.body).toMatchObject({
      town: 'bloomington',
      languages: ['spanish'],
      serviceBranch: 'army',
      serviceEra: 'vietnam',
    });
    const coachView = await coordinator.request('GET', `${base}/coaches/${coachId}`);
    expect(coachView.body).toMatchObject({ birthYear: 1962, town: 'Bloomington', languages: ['Spanish', 'English'] });

    const res = await coordinator.request('GET', `${base}/matching/proposal`);
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual(next);
    expect(res.body.maxPairQuality).toBe(1 + 2 * 2 + 3 + 4 + 5);
    const mine = res.body.proposals.find((p: { participantId: string }) => p.participantId === participantId);
    expect(mine).toMatchObject({
      coachId,
      quality: 1 + 3 + 4 + 5,
      reasons: [
        'same gender',
        'both have knee pain',
        'both can meet in person',
        'close in age (within 5 years)',
        'both live in bloomington, for meeting in person',
        'both speak spanish',
      ],
    });
  });

  it('turns a hard rule off: a participant who needs the same gender can be proposed a coach of another gender', async () => {
    const woman = await addParticipant({ gender: 'woman', painLocations: ['low_back'], familyName: 'Cross' });
    const before = await coordinator.request('GET', `${base}/matching/proposal`);
    // Cora (the world's woman coach) offers phone; Rosa took Tomas's place.
    const p1 = before.body.proposals.find((p: { participantId: string }) => p.participantId === woman);
    expect(p1?.coachId).toBe(w.otherCoachId);
    // With the rule on, a man cannot be proposed Cora; with it off he can (and approval asks for a reason).
    const man = await addParticipant({
      gender: 'man',
      painLocations: ['low_back'],
      familyName: 'Man',
      preferredModality: 'video',
    });
    const on = await coordinator.request('GET', `${base}/matching/proposal`);
    expect(on.body.unmatched.find((u: { participantId: string }) => u.participantId === man)?.code).toBe('no_compatible_coach');
    expect((await put({ ...settings, rules: { ...settings.rules, sameGender: false, modality: false } })).status).toBe(200);
    const off = await coordinator.request('GET', `${base}/matching/proposal`);
    const all = [...off.body.proposals, ...off.body.unmatched].find((x: { participantId: string }) => x.participantId === man);
    expect(all).toBeDefined();
    expect(off.body.unmatched.find((u: { participantId: string }) => u.participantId === man)?.code).not.toBe(
      'no_compatible_coach',
    );
    expect((await put(settings)).status).toBe(200);
  });

  it('approval creates the pairings and e-mails both sides, with nothing personal in the subject and no participant name to the coach', async () => {
    const pat = w.participantId;
    const ok = await coordinator.request('POST', `${base}/matching/approve`, {
      pairs: [
        { participantId: pat, coachId: w.coachId },
        { participantId: w.otherParticipantId, coachId: w.coachId },
      ],
    });
    expect(ok.status).toBe(201);
    const mail = await t.db.db.select().from(mailMessages).where(eq(mailMessages.programId, w.programId));
    // Pat and Carl have addresses; Quinn has none, so Carl gets two notices and Quinn none.
    expect(mail.map((m) => [m.toAddress, m.subject]).sort()).toEqual([
      ['coach@test.org', 'A new participant to coach'],
      ['coach@test.org', 'A new participant to coach'],
      ['participant@test.org', 'Your coach is ready'],
    ]);
    const toPat = mail.find((m) => m.toAddress === 'participant@test.org')!;
    expect(toPat.bodyText).toContain('Carl');
    for (const m of mail.filter((x) => x.toAddress === 'coach@test.org')) {
      expect(m.bodyText).not.toMatch(/Pat|Quinn|Person|Other/);
    }
  });

  it('sends nothing when the approval is refused', async () => {
    const before = (await t.db.db.select().from(mailMessages)).length;
    const refused = await coordinator.request('POST', `${base}/matching/approve`, {
      pairs: [{ participantId: w.participantId, coachId: w.otherCoachId, genderMismatchReason: 'Any reason' }],
    });
    expect(refused.status).toBe(409);
    expect((await t.db.db.select().from(mailMessages)).length).toBe(before);
  });

  it('reports what kinds of matches last, from the pairings and their end reasons (staff, evaluators; not coaches)', async () => {
    const [pairing] = (await coordinator.request('GET', `${base}/participants/${w.otherParticipantId}/pairings`)).body;
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const end = await coordinator.request('POST', `${base}/pairings/${pairing.id}/end`, { reason: 'fit', note: '' });
    expect(end.status).toBe(200);
    const report = await coordinator.request('GET', `${base}/matching/report`);
    expect(report.status).toBe(200);
    expect(report.body.overall).toMatchObject({ pairings: 2, active: 1, rematched: 1, endReasons: { fit: 1 } });
    const gender = report.body.rows.find((r: { characteristic: string }) => r.characteristic === 'same_gender');
    expect(gender.with).toMatchObject({ pairings: 2, rematched: 1 });
    expect((await evaluator.request('GET', `${base}/matching/report`)).status).toBe(200);
    expect((await coach.request('GET', `${base}/matching/report`)).status).toBe(403);
    expect((await outsider.request('GET', `${base}/matching/report`)).status).toBe(404);
    const audit = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'pairing:list'), eq(auditEvents.actorId, evaluator.personId)));
    expect(audit).toHaveLength(1);
  });
});
