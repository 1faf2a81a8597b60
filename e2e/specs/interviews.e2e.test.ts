import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { otherToolProject, otherToolSourceGuid, otherToolSourceText } from '../../src/core/interviews/fixtures/projects';
import { writeZip } from '../../src/server/platform/zip';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';
import { makeWav } from '../../src/server/features/interviews/audio.testing';

/**
 * Issue #13's interview journey in Chromium on a phone-sized screen against a fresh demo server: a
 * coordinator starts an interview study, writes a code, uploads a small WebVTT transcript that names
 * the demo participant, confirms the de-identification (the name is gone from the coded copy) and
 * codes a passage by selecting it; an admin codes the same transcript; the agreement page shows the
 * character-level statistics and where the two differ, and the difference is reconciled in a
 * consensus version. Every page is scanned by axe-core.
 */
describe('interview journeys', () => {
  const journey = demoJourney({ mobile: true });
  const SHOTS = '/tmp/interview-shots';
  const VTT = [
    'WEBVTT',
    '',
    '00:00:01.000 --> 00:00:05.000',
    '<v Interviewer>How has the pain been since you started, Robert?',
    '',
    '00:00:06.000 --> 00:00:14.000',
    '<v Robert Ellis>Better. I started walking every morning, and James Walker keeps me honest about it.',
    '',
  ].join('\n');

  /** Selects `words` in the transcript as a person would with the mouse or a long press. */
  async function select(page: Page, words: string): Promise<void> {
    await page.evaluate((w) => {
      const region = document.querySelector('[aria-label="De-identified transcript"]')!;
      const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent!.indexOf(w);
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + w.length);
        const sel = document.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        return;
      }
      throw new Error(`"${w}" is not in one piece of the transcript`);
    }, words);
    await page.getByText(`Selected: “${words}”`).waitFor();
  }

  async function fitsThePhone(page: Page, name: string): Promise<void> {
    const h1 = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(h1).not.toBeNull();
    expect(h1!.y + h1!.height).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  it('lets a coordinator de-identify and code a transcript, and shows two coders’ agreement', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Interviews', 'Interviews');
    await page.getByRole('textbox', { name: 'Study title' }).fill('What helps between calls');
    await page.getByRole('textbox', { name: 'Aims' }).fill('Learn what participants do between calls with their coach.');
    await page.getByRole('textbox', { name: 'How many interviews are planned' }).fill('10');
    await fitsThePhone(page, '1-studies');
    await page.getByRole('button', { name: 'Start the study' }).click();
    await page.getByRole('heading', { level: 1, name: 'What helps between calls' }).waitFor();
    await expectAccessible(page, 'interview study');
    await fitsThePhone(page, '2-study');

    await page.getByRole('textbox', { name: 'Questions and probes' }).fill('What do you do on a bad pain day?\n- Who helps?');
    await page.getByRole('button', { name: 'Save the guide' }).click();
    await page.getByText('Guide for participants saved.').waitFor();
    await page.getByRole('textbox', { name: 'Code name' }).fill('Physical activity');
    await page.getByRole('textbox', { name: 'Definition (optional)' }).fill('Walking, stretching, exercise.');
    await page.getByRole('button', { name: 'Add the code' }).click();
    await page.getByText('Code “Physical activity” added.').waitFor();
    await expectAccessible(page, 'interview study with a guide and a code');

    // A codebook from another tool comes in (ADR 0053): nested codes are added; then it is published as version 1.
    const qdc =
      '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>' +
      '<Code guid="0b9e4c2a-5d3f-4e6a-9b7c-0d1e2f3a4b5c" name="Support" isCodable="true" color="#6B8E23">' +
      '<Description>Help from others.\n\nWhen to use: a person is named as helping.</Description>' +
      '<Code guid="1c0f5d3b-6e4a-4f7b-8c8d-1e2f3a4b5c6d" name="Family" isCodable="true"/></Code></Codes></CodeBook>\n';
    await page
      .getByLabel('Codebook file (.qdc)')
      .setInputFiles({ name: 'codebook.qdc', mimeType: 'application/xml', buffer: Buffer.from(qdc) });
    await page.getByRole('button', { name: 'Import the codebook' }).click();
    await page.getByText('2 codes were added.').waitFor();
    await page.getByRole('textbox', { name: 'What changed in this version' }).fill('First codebook, with Support from the pilot');
    await page.getByRole('button', { name: 'Publish as version 1' }).click();
    await page.getByText('Version 1 published.').waitFor();
    await page.getByRole('link', { name: 'Download version 1 (.qdc)' }).waitFor();
    await expectAccessible(page, 'interview study with an imported and published codebook');

    await page.getByRole('textbox', { name: 'Transcript name' }).fill('Interview 1');
    await page.getByRole('combobox', { name: 'The participant interviewed (optional)' }).selectOption({ label: 'Robert Ellis' });
    await page
      .getByLabel('Choose a file')
      .setInputFiles({ name: 'interview-1.vtt', mimeType: 'text/vtt', buffer: Buffer.from(VTT) });
    await page.getByRole('button', { name: 'Add the transcript' }).click();
    await page.getByRole('heading', { level: 1, name: 'De-identify Interview 1' }).waitFor();
    const replacements = page.getByRole('list', { name: 'Replacements' });
    await replacements.getByRole('textbox', { name: 'Replace “Robert Ellis” with' }).waitFor();
    await expectAccessible(page, 'de-identification review');
    await fitsThePhone(page, '3-review');

    // The recording (ADR 0056): the lead attaches it while reviewing and plays a turn from its time.
    // The study keeps no originals, so the page says it goes when the de-identification is confirmed.
    const recording = page.getByRole('region', { name: 'Recording' });
    await recording
      .getByLabel('Recording to attach')
      .setInputFiles({ name: 'interview-1.wav', mimeType: 'audio/wav', buffer: makeWav(15) });
    await recording.getByRole('button', { name: 'Attach the recording' }).click();
    await recording.getByText('interview-1.wav').waitFor();
    await recording.getByText('will be deleted when the de-identification is confirmed', { exact: false }).waitFor();
    await recording.getByText('0:15').waitFor();
    await page.getByRole('button', { name: 'Play from here (0:06)' }).click();
    await page.waitForFunction(() => (document.querySelector('audio')?.currentTime ?? 0) >= 6);
    await page.evaluate(() => document.querySelector('audio')?.pause());
    await expectAccessible(page, 'de-identification review with a recording');
    await fitsThePhone(page, '3-review-recording');
    await page.getByRole('button', { name: 'Confirm the de-identification' }).click();

    await page.getByRole('heading', { level: 1, name: 'Interview 1' }).waitFor();
    const transcript = page.getByRole('region', { name: 'De-identified transcript' });
    await transcript.getByText('walking every morning', { exact: false }).waitFor();
    const coded = (await transcript.textContent()) ?? '';
    expect(coded).not.toMatch(/Robert|Ellis|James|Walker/);
    expect(coded).toContain('[Participant 1]');
    await page.getByText('so a recording cannot be attached once the transcript is de-identified', { exact: false }).waitFor();
    expect(await page.locator('audio').count()).toBe(0);
    await page.getByRole('combobox', { name: 'Code' }).selectOption({ label: 'Physical activity' });
    await select(page, 'walking every morning');
    await page.getByRole('button', { name: 'Code this selection' }).click();
    await page.getByText('Coded “walking every morning” as Physical activity.').waitFor();
    await page.getByRole('region', { name: 'My codings' }).getByText('“walking every morning”').waitFor();
    await expectAccessible(page, 'coding');
    await fitsThePhone(page, '4-coding');
    const address = page.url();

    // The study team (ADR 0052): only people on it see the transcripts. The coordinator, who started
    // the study, leads it and brings the administrator in as a second lead (who will code and sample).
    await page.goto(address.replace(/\/transcripts\/.*$/, ''));
    const team = page.getByRole('region', { name: 'Study team' });
    await team.getByText('Casey Coordinator', { exact: true }).waitFor();
    // The last lead cannot be taken off: the refusal says why, and nothing changes.
    await team.getByRole('button', { name: 'Take Casey Coordinator off the team' }).click();
    await team.getByText('A study needs at least one lead', { exact: false }).waitFor();
    await team.getByRole('combobox', { name: 'Person' }).selectOption({ label: 'Alex Admin' });
    await team.getByRole('combobox', { name: 'Role on the team' }).selectOption({ label: 'Lead' });
    await team.getByRole('button', { name: 'Add to the team' }).click();
    await team.getByText('Alex Admin joined the team as lead.').waitFor();
    await team.getByRole('combobox', { name: 'Role of Alex Admin' }).waitFor();
    await expectAccessible(page, 'study team');
    await team.scrollIntoViewIfNeeded();
    await fitsThePhone(page, '4b-team');
    await team.screenshot({ path: `${SHOTS}/4c-team-section.png` });
    await signOut(page);

    // The evaluator is not on the team: the study is not in his list, and its address finds nothing.
    await signIn(page, journey.server.url, 'evaluator@example.org');
    await visit(page, 'Interviews', 'Interviews');
    await page.getByText('No interview studies yet.').waitFor();
    await signOut(page);

    // A second coder codes a longer passage with the same code.
    await signIn(page, journey.server.url, 'admin@example.org');
    await page.goto(address);
    await page.getByRole('heading', { level: 1, name: 'Interview 1' }).waitFor();
    await page.getByRole('combobox', { name: 'Code' }).selectOption({ label: 'Physical activity' });
    await select(page, 'I started walking every morning');
    await page.getByRole('button', { name: 'Code this selection' }).click();
    await page.getByText('Coded “I started walking every morning” as Physical activity.').waitFor();
    await page.getByRole('link', { name: 'Coders’ agreement' }).click();

    await page.getByRole('heading', { level: 1, name: 'Coders’ agreement' }).waitFor();
    // The first table is the character level; the one by speaker turn follows (ADR 0032).
    const table = page.getByRole('table').first();
    const row = table.getByRole('row', { name: /Physical activity/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    // Percent agreement, kappa, alpha, then both / only one / only the other, in characters.
    expect(cells[0]).toMatch(/^\d+(\.\d)?%$/);
    expect(cells[1]).toMatch(/^-?\d\.\d\d$/);
    expect(cells[2]).toMatch(/^-?\d\.\d\d$/);
    expect(cells.slice(3).map(Number)).toEqual(['walking every morning'.length, expect.any(Number), expect.any(Number)]);
    expect(Number(cells[4]) + Number(cells[5])).toBe('I started '.length);
    await page.getByRole('region', { name: 'Differences on Physical activity' }).getByText('“I started ”').waitFor();
    await page.getByText('character level', { exact: false }).first().waitFor();
    // Reconciled: a consensus version starts from what both coded, and the difference is kept in it.
    await page.getByRole('button', { name: 'Start the consensus version' }).click();
    await page.getByText('0 of 1 difference decided', { exact: false }).waitFor();
    const differences = page.getByRole('region', { name: 'Differences on Physical activity' });
    await differences.getByRole('button', { name: 'Keep' }).click();
    await page.getByText('1 of 1 difference decided', { exact: false }).waitFor();
    await differences.getByText('Kept in the consensus.').waitFor();
    await page
      .getByRole('region', { name: 'Consensus on Physical activity' })
      .getByText('“I started walking every morning”')
      .waitFor();
    await expectAccessible(page, 'agreement');
    await fitsThePhone(page, '5-agreement');
    // On a phone each agreement table shows a card per code (issue #16): nothing scrolls sideways,
    // so Kappa and Alpha are on the screen.
    for (const name of ['Agreement per code table', 'Agreement per code by speaker turn table']) {
      const region = page.getByRole('region', { name, exact: true });
      expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      const cells = region.getByRole('row', { name: /Physical activity/ }).getByRole('cell');
      for (const k of [1, 2]) {
        const box = await cells.nth(k).boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      }
    }

    // Purposive sampling (ADR 0044): a target per group, a draw, a decline with its reason.
    await page.goto(address.replace(/\/transcripts\/.*$/, ''));
    await page.getByRole('link', { name: 'Whom to interview: draw a sample' }).click();
    await page.getByRole('heading', { level: 1, name: 'Whom to interview' }).waitFor();
    const targets = page.getByRole('textbox', { name: /^Target for / });
    await targets.first().waitFor();
    for (let i = 0; i < (await targets.count()); i++) await targets.nth(i).fill('1');
    await expectAccessible(page, 'sampling');
    // Robert Ellis (the demo participant who signs in) is kept for the invitation below, so the
    // draw must propose someone else: the draw number is chosen at random on the page, and a draw
    // that proposes only him is drawn again with the next number (at most ten).
    const groups = page.getByRole('table', { name: /Groups: target/ });
    const decline = page.getByRole('button', { name: /^Declined: (?!Robert Ellis)/ }).first();
    for (let draw = 1; ; draw++) {
      await page.getByRole('textbox', { name: /^Draw number/ }).fill(String(draw));
      await page.getByRole('button', { name: 'Draw the sample' }).click();
      await page
        .getByText(new RegExp(`draw number ${draw}\\.`))
        .first()
        .waitFor();
      await groups.waitFor();
      if ((await decline.count()) > 0 || draw === 10) break;
    }
    await expectAccessible(page, 'drawn sample');
    await fitsThePhone(page, '6-sample');
    await decline.click();
    await page.getByRole('textbox', { name: /^Why .* declined$/ }).fill('No time this month');
    await page.getByRole('button', { name: 'Save the reason' }).click();
    await page.getByRole('region', { name: 'Why people declined' }).getByText('No time this month: 1').waitFor();

    // Invitations (ADR 0050): the consent text, a draw that proposes everyone, and an invitation
    // sent to Robert Ellis through the outbox.
    await page
      .getByRole('textbox', { name: 'Consent text' })
      .fill('We would like to talk with you for about 45 minutes about the program. You may stop at any time.');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText(/^Version 1, written /).waitFor();
    for (let i = 0; i < (await targets.count()); i++) await targets.nth(i).fill('50');
    await page.getByRole('button', { name: 'Draw the sample' }).click();
    await page.getByRole('button', { name: 'Invite: Robert Ellis' }).click();
    await page.getByText(/^Invited .*, by e-mail\.$/).waitFor();
    await expectAccessible(page, 'invited');
    await fitsThePhone(page, '6b-invited');
    const sampling = page.url();
    await signOut(page);

    // Robert signs in, sees the invitation on his home page, reads it and agrees (recording yes).
    await signIn(page, journey.server.url, 'participant@example.org');
    await page.getByRole('link', { name: 'Read the invitation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Interview invitation' }).waitFor();
    await page.getByRole('heading', { name: 'What you agree to (version 1)' }).waitFor();
    await expectAccessible(page, 'invitation');
    await fitsThePhone(page, '6c-invitation');
    await page.getByRole('radio', { name: 'Yes, you may record it' }).check();
    await page.getByRole('textbox', { name: 'Type your full name to agree' }).fill('Robert Ellis');
    await page.getByRole('button', { name: 'I agree to be interviewed' }).click();
    await page.getByText('Thank you for agreeing.', { exact: false }).waitFor();
    await page.getByText('You said we may record it.').waitFor();
    await expectAccessible(page, 'agreed');
    const invitationPage = page.url();
    await signOut(page);

    // Staff schedule the interview, in the program's time.
    await signIn(page, journey.server.url, 'admin@example.org');
    await page.goto(sampling);
    await page.getByText(/Agreed to consent version 1 in the app; recording: yes\./).waitFor();
    await page.getByRole('button', { name: 'Schedule the interview: Robert Ellis' }).click();
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Date', { exact: true }).fill(day);
    await page.getByLabel('Time', { exact: true }).fill('18:00');
    await page.getByRole('radio', { name: 'Phone call' }).check();
    await page.getByRole('button', { name: 'Schedule the interview', exact: true }).click();
    await page.getByText(/^Interview: .*6:00\sPM/).waitFor();
    await expectAccessible(page, 'scheduled');
    await fitsThePhone(page, '6d-scheduled');
    await signOut(page);

    // Robert sees the time.
    await signIn(page, journey.server.url, 'participant@example.org');
    await page.goto(invitationPage);
    await page.getByRole('heading', { name: 'Your interview' }).waitFor();
    expect(await page.getByRole('region', { name: 'Your interview' }).textContent()).toMatch(/6:00\sPM/);
    await expectAccessible(page, 'interview time');
    await fitsThePhone(page, '6e-interview-time');
    await signOut(page);
    await signIn(page, journey.server.url, 'admin@example.org');
    await page.goto(sampling);
    await page.getByRole('heading', { level: 1, name: 'Whom to interview' }).waitFor();

    // A theme and the joint display: the agreed passage sits with Robert's group.
    await page.getByRole('link', { name: 'Back to the study' }).click();
    await page.getByRole('link', { name: 'Themes and numbers: the joint display' }).click();
    await page.getByRole('heading', { level: 1, name: 'Themes and numbers' }).waitFor();
    await page.getByRole('textbox', { name: 'Theme name' }).fill('Staying active');
    await page.getByRole('checkbox', { name: 'Physical activity' }).check();
    await page.getByRole('button', { name: 'Add the theme' }).click();
    const matrix = page.getByRole('table', { name: /Themes by/ });
    await matrix.getByRole('rowheader', { name: /Staying active/ }).waitFor();
    // The transcript has a consensus version, so the display counts and quotes it: one passage.
    expect(await matrix.getByRole('rowheader', { name: /Staying active/ }).textContent()).toContain('1 person, 1 passage');
    await matrix.getByRole('button', { name: /^Mark as exemplar\W*“I started walking every morning/ }).click();
    await matrix.getByText('Exemplar', { exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Group people by' }).selectOption({ label: 'Gender' });
    await page.getByRole('table', { name: /Themes by gender/ }).waitFor();
    await expectAccessible(page, 'joint display');
    await fitsThePhone(page, '7-joint-display');

    // The printable report: the draw's table and the theme with its exemplar quote.
    await page.getByRole('link', { name: 'Back to the study' }).click();
    await page.getByRole('link', { name: /^Study report to print/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Study report' }).waitFor();
    await page.getByRole('table', { name: /Groups: target/ }).waitFor();
    await page.getByRole('article', { name: 'Theme: Staying active' }).getByText('“I started walking every morning”').waitFor();
    await expectAccessible(page, 'study report');
    await fitsThePhone(page, '8-report');

    // The administrator, a lead, takes the coordinator off the team: she then sees the study's title
    // and its team, and nothing else of it.
    await page.goto(address.replace(/\/transcripts\/.*$/, ''));
    await page
      .getByRole('region', { name: 'Study team' })
      .getByRole('button', { name: 'Take Casey Coordinator off the team' })
      .click();
    await page.getByText('Casey Coordinator is off the team.').waitFor();
    await signOut(page);
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Interviews', 'Interviews');
    await page.getByText('You are not on this study’s team', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'See or change the team of “What helps between calls”' }).click();
    await page.getByRole('heading', { level: 1, name: 'Study team' }).waitFor();
    await page.getByText('“What helps between calls”: who may read and code its transcripts.').waitFor();
    await page
      .getByRole('region', { name: 'Who is on the team' })
      .getByRole('combobox', { name: 'Role of Alex Admin' })
      .waitFor();
    await expectAccessible(page, 'study team page');
    await fitsThePhone(page, '9-team-page');
    await page.goto(address);
    await page.getByText('Not found, or not available to you.').first().waitFor();
    await signOut(page);
    await page.close();
  }, 300_000);

  it('lets the lead import a project from another tool (.qdpx), saying whose work is whose (ADR 0055)', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await journey.mobile.context.newPage();
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Interviews', 'Interviews');
    await page.getByRole('textbox', { name: 'Study title' }).fill('Brought from QualCoder');
    await page.getByRole('textbox', { name: 'How many interviews are planned' }).fill('4');
    await page.getByRole('button', { name: 'Start the study' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brought from QualCoder' }).waitFor();
    const section = page.getByRole('region', { name: 'Import a project (.qdpx)' });
    const qdpx = writeZip([
      { path: 'project.qde', data: Buffer.from(otherToolProject, 'utf8') },
      { path: `Sources/${otherToolSourceGuid}.txt`, data: Buffer.from(otherToolSourceText, 'utf8') },
    ]);
    await section
      .getByLabel('Project file (.qdpx)')
      .setInputFiles({ name: 'study.qdpx', mimeType: 'application/zip', buffer: qdpx });
    await section.getByRole('button', { name: 'Read the file' }).click();
    await section.getByText('5 codes, 1 transcript, 5 coded passages by 2 coders, 3 memos.').waitFor();
    await section
      .getByRole('combobox', { name: 'Rosa (2 coded passages, 2 memos) is' })
      .selectOption({ label: 'Casey Coordinator' });
    await expectAccessible(page, 'project import preview');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `${SHOTS}/10-project-import-preview.png` });
    await section.getByRole('button', { name: 'Import the project' }).click();
    await section.getByText('Imported 5 new codes, 1 transcript, 2 coded passages by 1 coder, 2 memos.').waitFor();
    await page.getByRole('link', { name: 'P1 interview' }).waitFor();
    await expectAccessible(page, 'project imported');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await section.screenshot({ path: `${SHOTS}/10b-project-imported.png` });
    await signOut(page);
    await page.close();
  }, 120_000);
});
