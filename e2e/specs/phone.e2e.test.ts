import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { openMenu, programRoot, signIn, signOut, visit } from '../fixtures/session';

const PHONE = { width: 390, height: 844 };
/** "Well within the first screen": the page's own heading starts in the top quarter of a phone. */
const HEADING_BY = 200;

/**
 * Issue #16 on a 390×844 phone, one demo server for the file: each role's main pages show their
 * heading in the first screen and nothing wider than the screen; the banner's menu works by
 * keyboard; a participant's "I need help now" heads the coordinator's pages until acknowledged,
 * with the participant's phone to call; a refused form brings its error summary into view.
 */
describe('phone journeys', () => {
  const journey = demoJourney({ mobile: true });

  /** The page as a phone shows it on arrival: heading near the top, no sideways scrolling, axe clean. */
  async function expectPhonePage(page: Page, label: string): Promise<void> {
    const h1 = page.getByRole('heading', { level: 1 });
    await h1.waitFor();
    await page.locator('.status--loading').first().waitFor({ state: 'detached' });
    const layout = await page.evaluate(() => {
      window.scrollTo(0, 0);
      const heading = document.querySelector('h1')!.getBoundingClientRect();
      return { headingTop: heading.top, scrollWidth: document.documentElement.scrollWidth };
    });
    expect(layout.headingTop, `${label}: the heading starts ${layout.headingTop}px down`).toBeLessThan(HEADING_BY);
    expect(layout.scrollWidth, `${label}: the page is ${layout.scrollWidth}px wide`).toBeLessThanOrEqual(PHONE.width);
    await expectPlainWords(page, label);
    await expectAccessible(page, label);
    // PHONE_SHOTS=/some/dir keeps a screenshot of each page for a person to look at: the first
    // screen, and the whole page beside it.
    if (process.env.PHONE_SHOTS) {
      const file = `${process.env.PHONE_SHOTS}/${label.replace(/\W+/g, '-')}`;
      await page.screenshot({ path: `${file}.png` });
      await page.screenshot({ path: `${file}-full.png`, fullPage: true });
    }
  }

  /**
   * Issue #16 item 5: the words on the page are a person's, not a developer's: no ISO dates, no IANA
   * zone names, no 24-hour times, no "(cadence 14 + 21)", and no "PEG" on a participant's pages.
   */
  async function expectPlainWords(page: Page, label: string): Promise<void> {
    const text = await page.evaluate(() => (document.querySelector('main') ?? document.body).innerText);
    const developerWords: [string, RegExp][] = [
      ['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
      ["a time zone's IANA name", /\b(America|Europe|Pacific|Asia|Africa|Australia|Etc)\/[A-Z]/],
      ['a 24-hour time', /\b([01]?\d|2[0-3]):[0-5]\d\b(?!\s?[AP]M)/],
      ["the ladder's arithmetic", /cadence \d+ \+/i],
      ...(participantPages.has(label) ? [['"PEG"', /\bPEG\b/] as [string, RegExp]] : []),
    ];
    for (const [what, re] of developerWords) {
      const m = re.exec(text);
      // The words around the match, so a failure says where it is.
      expect(m ? text.slice(Math.max(0, m.index - 80), m.index + 40) : null, `${label}: ${what}`).toBeNull();
    }
  }
  const participantPages = new Set([
    'My coach',
    'My plan',
    'Weekly check-in',
    'My progress',
    'Crisis help',
    'Crisis help after "I need help now"',
  ]);

  /** Follows a link of the menu and checks the page it opens. */
  async function phoneVisit(page: Page, link: string, heading: string | RegExp): Promise<void> {
    await visit(page, link, heading);
    await expectPhonePage(page, link);
  }

  let participantName = '';

  it('gives a participant the pages, "I need help now", 988 in view and "pressed by mistake"', { timeout: 180_000 }, async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'participant@example.org');
    participantName = (await (await page.request.get(`${journey.server.url}/api/v1/me`)).json()).displayName;
    await page.getByRole('heading', { level: 1, name: 'My coach' }).waitFor();
    await expectPhonePage(page, 'My coach');
    await phoneVisit(page, 'My plan', /plan/i);
    await phoneVisit(page, 'Weekly check-in', /check-in/i);
    await phoneVisit(page, 'My progress', /progress/i);
    await page.getByRole('link', { name: 'Crisis help' }).click();
    await page.getByRole('heading', { level: 1, name: 'Crisis help' }).waitFor();
    await expectPhonePage(page, 'Crisis help');

    await page.getByRole('button', { name: 'I need help now' }).click();
    await page.getByText('We have let your program’s staff know.', { exact: false }).waitFor();
    const line = page.getByRole('link', { name: 'Call 988, then press 1' });
    expect(await line.getAttribute('href')).toBe('tel:988');
    const lineBottom = await line.evaluate((a) => a.getBoundingClientRect().bottom + window.scrollY);
    expect(lineBottom, 'the crisis line is in the first screen').toBeLessThanOrEqual(PHONE.height);
    await expectPhonePage(page, 'Crisis help after "I need help now"');

    await page.getByRole('button', { name: 'Pressed by mistake? Tell us' }).click();
    const thanks = page.getByRole('status').filter({ hasText: 'We have told your program’s staff it was a mistake' });
    await thanks.waitFor();
    await expect(thanks.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expectAccessible(page, 'pressed by mistake');
    await signOut(page);
    await page.close();
  });

  it(
    'heads the coordinator’s pages with the open event, through a menu that works by keyboard',
    { timeout: 180_000 },
    async () => {
      expect(participantName, 'the participant journey ran first').not.toBe('');
      const page = await journey.mobile.context.newPage();
      await signIn(page, journey.server.url, 'coordinator@example.org');
      await page.getByRole('heading', { level: 1, name: /overview/i }).waitFor();
      const banner = page.getByRole('region', { name: 'Safety events to acknowledge' });
      const eventLink = banner.getByRole('link', { name: `Safety event for ${participantName}` });
      await eventLink.waitFor();
      await expectPhonePage(page, 'Overview with an open safety event');

      // The menu by keyboard: Enter opens it, Tab goes into it, Escape closes it and returns focus.
      const menu = page.getByRole('banner').getByRole('button', { name: 'Menu', exact: true });
      await menu.focus();
      await page.keyboard.press('Enter');
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.waitFor();
      await page.keyboard.press('Tab');
      await expect(nav.evaluate((n) => n.contains(document.activeElement))).resolves.toBe(true);
      await page.keyboard.press('Escape');
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(menu.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
      await nav.waitFor({ state: 'hidden' });

      for (const [link, heading] of [
        ['Participants', /participants/i],
        ['Coaches', /coaches/i],
        ['Safety log', /safety log/i],
        // Wide staff tables become cards of "heading: value" lines below 768 px.
        ['Tasks', /^tasks$/i],
        ['Pairs that need help', /pairs that need help/i],
        ['Boosters', /boosters/i],
        ['Volunteers', /volunteers/i],
        ['Invitations', /invitations/i],
      ] as const) {
        await phoneVisit(page, link, heading);
        await eventLink.waitFor();
      }

      await eventLink.click();
      await page.getByRole('heading', { level: 1, name: 'Safety event' }).waitFor();
      await page.getByText('that it was pressed by mistake', { exact: false }).waitFor();
      const call = page.getByRole('link', { name: new RegExp(`^Call ${participantName}`) });
      await expect(call.getAttribute('href')).resolves.toMatch(/^tel:\+?\d{7,}$/);
      await expectPhonePage(page, 'Safety event');
      await page.getByRole('button', { name: 'Acknowledge' }).click();
      await page.getByText('Acknowledged.', { exact: false }).first().waitFor();
      await eventLink.waitFor({ state: 'detached' });
      await signOut(page);
      await page.close();
    },
  );

  it('brings a refused form’s error summary into view, at the top of a long form', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await page.getByRole('heading', { level: 1, name: /overview/i }).waitFor();
    await page.getByRole('link', { name: 'Add participant' }).click();
    await page.getByRole('heading', { level: 1, name: /participant/i }).waitFor();
    await expectPhonePage(page, 'Add participant');
    await page.getByRole('button', { name: 'Add participant' }).click();
    const summary = page.getByRole('alert').first();
    await summary.waitFor();
    await expect(summary.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const box = await summary.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.top, 'the summary is on screen').toBeGreaterThanOrEqual(0);
    expect(box.top).toBeLessThan(PHONE.height);
    await signOut(page);
    await page.close();
  });

  it('lets the coordinator narrow the audit trail and download the same events', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await page.getByRole('heading', { level: 1, name: /overview/i }).waitFor();
    // Open a participant's record, so the trail holds a read of one.
    const root = await programRoot(page, journey.server.url);
    const list = await page.request.get(`${root.replace('/programs/', '/api/v1/programs/')}/participants`);
    const someone = ((await list.json()) as { id: string }[])[0]!;
    await page.goto(`${root}/participants/${someone.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('.status--loading').first().waitFor({ state: 'detached' });
    await phoneVisit(page, 'Audit trail', 'Audit trail');
    await page.getByRole('combobox', { name: 'What happened' }).selectOption({ label: 'Viewed' });
    await page.getByRole('combobox', { name: 'Kind of record' }).selectOption({ label: 'Participant' });
    await page.getByRole('button', { name: 'Show events' }).click();
    const download = page.getByRole('link', { name: 'Download these events as a spreadsheet (CSV)' });
    await download.waitFor();
    // Each row names a participant by code, not by a raw id.
    const records = await page.locator('tbody tr td:nth-child(4)').allInnerTexts();
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => /^Record\s*P-\d+$|^P-\d+$/.test(r.trim()))).toBe(true);
    await expectPhonePage(page, 'Audit trail, viewed participants');

    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const lines = readFileSync((await file.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('event,at_utc,local_time,who,action,what,record_kind,record_id,record,address,request');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(',participant:read,Viewed participant,participant,'))).toBe(true);

    // A last day before the first is refused in words where the eye is.
    await page.getByLabel('From').fill('2026-12-07');
    await page.getByLabel('To').fill('2026-12-01');
    await page.getByRole('button', { name: 'Show events' }).click();
    const summary = page.getByRole('alert').first();
    await summary.getByText('Choose a last day on or after', { exact: false }).waitFor();
    await expect(summary.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await signOut(page);
    await page.close();
  });

  it('fits the evaluator’s and the coach’s main pages to the phone', { timeout: 240_000 }, async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'evaluator@example.org');
    await expectPhonePage(page, 'evaluator’s first page');
    await phoneVisit(page, 'Overview', /overview/i);
    await phoneVisit(page, 'Safety log', /safety log/i);
    await signOut(page);

    await signIn(page, journey.server.url, 'coach@example.org');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await expectPhonePage(page, 'Today');
    // A participant's record, with the next contact, the next session and the pain chart.
    await page.getByRole('region', { name: 'My participants' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Next session' }).waitFor();
    await expectPhonePage(page, 'participant record (coach)');
    await phoneVisit(page, 'Today', 'Today');
    await phoneVisit(page, 'My contacts', /contacts/i);
    await phoneVisit(page, 'My well-being', /well-being/i);
    // The 0–10 scales have their styles (issue #16 item 9): tiles a finger can hit.
    const tile = await page.locator('.scale__option').first().boundingBox();
    expect(tile?.height ?? 0).toBeGreaterThanOrEqual(44);
    await openMenu(page);
    await expect(page.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(true);
    await signOut(page);
    await page.close();
  });

  it('has a scan that still fails on a violation, with the faster settings of expectAccessible', async () => {
    // The scan skips what only passes need (ADR 0027, stop 14): it must still name what fails.
    const page = await journey.mobile.context.newPage();
    await page.setContent('<html lang="en"><title>t</title><main><h1>Check</h1><button></button></main></html>');
    const failure = await expectAccessible(page, 'a nameless button').then(
      () => null,
      (e: { actual?: unknown }) => e,
    );
    expect(JSON.stringify(failure?.actual ?? null)).toMatch(/button-name/);
    await page.close();
  });
});
