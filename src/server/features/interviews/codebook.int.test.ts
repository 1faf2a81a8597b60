import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp, type World } from '../../testing/harness';
import { createUser } from '../accounts/accounts.service';
import { interviewCodes } from './interviews.table';
import { qualcoderCodebook } from '../../../core/interviews/fixtures/codebooks';

/** Importing a REFI-QDA codebook through the API (issue #13, ADR 0053): the lead only; a refused file changes nothing. */
describe('importing a .qdc codebook through the API', () => {
  let t: TestApp;
  let w: World;
  let lead: Agent;
  let coder: Agent;
  let outsider: Agent;
  let base: string;
  let study: string;

  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const codeCount = async () =>
    (
      await t.db.db
        .select({ n: sql<number>`count(*)::int` })
        .from(interviewCodes)
        .where(eq(interviewCodes.studyId, study))
    )[0]!.n;
  const importRows = async () => t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'interview_codebook:update'));

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    const coderId = await createUser(t.db.db, t.clock.now(), {
      email: 'coder@test.org',
      displayName: 'A coder',
      password: TEST_PASSWORD,
      isAdmin: false,
      grants: [{ programId: w.programId, role: 'coordinator' }],
    });
    await createUser(t.db.db, t.clock.now(), {
      email: 'outsider@test.org',
      displayName: 'Not on the team',
      password: TEST_PASSWORD,
      isAdmin: false,
      grants: [{ programId: w.programId, role: 'coordinator' }],
    });
    [lead, coder, outsider] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coder@test.org'),
      t.login('outsider@test.org'),
    ]);
    base = `/programs/${w.programId}/interview-studies`;
    study = (
      await ok(lead.request('POST', base, { title: 'Why people stayed', audiences: ['participants'], targetCount: 5 }), 201)
    ).id;
    await ok(lead.request('POST', `${base}/${study}/team`, { personId: coderId, role: 'coder' }), 201);
    await ok(lead.request('POST', `${base}/${study}/codes`, { name: 'barriers', definition: 'Kept as it was' }), 201);
  });
  afterAll(async () => t.close());

  it('refuses a coder (403) and someone off the team (404), and changes nothing', async () => {
    const content = qualcoderCodebook;
    expect((await coder.request('POST', `${base}/${study}/codebook/import`, { content })).status).toBe(403);
    expect((await outsider.request('POST', `${base}/${study}/codebook/import`, { content })).status).toBe(404);
    expect(await codeCount()).toBe(1);
    expect(await importRows()).toEqual([]);
  });

  it('refuses a file that is not a codebook with a stable reason, and changes nothing', async () => {
    for (const [content, reason] of [
      ['<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code', 'codebook_not_xml'],
      ['<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>', 'codebook_not_refi'],
      [qualcoderCodebook.replace('name="Work" ', ''), 'codebook_invalid'],
      [`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><!--${'x'.repeat(1_000_001)}--></CodeBook>`, 'codebook_too_large'],
    ]) {
      const r = await lead.request('POST', `${base}/${study}/codebook/import`, { content });
      expect(r.status, reason).toBe(422);
      expect(r.body.reason).toBe(reason);
    }
    expect(await codeCount()).toBe(1);
    expect(await importRows()).toEqual([]);
  });

  it('adds the tree for the lead, keeps a name already there and reports it, and audits the import', async () => {
    const result = await ok(lead.request('POST', `${base}/${study}/codebook/import`, { content: qualcoderCodebook }));
    expect(result.alreadyThere).toEqual(['Barriers']);
    expect(result.created.map((c: { name: string }) => c.name)).toEqual(['Transport', 'Work', 'Benefits & hope']);
    const view = await ok(lead.request('GET', `${base}/${study}`));
    const byName = (name: string) => view.codes.find((c: { name: string }) => c.name === name);
    expect(byName('barriers').definition).toBe('Kept as it was');
    expect(byName('Transport')).toMatchObject({
      parentId: byName('barriers').id,
      color: '#CD853F',
      whenNotToUse: 'time off work (code Work instead).',
    });
    const [row] = await importRows();
    expect(row).toMatchObject({ actorId: w.people.coordinator, entityId: study, programId: w.programId });
    const created = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'interview_code:create'), eq(auditEvents.requestId, row!.requestId!)));
    expect(created).toHaveLength(3);

    // The export brings back what came in: importing it again adds nothing.
    const qdc = await lead.request('GET', `${base}/${study}/export?format=qdc`);
    expect(qdc.status).toBe(200);
    const again = await ok(lead.request('POST', `${base}/${study}/codebook/import`, { content: qdc.body as string }));
    expect(again.created).toEqual([]);
    expect(again.alreadyThere).toHaveLength(4);
  });
});
