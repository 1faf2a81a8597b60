import { readdirSync, readFileSync } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp, type World } from '../../testing/harness';
import { createUser } from '../accounts/accounts.service';
import { interviewStudyMembers } from './interviews.table';

/** A study's team through the API (issue #13, ADR 0052): who sees a study, and who changes its team. */
describe('interview study teams through the API', () => {
  let t: TestApp;
  let w: World;
  let lead: Agent;
  let other: Agent;
  let otherId: string;
  let evaluator: Agent;
  let coach: Agent;
  let base: string;
  let study: string;
  let transcriptId: string;
  let codeId: string;

  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const statusOf = async (res: Promise<{ status: number }>) => (await res).status;
  const teamRows = async () =>
    t.db.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.entityType, ['interview_study_member', 'interview_study_team']));

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    otherId = await createUser(t.db.db, t.clock.now(), {
      email: 'coordinator2@test.org',
      displayName: 'Another coordinator',
      password: TEST_PASSWORD,
      isAdmin: false,
      grants: [{ programId: w.programId, role: 'coordinator' }],
    });
    [lead, other, evaluator, coach] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coordinator2@test.org'),
      t.login('evaluator@test.org'),
      t.login('coach@test.org'),
    ]);
    base = `/programs/${w.programId}/interview-studies`;
    study = (
      await ok(lead.request('POST', base, { title: 'Why people stayed', audiences: ['participants'], targetCount: 5 }), 201)
    ).id;
    const tr = await ok(
      lead.request('POST', `${base}/${study}/transcripts`, {
        label: 'Interview 1',
        audience: 'participants',
        format: 'text',
        content: 'Interviewer: What helped?\nPat Person: The calls gave me hope.',
      }),
      201,
    );
    transcriptId = tr.id;
    await ok(lead.request('POST', `${base}/${study}/transcripts/${transcriptId}/deidentification`, { replacements: [] }));
    codeId = (await ok(lead.request('POST', `${base}/${study}/codes`, { name: 'Hope' }), 201)).id;
  });
  afterAll(async () => t.close());

  it('makes the creator the lead, and lists the program’s staff and evaluators who may join', async () => {
    const team = await ok(lead.request('GET', `${base}/${study}/team`));
    expect(team.members.map((m: { personId: string; role: string }) => [m.personId, m.role])).toEqual([
      [w.people.coordinator, 'lead'],
    ]);
    const candidates = team.candidates.map((c: { personId: string; canLead: boolean }) => [c.personId, c.canLead]);
    expect(candidates).toEqual(
      expect.arrayContaining([
        [otherId, true],
        [w.people.admin, true],
        [w.people.evaluator, false],
      ]),
    );
    expect(candidates).toHaveLength(3);
    const [read] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'interview_study_team:read'), eq(auditEvents.actorId, w.people.coordinator)));
    expect(read?.entityId).toBe(study);
  });

  it('hides the study’s transcripts, codings, export and frame from a coordinator not on its team', async () => {
    const list = await ok(other.request('GET', base));
    expect(list.map((s: { id: string; myRole: string | null }) => [s.id, s.myRole])).toEqual([[study, null]]);
    const s = `${base}/${study}`;
    expect(await statusOf(other.request('GET', s))).toBe(404);
    expect(await statusOf(other.request('GET', `${s}/transcripts/${transcriptId}`))).toBe(404);
    expect(await statusOf(other.request('POST', `${s}/transcripts/${transcriptId}/codings`, { codeId, start: 0, end: 5 }))).toBe(
      404,
    );
    expect(await statusOf(other.request('GET', `${s}/transcripts/${transcriptId}/agreement`))).toBe(404);
    expect(await statusOf(other.request('GET', `${s}/transcripts/${transcriptId}/consensus`))).toBe(404);
    expect(await statusOf(other.request('GET', `${s}/export?format=csv`))).toBe(404);
    expect(await statusOf(other.request('GET', `${s}/sampling-frame?dimensions=arm`))).toBe(404);
    expect(await statusOf(other.request('GET', `${s}/themes`))).toBe(404);
    expect(await statusOf(other.request('POST', `${s}/memos`, { text: 'x' }))).toBe(404);
    // An evaluator not on the team does not even see the study in the list, nor its team.
    expect(await ok(evaluator.request('GET', base))).toEqual([]);
    expect(await statusOf(evaluator.request('GET', `${s}/team`))).toBe(404);
    expect(await statusOf(evaluator.request('GET', `${s}/export?format=csv`))).toBe(404);
    // A coach never: the program's rule comes first, as before.
    expect(await statusOf(coach.request('GET', `${s}/team`))).toBe(403);
  });

  it('lets a coder on the team code the de-identified copy, but not run the study', async () => {
    await ok(lead.request('POST', `${base}/${study}/team`, { personId: otherId, role: 'coder' }), 201);
    const s = `${base}/${study}`;
    const seen = await ok(other.request('GET', s));
    expect(seen.myRole).toBe('coder');
    expect(seen.can).toEqual({ manage: false, code: true, export: true, team: true });
    const coded = await ok(other.request('POST', `${s}/transcripts/${transcriptId}/codings`, { codeId, start: 0, end: 11 }), 201);
    expect(coded.coderId).toBe(otherId);
    expect(await statusOf(other.request('GET', `${s}/transcripts/${transcriptId}?original=true`))).toBe(403);
    expect(await statusOf(other.request('POST', `${s}/guides`, { audience: 'participants', questions: [{ text: 'x' }] }))).toBe(
      403,
    );
    expect(await statusOf(other.request('GET', `${s}/sampling-frame?dimensions=arm`))).toBe(403);
  });

  it('shows an evaluator on the team the de-identified copy only; a reader does not code', async () => {
    await ok(lead.request('POST', `${base}/${study}/team`, { personId: w.people.evaluator, role: 'reader' }), 201);
    const s = `${base}/${study}`;
    expect((await ok(evaluator.request('GET', base))).map((x: { id: string }) => x.id)).toEqual([study]);
    const tr = await ok(evaluator.request('GET', `${s}/transcripts/${transcriptId}`));
    expect(tr.original).toBeNull();
    expect(tr.proposals).toBeNull();
    expect(await statusOf(evaluator.request('GET', `${s}/transcripts/${transcriptId}?original=true`))).toBe(403);
    expect(
      await statusOf(evaluator.request('POST', `${s}/transcripts/${transcriptId}/codings`, { codeId, start: 0, end: 5 })),
    ).toBe(403);
    expect(await statusOf(evaluator.request('GET', `${s}/export?format=csv`))).toBe(200);
    // On the team, but team changes are staff's: 403, not 404.
    expect(await statusOf(evaluator.request('DELETE', `${s}/team/${otherId}`))).toBe(403);
  });

  it('refuses an evaluator as lead, a coach, and someone twice, changing nothing', async () => {
    const before = await teamRows();
    const s = `${base}/${study}/team`;
    expect(await statusOf(lead.request('PATCH', `${s}/${w.people.evaluator}`, { role: 'lead' }))).toBe(422);
    expect(await statusOf(lead.request('POST', s, { personId: w.people.coach, role: 'reader' }))).toBe(422);
    expect(await statusOf(lead.request('POST', s, { personId: otherId, role: 'reader' }))).toBe(409);
    expect(await statusOf(lead.request('DELETE', `${s}/${w.people.participant}`))).toBe(404);
    expect(await statusOf(lead.request('POST', s, { personId: otherId, role: 'boss' }))).toBe(400);
    const team = await ok(lead.request('GET', s));
    expect(team.members.map((m: { personId: string; role: string }) => [m.personId, m.role]).sort()).toEqual(
      [
        [w.people.coordinator, 'lead'],
        [otherId, 'coder'],
        [w.people.evaluator, 'reader'],
      ].sort(),
    );
    expect((await teamRows()).filter((r) => r.entityType === 'interview_study_member')).toHaveLength(
      before.filter((r) => r.entityType === 'interview_study_member').length,
    );
  });

  it('never removes or demotes the last lead (409); once another leads, the first may go', async () => {
    const s = `${base}/${study}/team`;
    const before = (await teamRows()).length;
    expect(await statusOf(lead.request('DELETE', `${s}/${w.people.coordinator}`))).toBe(409);
    expect(await statusOf(lead.request('PATCH', `${s}/${w.people.coordinator}`, { role: 'reader' }))).toBe(409);
    // Only the team read is audited, no change.
    const afterRefusals = await teamRows();
    expect(afterRefusals).toHaveLength(before);
    expect((await ok(lead.request('GET', s))).members.filter((m: { role: string }) => m.role === 'lead')).toHaveLength(1);

    await ok(other.request('PATCH', `${s}/${otherId}`, { role: 'lead' }));
    const after = await ok(other.request('DELETE', `${s}/${w.people.coordinator}`));
    expect(after.members.map((m: { personId: string }) => m.personId)).not.toContain(w.people.coordinator);
    // The former lead, still a coordinator of the program, sees the title and the team, not the study.
    expect(await statusOf(lead.request('GET', `${base}/${study}`))).toBe(404);
    expect(await statusOf(lead.request('GET', `${base}/${study}/transcripts/${transcriptId}`))).toBe(404);
    expect((await ok(lead.request('GET', base))).map((x: { myRole: string | null }) => x.myRole)).toEqual([null]);

    const rows = await t.db.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.action, ['interview_study_member:update', 'interview_study_member:delete']));
    expect(rows.map((r) => [r.action, r.entityId, r.actorId])).toEqual([
      ['interview_study_member:update', otherId, otherId],
      ['interview_study_member:delete', w.people.coordinator, otherId],
    ]);
  });

  it('backfills a study on upgrade: creator lead, whoever coded a coder, the program’s other staff and evaluators readers', async () => {
    // The migration's INSERT statements, run again on a study whose team rows are gone.
    const file = readdirSync('migrations').find((f) => f.endsWith('_interview_study_members.sql'))!;
    const inserts = readFileSync(`migrations/${file}`, 'utf8')
      .split('--> statement-breakpoint')
      .map((part) => part.replace(/^--.*$/gm, '').trim())
      .filter((part) => part.startsWith('INSERT INTO "interview_study_members"'));
    expect(inserts).toHaveLength(3);
    await t.db.db.delete(interviewStudyMembers).where(eq(interviewStudyMembers.studyId, study));
    for (const statement of inserts) await t.db.db.execute(sql.raw(statement));
    const rows = await t.db.db
      .select({
        personId: interviewStudyMembers.personId,
        role: interviewStudyMembers.role,
        addedBy: interviewStudyMembers.addedBy,
      })
      .from(interviewStudyMembers)
      .where(eq(interviewStudyMembers.studyId, study));
    const byPerson = Object.fromEntries(rows.map((r) => [r.personId, r.role]));
    // The coordinator started the study; the other coordinator coded in it; the evaluator did not.
    // The deployment administrator holds no role grant in the program and is left out.
    expect(byPerson).toEqual({ [w.people.coordinator]: 'lead', [otherId]: 'coder', [w.people.evaluator]: 'reader' });
    expect(rows.every((r) => r.addedBy === null)).toBe(true);
  });
});
