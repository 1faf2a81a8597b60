import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/**
 * The study's exports (#11, ADR 0028) against a fresh demo server: a coordinator randomizes three
 * participants through the API; the evaluator downloads the long CSV from the CONSORT page on a
 * phone and finds participant codes and masked arms only. The page is scanned by axe-core.
 */
describe('study exports', () => {
  const journey = demoJourney({ mobile: true });

  it('lets the evaluator download the data for analysis with masked arms', async () => {
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    const api = `${journey.server.url}/api/v1`;
    const me = await (await page.request.get(`${api}/me`)).json();
    const programId = me.memberships[0].programId as string;
    const headers = { 'x-csrf-token': me.csrfToken as string };
    const study = `${api}/programs/${programId}/study`;
    const design = await page.request.put(study, {
      headers,
      data: {
        design: {
          design: 'parallel',
          title: 'Coaching or a class',
          arms: [
            { key: 'coaching', label: 'Kindred coaching arm', kind: 'coaching', ratio: 1 },
            { key: 'class', label: 'Two-hour class arm', kind: 'class', ratio: 1 },
          ],
          primaryTimepoint: 'month_9',
          gate: { eligible: false, consented: false, baselineComplete: false },
        },
      },
    });
    expect(design.status()).toBe(200);
    const active = (await (await page.request.get(`${api}/programs/${programId}/participants?status=active`)).json()) as {
      id: string;
    }[];
    for (const p of active.slice(0, 3)) {
      const r = await page.request.post(`${study}/randomizations`, {
        headers,
        data: { participantId: p.id, clientKey: `e2e-${p.id}`, strata: {} },
      });
      expect(r.status()).toBe(201);
    }
    await signOut(page);

    await signIn(page, journey.server.url, 'evaluator@example.org');
    await visit(page, 'CONSORT flow', 'CONSORT flow');
    await page.getByRole('heading', { name: 'Download the data' }).waitFor();
    await expectAccessible(page, 'CONSORT flow with exports');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Data for analysis (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('study-long.csv');
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^participant_code,coach_code,arm,stratum,age,gender,contacts,adherent,timepoint,/);
    // Three participants × the demo's timepoints; codes and masked arms only.
    expect((lines.length - 1) % 3).toBe(0);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toHaveProperty('size', 3);
    expect(lines.slice(1).every((l) => /^P-\d{4},(C-\d{4})?,Arm [AB],/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/Kindred coaching arm|Two-hour class arm|coaching,|class,/);
    await signOut(page);
    await page.close();
  }, 120_000);
});
