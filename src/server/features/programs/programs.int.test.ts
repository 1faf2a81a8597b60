import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../../../core/programs';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { auditEvents } from '../../platform/audit.table';
import { programs } from './programs.table';

describe('programs', () => {
  let t: TestApp;
  let w: World;
  let admin: Agent;
  let coordinator: Agent;
  let coach: Agent;
  let outsider: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    [admin, coordinator, coach, outsider] = await Promise.all([
      t.login('admin@test.org'),
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('outsider@test.org'),
    ]);
  });
  afterAll(() => t.close());

  const count = async () => (await t.db.db.select().from(programs)).length;
  const newProgram = { name: 'Second Program', site: 'Second Site', startOn: '2026-04-01' };

  it('lets a deployment administrator create a program with the protocol defaults', async () => {
    const res = await admin.request('POST', '/programs', newProgram);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      ...newProgram,
      lengthDays: 182,
      cadenceDays: 14,
      targetContacts: 12,
      timeZone: 'America/New_York',
      ladder: { firstContactDays: 3, reminderDays: 7, checkInGraceDays: 7, decisionGraceDays: 21 },
      topics: DEFAULT_TOPICS.map((x) => ({ ...x })),
    });
    const [row] = await t.db.db.select().from(programs).where(eq(programs.id, res.body.id));
    expect(row?.name).toBe('Second Program');
  });

  it('lists only the programs a person belongs to; all of them for a deployment administrator', async () => {
    expect((await coordinator.request('GET', '/programs')).body.map((p: { id: string }) => p.id)).toEqual([w.programId]);
    expect((await coach.request('GET', '/programs')).body.map((p: { id: string }) => p.id)).toEqual([w.programId]);
    expect((await outsider.request('GET', '/programs')).body).toEqual([]);
    expect((await admin.request('GET', '/programs')).body.map((p: { name: string }) => p.name)).toEqual([
      'Second Program',
      'Test Program',
    ]);
  });

  it('refuses to create a program for anyone but a deployment administrator, and creates nothing', async () => {
    const before = await count();
    const res = await coordinator.request('POST', '/programs', { ...newProgram, name: 'Rogue' });
    expect(res.status).toBe(403);
    expect((await outsider.request('POST', '/programs', { ...newProgram, name: 'Rogue' })).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('rejects bad input naming the fields, and creates nothing', async () => {
    const before = await count();
    const res = await admin.request('POST', '/programs', { name: '', site: 'S', startOn: '1 April', cadenceDays: 0 });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body.cadenceDays',
      'body.name',
      'body.startOn',
    ]);
    const dup = await admin.request('POST', '/programs', {
      ...newProgram,
      topics: [
        { key: 'pacing', title: 'A' },
        { key: 'pacing', title: 'B' },
      ],
    });
    expect(dup.status).toBe(400);
    expect(dup.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.topics']);
    expect(await count()).toBe(before);
  });

  it('shows a program to its members and answers 404 to everyone else', async () => {
    const res = await coach.request('GET', `/programs/${w.programId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.programId, name: 'Test Program', cadenceDays: 14 });
    expect((await outsider.request('GET', `/programs/${w.programId}`)).status).toBe(404);
    expect((await coordinator.request('GET', `/programs/${randomUUID()}`)).status).toBe(404);
    expect((await admin.request('GET', `/programs/${randomUUID()}`)).status).toBe(404);
    expect((await coordinator.request('GET', '/programs/not-a-uuid')).status).toBe(400);
  });

  it('lets an administrator change one setting without resetting the others', async () => {
    const first = await admin.request('PATCH', `/programs/${w.programId}`, {
      cadenceDays: 21,
      topics: [{ key: 'pacing', title: 'Pacing' }],
    });
    expect(first.status).toBe(200);
    const second = await admin.request('PATCH', `/programs/${w.programId}`, { name: 'Renamed Program' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      name: 'Renamed Program',
      cadenceDays: 21,
      lengthDays: 182,
      topics: [{ key: 'pacing', title: 'Pacing' }],
    });
    const [row] = await t.db.db.select().from(programs).where(eq(programs.id, w.programId));
    expect(row).toMatchObject({ name: 'Renamed Program', site: 'Test Site', cadenceDays: 21, targetContacts: 12 });
  });

  it('refuses program changes to a coordinator (403) and an outsider (404), and bad values (400), changing nothing', async () => {
    const [before] = await t.db.db.select().from(programs).where(eq(programs.id, w.programId));
    expect((await coordinator.request('PATCH', `/programs/${w.programId}`, { name: 'Nope' })).status).toBe(403);
    expect((await coach.request('PATCH', `/programs/${w.programId}`, { name: 'Nope' })).status).toBe(403);
    expect((await outsider.request('PATCH', `/programs/${w.programId}`, { name: 'Nope' })).status).toBe(404);
    const bad = await admin.request('PATCH', `/programs/${w.programId}`, { cadenceDays: 0, lengthDays: 'long' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.cadenceDays', 'body.lengthDays']);
    const [after] = await t.db.db.select().from(programs).where(eq(programs.id, w.programId));
    expect(after).toEqual(before);
  });
  it('saves the settings page (cadence, length, time zone, ladder) with an audit row; a bad ladder or zone changes nothing', async () => {
    const programAudit = () =>
      t.db.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.entityType, 'program'),
            eq(auditEvents.entityId, w.programId),
            eq(auditEvents.action, 'program:update'),
          ),
        );
    const auditBefore = (await programAudit()).length;
    const settings = {
      cadenceDays: 10,
      lengthDays: 120,
      timeZone: 'America/Phoenix',
      ladder: { firstContactDays: 2, reminderDays: 5, checkInGraceDays: 4, decisionGraceDays: 14 },
    };
    const res = await admin.request('PATCH', `/programs/${w.programId}`, settings);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(settings);
    expect(await programAudit()).toHaveLength(auditBefore + 1);
    const [saved] = await t.db.db.select().from(programs).where(eq(programs.id, w.programId));
    expect(saved).toMatchObject(settings);

    for (const body of [
      { ladder: { firstContactDays: 5, reminderDays: 3, checkInGraceDays: 4, decisionGraceDays: 14 } },
      { ladder: { firstContactDays: 2, reminderDays: 5, checkInGraceDays: 14, decisionGraceDays: 14 } },
      { timeZone: 'Eastern' },
      { cadenceDays: 91 },
    ]) {
      const bad = await admin.request('PATCH', `/programs/${w.programId}`, body);
      expect(bad.status).toBe(400);
    }
    expect((await coordinator.request('PATCH', `/programs/${w.programId}`, { cadenceDays: 30 })).status).toBe(403);
    const [after] = await t.db.db.select().from(programs).where(eq(programs.id, w.programId));
    expect(after).toEqual(saved);
    expect(await programAudit()).toHaveLength(auditBefore + 1);
  });
});
