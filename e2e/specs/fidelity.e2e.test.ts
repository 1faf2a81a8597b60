import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/**
 * Fidelity and engagement (#12, ADR 0023), in Chromium against a fresh demo server: the evaluator
 * reads logged fidelity beside ECLIPSE's figures, coaches and participants by code only, downloads
 * a table as CSV, and the page works on a phone. Every page is scanned by axe-core.
 */
describe('fidelity and engagement report', () => {
  const journey = demoJourney({ desktop: true, mobile: true });

  it('shows the evaluator the report with codes only, and downloads the participants as CSV', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'evaluator@example.org');
    await visit(page, 'Fidelity and engagement', 'Fidelity and engagement');
    const elements = page.getByRole('region', { name: 'Essential elements table' });
    await elements.getByRole('row', { name: /Set or reviewed a goal/ }).waitFor();
    // ECLIPSE's goal-setting rate stands beside the program's.
    await expect(elements.getByRole('row', { name: /Set or reviewed a goal/ }).textContent()).resolves.toContain('34%');
    const coaches = page.getByRole('region', { name: 'Coaches table' });
    const coachRows = await coaches.getByRole('rowheader').allTextContents();
    expect(coachRows.length).toBeGreaterThan(3);
    expect(coachRows.every((c) => /^C-\d{4}$/.test(c))).toBe(true);
    const people = page.getByRole('region', { name: 'Participants table' });
    const codes = await people.getByRole('rowheader').allTextContents();
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.every((c) => /^P-\d{4}$/.test(c))).toBe(true);
    // Completed and withdrawn participants keep their figures.
    await people
      .getByRole('row', { name: /Completed/ })
      .first()
      .waitFor();
    await people
      .getByRole('row', { name: /Withdrawn/ })
      .first()
      .waitFor();
    // No names anywhere on the page (the demo's coach and participant accounts).
    const text = await page.locator('main').textContent();
    expect(text).not.toMatch(/James Walker|Robert|Walker/);
    await expectAccessible(page, 'fidelity and engagement');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download participants (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('engagement-participants.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'participant_code,status,coach_code,ended_on,as_of,active_days,reached_in_window,reached_outside_window,adherent,frequency',
    );
    expect(lines).toHaveLength(codes.length + 1);
    await page.getByRole('button', { name: 'Print' }).waitFor();
    await signOut(page);
    await page.close();
  }, 120_000);

  it('works on a phone for the coordinator, tables scrolling inside their regions', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await page.goto(`${page.url().replace(/\/[^/]*$/, '')}/reports/fidelity`);
    await page.getByRole('heading', { level: 1, name: 'Fidelity and engagement' }).waitFor();
    await page.getByRole('region', { name: 'Participants table' }).waitFor();
    await expectAccessible(page, 'fidelity and engagement on a phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  }, 120_000);
});
