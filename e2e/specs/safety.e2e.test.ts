import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/**
 * Issue #5's safety workflow in Chromium against a fresh demo server: the coach raises a safety
 * concern about Robert Ellis and sees the protocol and the crisis numbers; the coordinator finds the
 * task at the top of the list, acknowledges the event, records a follow-up and closes it; the
 * participant's "I need help now" opens the crisis numbers. Every page is scanned by axe-core.
 */
describe('safety journeys', () => {
  const journey = demoJourney({ desktop: true, mobile: true });

  it('lets a coach raise a safety concern and shows the protocol and crisis numbers', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coach@example.org');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByRole('region', { name: 'My participants' }).getByRole('link', { name: 'Robert Ellis', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Robert Ellis' }).waitFor();
    await expectAccessible(page, 'participant record (coach)');

    await page.getByRole('link', { name: 'Safety concern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Safety concern' }).waitFor();
    await page.getByRole('heading', { name: 'What to do now' }).waitFor();
    await page.getByText('you are not asked to judge how much danger they are in', { exact: false }).waitFor();
    const call = page.getByRole('link', { name: 'Call 988, then press 1' });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:988');
    expect(await page.getByRole('link', { name: 'Text 838255' }).getAttribute('href')).toBe('sms:838255');
    expect(await page.getByRole('link', { name: 'Call 911' }).getAttribute('href')).toBe('tel:911');
    await expectAccessible(page, 'safety concern');

    await expect(page.getByRole('combobox', { name: 'Participant' }).inputValue()).resolves.not.toBe('');
    await page.getByRole('radio', { name: 'They talked about suicide or harming themselves' }).check();
    await page
      .getByRole('textbox', { name: 'A few words for the coordinator (optional)' })
      .fill('Said he has felt hopeless this week.');
    await page.getByRole('button', { name: 'Tell the coordinator now' }).click();
    await page.getByText('The coordinator has been told about Robert Ellis.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'What to do now' }).waitFor();
    await expectAccessible(page, 'safety concern raised');

    await page.getByRole('link', { name: 'Crisis help' }).click();
    await page.getByRole('heading', { level: 1, name: 'Crisis help' }).waitFor();
    await page.getByRole('link', { name: 'Call 988, then press 1' }).waitFor();
    await expectAccessible(page, 'crisis help (coach)');
    await signOut(page);
    await page.close();
  });

  it('puts the event at the top of the coordinator’s tasks, to acknowledge, follow up and close', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Tasks', 'Tasks');
    const firstRow = page.getByRole('table').getByRole('row').nth(1);
    const link = firstRow.getByRole('link', { name: 'Safety event for Robert Ellis' });
    await link.waitFor();
    await expect(firstRow.getByText('Coach raised a safety concern', { exact: false }).count()).resolves.toBe(1);
    await link.click();

    await page.getByRole('heading', { level: 1, name: 'Safety event' }).waitFor();
    await page.getByText('Needs acknowledging').waitFor();
    await expectAccessible(page, 'safety event (open)');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByText('Acknowledged. Record the follow-up when it is done.').waitFor();

    await page
      .getByRole('textbox', { name: 'What was done' })
      .fill('Called Robert; he is safe tonight and talked with the crisis line.');
    await page.getByRole('textbox', { name: 'Referred to (optional)' }).fill('VA Suicide Prevention Coordinator');
    await page.getByRole('button', { name: 'Save follow-up' }).click();
    await page.getByText('Follow-up saved.').waitFor();
    await page.getByText('Referred to: VA Suicide Prevention Coordinator').waitFor();
    await expectAccessible(page, 'safety event (followed up)');

    await page.getByRole('textbox', { name: 'Closing note (optional)' }).fill('Robert is linked with his care team.');
    await page.getByRole('button', { name: 'Close the event' }).click();
    await page.getByText('Safety event closed.').waitFor();
    await expect(page.getByRole('button', { name: 'Close the event' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'safety event (closed)');

    await visit(page, 'Safety log', 'Safety log');
    await page.getByRole('cell', { name: 'Closed', exact: false }).first().waitFor();
    await page.getByRole('link', { name: 'Safety settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Safety settings' }).waitFor();
    await expectAccessible(page, 'safety settings');

    await visit(page, 'Tasks', 'Tasks');
    await expect(page.getByRole('link', { name: /^Safety event for / }).count()).resolves.toBe(0);
    await signOut(page);
    await page.close();
  });

  it('tells the program when a participant presses "I need help now" and shows the crisis numbers', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'participant@example.org');
    await page.getByRole('button', { name: 'I need help now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Crisis help' }).waitFor();
    await page.getByText('We have let your program’s staff know.', { exact: false }).waitFor();
    expect(await page.getByRole('link', { name: 'Call 988, then press 1' }).getAttribute('href')).toBe('tel:988');
    await expectAccessible(page, 'crisis help after "I need help now"');
    await signOut(page);
    await page.close();
  });
});
