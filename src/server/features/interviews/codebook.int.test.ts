import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp, type World } from '../../testing/harness';
import { createUser } from '../accounts/accounts.service';
import { interviewCodebookVersions, interviewCodes } from './interviews.table';
import { parseCodebook } from '../../../core/interviews';
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

  it('publishes frozen versions for the lead, shows what changed, and exports any version', async () => {
    const versions = `${base}/${study}/codebook/versions`;
    expect((await coder.request('POST', versions, { note: 'First' })).status).toBe(403);
    expect((await outsider.request('GET', versions)).status).toBe(404);
    const v1 = await ok(lead.request('POST', versions, { note: 'After the first import' }), 201);
    expect(v1).toMatchObject({ version: 1, note: 'After the first import', codeCount: 4, publishedBy: 'coordinator' });
    const unchanged = await lead.request('POST', versions, { note: 'Again' });
    expect([unchanged.status, unchanged.body.reason]).toEqual([409, 'codebook_unchanged']);

    const hope = await ok(lead.request('POST', `${base}/${study}/codes`, { name: 'Hope', definition: 'Hope is named' }), 201);
    const v2 = await ok(lead.request('POST', versions, { note: 'Hope added' }), 201);
    expect(v2.version).toBe(2);
    expect((await ok(coder.request('GET', versions))).map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const diff = await ok(coder.request('GET', `${base}/${study}/codebook/diff?from=1&to=2`));
    expect(diff).toMatchObject({ from: 1, to: 2, added: [{ id: hope.id, path: 'Hope' }], removed: [], renamed: [], changed: [] });
    expect((await ok(coder.request('GET', `${base}/${study}/codebook/diff?from=2&to=1`))).removed).toEqual([
      { id: hope.id, path: 'Hope' },
    ]);
    expect((await coder.request('GET', `${base}/${study}/codebook/diff?from=1&to=9`)).status).toBe(404);

    // Frozen: a later code is not in version 1, and its .qdc reads back as version 1's codes.
    await ok(lead.request('POST', `${base}/${study}/codes`, { name: 'Later' }), 201);
    const one = await ok(coder.request('GET', `${versions}/1`));
    expect(one.codes.map((c: { name: string }) => c.name).sort()).toEqual(['Benefits & hope', 'Transport', 'Work', 'barriers']);
    const qdc = await coder.request('GET', `${versions}/1/qdc`);
    expect(qdc.status).toBe(200);
    expect(String(qdc.headers['content-disposition'])).toContain('codebook-version-1.qdc');
    const read = parseCodebook(qdc.body as string);
    expect(read.map((c) => c.name).sort()).toEqual(['Benefits & hope', 'barriers']);
    expect(read.find((c) => c.name === 'barriers')!.children.find((c) => c.name === 'Transport')).toMatchObject({
      color: '#CD853F',
      whenNotToUse: 'time off work (code Work instead).',
    });
    expect(await t.db.db.select().from(interviewCodebookVersions)).toHaveLength(2);
    const published = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'interview_codebook_version:create'));
    expect(published).toHaveLength(2);
  });
});
