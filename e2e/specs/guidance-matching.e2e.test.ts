import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/**
 * The curriculum as each role reads it, and the coordinator's Matching page, in Chromium against a
 * fresh demo server. Every page is scanned by axe-core.
 */
describe('curriculum and matching', () => {
  const journey = demoJourney({ desktop: true, mobile: true });

  it('gives the coach the talking points on a phone, and the participant only the handout', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coach@example.org');
    await visit(page, 'Curriculum', 'Curriculum');
    await page.getByRole('link', { name: 'Planning for flare-ups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planning for flare-ups' }).waitFor();
    await page.getByRole('heading', { name: 'Talking points' }).waitFor();
    await page.getByRole('heading', { name: 'Questions to ask' }).waitFor();
    await page.getByRole('button', { name: 'Print handout' }).waitFor();
    await expectAccessible(page, 'topic (coach)');
    await signOut(page);

    await signIn(page, journey.server.url, 'participant@example.org');
    await visit(page, 'Handouts', 'Handouts');
    await page.getByRole('link', { name: 'Planning for flare-ups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planning for flare-ups' }).waitFor();
    await page.getByRole('heading', { name: 'Handout' }).waitFor();
    await expectAccessible(page, 'topic (participant)');
    await expect(page.getByRole('heading', { name: 'Talking points' }).count()).resolves.toBe(0);
    await signOut(page);
    await page.close();
  });

  it('lets a coordinator approve the proposed pairs, which then leave the waiting list', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Matching', 'Matching');
    const approve = page.getByRole('button', { name: /^Approve \d+ pairs?$/ });
    await approve.waitFor();
    const count = Number((await approve.textContent())?.match(/\d+/)?.[0] ?? '0');
    expect(count, 'the demo has participants waiting for a coach').toBeGreaterThan(0);

    // A pair across genders needs a reason before it can be approved.
    const reasons = page.getByRole('textbox', { name: /^Reason for pairing .* across genders$/ });
    for (let i = 0; i < (await reasons.count()); i++) {
      await reasons.nth(i).fill('The participant said he would talk with any fellow veteran.');
    }
    await approve.click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Approved \d+ pairs?/ })
      .first()
      .waitFor();
    await expectAccessible(page, 'Matching after approval');

    const me = await (await page.request.get(`${journey.server.url}/api/v1/me`)).json();
    const programId = me.memberships[0].programId as string;
    const proposal = await (
      await page.request.get(`${journey.server.url}/api/v1/programs/${programId}/matching/proposal`)
    ).json();
    expect(proposal.proposals.length, 'everyone approved is paired and no longer proposed').toBeLessThan(count);
    await signOut(page);
    await page.close();
  });
});
