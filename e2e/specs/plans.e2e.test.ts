import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/**
 * Issue #4 on a phone against a fresh demo server: the coach makes an action plan with the demo
 * participant at confidence 5, is prompted to make it smaller, revises it to 8 and saves it; the
 * participant sees that the weekly check-in is due, logs a PEG check-in and a practice entry, and
 * sees the progress chart. Every page is scanned by axe-core.
 */
describe('action plans and self-tracking', () => {
  const journey = demoJourney({ mobile: true });

  const chooseOnScale = async (page: Page, group: string | RegExp, value: string) => {
    await page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: value, exact: true }).check();
  };

  it('lets the coach make a plan, shrink it after a low confidence, and save it', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coach@example.org');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByRole('region', { name: 'My participants' }).getByRole('link', { name: 'Robert Ellis', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Robert Ellis' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Action plans' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Between calls' }).waitFor();
    await page.getByRole('img', { name: 'Pain score by week' }).waitFor();
    await expectAccessible(page, 'participant record with plans (coach)');

    await page.getByRole('link', { name: 'Make an action plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Make an action plan' }).waitFor();
    await expectAccessible(page, 'make an action plan');
    await page.getByRole('textbox', { name: 'What will Robert do?' }).fill('Walk to the corner and back');
    await page.getByRole('textbox', { name: 'How much?' }).fill('20 minutes');
    await page.getByRole('textbox', { name: 'When?' }).fill('After lunch');
    await page.getByRole('combobox', { name: 'How many days this week?' }).selectOption('5');
    await chooseOnScale(page, 'How sure is Robert of doing the whole plan?', '5');
    await page.getByRole('button', { name: 'Save plan' }).click();

    const advice = page.getByRole('region', { name: 'Kindred suggests a smaller plan' });
    await advice.waitFor();
    await advice.getByText('Fewer days: 3 days a week instead of 5.').waitFor();
    await expectAccessible(page, 'the suggestion to make the plan smaller');
    await advice.getByRole('button', { name: 'Make it smaller' }).click();
    await page.getByRole('textbox', { name: 'How much?' }).fill('10 minutes');
    await page.getByRole('combobox', { name: 'How many days this week?' }).selectOption('3');
    await chooseOnScale(page, 'How sure is Robert of doing the whole plan?', '8');
    await page.getByRole('button', { name: 'Save plan' }).click();

    await page.getByRole('heading', { level: 1, name: 'Robert Ellis' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Action plan saved.' }).first().waitFor();
    const plan = page.getByRole('article', { name: 'Walk to the corner and back' });
    await plan.getByText('Made smaller after a confidence of 5').waitFor();
    await plan.getByText('8 out of 10', { exact: true }).waitFor();
    await expectAccessible(page, 'participant record after saving the plan');

    await plan.getByRole('link', { name: /^Print/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Action plan' }).waitFor();
    await page.getByRole('button', { name: 'Print this plan' }).waitFor();
    await expectAccessible(page, 'printable plan');
    await signOut(page);
    await page.close();
  });

  it('lets the participant check in, log practice and see the progress chart', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'participant@example.org');
    await page.getByRole('heading', { level: 1, name: 'My coach' }).waitFor();
    await page.getByText('Your weekly check-in is due.').waitFor();
    await expectAccessible(page, 'My coach with the check-in due');

    await page.getByRole('link', { name: 'Check in now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Weekly check-in' }).waitFor();
    await expectAccessible(page, 'weekly check-in');
    await chooseOnScale(page, /your pain on average in the past week/, '4');
    await chooseOnScale(page, /enjoyment of life/, '5');
    await chooseOnScale(page, /general activity/, '4');
    await page.getByRole('textbox', { name: 'A note for your coach (optional)' }).fill('Three good walks this week.');
    await page.getByRole('button', { name: 'Save check-in' }).click();

    await page.getByRole('heading', { level: 1, name: 'My progress' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Check-in saved. Your pain score this week is 4.3.' }).first().waitFor();
    await page.getByRole('figure', { name: 'Your pain score by week: lower is better' }).waitFor();
    await page.getByRole('img', { name: 'Your pain score by week' }).waitFor();
    await page
      .getByText(/Your pain score is [\d.]+ points? lower than when you started/)
      .first()
      .waitFor();
    await expect(page.getByText('Your weekly check-in is due.').count()).resolves.toBe(0);
    await expectAccessible(page, 'My progress');

    await visit(page, 'My plan', 'My plan');
    await page.getByRole('heading', { level: 2, name: 'Walk to the corner and back' }).waitFor();
    await page.getByRole('button', { name: 'Yes, I did it today' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: you did it today.' }).waitFor();
    await expectAccessible(page, 'My plan after logging practice');

    await visit(page, 'My progress', 'My progress');
    await page.getByRole('img', { name: 'Your pain score by week' }).waitFor();
    await signOut(page);
    await page.close();
  });
});
