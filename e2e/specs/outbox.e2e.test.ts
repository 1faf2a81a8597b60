import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, visit } from '../fixtures/session';

/**
 * The outbox (issue #3, ADR 0012) in Chromium against a fresh demo server: the coordinator's
 * "Outgoing mail and texts" page shows each message's channel and delivery state, including the
 * demo's text to a participant who texted STOP; that participant's record says texts are off.
 * Every page is scanned by axe-core.
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
});
