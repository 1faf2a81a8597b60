import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, waitUntilSignedIn } from '../fixtures/session';

/**
 * Issue #16 item 3 on a phone (390×844), against a demo server whose idle sign-out is half a minute
 * (the warning then comes 15 seconds before it): the coach enters part of the session guide, is
 * warned before the idle sign-out (seen on the phone's first screen), keeps the session once, lets
 * it end, signs in again and carries on from what the server kept; then a "Finish session" refused
 * because the session ended (its cookie gone) leads to sign-in with a word, and back to the guide
 * with everything entered, where it finishes. Every page is scanned by axe-core.
 */
describe('the session guide across an idle sign-out', () => {
  const journey = demoJourney({ mobile: true, env: { KINDRED_SESSION_IDLE_MINUTES: '0.5' } });

  const stepHeading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name }).waitFor();
  const chooseOnScale = async (page: Page, group: string, value: string) => {
    await page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: value, exact: true }).check();
  };
  const signInHere = async (page: Page) => {
    await page.getByRole('button', { name: 'Use coach@example.org' }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitUntilSignedIn(page);
  };
  const openGuide = async (page: Page) => {
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByRole('region', { name: 'My participants' }).getByRole('link', { name: 'Robert Ellis', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Robert Ellis' }).waitFor();
    await page.getByRole('link', { name: 'Start session guide' }).click();
    await page.getByRole('heading', { level: 1, name: 'Session guide' }).waitFor();
  };
  const barrier = (page: Page) => page.getByRole('textbox', { name: 'What got in the way? (optional)' });

  it('warns before the idle sign-out, keeps the session on "Stay signed in", and resumes after signing in again', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coach@example.org');
    await openGuide(page);
    await stepHeading(page, 'Step 1 of 5: Check in');
    await chooseOnScale(page, "Robert's pain right now", '5');
    await chooseOnScale(page, "Robert's mood right now", '6');
    await page.getByRole('button', { name: 'Next: review the last plan' }).click();
    await stepHeading(page, 'Step 2 of 5: Review the last plan');
    await barrier(page).fill('I slept badly most nights');
    await page.getByText(/^Saved as you go, last at \d{1,2}:\d\d [AP]M\.$/).waitFor();

    // Nothing more happens: 15 seconds before the end the warning shows, on the phone's first screen.
    const warning = page.getByRole('alert').filter({ hasText: /^You will be signed out in/ });
    await warning.waitFor({ timeout: 60_000 });
    const box = await warning.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    const stay = page.getByRole('button', { name: 'Stay signed in' });
    const stayBox = await stay.boundingBox();
    expect(stayBox!.y + stayBox!.height).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/kindred-guide-idle-warning.png' });
    await expectAccessible(page, 'session guide with the idle warning');
    await stay.click();
    await warning.waitFor({ state: 'detached' });

    // This time nobody answers the warning: the session ends and sign-in says why.
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 90_000 });
    await page.getByRole('status').filter({ hasText: 'You were signed out' }).waitFor();
    await expectAccessible(page, 'sign in after the idle sign-out');
    await signInHere(page);

    // Back on the guide, where the coach was, with what the server kept.
    await page.getByRole('heading', { level: 1, name: 'Session guide' }).waitFor();
    await stepHeading(page, 'Step 2 of 5: Review the last plan');
    await page
      .getByRole('status')
      .filter({ hasText: /^We kept what you had entered at \d{1,2}:\d\d [AP]M\. Carry on where you were, or start over\.$/ })
      .waitFor();
    await expect(barrier(page).inputValue()).resolves.toBe('I slept badly most nights');
    await page.screenshot({ path: '/tmp/kindred-guide-resumed.png', fullPage: false });
    await expectAccessible(page, 'session guide resumed from the draft');
    await page.close();
  });

  it('a "Finish session" refused because the session ended leads to sign-in and back, with nothing lost', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coach@example.org');
    await openGuide(page);
    // After the first journey the guide carries on from its draft: start over this time.
    await page.getByRole('heading', { level: 2, name: /^Step \d of 5/ }).waitFor();
    const startOver = page.getByRole('button', { name: 'Start over' });
    if (await startOver.isVisible()) await startOver.click();
    await stepHeading(page, 'Step 1 of 5: Check in');
    await chooseOnScale(page, "Robert's pain right now", '4');
    await page.getByRole('button', { name: 'Next: review the last plan' }).click();
    await stepHeading(page, 'Step 2 of 5: Review the last plan');
    await page
      .getByRole('radiogroup', { name: 'How did it go?' })
      .getByRole('radio', { name: /^Partly/ })
      .check();
    await page.getByRole('button', { name: "Next: today's topic" }).click();
    await stepHeading(page, "Step 3 of 5: Today's topic");
    await page.getByRole('button', { name: 'Next: make a new plan' }).click();
    await stepHeading(page, 'Step 4 of 5: Make a new plan');
    await page.getByRole('button', { name: 'No plan this time' }).click();
    await stepHeading(page, 'Step 5 of 5: Agree the next contact');
    await page.getByRole('textbox', { name: 'Private note (optional)' }).fill('Talked about his garden.');

    // The session ends under the coach (as after an idle sign-out), then "Finish session".
    await page.context().clearCookies({ name: 'kindred_session' });
    await page.getByRole('button', { name: 'Finish session' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'You were signed out' }).waitFor();
    await signInHere(page);

    await stepHeading(page, 'Step 5 of 5: Agree the next contact');
    await page
      .getByRole('status')
      .filter({ hasText: /^We kept what you had entered/ })
      .waitFor();
    await expect(page.getByRole('textbox', { name: 'Private note (optional)' }).inputValue()).resolves.toBe(
      'Talked about his garden.',
    );
    // Kept on the server too: opened afresh (another device, a reload), the note is still there.
    await page.getByText(/^Saved as you go, last at/).waitFor();
    await page.reload();
    await stepHeading(page, 'Step 5 of 5: Agree the next contact');
    await expect(page.getByRole('textbox', { name: 'Private note (optional)' }).inputValue()).resolves.toBe(
      'Talked about his garden.',
    );
    await expectAccessible(page, 'session guide resumed at the last step');
    await page.getByRole('button', { name: 'Finish session' }).click();
    await page.getByRole('heading', { level: 1, name: 'Robert Ellis' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Session with Robert saved' }).first().waitFor();

    // Finished: opening the guide again starts afresh.
    await page.getByRole('link', { name: 'Start session guide' }).click();
    await stepHeading(page, 'Step 1 of 5: Check in');
    await expect(page.getByText(/We kept what you had entered/).count()).resolves.toBe(0);
    await page.close();
  });
});
