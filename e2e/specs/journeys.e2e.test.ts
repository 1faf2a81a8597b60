import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/**
 * The foundation's journeys in Chromium against a real server on a fresh demo database:
 * a coordinator pairs a participant with the demo coach; the coach logs a reached contact and the
 * first-contact task disappears; the participant sees the coach. Every page is scanned by axe-core.
 */
describe('foundation journeys', () => {
  const journey = demoJourney({ desktop: true, mobile: true });
  let programId = '';
  let paired = { participantId: '', name: '' };

  it('lets a coordinator pair an enrolled participant with the demo coach', async () => {
    const page = await journey.desktop.context.newPage();
    // A normal visit writes nothing to the browser's console: no failed requests, no script errors.
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    await page.goto(`${journey.server.url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await signIn(page, journey.server.url, 'coordinator@example.org');

    const me = await (await page.request.get(`${journey.server.url}/api/v1/me`)).json();
    programId = me.memberships[0].programId;
    const enrolled = (await (
      await page.request.get(`${journey.server.url}/api/v1/programs/${programId}/participants?status=enrolled`)
    ).json()) as {
      id: string;
      givenName: string;
      familyName: string;
      canShareContact: boolean;
    }[];
    const candidate = enrolled.find((p) => p.canShareContact);
    expect(candidate, 'the demo has an enrolled participant who allows sharing contact details').toBeDefined();
    paired = { participantId: candidate!.id, name: `${candidate!.givenName} ${candidate!.familyName}` };

    for (const [link, heading] of [
      ['Overview', /overview/i],
      ['Tasks', /tasks/i],
      ['Coaches', /coaches/i],
      ['Audit trail', /audit/i],
      ['Invitations', /invitations/i],
      ['Mail', /mail/i],
      ['Participants', /participants/i],
    ] as const) {
      await visit(page, link, heading);
    }

    // By address, not by name: the demo may hold two people with the same name.
    await page.locator(`main a[href$="/participants/${paired.participantId}"]`).first().click();
    await page.getByRole('heading', { level: 1, name: paired.name }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'participant record');

    await page
      .getByRole('radiogroup', { name: 'Choose a coach' })
      .getByRole('radio', { name: /James Walker/ })
      .check();
    await page.getByRole('button', { name: 'Pair with coach' }).click();
    const reason = page.getByRole('textbox', { name: 'Reason for pairing across genders' });
    const endButton = page.getByRole('button', { name: /End the pairing with James Walker/ });
    await Promise.race([reason.waitFor(), endButton.waitFor()]);
    if (await reason.isVisible()) {
      await reason.fill('The participant asked for this coach by name.');
      await page.getByRole('button', { name: 'Pair with coach' }).click();
      await endButton.waitFor();
    }
    await expectAccessible(page, 'participant record after pairing');
    const record = await (
      await page.request.get(`${journey.server.url}/api/v1/programs/${programId}/participants/${paired.participantId}`)
    ).json();
    expect(record.status).toBe('active');
    expect(record.coach.name).toBe('James Walker');

    // Staff can log an attempt too, e.g. a check-in call that went unanswered.
    await page.getByRole('link', { name: 'Log a contact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
    await expectAccessible(page, 'log a contact (staff)');
    await page.getByRole('radio', { name: 'No answer' }).check();
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByRole('heading', { level: 1, name: paired.name }).waitFor();
    await page.getByText(`Contact with ${paired.name} saved.`).waitFor();
    await signOut(page);
    expect(consoleErrors, 'the browser console on a normal visit').toEqual([]);
    await page.close();
  });

  it('lets the coach log a reached contact on a phone, and the task disappears', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coach@example.org');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'Today');

    const taskLink = page.getByRole('link', { name: `Log a contact with ${paired.name}` });
    await taskLink.click();
    await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
    await expectAccessible(page, 'log a contact');
    await page.getByRole('radio', { name: 'Yes, we talked' }).check();
    await page.getByRole('spinbutton', { name: 'Minutes (optional)' }).fill('25');
    await page.getByRole('checkbox', { name: 'Gave encouragement' }).check();
    await page.getByRole('checkbox', { name: 'Set or reviewed a goal' }).check();
    await page.getByRole('button', { name: 'Save contact' }).click();

    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    await page.getByText(`Contact with ${paired.name} saved.`).waitFor();
    // The list refetches after the save; wait for the task to go rather than reading the list once
    // (in a single-page app, networkidle has already been reached and resolves at once).
    await page.getByRole('link', { name: `Log a contact with ${paired.name}` }).waitFor({ state: 'detached' });
    await expectAccessible(page, 'Today after logging');

    await visit(page, 'My contacts', /contacts/i);
    await page.getByText(paired.name).first().waitFor();
    await signOut(page);
    await page.close();
  });

  it('shows the participant his coach and lets him say how to be reached', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'participant@example.org');
    await page.getByRole('heading', { level: 1, name: 'My coach' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'James Walker' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'My coach');

    await visit(page, 'How to reach me', /how to reach me/i);
    // The weekly check-in by text message (#16, ADR 0040): a day and a time in the program's zone.
    const phone = page.getByRole('textbox', { name: 'Your phone number' });
    if (!(await phone.inputValue())) await phone.fill('317 555 0200');
    await page.getByRole('checkbox', { name: 'Send me the weekly check-in by text message' }).check();
    await page.getByRole('combobox', { name: 'Which day?' }).selectOption({ label: 'Friday' });
    await page.getByRole('combobox', { name: /What time\?/ }).selectOption({ label: '9:30 AM' });
    await expectAccessible(page, 'How to reach me with the check-in by text');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByRole('status').filter({ hasText: /saved/i }).first().waitFor();
    const me = await (await page.request.get(`${journey.server.url}/api/v1/me`)).json();
    const membership = me.memberships[0];
    const saved = await (
      await page.request.get(
        `${journey.server.url}/api/v1/programs/${membership.programId}/participants/${membership.participantId}`,
      )
    ).json();
    expect(saved).toMatchObject({ textCheckInDay: 'fri', textCheckInTime: '09:30' });
    await signOut(page);
    await page.close();
  });

  it('shows the evaluator the program without names', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'evaluator@example.org');
    await page.waitForLoadState('networkidle');
    await visit(page, 'Overview', /overview/i);
    await visit(page, 'Participants', /participants/i);
    await page.getByText('P-0001').first().waitFor();
    await expect(page.getByText(paired.name).count()).resolves.toBe(0);
    await signOut(page);
    await page.close();
  });

  it('keeps the public pages accessible', async () => {
    const page = await journey.desktop.context.newPage();
    for (const path of ['/invitation#token=not-a-real-token-but-long-enough', '/no-such-page']) {
      await page.goto(`${journey.server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, path);
    }
    await page.close();
  });
});
