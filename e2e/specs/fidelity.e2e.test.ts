import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { programRoot, signIn, signOut, visit } from '../fixtures/session';

/**
 * Fidelity and engagement (#12, ADR 0023), in Chromium against a fresh demo server: the evaluator
 * reads logged fidelity beside ECLIPSE's figures, coaches and participants by code only, downloads
 * a table as CSV, and the page works on a phone. Every page is scanned by axe-core.
 */
describe('fidelity and engagement report', () => {
  const journey = demoJourney({ desktop: true, mobile: true });

  it('lets the coordinator schedule the end-of-program questionnaire and enter answers during calls', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    const api = `${journey.server.url}/api/v1`;
    const me = await (await page.request.get(`${api}/me`)).json();
    const programId = me.memberships[0].programId as string;
    const headers = { 'x-csrf-token': me.csrfToken as string };
    // Scheduled like any instrument: a timepoint of its own, open for everyone enrolled.
    const settings = await (await page.request.get(`${api}/programs/${programId}/assessment-settings`)).json();
    settings.timepoints.push({
      key: 'end_of_coaching',
      label: 'End of coaching',
      // Five months with a 180-day window: open from before anyone's enrolment, so open for all.
      months: 5,
      windowBeforeDays: 180,
      windowAfterDays: 30,
      instruments: ['coaching-delivery'],
    });
    const saved = await page.request.put(`${api}/programs/${programId}/assessment-settings`, { headers, data: settings });
    expect(saved.status()).toBe(200);
    const active = await (await page.request.get(`${api}/programs/${programId}/participants?status=active`)).json();
    const yes = (b: boolean) => (b ? 'yes' : 'no');
    for (const [i, p] of (active as { id: string }[]).slice(0, 6).entries()) {
      const res = await page.request.post(
        `${api}/programs/${programId}/participants/${p.id}/assessments/end_of_coaching/responses`,
        {
          headers,
          data: {
            instrumentId: 'coaching-delivery',
            method: 'phone',
            answers: {
              'delivery-strategies': yes(i !== 1),
              'delivery-encouragement': 'yes',
              'delivery-adjusting': yes(i % 2 === 0),
              'delivery-goals': yes(i % 3 === 0),
              'delivery-frequency': i % 2 ? 'monthly' : 'twice_monthly',
            },
          },
        },
      );
      expect(res.status()).toBe(200);
    }
    await signOut(page);
    await page.close();
  }, 120_000);

  it('shows the evaluator the report with codes only, and downloads the participants as CSV', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'evaluator@example.org');
    await visit(page, 'Fidelity and engagement', 'Fidelity and engagement');
    const elements = page.getByRole('region', { name: 'Essential elements table' });
    await elements.getByRole('row', { name: /Set or reviewed a goal/ }).waitFor();
    // ECLIPSE's goal-setting rate stands beside the program's; the six answers are reported beside
    // the logs: goals yes for 2 of 6 (33%), encouragement for all (kappa undefined: everyone said yes).
    const goals = (await elements.getByRole('row', { name: /Set or reviewed a goal/ }).textContent()) ?? '';
    expect(goals).toContain('34%');
    expect(goals).toContain('33% (2 said yes)');
    expect(goals).toMatch(/kappa -?\d\.\d\d|kappa – \(cannot be computed/);
    const encouragement = (await elements.getByRole('row', { name: /Gave encouragement/ }).textContent()) ?? '';
    expect(encouragement).toContain('100% (6 said yes)');
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
    await page.goto(`${await programRoot(page, journey.server.url)}/reports/fidelity`);
    await page.getByRole('heading', { level: 1, name: 'Fidelity and engagement' }).waitFor();
    await page.getByRole('region', { name: 'Participants table' }).waitFor();
    await expectAccessible(page, 'fidelity and engagement on a phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  }, 120_000);
});
