import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParticipant, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
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
      ids
        .slice(0, 6)
        .map((participantId) =>
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
});
