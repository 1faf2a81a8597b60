import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactInput } from '../../../core/contacts';
import { programContext } from '../../access/program-context';
import { auditEvents } from '../../platform/audit.table';
import type { Caller, Deps } from '../../platform/context';
import { createTestApp, type TestApp, type World } from '../../testing/harness';
import { countingDb } from '../../testing/round-trips';
import { loadActor } from '../accounts/accounts.service';
import { logContact } from './contacts.service';
import { contacts } from './contacts.table';
import { insertContactAudited } from './contacts.writes';

/**
 * Issue #14, ADR 0046: logging a contact is one read and one write, the contact and its audit rows
 * in a single statement. Every statement the database receives is counted (PGlite; BEGIN and
 * COMMIT included), and what the write leaves behind is checked: the audit rows with the contact,
 * none without it.
 */
describe.skipIf(process.env.DATABASE_URL)('round trips of logging a contact', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Caller;
  let coach: Caller;
  let counted: ReturnType<typeof countingDb>;
  let deps: Deps;

  const contact = (over: Record<string, unknown> = {}) =>
    ContactInput.parse({
      participantId: w.participantId,
      clientKey: randomUUID(),
      occurredAt: t.clock.now().toISOString(),
      channel: 'phone',
      outcome: 'reached',
      minutes: 20,
      topics: ['pacing'],
      discussedStrategies: true,
      gaveEncouragement: true,
      ...over,
    });
  const auditOf = (requestId: string) =>
    t.db.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId)).orderBy(auditEvents.id);
  const contactsUnder = (clientKey: string) => t.db.db.select().from(contacts).where(eq(contacts.clientKey, clientKey));

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    const staff = await t.login('coordinator@test.org');
    const paired = await staff.request('POST', `/programs/${w.programId}/pairings`, {
      participantId: w.participantId,
      coachId: w.coachId,
      genderMismatchReason: 'He said any fellow veteran is fine.',
    });
    expect(paired.status).toBe(201);
    coordinator = { actor: (await loadActor(t.db.db, w.people.coordinator))!, requestId: 'rt-coordinator', ip: null };
    coach = { actor: (await loadActor(t.db.db, w.people.coach))!, requestId: 'rt-coach', ip: null };
    counted = countingDb(t.db.pglite!);
    deps = { ...t.deps, db: counted.db };
  });
  afterAll(() => t.close());

  async function log(caller: Caller, input: ContactInput) {
    counted.statements.length = 0;
    const result = await logContact(deps, caller, w.programId, input);
    return { result, statements: [...counted.statements] };
  }

  it('reads once and writes the contact with its audit row in one statement (five before: three reads, and a transaction)', async () => {
    const input = contact();
    const { result, statements } = await log(coach, input);
    expect(result.isNew).toBe(true);
    expect(statements, statements.join('\n')).toHaveLength(2);
    expect(statements[1]).toMatch(/^with "written" as \(insert into "contacts"/);
    const audited = await auditOf('rt-coach');
    expect(audited.map((a) => [a.action, a.entityId])).toEqual([['contact:create', result.contact.id]]);

    // A retry with the same key: the read, then the saved contact; nothing written.
    const retry = await log(coach, input);
    expect(retry.result).toEqual({ contact: result.contact, isNew: false });
    expect(retry.statements).toHaveLength(2);
    expect(await auditOf('rt-coach')).toHaveLength(1);
  });

  it('writes a late entry and its two audit rows, in order, in the same statement', async () => {
    t.clock.advanceDays(10);
    const input = contact({
      occurredAt: new Date(t.clock.now().getTime() - 9 * 86_400_000).toISOString(),
      enteredLate: { reason: 'From the paper log' },
    });
    const { result, statements } = await log(coordinator, input);
    expect(result.isNew).toBe(true);
    expect(result.contact.enteredLate).toMatchObject({ reason: 'From the paper log' });
    expect(statements).toHaveLength(2);
    expect((await auditOf('rt-coordinator')).map((a) => [a.action, a.entityId])).toEqual([
      ['contact:create', result.contact.id],
      ['late_entry:create', result.contact.id],
    ]);
  });

  it('refuses without writing: one read, no statement after it', async () => {
    const before = (await auditOf('rt-coach')).length;
    const input = contact({ topics: ['no_such_topic'] });
    await expect(log(coach, input)).rejects.toMatchObject({ reason: 'unknown_topic' });
    expect(counted.statements).toHaveLength(1);
    expect(await contactsUnder(input.clientKey)).toEqual([]);
    expect(await auditOf('rt-coach')).toHaveLength(before);
  });

  it('writes no audit row when the key was saved first by another request (the insert returns nothing)', async () => {
    const input = contact();
    await logContact(t.deps, coach, w.programId, input);
    const audits = (await auditOf('rt-coach')).length;
    const [saved] = await contactsUnder(input.clientKey);
    // The write alone, as when the read ran before the other request's contact was saved.
    const ctx = programContext(coach, w.programId, 'contact:log', { relation: 'coach_of', hideExistence: true }, t.clock.now());
    const prepared = { participantId: w.participantId, pairing: { id: saved!.pairingId, coachId: saved!.coachId }, late: null };
    const again = await insertContactAudited(t.db.db, ctx, prepared, input);
    expect(again).toBeNull();
    expect(await contactsUnder(input.clientKey)).toHaveLength(1);
    expect(await auditOf('rt-coach')).toHaveLength(audits);
  });
});
