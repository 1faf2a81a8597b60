import { expect, it, describe } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, visit } from '../fixtures/session';

/**
 * Issue #10's bad input, in Chromium on a phone (390 × 844) against a fresh demo server: adding
 * someone already in the program warns of the likely duplicate before anything is saved, and "Add
 * anyway" adds a different person with the same name; a long unbroken note wraps on the record
 * instead of widening the page. Every page is scanned by axe-core.
 */
describe('data quality', () => {
  const journey = demoJourney({ mobile: true });

  it('warns of a likely duplicate, adds anyway when asked, and keeps a long note inside the page', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    const me = (await (await page.request.get(`${journey.server.url}/api/v1/me`)).json()) as {
      memberships: { programId: string }[];
    };
    const programId = me.memberships[0]!.programId;
    const list = (await (await page.request.get(`${journey.server.url}/api/v1/programs/${programId}/participants`)).json()) as {
      givenName: string;
      familyName: string;
      birthYear: number | null;
    }[];
    const someone = list.find((p) => p.birthYear === null) ?? list[0]!;

    await visit(page, 'Participants', 'Participants');
    await page.getByRole('link', { name: 'Add participant' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a participant' }).waitFor();
    await page.getByRole('textbox', { name: 'Given name' }).fill(someone.givenName.toUpperCase());
    await page.getByRole('textbox', { name: 'Family name' }).fill(someone.familyName);
    await page.getByRole('radio', { name: 'Woman' }).check();
    await page.getByRole('checkbox', { name: 'Knee' }).check();
    await page.getByRole('textbox', { name: 'Notes about reaching them (optional)' }).fill('x'.repeat(500));
    await page.getByRole('button', { name: 'Add participant' }).click();

    const warning = page.getByRole('region', { name: 'Is this someone already in the program?' });
    await warning.getByText(`${someone.givenName} ${someone.familyName}`, { exact: false }).first().waitFor();
    await expectAccessible(page, 'a likely duplicate');
    await warning.getByRole('button', { name: 'Add anyway' }).click();
    await page.getByText('Participant added.').waitFor();
    await page.getByText('x'.repeat(40), { exact: false }).first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'the new record with a long note');
  });
});
