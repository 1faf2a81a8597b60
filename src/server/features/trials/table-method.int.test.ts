import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParticipant, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit.table';
import { mailMessages } from '../../platform/mail.table';
import { CLASS_SUBJECT } from './classes.service';
import { allocations } from './trials.table';

/** A study randomized from an uploaded allocation table (REDCap format), with no gate. */
const design = {
  design: 'parallel',
  title: 'Table study',
  arms: [
    { key: 'coaching', label: 'Peer coaching', kind: 'coaching', ratio: 1 },
    { key: 'class', label: 'Pain class', kind: 'class', ratio: 1 },
  ],
  primaryTimepoint: 'month_9',
  strata: [
    {
      key: 'site',
      label: 'Site',
      levels: [
        { key: 'north', label: 'North' },
        { key: 'south', label: 'South' },
      ],
    },
  ],
  gate: { eligible: false, consented: false, baselineComplete: false },
  method: { kind: 'table', field: 'arm' },
};
// North's order in the table: class, coaching, coaching, class, 1 (coaching), 2 (class).
const TABLE = [
  'redcap_randomization_number,arm,site',
  '1,class,north',
  '2,coaching,south',
  '3,coaching,north',
  '4,coaching,north',
  '5,class,north',
  '6,1,north',
  '7,2,1',
].join('\r\n');

describe('trials: an uploaded allocation table', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  const base = () => `/programs/${w.programId}/study`;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    coordinator = await t.login('coordinator@test.org');
    expect((await coordinator.request('PUT', base(), { design })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('refuses a table with problems, naming each line, and stores nothing', async () => {
    const r = await coordinator.request('PUT', `${base()}/allocation-table`, { csv: 'arm,site\nyoga,north\ncoaching,west\n' });
    expect(r.status).toBe(422);
    expect(r.body.reason).toBe('allocation_table_invalid');
    expect(r.body.message).toBe('Line 2: "yoga" is not an arm of this study. Line 3: "west" is not a level of site');
    expect((await coordinator.request('GET', base())).body.table).toBeNull();
  });

  it('stores a good table and answers only its balance, never its rows', async () => {
    const r = await coordinator.request('PUT', `${base()}/allocation-table`, { csv: TABLE });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      rows: 7,
      strata: [
        { stratum: 'site=north', counts: { coaching: 3, class: 3 } },
        { stratum: 'site=south', counts: { coaching: 1, class: 0 } },
      ],
    });
    const study = await coordinator.request('GET', base());
    expect(study.body.table).toEqual(r.body);
    expect(JSON.stringify(study.body)).not.toContain('"rows":[');
  });

  it('allocates concurrent randomizations one after another in the table order, then refuses an exhausted stratum', async () => {
    const ids = [w.participantId, w.otherParticipantId];
    for (let i = 0; i < 5; i++) ids.push(await addParticipant(coordinator, w.programId));
    const results = await Promise.all(
      ids.slice(0, 6).map((participantId) =>
        coordinator.request('POST', `${base()}/randomizations`, {
          participantId,
          clientKey: `key-${randomUUID()}`,
          strata: { site: 'north' },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const rows = (await t.db.db.select().from(allocations)).sort((a, b) => a.sequenceNumber - b.sequenceNumber);
    expect(rows.map((r) => [r.sequenceNumber, r.arm])).toEqual([
      [1, 'class'],
      [2, 'coaching'],
      [3, 'coaching'],
      [4, 'class'],
      [5, 'coaching'],
      [6, 'class'],
    ]);
    const seventh = await coordinator.request('POST', `${base()}/randomizations`, {
      participantId: ids[6],
      clientKey: `key-${randomUUID()}`,
      strata: { site: 'north' },
    });
    expect(seventh.status).toBe(409);
    expect(seventh.body.reason).toBe('allocation_table_exhausted');
    const south = await coordinator.request('POST', `${base()}/randomizations`, {
      participantId: ids[6],
      clientKey: `key-${randomUUID()}`,
      strata: { site: 'south' },
    });
    expect(south.status).toBe(201);
    expect(south.body.allocation).toMatchObject({ arm: 'coaching', stratum: 'site=south', sequenceNumber: 1 });
  });

  it('refuses a new table once the study is locked', async () => {
    const r = await coordinator.request('PUT', `${base()}/allocation-table`, { csv: TABLE });
    expect(r.status).toBe(409);
    expect(r.body.reason).toBe('study_locked');
  });

  it('holds a class for the class arm: invitations within capacity through the outbox, attendance counted as received', async () => {
    const rows = await t.db.db.select().from(allocations);
    const classIds = rows.filter((r) => r.arm === 'class').map((r) => r.participantId);
    const coachingId = rows.find((r) => r.arm === 'coaching')!.participantId;
    const bad = await coordinator.request('POST', `${base()}/classes`, { startsAt: '2026-03-10T15:00:00Z', capacity: 2 });
    expect(bad.status).toBe(400);
    const created = await coordinator.request('POST', `${base()}/classes`, {
      startsAt: '2026-03-10T15:00:00Z',
      place: 'Room 4, North clinic',
      videoUrl: 'https://video.example.org/class',
      capacity: 2,
    });
    expect(created.status).toBe(201);
    const classUrl = `${base()}/classes/${created.body.id}`;
    const wrongArm = await coordinator.request('POST', `${classUrl}/invitations`, { participantIds: [coachingId] });
    expect(wrongArm.status).toBe(422);
    const full = await coordinator.request('POST', `${classUrl}/invitations`, { participantIds: classIds.slice(0, 3) });
    expect(full.status).toBe(409);
    expect(full.body.reason).toBe('class_full');
    const ok = await coordinator.request('POST', `${classUrl}/invitations`, { participantIds: classIds.slice(0, 2) });
    expect(ok.body).toEqual({ invited: 2 });
    expect((await coordinator.request('POST', `${classUrl}/invitations`, { participantIds: classIds.slice(0, 2) })).body).toEqual(
      { invited: 0 },
    );
    const emailed = await t.db.db.select().from(mailMessages).where(eq(mailMessages.subject, CLASS_SUBJECT));
    const withEmail = classIds.slice(0, 2).filter((id) => id === w.participantId).length;
    expect(emailed).toHaveLength(withEmail);

    const before = await coordinator.request('GET', `${base()}/consort`);
    const classBox = (c: { arms: { arm: string; received: number }[] }) => c.arms.find((a) => a.arm === 'class')!;
    expect(classBox(before.body).received).toBe(0);
    const att = await coordinator.request('POST', `${classUrl}/attendance`, { participantId: classIds[0], attended: true });
    expect(att.status).toBe(200);
    expect(
      (await coordinator.request('POST', `${classUrl}/attendance`, { participantId: coachingId, attended: true })).status,
    ).toBe(422);
    const after = await coordinator.request('GET', `${base()}/consort`);
    expect(classBox(after.body).received).toBe(1);
    const list = await coordinator.request('GET', `${base()}/classes`);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ capacity: 2, invited: 2, attended: 1, place: 'Room 4, North clinic' });
    expect(list.body[0].participants.every((p: { enteredLate: unknown }) => p.enteredLate === null)).toBe(true);
  });

  it('attendance recorded more than 7 days after the class is a late entry: refused without a reason, then shown with who and why', async () => {
    const rows = await t.db.db.select().from(allocations);
    const classIds = rows.filter((r) => r.arm === 'class').map((r) => r.participantId);
    const [session] = (await coordinator.request('GET', `${base()}/classes`)).body;
    const classUrl = `${base()}/classes/${session.id}`;
    t.clock.set('2026-03-18T15:00:00Z'); // 8 days after the class
    coordinator = await t.login('coordinator@test.org');
    const bare = await coordinator.request('POST', `${classUrl}/attendance`, { participantId: classIds[1], attended: true });
    expect(bare.status).toBe(422);
    expect(bare.body.reason).toBe('late_entry_reason_required');
    const unchanged = (await coordinator.request('GET', `${base()}/classes`)).body[0];
    expect(unchanged.attended).toBe(1);
    const late = await coordinator.request('POST', `${classUrl}/attendance`, {
      participantId: classIds[1],
      attended: true,
      enteredLate: { reason: 'Sign-in sheet from the class' },
    });
    expect(late.status).toBe(200);
    const after = (await coordinator.request('GET', `${base()}/classes`)).body[0];
    const entry = after.participants.find((p: { participantId: string }) => p.participantId === classIds[1]);
    expect(entry.enteredLate).toEqual({
      byName: 'coordinator',
      at: '2026-03-18T15:00:00.000Z',
      reason: 'Sign-in sheet from the class',
    });
    const audited = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'late_entry:create'));
    expect(audited).toHaveLength(1);
  });
});
