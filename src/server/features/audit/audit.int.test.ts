import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';

describe('audit trail', () => {
  let t: TestApp;
  let w: World;
  let base: string;
  let admin: Agent;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;
  let evaluator: Agent;
  let outsider: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    [admin, coordinator, coach, otherCoach, evaluator, outsider] = await Promise.all([
      t.login('admin@test.org'),
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
    expect(
      (await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId })).status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  const eventsOf = (res: { headers: Record<string, unknown> }) =>
    t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, res.headers['x-request-id'] as string));
  const total = async () => (await t.db.db.select().from(auditEvents)).length;

  it('records a read of a participant: actor, action, entity, program, address and request id', async () => {
    const res = await coach.request('GET', `${base}/participants/${w.participantId}`);
    expect(res.status).toBe(200);
    const events = await eventsOf(res);
    expect(events).toEqual([
      {
        id: expect.any(Number),
        at: t.clock.now(),
        actorId: w.people.coach,
        action: 'participant:read',
        entityType: 'participant',
        entityId: w.participantId,
        programId: w.programId,
        ip: '127.0.0.1',
        requestId: res.headers['x-request-id'],
      },
    ]);
  });

  it('records lists and writes of personal data', async () => {
    const list = await evaluator.request('GET', `${base}/participants`);
    expect((await eventsOf(list)).map((e) => [e.action, e.actorId, e.entityId])).toEqual([
      ['participant:list', w.people.evaluator, null],
    ]);

    const created = await coordinator.request('POST', `${base}/participants`, {
      givenName: 'Audra',
      familyName: 'Audit',
      gender: 'woman',
      painLocations: ['neck'],
      referredOn: '2026-03-01',
    });
    expect((await eventsOf(created)).map((e) => [e.action, e.entityId])).toEqual([['participant:create', created.body.id]]);

    const updated = await coordinator.request('PATCH', `${base}/participants/${created.body.id}`, { contactNotes: 'Mornings' });
    expect((await eventsOf(updated)).map((e) => [e.action, e.entityId])).toEqual([['participant:update', created.body.id]]);

    const contacts = await coach.request('GET', `${base}/participants/${w.participantId}/contacts`);
    expect((await eventsOf(contacts)).map((e) => [e.action, e.entityId])).toEqual([['contact:list', w.participantId]]);

    const coaches = await coordinator.request('GET', `${base}/coaches`);
    expect((await eventsOf(coaches)).map((e) => e.action)).toEqual(['coach:list']);
  });

  it('records nothing for a refused read', async () => {
    const res = await otherCoach.request('GET', `${base}/participants/${w.participantId}`);
    expect(res.status).toBe(404);
    expect(await eventsOf(res)).toEqual([]);
  });

  it('shows a program’s trail, newest first, to its staff only', async () => {
    const read = await coach.request('GET', `${base}/participants/${w.participantId}`);
    const res = await coordinator.request('GET', `${base}/audit?limit=5`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(5);
    expect(res.body[0]).toMatchObject({
      action: 'participant:read',
      actorId: w.people.coach,
      actorName: 'coach',
      entityId: w.participantId,
      requestId: read.headers['x-request-id'],
    });
    const ids = res.body.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const older = await coordinator.request('GET', `${base}/audit?before=${ids[4]}&limit=500`);
    expect(older.body.every((e: { id: number; programId: string }) => e.id < ids[4] && e.programId === w.programId)).toBe(true);
    const forOne = await coordinator.request('GET', `${base}/audit?entityId=${w.participantId}&limit=500`);
    expect(forOne.body.length).toBeGreaterThan(0);
    expect(forOne.body.every((e: { entityId: string }) => e.entityId === w.participantId)).toBe(true);

    expect((await coach.request('GET', `${base}/audit`)).status).toBe(403);
    expect((await evaluator.request('GET', `${base}/audit`)).status).toBe(403);
    expect((await outsider.request('GET', `${base}/audit`)).status).toBe(404);
    expect((await coordinator.request('GET', `/programs/${randomUUID()}/audit`)).status).toBe(404);
    expect((await coordinator.request('GET', `${base}/audit?limit=0`)).status).toBe(400);
  });

  it('shows the whole deployment’s trail to a deployment administrator only', async () => {
    const res = await admin.request('GET', '/audit?limit=500');
    expect(res.status).toBe(200);
    expect(
      res.body.some((e: { action: string; programId: string | null }) => e.action === 'person:create' && e.programId === null),
    ).toBe(true);
    expect((await coordinator.request('GET', '/audit')).status).toBe(403);
  });

  it('filters a program’s trail by person, what happened, kind of record and days in the program’s zone', async () => {
    // Sessions end after 30 idle minutes, so events on other days are written as the helper would.
    const at = (iso: string, actorId: string, requestId: string) =>
      t.db.db.insert(auditEvents).values({
        at: new Date(iso),
        actorId,
        action: 'participant:read',
        entityType: 'participant',
        entityId: w.participantId,
        programId: w.programId,
        ip: '127.0.0.1',
        requestId,
      });
    // Late on 2 March in New York (already 3 March in UTC), and on the 4th.
    await at('2026-03-03T04:30:00.000Z', w.people.coach, 'late-on-the-second');
    await at('2026-03-04T15:00:00.000Z', w.people.coordinator, 'on-the-fourth');
    const lateRead = { headers: { 'x-request-id': 'late-on-the-second' } };

    const q = async (query: string) => {
      const res = await coordinator.request('GET', `${base}/audit?limit=500&${query}`);
      expect(res.status, query).toBe(200);
      return res.body as {
        action: string;
        actorId: string;
        at: string;
        entityType: string;
        recordLabel: string | null;
        requestId: string;
      }[];
    };
    const byCoach = await q(`actorId=${w.people.coach}`);
    expect(byCoach.length).toBeGreaterThan(0);
    expect(byCoach.every((e) => e.actorId === w.people.coach)).toBe(true);

    const reads = await q('verb=read&entityType=participant');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => e.action === 'participant:read')).toBe(true);
    // A participant's record is named by its pseudonymous code, not a raw id.
    const code = (await coordinator.request('GET', `${base}/participants/${w.participantId}`)).body.code as string;
    expect(reads[0]!.recordLabel).toBe(code);

    const second = await q('from=2026-03-02&to=2026-03-02');
    expect(second.map((e) => e.requestId)).toContain(lateRead.headers['x-request-id']);
    expect(second.every((e) => e.at >= '2026-03-02T05:00:00.000Z' && e.at < '2026-03-03T05:00:00.000Z')).toBe(true);
    const fourth = await q('from=2026-03-04');
    expect(fourth.map((e) => [e.action, e.actorId])).toEqual([['participant:read', w.people.coordinator]]);

    // Signing in belongs to no program: the deployment's trail has it.
    const signIns = (await admin.request('GET', '/audit?limit=500&verb=sign_in')).body as { action: string }[];
    expect(signIns.length).toBeGreaterThan(0);
    expect(signIns.every((e) => /:sign_(in|in_failed|out)$/.test(e.action))).toBe(true);
  });

  it('refuses a filter it cannot read, in words, and changes nothing', async () => {
    const before = await total();
    for (const [query, message] of [
      ['from=2026-03-05&to=2026-03-01', 'The last day comes before the first day'],
      ['verb=peek', 'Choose what happened from the list'],
      ['actorId=someone', 'Choose a person from the list'],
      ['entityType=Participant;drop', 'Choose a kind of record from the list'],
    ] as const) {
      const res = await coordinator.request('GET', `${base}/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body), query).toContain(message);
      expect((await coordinator.request('GET', `${base}/audit/export.csv?${query}`)).status, query).toBe(400);
    }
    expect(await total()).toBe(before);
  });

  it('offers the people and kinds of record found in the trail as choices', async () => {
    const res = await coordinator.request('GET', `${base}/audit/choices`);
    expect(res.status).toBe(200);
    expect(res.body.people).toEqual(expect.arrayContaining([{ id: w.people.coach, name: 'coach' }]));
    expect(res.body.people.some((p: { id: string }) => p.id === w.people.admin)).toBe(false);
    expect(res.body.kinds).toEqual(expect.arrayContaining(['participant', 'pairing']));
    expect((await coach.request('GET', `${base}/audit/choices`)).status).toBe(403);
    expect((await admin.request('GET', '/audit/choices')).body.people).toEqual(
      expect.arrayContaining([{ id: w.people.admin, name: 'admin' }]),
    );
  });

  it('exports the filtered trail as a spreadsheet, and records the export', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1${base}/audit/export.csv?verb=read&entityType=participant`,
      headers: { cookie: `kindred_session=${coordinator.sessionCookie}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-trail-2026-03-02\.csv"$/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('event,at_utc,local_time,who,action,what,record_kind,record_id,record,address,request');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(',participant:read,Viewed participant,participant,'))).toBe(true);
    const exported = await t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, res.headers['x-request-id'] as string));
    expect(exported.map((e) => [e.action, e.actorId, e.programId])).toEqual([
      ['audit_trail:export', w.people.coordinator, w.programId],
    ]);

    expect((await coach.request('GET', `${base}/audit/export.csv`)).status).toBe(403);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const before = await t.db.db.select().from(auditEvents);
    await expect(t.db.rawQuery(`update audit_events set action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(t.db.rawQuery('delete from audit_events where id = $1', [before[0]!.id])).rejects.toThrow(/append-only/);
    await expect(t.db.rawQuery('delete from audit_events')).rejects.toThrow(/append-only/);
    await expect(t.db.rawQuery('truncate audit_events')).rejects.toThrow(/append-only/);
    expect(await t.db.db.select().from(auditEvents)).toEqual(before);
    expect(await total()).toBe(before.length);
  });
});
