import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/**
 * Issue #3 in Chromium against a fresh demo server: a quiet pair in "Pairs that need help", the
 * coordinator's check-in call, a reached contact putting the pair back on track; the coach's
 * reminder tips, best times to try and call/text links; the coach's own contact preferences. Every
 * page is scanned by axe-core.
 */
describe('engagement journeys', () => {
  const journey = demoJourney({ desktop: true, mobile: true });

  // First, while the demo's overdue pairs are as seeded (the next journey puts one back on track).
  it('gives the coach tips, the best times to try and call or text links, and a page to say when to be reached', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coach@example.org');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    const tips = page.getByRole('button', { name: /^Tips for reaching people/ }).first();
    await tips.click();
    await page
      .getByText(/Leave a short, friendly voicemail/)
      .first()
      .waitFor();
    await expectAccessible(page, 'Today with tips');

    await page.getByRole('region', { name: 'My participants' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Best times to try' }).waitFor();
    // The zone in words, never its IANA name (issue #16 item 5).
    await page.getByText(/Times are the program.s \([A-Z][a-z]+ time\)/).waitFor();
    await page
      .getByRole('link', { name: /^Text / })
      .first()
      .waitFor();
    await expectAccessible(page, 'participant record (coach) with best times');

    await visit(page, 'When to reach me', 'When to reach me');
    await page.getByRole('checkbox', { name: 'Saturday' }).check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByRole('status').filter({ hasText: /saved/i }).first().waitFor();
    await signOut(page);
    await page.close();
  });

  it('lets a coordinator record a check-in call on a quiet pair, which is back on track after a reached contact', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Overview', /overview/i);
    await page.getByRole('heading', { level: 2, name: 'Escalation ladder' }).waitFor();
    await visit(page, 'Pairs that need help', 'Pairs that need help');

    await page.getByRole('combobox', { name: 'Ladder step' }).selectOption('check_in');
    const action = page.getByRole('link', { name: /^Record check-in call for / }).first();
    const name = ((await action.textContent()) ?? '').replace(/^Record check-in call for /, '').trim();
    expect(name.length).toBeGreaterThan(0);
    await action.click();
    await page.getByRole('heading', { level: 1, name: 'Record a check-in call' }).waitFor();
    // The numbers to call are on the page, as call links (issue #16).
    const numbers = page.getByRole('region', { name: 'Numbers to call' });
    const callLink = numbers.getByRole('link', { name: new RegExp(`^Call ${name} on `) });
    await callLink.waitFor();
    expect(await callLink.getAttribute('href')).toMatch(/^tel:\+?\d+$/);
    await expect(numbers.getByRole('link', { name: /^Call / }).count()).resolves.toBeGreaterThanOrEqual(1);
    await expectAccessible(page, 'record a check-in call');

    // The same page on a phone: heading and the first call link in the first screen, nothing wider.
    const phone = await journey.mobile.context.newPage();
    await signIn(phone, journey.server.url, 'coordinator@example.org');
    await phone.goto(page.url());
    await phone.getByRole('heading', { level: 1, name: 'Record a check-in call' }).waitFor();
    const phoneCall = phone.getByRole('link', { name: new RegExp(`^Call ${name} on `) });
    await phoneCall.waitFor();
    const heading = await phone.getByRole('heading', { level: 1, name: 'Record a check-in call' }).boundingBox();
    expect(heading!.y + heading!.height).toBeLessThanOrEqual(844);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.getByRole('radio', { name: /^Reached no one/ }).waitFor();
    await phone.screenshot({ path: '/tmp/kindred-check-in-call-phone.png', fullPage: true });
    await expectAccessible(phone, 'record a check-in call on a phone');
    await signOut(phone);
    await phone.close();

    await page.getByRole('radio', { name: `Only ${name}` }).check();
    await page.getByRole('checkbox', { name: 'Busy season' }).check();
    await page.getByRole('textbox', { name: 'Note (optional)' }).fill('Back from a family visit next week.');
    await page.getByRole('button', { name: 'Save check-in call' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pairs that need help' }).waitFor();
    await page.getByText(`Check-in call for ${name} recorded.`).waitFor();

    // Staff log the reached contact from the participant's record; the pair is back on track.
    await page.getByRole('combobox', { name: 'Ladder step' }).selectOption('');
    await page.getByRole('rowheader', { name, exact: true }).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('link', { name: 'Log a contact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
    await page.getByRole('radio', { name: 'Yes, we talked' }).check();
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText(`Contact with ${name} saved.`).waitFor();

    await visit(page, 'Pairs that need help', 'Pairs that need help');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await row.getByText('On track').waitFor();
    await expect(row.getByRole('link', { name: /^Record check-in call/ }).count()).resolves.toBe(0);
    await signOut(page);
    await page.close();
  });
});
