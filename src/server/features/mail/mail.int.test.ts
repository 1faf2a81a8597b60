import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailMessages } from '../../platform/mail.table';
import { createTestApp, type TestApp, type World } from '../../testing/harness';

describe('mail listing', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    const now = t.clock.now();
    const states = ['captured', 'queued', 'sent', 'failed'] as const;
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
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/abc(queued|sent|failed)/);
  });

  it('is for staff only', async () => {
    for (const name of ['coach', 'participant', 'evaluator']) {
      expect((await (await t.login(`${name}@test.org`)).request('GET', `/programs/${w.programId}/mail`)).status).toBe(403);
    }
    expect((await (await t.login('outsider@test.org')).request('GET', `/programs/${w.programId}/mail`)).status).toBe(404);
    expect((await (await t.login('admin@test.org')).request('GET', `/programs/${w.programId}/mail`)).status).toBe(200);
  });
});
