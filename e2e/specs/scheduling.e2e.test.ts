import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/** A local date (YYYY-MM-DD) `days` from today in the demo program's zone. */
function programDate(days: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number);
  return new Date(Date.UTC(parts[0]!, parts[1]! - 1, parts[2]! + days)).toISOString().slice(0, 10);
}

/**
 * Issue #3, scheduling: the coach schedules a video session on a phone, the participant sees it
 * with the link on "My coach", the coordinator sees the dashboard charts and changes a coach's
 * contact preferences. Every page is scanned by axe-core.
 */
describe('scheduling journeys', () => {
  const journey = demoJourney({ desktop: true, mobile: true });

  it('lets the coach schedule a video session on a phone, and the participant sees it with the link', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coach@example.org');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByRole('region', { name: 'My participants' }).getByRole('link', { name: 'Robert Ellis' }).first().click();
    const section = page.getByRole('region', { name: 'Next session' });
    await section.waitFor();
    // The demo already has Robert's next video call, with the program's video room.
    await section.getByRole('link', { name: 'Join the video call' }).first().waitFor();
    await section.getByRole('button', { name: 'Schedule next session' }).click();
    const form = section.getByRole('form', { name: 'Schedule the next session' });
    await expectAccessible(page, 'participant record (coach) with the schedule form');
    await form.getByRole('button', { name: 'Schedule session' }).click();
    await form.getByText('Choose the day').first().waitFor();
    await form.getByLabel('Date').fill(programDate(3));
    await form.getByLabel('Time').fill('17:30');
    await form.getByRole('radio', { name: 'Video call' }).check();
    await form.getByRole('button', { name: 'Schedule session' }).click();
    await section
      .getByRole('status')
      .filter({ hasText: /^Session scheduled for/ })
      .waitFor();
    await expect.poll(() => section.getByRole('link', { name: 'Join the video call' }).count()).toBe(2);
    const href = await section.getByRole('link', { name: 'Join the video call' }).last().getAttribute('href');
    expect(href).toMatch(/^https:\/\/meet\.example\.org\/kindred-[0-9a-f-]{36}$/);
    await expectAccessible(page, 'participant record (coach) after scheduling');
    // The demo's guided session with Robert shows in "Last sessions" with its pain and mood check.
    const last = page.getByRole('region', { name: 'Last sessions', exact: true });
    await last.getByRole('table').getByRole('cell', { name: '6 of 10' }).first().waitFor();

    // Today lists the sessions of the next two weeks, in the program's time, with the session guide.
    await visit(page, 'Today', 'Today');
    const upcoming = page.getByRole('region', { name: 'Upcoming sessions' });
    await upcoming.getByRole('link', { name: 'Start session guide with Robert Ellis' }).first().waitFor();
    // Times as people say them, in the program's zone by its name (issue #16): not 17:30, not America/New_York.
    await upcoming.getByRole('heading', { level: 3, name: /, 5:30\sPM Eastern time with Robert Ellis$/ }).waitFor();
    expect(await upcoming.getByRole('link', { name: 'Join the video call with Robert Ellis' }).count()).toBe(2);
    expect(await upcoming.textContent()).not.toContain('America/');
    await expectAccessible(page, 'Today with upcoming sessions');
    await upcoming.getByRole('link', { name: 'Start session guide with Robert Ellis' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Session guide' }).waitFor();
    await signOut(page);

    await signIn(page, journey.server.url, 'participant@example.org');
    await visit(page, 'My coach', 'My coach');
    const mine = page.getByRole('region', { name: 'Your next session' });
    await mine
      .getByRole('link', { name: 'Join the video call' })
      .waitFor()
      .catch(async (e: unknown) => {
        // This step failed twice in about fifteen runs, always under load, and never when rerun
        // (stops 14 and 16): say what the page and the server showed, so the next failure explains itself.
        const me = (await (await page.request.get(`${journey.server.url}/api/v1/me`)).json()) as {
          memberships: { programId: string; participantId: string | null }[];
        };
        const m = me.memberships.find((x) => x.participantId) ?? me.memberships[0];
        const api = m
          ? await (
              await page.request.get(
                `${journey.server.url}/api/v1/programs/${m.programId}/participants/${m.participantId}/sessions`,
              )
            ).text()
          : 'no membership';
        const shown = (await mine.count()) > 0 ? await mine.innerText() : 'no "Your next session" region';
        throw new Error(`${String(e)}\npage: ${page.url()}\nregion: ${shown}\nsessions API: ${api}`);
      });
    expect(await mine.getByRole('link', { name: 'Join the video call' }).getAttribute('href')).toMatch(
      /^https:\/\/meet\.example\.org\/kindred-/,
    );
    await signOut(page);
    await page.close();
  });

  it('shows the coordinator the engagement charts and lets staff change a coach’s contact preferences', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Overview', /overview/i);
    for (const chart of ['Reached contacts by week', 'Pairs by how often they meet', 'Adherence funnel', 'Ladder steps fired']) {
      await page.getByRole('figure', { name: chart }).getByRole('img', { name: chart }).waitFor();
      await page.getByRole('region', { name: `${chart} as a table` }).waitFor();
    }
    await expectAccessible(page, 'overview with charts');

    await visit(page, 'Pairs that need help', 'Pairs that need help');
    await page.getByRole('link', { name: 'Scheduling settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scheduling settings' }).waitFor();
    const room = page.getByRole('textbox', { name: 'Video room address (optional)' });
    await expect.poll(() => room.inputValue()).toBe('https://meet.example.org/kindred-{pairing}');
    await room.fill('https://meet.example.org/{participant}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // The core's own words (ADR 0054): it names the placeholder it does not know.
    await page
      .getByRole('alert')
      .filter({ hasText: /Unknown placeholder \{participant\}: use \{pairing\} or \{session\}/ })
      .waitFor();
    await room.fill('https://video.example.org/riverside-{session}');
    await page.getByRole('combobox', { name: 'Reminder' }).selectOption('48');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Scheduling settings saved.' }).waitFor();
    await expectAccessible(page, 'scheduling settings');

    await visit(page, 'Coaches', 'Coaches');
    await page.getByRole('link', { name: 'James Walker' }).first().click();
    const reach = page.getByRole('region', { name: 'How to reach them' });
    await reach.getByRole('button', { name: 'Change how to reach James Walker' }).click();
    await reach.getByRole('radio', { name: 'Text messages' }).check();
    await reach.getByRole('button', { name: 'Save preferences' }).click();
    await reach.getByText('Saved James Walker’s preferences.').waitFor();
    await expect.poll(async () => (await reach.textContent()) ?? '').toContain('Text messages');
    await expectAccessible(page, 'coach record with contact preferences');
    await signOut(page);
    await page.close();
  });
});
