import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/**
 * The outcome report and "Whom to target" (#12, ADR 0029), in Chromium against a fresh demo server
 * as the evaluator. The demo program runs no randomized study, so both pages must say so plainly
 * (not an error), on a desktop and on a 390 × 844 phone, and pass axe-core.
 */
describe('outcome report and whom to target', () => {
  const journey = demoJourney({ desktop: true, mobile: true });
  const NO_STUDY = 'This program has no randomized study yet, so there are no arms to compare.';

  it('opens both pages from the evaluator’s menu and says plainly that there is no study', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'evaluator@example.org');
    await visit(page, 'Outcome report', 'Outcome report');
    await page.getByRole('status').filter({ hasText: NO_STUDY }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: 'Print' }).waitFor();
    await page.getByRole('region', { name: 'Missing data table' }).waitFor({ state: 'detached' });
    await expectAccessible(page, 'outcome report without a study');
    await visit(page, 'Whom to target', 'Whom to target');
    await page.getByText('Subgroup findings are exploratory').waitFor();
    await page.getByRole('status').filter({ hasText: NO_STUDY }).waitFor();
    await expectAccessible(page, 'whom to target without a study');
    await signOut(page);
    await page.close();
  }, 120_000);

  it('works on a phone', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'evaluator@example.org');
    const root = page.url().replace(/\/[^/]*$/, '');
    for (const [path, heading] of [
      ['reports/outcomes', 'Outcome report'],
      ['reports/targeting', 'Whom to target'],
    ] as const) {
      await page.goto(`${root}/${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByRole('status').filter({ hasText: NO_STUDY }).waitFor();
      await expectAccessible(page, `${heading} on a phone`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await page.close();
  }, 120_000);
});
