import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { programRoot, signIn, signOut, visit } from '../fixtures/session';

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
    const root = await programRoot(page, journey.server.url);
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

  it('once a study is randomized, shows the evaluator masked arms, tables and plain words, axe-clean on a phone', async () => {
    const staff = await journey.desktop.context.newPage();
    await signIn(staff, journey.server.url, 'coordinator@example.org');
    const api = `${journey.server.url}/api/v1`;
    const me = await (await staff.request.get(`${api}/me`)).json();
    const programId = me.memberships[0].programId as string;
    const headers = { 'x-csrf-token': me.csrfToken as string };
    const design = {
      design: 'parallel',
      title: 'Coaching or a class',
      arms: [
        { key: 'coaching', label: 'Peer coaching', kind: 'coaching', ratio: 1 },
        { key: 'class', label: 'Pain class', kind: 'class', ratio: 1 },
      ],
      primaryTimepoint: 'month_6',
      gate: { eligible: false, consented: false, baselineComplete: false },
    };
    expect((await staff.request.put(`${api}/programs/${programId}/study`, { headers, data: { design } })).status()).toBe(200);
    const active = (await (await staff.request.get(`${api}/programs/${programId}/participants?status=active`)).json()) as {
      id: string;
    }[];
    for (const [i, p] of active.slice(0, 8).entries()) {
      const res = await staff.request.post(`${api}/programs/${programId}/study/randomizations`, {
        headers,
        data: { participantId: p.id, clientKey: `e2e-outcomes-${i}-${p.id}`, strata: {} },
      });
      expect(res.status()).toBe(201);
    }
    await signOut(staff);
    await staff.close();

    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'evaluator@example.org');
    const root = await programRoot(page, journey.server.url);
    await page.goto(`${root}/reports/outcomes`);
    await page.getByRole('heading', { level: 1, name: 'Outcome report' }).waitFor();
    const missing = page.getByRole('region', { name: 'Missing data table' });
    await missing.waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Arm A');
    expect(text).not.toMatch(/Peer coaching|Pain class/);
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectAccessible(page, 'outcome report with masked arms on a phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.goto(`${root}/reports/targeting`);
    await page.getByRole('heading', { level: 1, name: 'Whom to target' }).waitFor();
    await page.getByText('Subgroup findings are exploratory').waitFor();
    await expectAccessible(page, 'whom to target with masked arms on a phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.close();
  }, 180_000);
});
