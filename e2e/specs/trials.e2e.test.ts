import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/**
 * Issue #11's study journey in Chromium on a phone-sized screen against a fresh demo server: a
 * coordinator sets up a study, screens one referral who declines and screens, consents and
 * randomizes another; the assessor finds no study and no arm anywhere; the evaluator's CONSORT page
 * shows masked arms matching a hand count (2 assessed, 1 declined, 1 randomized); an admin reveals
 * one participant's arm for safety and unblinds the study, and the evaluator then sees the arms. Every page is scanned by axe-core.
 */
describe('study journeys', () => {
  const journey = demoJourney({ mobile: true });
  const ARM_LABELS = /Kindred coaching arm|Two-hour class arm/;

  it('lets a coordinator set up a study, screen, consent and randomize a referral', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Study', 'Study');
    await page.getByRole('heading', { name: 'Set up the study' }).waitFor();
    await page.getByRole('textbox', { name: 'Study title' }).fill('Coaching or a class');
    await page.getByRole('textbox', { name: 'Arm 1 name' }).fill('Kindred coaching arm');
    await page.getByRole('textbox', { name: 'Arm 2 name' }).fill('Two-hour class arm');
    await page.getByRole('textbox', { name: 'Who can take part' }).fill('Pain most days for 3 months or more');
    await page.getByRole('textbox', { name: 'Who cannot take part' }).fill('A diagnosis of dementia');
    await page.getByRole('checkbox', { name: 'Baseline assessment must be complete before randomizing' }).uncheck();
    await page.getByRole('button', { name: 'Save the study' }).click();
    await page.getByRole('heading', { name: 'Coaching or a class' }).waitFor();
    await page.getByRole('button', { name: 'Check the scheme' }).click();
    await page.getByText(/would guess the next one right \d+ times in 100/).waitFor();
    await page.getByRole('textbox', { name: 'Consent text' }).fill('You may stop at any time. Your answers are kept private.');
    await page.getByRole('button', { name: 'Save the consent document' }).click();
    await page.getByText(/^Version 1: Agreeing to take part\. Saved on /).waitFor();
    await page.getByRole('heading', { name: 'A referral' }).waitFor();
    await expectAccessible(page, 'study (set up)');

    const participant = page.getByRole('combobox', { name: 'Participant' });
    // The first referral declines.
    await participant.selectOption({ index: 1 });
    await page.getByRole('heading', { name: 'Screening' }).waitFor();
    await page.getByRole('checkbox', { name: 'Pain most days for 3 months or more' }).check();
    await page.getByRole('radio', { name: 'No, declined' }).check();
    await page.getByRole('textbox', { name: 'Why' }).fill('Too busy this year');
    await page.getByRole('button', { name: 'Record the screening' }).click();
    await page.getByText('Declined', { exact: true }).waitFor();
    await expectAccessible(page, 'study (declined)');

    // The second is eligible, consents by typing a name, and is randomized.
    await participant.selectOption({ index: 2 });
    await page.getByRole('button', { name: 'Record the screening' }).waitFor();
    await page.getByText('Not ready yet. Still needed: screened and eligible; consent signed or attested.').waitFor();
    await expect(page.getByRole('button', { name: 'Randomize' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('checkbox', { name: 'Pain most days for 3 months or more' }).check();
    await page.getByRole('button', { name: 'Record the screening' }).click();
    await page.getByText('Eligible', { exact: true }).waitFor();
    await page.getByText('You may stop at any time.', { exact: false }).waitFor();
    await page.getByRole('textbox', { name: 'Full name, typed by the participant' }).fill('Alex Example');
    await page.getByRole('button', { name: 'Record the consent' }).click();
    await page.getByText('Signed by Alex Example').waitFor();
    await page.getByText('Ready to randomize. This cannot be undone.').waitFor();
    await expectAccessible(page, 'study (ready to randomize)');
    await page.getByRole('button', { name: 'Randomize' }).click();
    const allocated = page.getByRole('status').filter({ hasText: 'Allocated to' });
    await allocated.waitFor();
    await expect(allocated.textContent()).resolves.toMatch(ARM_LABELS);
    await expectAccessible(page, 'study (randomized)');

    // A class for the class arm: scheduled, listed; only class-arm participants may be invited.
    await page.getByRole('textbox', { name: 'Date and time' }).fill('2030-03-10T10:00');
    await page.getByRole('textbox', { name: 'Place', exact: true }).fill('Room 4, North clinic');
    await page.getByRole('button', { name: 'Schedule the class' }).click();
    await page.getByText('0 of 12 invited, 0 attended.', { exact: false }).waitFor();
    const invite = page.getByRole('combobox', { name: /^Invite to the class on / });
    await invite.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await page.getByText('Only participants allocated to the class arm can be invited').waitFor();
    await expectAccessible(page, 'study (classes)');
    await signOut(page);
    await page.close();
  });

  it('keeps the assessor blind: no study page and no arm on the assessment pages', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'assessor@example.org');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Study' }).count()).resolves.toBe(0);
    await visit(page, 'Assessments', 'Assessments');
    await expect(page.locator('body').innerText()).resolves.not.toMatch(ARM_LABELS);
    await expect(page.locator('body').innerText()).resolves.not.toMatch(/arm_1|arm_2/);
    await signOut(page);
    await page.close();
  });

  it('shows the evaluator a CONSORT flow with masked arms that matches a hand count, until an admin unblinds', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'evaluator@example.org');
    await visit(page, 'CONSORT flow', 'CONSORT flow');
    const table = page.getByRole('table').first();
    await table.getByRole('row', { name: 'Assessed for eligibility 2' }).waitFor();
    await table.getByRole('row', { name: 'Excluded: Declined to take part 1' }).waitFor();
    await table.getByRole('row', { name: 'Randomized 1' }).waitFor();
    const perArm = page.getByRole('table').nth(1);
    await expect(perArm.getByRole('rowheader').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['Arm A', 'Arm B']));
    await expect(page.locator('body').innerText()).resolves.not.toMatch(/arm_1|arm_2|Kindred coaching arm/);
    await page.getByRole('img', { name: 'CONSORT flow diagram: 2 assessed, 1 excluded, 1 randomized' }).waitFor();
    await signOut(page);

    await signIn(page, journey.server.url, 'admin@example.org');
    await visit(page, 'Study', 'Study');
    // Emergency unblinding of the randomized participant, for safety, with a reason.
    await page.getByRole('combobox', { name: 'Participant' }).selectOption({ index: 2 });
    await page.getByRole('textbox', { name: "Why this participant's arm is needed for safety" }).fill('Admitted to hospital');
    await page.getByRole('button', { name: 'Reveal the arm for safety' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The study' }).textContent()).resolves.toMatch(ARM_LABELS);
    await expectAccessible(page, 'study (emergency unblinding)');
    await page.getByRole('textbox', { name: 'Why the study is unblinded' }).fill('Final analysis');
    await page.getByRole('button', { name: 'Unblind the study' }).click();
    await page.getByText('Unblinded', { exact: true }).waitFor();
    await expectAccessible(page, 'study (unblinded)');
    await signOut(page);

    await signIn(page, journey.server.url, 'evaluator@example.org');
    await visit(page, 'CONSORT flow', 'CONSORT flow');
    await expect(page.getByRole('table').nth(1).getByRole('rowheader').allInnerTexts()).resolves.toEqual([
      'Kindred coaching arm',
      'Two-hour class arm',
    ]);
    await signOut(page);
    await page.close();
  });
});
