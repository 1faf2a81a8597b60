import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { GuideDraftInput, GuideFinishInput } from '../../../core/guidance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit.table';
import type { Caller, Deps } from '../../platform/context';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { countingDb } from '../../testing/round-trips';
import { loadActor } from '../accounts/accounts.service';
import { saveGuideDraft } from './drafts.service';
import { finishGuide } from './guidance.service';

/**
 * Issue #14: finishing the session guide took about 30 round trips. Every statement the database
 * receives is counted here, BEGIN, COMMIT and savepoints included (PGlite; the count is the same
 * SQL on PostgreSQL).
 */
describe.skipIf(process.env.DATABASE_URL)('round trips of finishing the session guide', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let caller: Caller;
  let counted: ReturnType<typeof countingDb>;
  let deps: Deps;

  const guide = (over: Record<string, unknown> = {}) => ({
    clientKey: randomUUID(),
    occurredAt: t.clock.now().toISOString(),
    channel: 'phone' as const,
    minutes: 30,
    check: { pain: 5, mood: 6 },
    review: null,
    encouraged: false,
    topics: ['getting_started'],
    suggestedTopic: 'getting_started',
    plan: null,
    elements: { discussedStrategies: true, gaveEncouragement: false, discussedAdjusting: false, discussedGoals: true },
    note: '',
    nextContactOn: null,
    schedule: null,
    ...over,
  });
  const plan = {
    kind: 'action_plan' as const,
    what: 'Walk around the block',
    howMuch: '10 minutes',
    when: 'After lunch',
    daysPerWeek: 3,
    confidence: 8,
    earlierDrafts: [],
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    coordinator = await t.login('coordinator@test.org');
    const paired = await coordinator.request('POST', `/programs/${w.programId}/pairings`, {
      participantId: w.participantId,
      coachId: w.coachId,
      genderMismatchReason: 'He said any fellow veteran is fine.',
    });
    expect(paired.status).toBe(201);
    caller = { actor: (await loadActor(t.db.db, w.people.coach))!, requestId: 'round-trips', ip: null };
    counted = countingDb(t.db.pglite!);
    deps = { ...t.deps, db: counted.db };
  });
  afterAll(() => t.close());

  /** Finishes a guide through the counting database and answers with the statements it sent. */
  async function finish(input: ReturnType<typeof guide>) {
    counted.statements.length = 0;
    const result = await finishGuide(deps, caller, w.programId, w.participantId, GuideFinishInput.parse(input));
    return { result, statements: [...counted.statements] };
  }

  it('reviews the plan, makes a new one and agrees the next contact in fewer than 10 round trips (39 before)', async () => {
    const first = await finish(guide({ plan }));
    expect(first.result.isNew).toBe(true);
    t.clock.advanceDays(7);
    const input = guide({
      review: { planId: first.result.guide.planId, outcome: 'done', barrier: '', change: '' },
      plan: { ...plan, what: 'Walk to the park' },
      nextContactOn: '2026-03-23',
    });
    // The coach's draft, saved as he went, is deleted when the session is finished.
    await saveGuideDraft(
      t.deps,
      caller,
      w.programId,
      w.participantId,
      GuideDraftInput.parse({
        clientKey: input.clientKey,
        step: 3,
        answers: {
          openedAt: t.clock.now().toISOString(),
          pain: 5,
          mood: 6,
          outcome: 'done',
          barrier: '',
          change: '',
          encouraged: false,
          topics: ['getting_started'],
          plan: null,
          overrides: {},
          channel: 'phone',
          minutes: '30',
          note: '',
          nextOn: '2026-03-23',
          nextTime: '',
          nextHow: 'phone',
          nextMinutes: '30',
          nextPlace: '',
        },
      }),
    );
    const { result, statements } = await finish(input);
    expect(result.isNew).toBe(true);
    expect(result.guide.reviewedPlanId).toBe(first.result.guide.planId);
    expect(statements.length, statements.join('\n')).toBeLessThan(10);
    const audited = await t.db.db.select().from(auditEvents).where(eq(auditEvents.requestId, 'round-trips'));
    expect(
      audited
        .filter((a) => a.at.getTime() === t.clock.now().getTime())
        .map((a) => a.action)
        .sort(),
    ).toEqual(
      [
        'action_plan:create',
        'action_plan:list',
        'action_plan:update',
        'contact:create',
        'guide_draft:delete',
        'guide_draft:update',
        'session_guide:create',
      ].sort(),
    );
    // A retry with the same key: one read, nothing written.
    const retry = await finish(input);
    expect(retry.result.isNew).toBe(false);
    expect(retry.statements.length, retry.statements.join('\n')).toBeLessThanOrEqual(2);
  });

  it('schedules the next session with its invitations in 11 round trips (22 before)', async () => {
    t.clock.advanceDays(7);
    const { result, statements } = await finish(
      guide({ schedule: { date: '2026-03-30', time: '10:30', modality: 'phone' }, topics: [] }),
    );
    expect(result.isNew).toBe(true);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(11);
  });
});
