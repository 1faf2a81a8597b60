import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type World } from '../../testing/harness';

/** The design's primary timepoint and outcome (ADR 0034): checked against the program's timepoints, and the report's default. */
describe('trials: the primary timepoint and outcome', () => {
  let t: TestApp;
  let w: World;
  const design = (o: Record<string, unknown>) => ({
    design: {
      design: 'parallel',
      title: 'Coaching or usual care',
      arms: [
        { key: 'coaching', label: 'Peer coaching', kind: 'coaching', ratio: 1 },
        { key: 'usual', label: 'Usual care', kind: 'usual_care', ratio: 1 },
      ],
      primaryTimepoint: 'month_6',
      ...o,
    },
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
  });
  afterAll(() => t.close());

  it('refuses a timepoint the program does not have, the baseline, or a questionnaire not asked then, with a 422 in words', async () => {
    const coordinator = await t.login('coordinator@test.org');
    const put = (o: Record<string, unknown>) => coordinator.request('PUT', `/programs/${w.programId}/study`, design(o));
    const unknown = await put({ primaryTimepoint: 'month_12' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toBe('The primary timepoint is not one of the program’s assessment timepoints');
    expect((await put({ primaryTimepoint: 'baseline' })).status).toBe(422);
    const notAsked = await put({ primaryOutcome: 'pcs' });
    expect(notAsked.status).toBe(422);
    expect(notAsked.body.message).toMatch(/not asked at 6 months/);
    // Nothing was saved by the refusals.
    expect((await coordinator.request('GET', `/programs/${w.programId}/study`)).body.design).toBeNull();
  });

  it('stores the chosen outcome and the outcome report opens on it unless another is asked for', async () => {
    const coordinator = await t.login('coordinator@test.org');
    const saved = await coordinator.request('PUT', `/programs/${w.programId}/study`, design({ primaryOutcome: 'phq9' }));
    expect(saved.status).toBe(200);
    expect(saved.body.design.primaryOutcome).toBe('phq9');
    const evaluator = await t.login('evaluator@test.org');
    const report = await evaluator.request('GET', `/programs/${w.programId}/reports/outcomes`);
    expect(report.status).toBe(200);
    expect(report.body.instrument.id).toBe('phq9');
    expect(report.body.primaryTimepoint).toBe('month_6');
    const asked = await evaluator.request('GET', `/programs/${w.programId}/reports/outcomes?instrument=peg`);
    expect(asked.body.instrument.id).toBe('peg');
  });
});
