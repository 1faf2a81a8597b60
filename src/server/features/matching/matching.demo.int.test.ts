import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rematchReasons, type MatchReportView } from '../../../core/matching/report';
import { seedDemo } from '../../demo/seed';
import { createTestApp, type TestApp } from '../../testing/harness';

describe('the demo program’s matching data', () => {
  let t: TestApp;
  let programId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ programId } = await seedDemo(t.db.db, t.clock.now()));
  });
  afterAll(() => t.close());

  it('has pairings that ended with each re-match reason, each followed by a new pairing', async () => {
    const coordinator = await t.login('coordinator@example.org', 'kindred-demo');
    const report = await coordinator.request('GET', `/programs/${programId}/matching/report`);
    expect(report.status).toBe(200);
    const view = report.body as MatchReportView;
    for (const reason of rematchReasons) expect(view.overall.endReasons[reason], reason).toBe(2);
    expect(view.overall.rematched).toBe(8);

    const participants = (await coordinator.request('GET', `/programs/${programId}/participants`)).body as { id: string }[];
    let rematchedThenPaired = 0;
    for (const p of participants) {
      const history = (await coordinator.request('GET', `/programs/${programId}/participants/${p.id}/pairings`)).body as {
        startedAt: string;
        endedAt: string | null;
        endReason: string | null;
      }[];
      const ended = history.filter((h) => (rematchReasons as readonly string[]).includes(h.endReason ?? ''));
      if (ended.length === 0) continue;
      const after = history.filter((h) => !h.endedAt && Date.parse(h.startedAt) > Date.parse(ended[0]!.endedAt!));
      expect(after).toHaveLength(1);
      rematchedThenPaired++;
    }
    expect(rematchedThenPaired).toBe(8);
  });

  it('records town, languages and background, so the report compares pairs with and without them', async () => {
    const coordinator = await t.login('coordinator@example.org', 'kindred-demo');
    const view = (await coordinator.request('GET', `/programs/${programId}/matching/report`)).body as MatchReportView;
    const row = (c: string) => view.rows.find((r) => r.characteristic === c)!;
    for (const c of ['same_town', 'shared_language', 'shared_background', 'age_band']) {
      expect(row(c).with.pairings, c).toBeGreaterThan(0);
      expect(row(c).without.pairings, c).toBeGreaterThan(0);
    }
    // The demo's story: pairs in the same town last more often than pairs across town.
    expect(row('same_town').with.lastingShare!).toBeGreaterThan(row('same_town').without.lastingShare!);
    const coaches = (await coordinator.request('GET', `/programs/${programId}/coaches`)).body as {
      givenName: string;
      town: string | null;
      languages: string[];
      birthYear: number | null;
    }[];
    expect(coaches.every((c) => c.town && c.languages.length > 0 && c.birthYear)).toBe(true);
  });
});
