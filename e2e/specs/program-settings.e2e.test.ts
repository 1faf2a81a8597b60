import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

const PHONE = { width: 390, height: 844 };
/** "Well within the first screen": the page's own heading starts in the top quarter of a phone. */
const HEADING_BY = 200;

/**
 * Issue #16 on a phone: the program's settings have a page (cadence, length, time zone in words, the
 * quiet-pair ladder), and the coach's Today flags a participant's pain jump with the note.
 */
describe('program settings and pain alerts', () => {
  const journey = demoJourney({ mobile: true });

  async function expectPhoneLayout(page: Page, label: string): Promise<void> {
    const layout = await page.evaluate(() => {
      window.scrollTo(0, 0);
      const heading = document.querySelector('h1')!.getBoundingClientRect();
      return { headingTop: heading.top, scrollWidth: document.documentElement.scrollWidth };
    });
    expect(layout.headingTop, `${label}: the heading starts ${layout.headingTop}px down`).toBeLessThan(HEADING_BY);
    expect(layout.scrollWidth, `${label}: the page is ${layout.scrollWidth}px wide`).toBeLessThanOrEqual(PHONE.width);
  }

  it('lets the administrator change the contact cadence on a phone, with the zone in words', { timeout: 120_000 }, async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'admin@example.org');
    await visit(page, 'Program settings', 'Program settings');
    const cadence = page.getByRole('textbox', { name: 'Days between contacts' });
    await cadence.waitFor();
    await expectPhoneLayout(page, 'Program settings');
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    expect(await zone.locator('option:checked').textContent()).toBe('Eastern time');
    expect(await page.locator('main').textContent()).not.toMatch(/America\//);

    // A refusal in plain words, its summary focused.
    await cadence.fill('0');
    await page.getByRole('button', { name: 'Save program settings' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Days between contacts: Enter a whole number of days from 1 to 90.').waitFor();
    expect(await alert.evaluate((el) => el === document.activeElement)).toBe(true);

    await cadence.fill('21');
    await page.getByRole('button', { name: 'Save program settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Program settings saved.' }).waitFor();
    await expectAccessible(page, 'Program settings saved');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Program settings' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Days between contacts' }).inputValue()).toBe('21');
    await signOut(page);
    await page.close();
  });

  it("flags a participant's pain jump with the note at the top of the coach's Today", { timeout: 120_000 }, async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'participant@example.org');
    await visit(page, 'Weekly check-in', 'Weekly check-in');
    for (const group of [/your pain on average in the past week/, /enjoyment of life/, /general activity/]) {
      await page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: '9', exact: true }).check();
    }
    await page.getByRole('textbox', { name: 'A note for your coach (optional)' }).fill('Worst flare-up in months.');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My progress' }).waitFor();
    await signOut(page);

    await signIn(page, journey.server.url, 'coach@example.org');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    const alerts = page.getByRole('region', { name: /to look at$/ });
    const item = alerts.getByRole('listitem').filter({ hasText: 'Worst flare-up in months.' });
    await item.waitFor();
    expect(await item.textContent()).toMatch(
      /^Robert’s pain went from [\d.]+ to 9 in the check-in on .+\. Robert’s note: “Worst flare-up in months\.” Consider calling Robert soon\./,
    );
    await expectPhoneLayout(page, 'Today with a pain alert');
    await expectAccessible(page, 'Today with a pain alert');
    await signOut(page);
    await page.close();
  });
});
