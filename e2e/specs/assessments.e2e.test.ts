import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

const PEG = 'PEG: Pain, Enjoyment of life, General activity';
const SLEEP = {
  resourceType: 'Questionnaire',
  id: 'sleep-quality',
  title: 'Sleep quality',
  status: 'active',
  extension: [{ url: 'https://kindred.invalid/fhir/StructureDefinition/scoring', valueCode: 'sum' }],
  item: ['Trouble falling asleep', 'Waking at night'].map((text, i) => ({
    linkId: `s${i + 1}`,
    type: 'choice',
    text,
    answerOption: ['never', 'sometimes', 'often'].map((code, v) => ({
      valueCoding: {
        code,
        display: code,
        extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: v }],
      },
    })),
  })),
};

/**
 * Issue #5, assessments on schedule, against a fresh demo server: the coordinator finds an overdue
 * assessment, enters a participant's answers during a phone call and makes a one-time link; the
 * participant opens the link on a phone without an account, answers part, comes back (the answers
 * were kept) and sends the rest; the link cannot be used again. The report and settings pages are
 * scanned too. Every page passes axe-core.
 */
describe('assessments', () => {
  const journey = demoJourney({ desktop: true, mobile: true });
  let linkPath = '';
  let crisisLinkPath = '';

  const choose = async (page: Page, scope: Page | ReturnType<Page['getByRole']>, group: string | RegExp, option: string) => {
    await scope.getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true }).check();
  };

  it('lets the coordinator enter answers during a call and make a one-time link', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Assessments', 'Assessments');
    await page.getByRole('combobox', { name: 'State' }).selectOption('overdue');
    const table = page.getByRole('region', { name: 'Assessments table' });
    const first = table.getByRole('rowheader').first().getByRole('link');
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.getByRole('heading', { level: 1, name: `Assessments: ${name}` }).waitFor();
    await expectAccessible(page, 'a participant’s assessments');

    // During the phone call: the PEG, read out and entered.
    const overdue = page
      .getByRole('region')
      .filter({ has: page.getByText('Overdue', { exact: true }) })
      .first();
    await overdue.getByRole('button', { name: `Enter the ${PEG} answers` }).click();
    const form = overdue.getByRole('form', { name: `${PEG} answers` });
    await choose(page, form, 'How are the answers given?', 'By phone');
    await choose(page, form, /your pain on average in the past week/, '6');
    await choose(page, form, /enjoyment of life/, '5');
    await choose(page, form, /general activity/, '4');
    await expectAccessible(page, 'entering answers during a call');
    await form.getByRole('button', { name: `Save the ${PEG} answers` }).click();
    await form.getByRole('status').filter({ hasText: 'Saved. Score 5.' }).waitFor();
    await overdue.getByText(/Score 5\. Entered by phone by Casey Coordinator/).waitFor();

    // The other questionnaires: a one-time link for the participant to answer alone.
    const linkForm = overdue.getByRole('form', { name: /^One-time link for / });
    await linkForm.getByRole('button', { name: /^Make a one-time link for / }).click();
    const notice = linkForm.getByRole('status');
    await notice.getByText(/It works once, until/).waitFor();
    const url = (await notice.locator('.assessment-link').textContent())!.trim();
    const parsed = new URL(url);
    expect(parsed.hash.length).toBeGreaterThan(40);
    linkPath = `${parsed.pathname}${parsed.hash}`;
    await expectAccessible(page, 'a one-time link made');

    // A second link, for someone else, for the crisis journey below.
    await visit(page, 'Assessments', 'Assessments');
    // Someone else than the participant above, whose link must stay the only one for that timepoint.
    const others = page
      .getByRole('region', { name: 'Assessments table' })
      .getByRole('rowheader')
      .getByRole('link')
      .filter({ hasNotText: name });
    await others.first().click();
    await page.getByRole('heading', { level: 1, name: /^Assessments: / }).waitFor();
    const open = page.getByRole('form', { name: /^One-time link for / }).first();
    await open.getByRole('button', { name: /^Make a one-time link for / }).click();
    const secondUrl = new URL((await open.getByRole('status').locator('.assessment-link').textContent())!.trim());
    crisisLinkPath = `${secondUrl.pathname}${secondUrl.hash}`;

    await visit(page, 'Assessments', 'Assessments');
    await page.getByRole('link', { name: 'Assessment report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Assessment report' }).waitFor();
    await page.getByRole('img', { name: `${PEG}: distribution by timepoint` }).waitFor();
    await expectAccessible(page, 'assessment report');
    await page.goBack();
    await page.getByRole('link', { name: 'Assessment settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Assessment settings' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Import an instrument' }).waitFor();
    await expectAccessible(page, 'assessment settings');

    // A program's own instrument: a bad file is refused with its problems, a good one is imported.
    const importer = page.getByRole('region', { name: 'Import an instrument' });
    await importer.getByRole('textbox', { name: 'Or paste the file’s contents' }).fill('{"resourceType": "Questionnaire"');
    await importer.getByRole('button', { name: 'Import instrument' }).click();
    await importer.getByRole('alert').getByText('file: not valid JSON').waitFor();
    await expectAccessible(page, 'a refused import');
    await importer.getByRole('textbox', { name: 'Or paste the file’s contents' }).fill(JSON.stringify(SLEEP));
    await importer.getByRole('button', { name: 'Import instrument' }).click();
    await importer.getByRole('status').getByText('Imported “Sleep quality” (2 items).').waitFor();
    await page.getByRole('region', { name: 'Instruments table' }).getByText('Sleep quality').waitFor();
    await signOut(page);
    await page.close();
  });

  it('lets the participant complete the questionnaires by link on a phone, stopping and coming back', async () => {
    expect(linkPath).not.toBe('');
    const page = await journey.mobile.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${journey.server.url}${linkPath}`);
    await page.getByRole('heading', { level: 1, name: 'Your questionnaires' }).waitFor();
    await expectAccessible(page, 'the one-time link on a phone');
    const phq9 = page.getByRole('region', { name: 'Patient Health Questionnaire-9 (PHQ-9)' });
    await choose(page, phq9, /Little interest or pleasure/, 'Several days');
    await choose(page, phq9, /Feeling down, depressed/, 'Not at all');
    await page
      .getByRole('status')
      .filter({ hasText: /Saved at/ })
      .waitFor();

    // The participant stops and comes back later with the same link: the answers are still there.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your questionnaires' }).waitFor();
    const again = page.getByRole('region', { name: 'Patient Health Questionnaire-9 (PHQ-9)' });
    await expect(
      again
        .getByRole('radiogroup', { name: /Little interest or pleasure/ })
        .getByRole('radio', { name: 'Several days' })
        .isChecked(),
    ).resolves.toBe(true);
    for (const item of [/Trouble falling or staying asleep/, /Feeling tired/, /Poor appetite/, /Feeling bad about yourself/]) {
      await choose(page, again, item, 'Not at all');
    }
    for (const item of [/Trouble concentrating/, /Moving or speaking so slowly/, /better off dead/]) {
      await choose(page, again, item, 'Not at all');
    }
    const gad7 = page.getByRole('region', { name: 'Generalized Anxiety Disorder-7 (GAD-7)' });
    for (const item of [/Feeling nervous/, /Not being able to stop/, /Worrying too much/, /Trouble relaxing/]) {
      await choose(page, gad7, item, 'Several days');
    }
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    await page.getByText('Your answers were sent.').waitFor();
    await expectAccessible(page, 'answers sent by link');

    // The link works once.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'This link cannot be used' }).waitFor();
    await page.getByText(/already sent with this link/).waitFor();
    await expectAccessible(page, 'a used link');
    await page.close();
  });

  it('shows the crisis numbers at once when a PHQ-9 answer sent by link raises a flag', async () => {
    expect(crisisLinkPath).not.toBe('');
    const page = await journey.mobile.context.newPage();
    await page.goto(`${journey.server.url}${crisisLinkPath}`);
    await page.getByRole('heading', { level: 1, name: 'Your questionnaires' }).waitFor();
    const phq9 = page.getByRole('region', { name: 'Patient Health Questionnaire-9 (PHQ-9)' });
    await choose(page, phq9, /better off dead/, 'Several days');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Please talk to someone now' }).waitFor();
    await page.getByRole('link', { name: 'Call 988, then press 1' }).waitFor();
    await expectAccessible(page, 'crisis numbers after a flagged answer');
    await page.close();
  });

  it('gives a blind assessor the worklist and a participant’s assessments, and no coaching pages', async () => {
    const page = await journey.desktop.context.newPage();
    await signIn(page, journey.server.url, 'assessor@example.org');
    await page.getByRole('heading', { level: 1, name: 'Assessments' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['Assessments']);
    await expectAccessible(page, 'the assessor’s worklist');
    const first = page.getByRole('region', { name: 'Assessments table' }).getByRole('rowheader').first().getByRole('link');
    const name = (await first.textContent())!.trim();
    const href = (await first.getAttribute('href'))!;
    await first.click();
    await page.getByRole('heading', { level: 1, name: `Assessments: ${name}` }).waitFor();
    // The demo coach's name, pairings, contacts and plans are nowhere on the page.
    await expect(page.getByText(/James Walker|Action plan|Log a contact|Paired with/).count()).resolves.toBe(0);
    await expectAccessible(page, 'a participant’s assessments (assessor)');
    await page.goto(`${journey.server.url}${href.replace(/\/assessments$/, '')}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await signOut(page);
    await page.close();
  });
});
