import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { programRoot, signIn, signOut, visit } from '../fixtures/session';
import { zonedMidnight } from '../../src/core/shared/time';

/** Nothing on the page is wider than the phone's screen. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** A local `datetime-local` value for yesterday at 10:00 (a class held yesterday). */
function yesterdayAtTen(): string {
  const d = new Date(Date.now() - 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
}

/**
 * Issue #11 on a phone (390×844) against a fresh demo server (ADR 0037): a coordinator sets up a
 * SMART in the form (decision at week 8, fewer than 4 reached calls, two second options) that
 * allocates from an uploaded table; a table with a bad line is refused naming the line and nothing
 * is stored, a good one is stored; a referral is screened, consents and is randomized to the class
 * arm (the table's first line); a class is held, the participant invited and marked as attended;
 * the study is amended with a reason; the CONSORT page then counts the class as received and shows the SMART's second stage. Every
 * page is scanned by axe-core and checked for sideways scrolling.
 */
describe('a SMART study with an allocation table and a class', () => {
  const journey = demoJourney({ mobile: true });
  /** The participant randomized to the class arm in the first journey. */
  let classParticipant = '';

  it('sets up a SMART in the form, checks the allocation table, holds a class and counts it in CONSORT', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Study', 'Study');
    await page.getByRole('heading', { name: 'Set up the study' }).waitFor();
    await page.getByRole('textbox', { name: 'Study title' }).fill('Adaptive coaching');
    await page.getByRole('radio', { name: /Randomize again those not responding/ }).check();
    await page.getByRole('textbox', { name: /Weeks until the decision/ }).fill('8');
    await page.getByRole('textbox', { name: /fewer reached calls than/ }).fill('4');
    await page.getByRole('textbox', { name: 'Arm 1 name' }).fill('Peer coaching');
    await page.getByRole('textbox', { name: 'Arm 2 name' }).fill('Pain class');
    await page.getByRole('textbox', { name: 'Who can take part' }).fill('Pain most days for 3 months or more');
    await page.getByRole('radio', { name: /An allocation table I upload/ }).check();
    await page.getByRole('checkbox', { name: 'Baseline assessment must be complete before randomizing' }).uncheck();
    // Only one second option: refused in words before anything is sent.
    await page.getByRole('textbox', { name: /Options for those not responding/ }).fill('Add staff support');
    await expectAccessible(page, 'study set-up (SMART)');
    await expectNoSidewaysScroll(page);
    await page.getByRole('button', { name: 'Save the study' }).click();
    await page.getByText('Give at least two options, one a line').first().waitFor();
    await page
      .getByRole('textbox', { name: /Options for those not responding/ })
      .fill('Add staff support\nChange to a new coach');
    await page.getByRole('button', { name: 'Save the study' }).click();
    await page.getByRole('heading', { name: 'Adaptive coaching' }).waitFor();
    await page
      .getByText('At week 8, those not responding (fewer than 4 reached contacts): Add staff support or Change to a new coach')
      .waitFor();

    // The allocation table: a bad line is refused, naming it, and nothing is stored; then a good one.
    const table = page.getByRole('textbox', { name: 'Or paste the table' });
    await table.fill('arm\n2\n3\n1\n');
    await page.getByRole('button', { name: 'Check and store the table' }).click();
    await page.getByText('Line 3: "3" is not an arm of this study').waitFor();
    await expect(page.getByText(/A table of \d+ rows is checked and stored/).count()).resolves.toBe(0);
    await expectAccessible(page, 'study (table refused)');
    await table.fill('arm\n2\n1\n1\n2\n');
    await page.getByRole('button', { name: 'Check and store the table' }).click();
    await page.getByText('A table of 4 rows is checked and stored. A new upload replaces it.').waitFor();
    await expectAccessible(page, 'study (table stored)');
    await expectNoSidewaysScroll(page);

    await page.getByRole('textbox', { name: 'Consent text' }).fill('You may stop at any time. Your answers are kept private.');
    await page.getByRole('button', { name: 'Save the consent document' }).click();
    await page.getByRole('heading', { name: 'A referral' }).waitFor();

    // A referral is screened, consents and is randomized: the table's first line puts him or her in the class arm.
    const participant = page.getByRole('combobox', { name: 'Participant' });
    await participant.selectOption({ index: 1 });
    const name = (await participant.locator('option:checked').textContent())!.trim();
    classParticipant = name;
    await page.getByRole('checkbox', { name: 'Pain most days for 3 months or more' }).check();
    await page.getByRole('button', { name: 'Record the screening' }).click();
    await page.getByText('Eligible', { exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Full name, typed by the participant' }).fill(name);
    await page.getByRole('button', { name: 'Record the consent' }).click();
    await page.getByText('Ready to randomize. This cannot be undone.').waitFor();
    await page.getByRole('button', { name: 'Randomize' }).click();
    await page.getByRole('status').filter({ hasText: 'Allocated to Pain class' }).waitFor();
    // Locked now: the table form is gone and the SMART section is shown.
    await page.getByRole('heading', { name: 'Allocation table' }).waitFor({ state: 'detached' });

    // Locked: a change to who can take part is an amendment, with a reason, listed with who and when.
    await page.getByRole('button', { name: 'Amend the title or who can take part' }).click();
    await page.getByRole('textbox', { name: 'Who cannot take part' }).fill('Already in another pain study');
    await page.getByRole('button', { name: 'Save the amendment' }).click();
    await page.getByText('Say in a few words why the study is amended').first().waitFor();
    await page.getByRole('textbox', { name: /Why the study is amended/ }).fill('The ethics board asked for this');
    await page.getByRole('button', { name: 'Save the amendment' }).click();
    await page.getByText(/^Version \d+, .+: The ethics board asked for this$/).waitFor();
    await expectAccessible(page, 'study (amended)');

    // A class held yesterday: scheduled, the class-arm participant invited, attendance recorded.
    await page.getByRole('textbox', { name: 'Date and time' }).fill(yesterdayAtTen());
    await page.getByRole('textbox', { name: 'Place', exact: true }).fill('Room 4, North clinic');
    await page.getByRole('button', { name: 'Schedule the class' }).click();
    await page.getByText('0 of 12 invited, 0 attended.', { exact: false }).waitFor();
    await page.getByRole('combobox', { name: /^Invite to the class on / }).selectOption({ label: name });
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await page.getByText('1 of 12 invited, 0 attended.', { exact: false }).waitFor();
    await page.getByText(`${name}: not recorded`, { exact: false }).waitFor();
    await page.getByRole('button', { name: `Attended: ${name}` }).click();
    await page.getByText('1 of 12 invited, 1 attended.', { exact: false }).waitFor();
    await page.getByText(`${name}: attended`, { exact: false }).waitFor();
    await expectAccessible(page, 'study (class attended)');
    await expectNoSidewaysScroll(page);

    // CONSORT counts the class as received, and shows the SMART's second stage (nobody decided yet).
    await page.getByRole('link', { name: 'CONSORT flow' }).click();
    await page.getByRole('heading', { level: 1, name: 'CONSORT flow' }).waitFor();
    const perArm = page.getByRole('table', { name: 'Per arm' });
    const classRow = perArm.getByRole('row', { name: /^Pain class/ });
    await classRow.waitFor();
    // Allocated 1, received 1 (the attendance), none not received.
    const cells = await classRow.getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual(['1', '1', '0']);
    await page.getByRole('heading', { name: 'Second stage: week 8 decision' }).waitFor();
    await page
      .getByText(
        'Pain class: 0 reached the decision, 1 not yet. 0 responding, continued. 0 not responding, randomized again: Add staff support 0, Change to a new coach 0.',
      )
      .waitFor();
    await expectAccessible(page, 'CONSORT (SMART, class received)');
    await expectNoSidewaysScroll(page);
    await signOut(page);
    await page.close();
  });

  it('lets a coordinator enter a pairing that began on an earlier day, from a paper record, with a reason', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    const root = await programRoot(page, journey.server.url);
    const programId = root.split('/').at(-1)!;
    const enrolled = (await (
      await page.request.get(`${journey.server.url}/api/v1/programs/${programId}/participants?status=enrolled`)
    ).json()) as { id: string; givenName: string; familyName: string; canShareContact: boolean }[];
    const who = enrolled.find((p) => p.canShareContact && `${p.givenName} ${p.familyName}` !== classParticipant);
    expect(who, 'the demo has an enrolled participant who allows sharing contact details').toBeDefined();
    await page.goto(`${root}/participants/${who!.id}`);
    await page.getByRole('heading', { level: 1, name: `${who!.givenName} ${who!.familyName}` }).waitFor();

    await page.getByRole('radiogroup', { name: 'Choose a coach' }).getByRole('radio').first().check();
    await page.getByRole('checkbox', { name: /began on an earlier day/ }).check();
    // Without the day and a reason nothing is sent, and the form says what is missing.
    await page.getByRole('button', { name: 'Pair with coach' }).click();
    await page.getByText('Enter the day the pairing began').first().waitFor();
    await page
      .getByText(/Say in a few words why it is entered late/)
      .first()
      .waitFor();
    await expectAccessible(page, 'pairing with an earlier start (problems)');
    await expectNoSidewaysScroll(page);

    const began = new Date(Date.now() - 10 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const beganOn = `${began.getFullYear()}-${pad(began.getMonth() + 1)}-${pad(began.getDate())}`;
    await page.getByLabel('The day it began').fill(beganOn);
    await page.getByRole('textbox', { name: /Why it is entered late/ }).fill('Paired at the clinic, from the paper log');
    await page.getByRole('button', { name: 'Pair with coach' }).click();
    const reason = page.getByRole('textbox', { name: 'Reason for pairing across genders' });
    const note = page.getByText(/^Entered late by .+: Paired at the clinic, from the paper log$/);
    await Promise.race([reason.waitFor(), note.waitFor()]);
    if (await reason.isVisible()) {
      await reason.fill('The participant asked for this coach by name.');
      await page.getByRole('button', { name: 'Pair with coach' }).click();
    }
    await note.waitFor();
    await expectAccessible(page, 'participant record (pairing entered late)');
    await expectNoSidewaysScroll(page);
    const pairings = (await (
      await page.request.get(`${journey.server.url}/api/v1/programs/${programId}/participants/${who!.id}/pairings`)
    ).json()) as { startedAt: string; enteredLate: { reason: string } | null }[];
    expect(pairings).toHaveLength(1);
    // The day began at midnight where the program is, whatever the browser's zone (issue #16).
    const me = (await (await page.request.get(`${journey.server.url}/api/v1/me`)).json()) as {
      memberships: { programId: string; timeZone: string }[];
    };
    const programZone = me.memberships.find((m) => m.programId === programId)!.timeZone;
    expect(new Date(pairings[0]!.startedAt).getTime()).toBe(zonedMidnight(beganOn, programZone).getTime());
    expect(pairings[0]!.enteredLate?.reason).toBe('Paired at the clinic, from the paper log');
    await signOut(page);
    await page.close();
  });
});
