import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/**
 * Keeping coaches and tuning the matcher (#6, ADR 0016), in Chromium against a fresh demo server:
 * boosters with the "Booster due" task, a coach's well-being check-in and the coordinator's call
 * after a worsening one, the coach's impact with a participant's thanks, the matching settings and
 * the "what kinds of matches last" report. Every page is scanned by axe-core.
 */
describe('coach care and matching settings', () => {
  const journey = demoJourney({ desktop: true });

  it('lets a participant thank the coach, who checks in and sees the difference he makes', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'participant@example.org');
    await visit(page, 'My coach', 'My coach');
    await page.getByRole('textbox', { name: /^A few words for/ }).fill('Thank you for not giving up on me.');
    await page.getByRole('button', { name: 'Send thanks' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent. Thank you' }).waitFor();
    await expectAccessible(page, 'thanks sent');
    await signOut(page);

    await signIn(page, journey.server.url, 'coach@example.org');
    // Today reminds him of this month's check-in and of the booster in two weeks.
    await visit(page, 'Today', 'Today');
    const forYou = page.getByRole('region', { name: 'For you' });
    await forYou.getByRole('heading', { name: 'Well-being check-in due' }).waitFor();
    await forYou.getByRole('heading', { name: /^Booster session on / }).waitFor();
    await forYou.getByText('Motivational conversation: a refresher').waitFor();
    await expectAccessible(page, 'Today with reminders');
    await visit(page, 'The difference I make', 'The difference I make');
    await page.getByText('Thank you for not giving up on me.').waitFor();
    await visit(page, 'Today', 'Today');
    await forYou.getByRole('link', { name: 'My well-being' }).click();
    await page.getByRole('heading', { level: 1, name: 'My well-being' }).waitFor();
    for (const [legend, n] of [
      ['Your pain on average in the past week', '4'],
      ['How much pain got in the way of enjoying life', '3'],
      ['How much pain got in the way of your general activity', '3'],
      ['How stressed you have felt this month', '3'],
    ] as const) {
      await page.getByRole('radiogroup', { name: legend }).getByRole('radio', { name: n, exact: true }).check();
    }
    await page
      .getByRole('group', { name: 'How does coaching feel this month?' })
      .getByRole('checkbox', { name: 'A way of giving back' })
      .check();
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByRole('status').filter({ hasText: 'Check-in saved' }).waitFor();
    await expectAccessible(page, 'well-being check-in saved');
    await visit(page, 'Today', 'Today');
    await forYou.getByRole('heading', { name: /^Booster session on / }).waitFor();
    await expect(forYou.getByRole('heading', { name: 'Well-being check-in due' }).count()).resolves.toBe(0);
    await signOut(page);
    await page.close();
  }, 120_000);

  it('shows the coordinator boosters, the tasks about coaches, and lets him record the call', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Tasks', 'Tasks');
    await expect(page.getByRole('rowheader', { name: 'Booster due' }).count()).resolves.toBe(2);
    await expect(page.getByRole('rowheader', { name: 'Call the coach' }).count()).resolves.toBe(1);

    await visit(page, 'Boosters', 'Boosters and training');
    await page.getByRole('region', { name: 'Coaches’ training table' }).waitFor();
    await page.getByRole('textbox', { name: 'Date' }).fill('2026-01-15');
    await page.getByRole('textbox', { name: 'Topic' }).fill('Catch-up: listening when it is hard');
    await page.getByRole('button', { name: 'Schedule booster' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Booster on Thu 15 Jan( 2026)? scheduled\./ })
      .waitFor();
    await expectAccessible(page, 'booster scheduled');
    // A coach's record links to his impact and well-being.
    await page
      .getByRole('region', { name: 'Coaches’ training table' })
      .getByRole('link', { name: 'James Walker', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'James Walker' }).waitFor();
    await page.getByRole('link', { name: 'The difference James Walker makes' }).click();
    await page.getByRole('heading', { level: 1, name: 'The difference James Walker makes' }).waitFor();
    await page.getByRole('heading', { name: 'Thanks received' }).waitFor();
    await expectAccessible(page, 'coach impact (staff)');

    // The worried coach's well-being: record the call, and the task goes.
    await visit(page, 'Tasks', 'Tasks');
    await page.getByRole('link', { name: /^Record the call to / }).click();
    await page.getByRole('heading', { level: 1, name: /^Well-being: / }).waitFor();
    await expectAccessible(page, 'coach well-being (staff)');
    await page
      .getByRole('textbox', { name: /^What was agreed on the call/ })
      .fill('Called: one participant for now, back pain plan.');
    await page.getByRole('button', { name: 'Record the call' }).click();
    await page.getByText(/^Coordinator called on/).waitFor();
    await visit(page, 'Tasks', 'Tasks');
    await expect(page.getByRole('rowheader', { name: 'Call the coach' }).count()).resolves.toBe(0);

    // Matching settings and the report.
    await visit(page, 'Matching', 'Matching');
    await page.getByRole('link', { name: 'Matching settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Matching settings' }).waitFor();
    await page.getByRole('textbox', { name: 'Shared pain location' }).waitFor();
    await expectAccessible(page, 'matching settings');
    await page.getByRole('textbox', { name: 'A language in common' }).fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'Use a whole number from 0 to 100' }).waitFor();
    await expectAccessible(page, 'matching settings refused');
    await page.getByRole('textbox', { name: 'A language in common' }).fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Matching' }).waitFor();
    await page.getByText('Matching settings saved.').waitFor();
    await page.getByText(/a shared language 5/).waitFor();
    await page.getByRole('link', { name: 'What kinds of matches last' }).click();
    await page.getByRole('heading', { level: 1, name: 'What kinds of matches last' }).waitFor();
    await page.getByRole('region', { name: 'Match report table' }).waitFor();
    await expectAccessible(page, 'match report');
    await signOut(page);
    await page.close();
  }, 120_000);
});
