import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut } from '../fixtures/session';

/**
 * Issue #16 "Coaching on a bad connection" on a phone (390×844), ADR 0042: the coach opens Today,
 * Robert's record and the session guide with a connection; the network goes off in the middle of
 * the guide; the coach carries on, finishes the session, sees "Waiting to send", and Today, the
 * record and a reload still work offline (the service worker's copy of the app, the coach's reads
 * kept on the device); the network comes back, the queue empties by itself, and the session's
 * contact is on the server once. Then on a desktop: a contact logged offline waits, "Sign out" warns
 * while it waits, and it is sent once when the connection returns; signing out deletes what the
 * device kept before the next page opens. Every page is scanned by axe-core.
 */
describe('coaching on a bad connection', () => {
  const journey = demoJourney({ mobile: true, desktop: true });

  const stepHeading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name }).waitFor();
  const waiting = (page: Page) => page.getByRole('status').filter({ hasText: /^Waiting to send: \d+/ });
  /** The server's contacts of a participant, asked with the coach's cookie outside the page. */
  const contactsOnServer = async (page: Page, recordUrl: string) => {
    const res = await page.request.get(recordUrl.replace(/\/programs\//, '/api/v1/programs/') + '/contacts');
    expect(res.status()).toBe(200);
    return (await res.json()) as { id: string; note?: string | null }[];
  };
  /** Whether the coach's answers are kept in this browser's IndexedDB (ADR 0042). */
  const keptOnDevice = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<boolean>((resolve, reject) => {
          const open = indexedDB.open('kindred-offline-reads');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('cache')) return resolve(false);
            const get = db.transaction('cache').objectStore('cache').get('client');
            get.onsuccess = () => resolve(get.result !== undefined);
            get.onerror = () => reject(get.error);
          };
        }),
    );

  it('keeps Today, the record and the guide readable offline and sends the finished session once when back online', async () => {
    const { context } = journey.mobile;
    const page = await context.newPage();
    await signIn(page, journey.server.url, 'coach@example.org');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    // The app installs: a manifest, and a service worker that controls the page.
    const manifest = await page.request.get(`${journey.server.url}/manifest.webmanifest`);
    expect(manifest.status()).toBe(200);
    expect(((await manifest.json()) as { display: string }).display).toBe('standalone');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    await page.getByRole('region', { name: 'My participants' }).getByRole('link', { name: 'Robert Ellis', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Robert Ellis' }).waitFor();
    const recordUrl = page.url().replace(/[?#].*$/, '');
    const before = await contactsOnServer(page, recordUrl);
    await page.getByRole('link', { name: 'Start session guide' }).click();
    await page.getByRole('heading', { level: 1, name: 'Session guide' }).waitFor();
    await stepHeading(page, 'Step 1 of 5: Check in');
    await page
      .getByRole('radiogroup', { name: "Robert's pain right now" })
      .getByRole('radio', { name: '5', exact: true })
      .check();
    await page.getByText(/^Saved as you go, last at/).waitFor();

    // The connection drops in the middle of the call.
    await context.setOffline(true);
    await expect(
      page.evaluate(() =>
        fetch('/api/v1/me').then(
          () => 'answered',
          () => 'no answer',
        ),
      ),
    ).resolves.toBe('no answer');
    await page.getByRole('button', { name: 'Next: review the last plan' }).click();
    await stepHeading(page, 'Step 2 of 5: Review the last plan');
    await page.getByText(/^Saved on this device at \d{1,2}:\d\d [AP]M, waiting to send: you are offline\.$/).waitFor();
    await waiting(page).filter({ hasText: 'Waiting to send: 1' }).waitFor();
    await expectAccessible(page, 'session guide offline, waiting to send');
    await page.getByRole('textbox', { name: 'What got in the way? (optional)' }).fill('The stairs at work');
    await page.getByRole('button', { name: "Next: today's topic" }).click();
    await stepHeading(page, "Step 3 of 5: Today's topic");
    await page.getByRole('button', { name: 'Next: make a new plan' }).click();
    await stepHeading(page, 'Step 4 of 5: Make a new plan');
    await page.getByRole('button', { name: 'No plan this time' }).click();
    await stepHeading(page, 'Step 5 of 5: Agree the next contact');
    await page.getByRole('textbox', { name: 'Private note (optional)' }).fill('Called from the car park, signal came and went.');
    await page.getByRole('button', { name: 'Finish session' }).click();

    // The record opens from the device's copy and says the session waits to be sent.
    await page.getByRole('heading', { level: 1, name: 'Robert Ellis' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Session with Robert is waiting to send/ })
      .waitFor();
    await waiting(page).filter({ hasText: 'Waiting to send: 1' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/kindred-offline-waiting.png' });
    await expectAccessible(page, 'participant record offline, waiting to send');

    // Still offline: a reload of the record, and Today, open from the app kept on the device.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Robert Ellis' }).waitFor();
    await waiting(page).filter({ hasText: 'Waiting to send: 1' }).waitFor();
    await expectAccessible(page, 'participant record reloaded offline');
    await page.goto(recordUrl.replace(/\/participants\/.*$/, '/today'));
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page
      .getByRole('region', { name: 'My participants' })
      .getByRole('link', { name: 'Robert Ellis', exact: true })
      .waitFor();
    await waiting(page).waitFor();
    await expectAccessible(page, 'Today offline');
    // Nothing reached the server meanwhile.
    expect(await contactsOnServer(page, recordUrl)).toHaveLength(before.length);

    // The connection returns: the queue empties by itself and the session is saved once.
    await context.setOffline(false);
    await waiting(page).waitFor({ state: 'detached', timeout: 30_000 });
    const after = await contactsOnServer(page, recordUrl);
    expect(after).toHaveLength(before.length + 1);
    await expectAccessible(page, 'Today back online');

    // Opened again, nothing is sent a second time, and the guide starts afresh (the session is finished).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.goto(recordUrl);
    await page.getByRole('heading', { level: 1, name: 'Robert Ellis' }).waitFor();
    await page.getByRole('link', { name: 'Start session guide' }).click();
    await stepHeading(page, 'Step 1 of 5: Check in');
    await expect(page.getByText(/We kept what you had entered/).count()).resolves.toBe(0);
    expect(await contactsOnServer(page, recordUrl)).toHaveLength(before.length + 1);
    await page.close();
  });

  it('keeps a contact logged offline, warns before signing out, and sends it once when back online', async () => {
    const { context } = journey.desktop;
    const page = await context.newPage();
    await signIn(page, journey.server.url, 'coach@example.org');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const robert = page.getByRole('region', { name: 'My participants' }).getByRole('link', { name: 'Robert Ellis', exact: true });
    const recordUrl = new URL((await robert.getAttribute('href'))!, journey.server.url).toString();
    const before = await contactsOnServer(page, recordUrl);

    await page.getByRole('link', { name: 'Log a contact', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
    await page.getByRole('combobox', { name: 'Participant' }).selectOption({ label: 'Robert Ellis' });
    await page.getByRole('radiogroup', { name: 'How' }).waitFor();
    await expectAccessible(page, 'log a contact, online');

    await context.setOffline(true);
    await page.getByRole('radio', { name: 'No answer' }).check();
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Contact with Robert Ellis is waiting to send/ })
      .waitFor();
    await waiting(page).filter({ hasText: 'Waiting to send: 1' }).waitFor();
    await expectAccessible(page, 'Today offline with a contact waiting');

    // Signing out now would delete it from the device: Kindred says so first.
    await page.getByRole('button', { name: 'Sign out' }).click();
    const warning = page
      .getByRole('alert')
      .filter({ hasText: /still waiting to send\. Signing out deletes it from this device\./ });
    await warning.waitFor();
    await expectAccessible(page, 'the warning before signing out');
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    await warning.waitFor({ state: 'detached' });
    expect(await contactsOnServer(page, recordUrl)).toHaveLength(before.length);

    await context.setOffline(false);
    await waiting(page).waitFor({ state: 'detached', timeout: 30_000 });
    const after = await contactsOnServer(page, recordUrl);
    expect(after).toHaveLength(before.length + 1);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    expect(await contactsOnServer(page, recordUrl)).toHaveLength(before.length + 1);

    // Signing out deletes the coach's kept answers before the page says so: the next person to
    // open the app on this device, straight after, finds nothing of the coach's.
    await expect.poll(() => keptOnDevice(page)).toBe(true);
    await signOut(page);
    await page.goto(`${journey.server.url}/sign-in`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await keptOnDevice(page)).toBe(false);
    await page.close();
  });
});
