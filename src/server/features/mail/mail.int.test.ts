import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit.table';
import { mailMessages } from '../../platform/mail.table';
import { createTestApp, type TestApp, type World } from '../../testing/harness';

describe('mail listing', () => {
  let t: TestApp;
  let w: World;
  const unknownId = randomUUID();

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    const now = t.clock.now();
    const states = ['captured', 'queued', 'sent', 'failed'] as const;
    // A text that may not have arrived, from a run that died (ADR 0012).
    await t.db.db.insert(mailMessages).values({
      id: unknownId,
      programId: w.programId,
      channel: 'sms',
      toAddress: '+13175550200',
      subject: '',
      bodyText: 'secret text body',
      state: 'unknown',
      attempts: 1,
      lastError: 'interrupted',
      createdAt: new Date(now.getTime() - 3_600_000),
    });
    await t.db.db.insert(mailMessages).values(
      states.map((state, i) => ({
        id: randomUUID(),
        programId: w.programId,
        toAddress: `${state}@test.org`,
        subject: 'Your invitation to Kindred',
        bodyText: `secret body for ${state} #token=abc${state}`,
        state,
        attempts: state === 'captured' ? 0 : 1,
        createdAt: new Date(now.getTime() - i * 60_000),
        sentAt: state === 'sent' ? now : null,
      })),
    );
  });
  afterAll(() => t.close());

  it('shows bodies only for captured mail; sent, queued and failed bodies stay hidden', async () => {
    const coordinator = await t.login('coordinator@test.org');
    const res = await coordinator.request('GET', `/programs/${w.programId}/mail`);
    expect(res.status).toBe(200);
    expect(res.body.map((m: { to: string; state: string; text: string }) => [m.to, m.state, m.text])).toEqual([
      ['captured@test.org', 'captured', 'secret body for captured #token=abccaptured'],
      ['queued@test.org', 'queued', ''],
      ['sent@test.org', 'sent', ''],
      ['failed@test.org', 'failed', ''],
      ['+13175550200', 'unknown', ''],
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/abc(queued|sent|failed)|secret text/);
    expect(res.body.at(-1)).toEqual({
      id: unknownId,
      to: '+13175550200',
      subject: '',
      text: '',
      channel: 'sms',
      state: 'unknown',
      attempts: 1,
      nextAttemptAt: null,
      lastError: 'interrupted',
      createdAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
      sentAt: null,
    });
  });

  it('is for staff only', async () => {
    for (const name of ['coach', 'participant', 'evaluator']) {
      expect((await (await t.login(`${name}@test.org`)).request('GET', `/programs/${w.programId}/mail`)).status).toBe(403);
    }
    expect((await (await t.login('outsider@test.org')).request('GET', `/programs/${w.programId}/mail`)).status).toBe(404);
    expect((await (await t.login('admin@test.org')).request('GET', `/programs/${w.programId}/mail`)).status).toBe(200);
  });

  it('lets staff send again only a failed or possibly undelivered message, audited', async () => {
    const url = (id: string) => `/programs/${w.programId}/mail/${id}/resend`;
    for (const name of ['coach', 'participant', 'evaluator']) {
      expect((await (await t.login(`${name}@test.org`)).request('POST', url(unknownId))).status).toBe(403);
    }
    expect((await (await t.login('outsider@test.org')).request('POST', url(unknownId))).status).toBe(404);
    const coordinator = await t.login('coordinator@test.org');
    expect((await coordinator.request('POST', url(randomUUID()))).status).toBe(404);
    expect((await coordinator.request('POST', `/programs/${w.programId}/mail/not-an-id/resend`)).status).toBe(400);
    const listed = (await coordinator.request('GET', `/programs/${w.programId}/mail`)).body as { id: string; state: string }[];
    for (const state of ['queued', 'sent', 'captured']) {
      const res = await coordinator.request('POST', url(listed.find((m) => m.state === state)!.id));
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ reason: 'not_resendable' });
    }
    const [before] = await t.db.db.select().from(mailMessages).where(eq(mailMessages.id, unknownId));
    expect(before).toMatchObject({ state: 'unknown' });
    const res = await coordinator.request('POST', url(unknownId));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: unknownId, state: 'queued', attempts: 0, lastError: 'interrupted' });
    const audited = await t.db.db.select().from(auditEvents).where(eq(auditEvents.entityId, unknownId));
    expect(audited.map((a) => a.action)).toEqual(['mail:update']);
    const failedId = listed.find((m) => m.state === 'failed')!.id;
    expect((await (await t.login('admin@test.org')).request('POST', url(failedId))).status).toBe(200);
  });
});

describe('mail listing, page by page (#12)', () => {
  let t: TestApp;
  let w: World;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    const now = t.clock.now().getTime();
    // 130 messages, more than the first page of 100; two share each instant, so ties are broken by id.
    const rows = Array.from({ length: 130 }, (_, i) => ({
      id: randomUUID(),
      programId: w.programId,
      toAddress: `person${i}@test.org`,
      subject: 'Your invitation to Kindred',
      bodyText: 'body',
      state: 'sent' as const,
      attempts: 1,
      createdAt: new Date(now - Math.floor(i / 2) * 60_000),
      sentAt: new Date(now),
    }));
    await t.db.db.insert(mailMessages).values(rows);
    ids.push(
      ...rows
        .slice()
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((r) => r.id),
    );
  });
  afterAll(() => t.close());

  it('gives the newest 100 first, then the rest through the next cursor, each message once', async () => {
    const coordinator = await t.login('coordinator@test.org');
    const first = await coordinator.request('GET', `/programs/${w.programId}/mail`);
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(100);
    expect(first.headers['x-total-count']).toBe('130');
    const cursor = first.headers['x-next-cursor'];
    expect(cursor).toEqual(expect.any(String));
    expect(first.headers['link']).toBe(`</api/v1/programs/${w.programId}/mail?before=${cursor}>; rel="next"`);

    const second = await coordinator.request('GET', `/programs/${w.programId}/mail?before=${cursor}`);
    expect(second.status).toBe(200);
    expect(second.body).toHaveLength(30);
    expect(second.headers['x-next-cursor']).toBeUndefined();
    expect([...first.body, ...second.body].map((m: { id: string }) => m.id)).toEqual(ids);
  });

  it('pages by a smaller limit too, and refuses a cursor it did not make', async () => {
    const coordinator = await t.login('coordinator@test.org');
    const page = await coordinator.request('GET', `/programs/${w.programId}/mail?limit=40`);
    expect(page.body.map((m: { id: string }) => m.id)).toEqual(ids.slice(0, 40));
    expect((await coordinator.request('GET', `/programs/${w.programId}/mail?before=not-a-cursor`)).status).toBe(400);
  });
});
