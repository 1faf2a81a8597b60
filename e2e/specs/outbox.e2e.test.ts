import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { programRoot, signIn, visit } from '../fixtures/session';

/**
 * The outbox (issue #3, ADR 0012) in Chromium against a fresh demo server: the coordinator's
 * "Outgoing mail and texts" page shows each message's channel and delivery state, including the
 * demo's text to a participant who texted STOP; that participant's record says texts are off; past
 * the first page of 100, "Show more" loads the next. Every page is scanned by axe-core.
 */
describe('outbox', () => {
  const journey = demoJourney({ desktop: true });

  it('shows coordinators each message with its channel and delivery state, and who opted out of texts', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Mail', 'Outgoing mail and texts');
    const text = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Text message' }) });
    await text.first().waitFor();
    expect(await text.first().getByText('Not sent: opted out of texts').count()).toBe(1);
    expect(await text.first().textContent()).toMatch(/Text to \(317\) 555-\d{4}/);

    // The participant with that number: their record says texts are off.
    const me = (await (await page.request.get(`${journey.server.url}/api/v1/me`)).json()) as {
      memberships: { programId: string }[];
    };
    const programId = me.memberships[0]!.programId;
    const list = (await (await page.request.get(`${journey.server.url}/api/v1/programs/${programId}/participants`)).json()) as {
      id: string;
    }[];
    let optedOut: string | null = null;
    for (const p of list) {
      const res = await page.request.get(`${journey.server.url}/api/v1/programs/${programId}/participants/${p.id}/texting`);
      if (((await res.json()) as { optedOut: boolean }).optedOut) {
        optedOut = p.id;
        break;
      }
    }
    expect(optedOut, 'the demo has a participant who texted STOP').not.toBeNull();
    await page.goto(`${journey.server.url}/programs/${programId}/participants/${optedOut}`);
    await page.getByText(/Opted out: they texted STOP on/).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'participant who opted out of texts');
  });

  it('shows the newest 100 messages, and the next page on "Show more", axe-clean', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    const root = await programRoot(page, journey.server.url);
    const api = root.replace(journey.server.url, `${journey.server.url}/api/v1`);
    const me = (await (await page.request.get(`${journey.server.url}/api/v1/me`)).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': me.csrfToken };
    // Invitations until the program has more than one page of mail (each invitation is one e-mail).
    const before = ((await (await page.request.get(`${api}/mail?limit=500`)).json()) as unknown[]).length;
    const wanted = 130;
    for (let i = before; i < wanted; i++) {
      const res = await page.request.post(`${api}/invitations`, {
        headers,
        data: { email: `show-more-${i}@example.org`, role: 'evaluator', displayName: `Reader ${i}` },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    const all = (await (await page.request.get(`${api}/mail?limit=500`)).json()) as {
      to: string;
      subject: string;
      channel: string;
    }[];
    const total = all.length;
    expect(total).toBeGreaterThan(100);

    await page.goto(`${root}/mail`);
    await page.getByRole('heading', { level: 1, name: 'Outgoing mail and texts' }).waitFor();
    const cards = page.locator('ul.cards > li');
    const showMore = page.getByRole('button', { name: 'Show more' });
    await showMore.waitFor();
    expect(await cards.count()).toBe(100);
    await expectAccessible(page, 'mail, first page');

    await showMore.click();
    await page.waitForFunction((n) => document.querySelectorAll('ul.cards > li').length === n, Math.min(total, 200));
    // The next page continues the list, newest first: its last card is the API's message at that place.
    const last = all[Math.min(total, 200) - 1]!;
    const lastCard = cards.last();
    expect(await lastCard.getByRole('heading', { level: 2 }).textContent()).toBe(
      last.channel === 'sms' ? 'Text message' : last.subject,
    );
    if (last.channel === 'email') expect(await lastCard.textContent()).toContain(last.to);
    expect(await showMore.count()).toBe(total > 200 ? 1 : 0);
    await expectAccessible(page, 'mail after Show more');
    await page.close();
  }, 180_000);
});
