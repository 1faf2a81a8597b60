import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadTraining } from '../../src/server/features/volunteers';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit, waitUntilSignedIn } from '../fixtures/session';

const VOLUNTEER = { given: 'Walt', family: 'Volunteer', email: 'walt.volunteer@example.org' };
const NAME = `${VOLUNTEER.given} ${VOLUNTEER.family}`;
const PASSWORD = 'a long volunteer passphrase';

/**
 * The volunteer's journey in Chromium against a fresh demo server: a veteran applies on the public
 * page, the coordinator screens him and starts his training, he accepts the e-mailed invitation (the
 * demo keeps mail for staff to read), passes every module's quiz and signs the agreement himself,
 * and only then can the coordinator pair him with a participant. Every page is scanned by axe-core.
 */
describe('the volunteer journey', () => {
  const journey = demoJourney({ desktop: true });
  const training = loadTraining();

  const api = async (page: Page, path: string) => (await page.request.get(`${journey.server.url}/api/v1${path}`)).json();

  /** Opens a waiting participant's record (enrolled, with permission to share contact details). */
  async function openWaitingParticipant(page: Page, programId: string): Promise<string> {
    const enrolled = (await api(page, `/programs/${programId}/participants?status=enrolled`)) as {
      id: string;
      givenName: string;
      familyName: string;
      canShareContact: boolean;
    }[];
    const p = enrolled.find((x) => x.canShareContact);
    expect(p, 'the demo has a participant waiting for a coach').toBeDefined();
    await page.goto(`${journey.server.url}/programs/${programId}/participants/${p!.id}`);
    await page.getByRole('radiogroup', { name: 'Choose a coach' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'participant record');
    return `${p!.givenName} ${p!.familyName}`;
  }

  it('takes a volunteer from the public form to a trained coach who can be paired', async () => {
    const page = await journey.desktop.context.newPage();

    // The coordinator finds the address to share.
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Volunteers', 'Volunteers');
    const formPath = await page.getByRole('link', { name: 'Open the public application form' }).getAttribute('href');
    const programId = (await api(page, '/me')).memberships[0].programId as string;
    expect(formPath).toBe(`/apply/${programId}`);
    await signOut(page);

    // A veteran applies, with no account.
    await page.goto(`${journey.server.url}${formPath}`);
    await page.getByRole('heading', { level: 1, name: 'Volunteer to coach' }).waitFor();
    await page.getByRole('textbox', { name: 'First name' }).waitFor();
    await expectAccessible(page, 'application form');
    await page.getByRole('textbox', { name: 'First name' }).fill(VOLUNTEER.given);
    await page.getByRole('textbox', { name: 'Last name' }).fill(VOLUNTEER.family);
    await page.getByRole('textbox', { name: /^E-mail/ }).fill(VOLUNTEER.email);
    await page
      .getByRole('radiogroup', { name: /Gender/ })
      .getByRole('radio', { name: 'Man', exact: true })
      .check();
    await page.getByRole('textbox', { name: /^About me/ }).fill('Marine veteran, retired mail carrier. I like helping people.');
    await page
      .getByRole('textbox', { name: /^My own pain/ })
      .fill('Low-back pain since 2004. Pacing, stretching and a walk every morning keep me going.');
    for (const [group, box] of [
      [/Where is your pain/, 'Low back'],
      [/Days you could coach/, 'Monday'],
      [/Days you could coach/, 'Wednesday'],
      [/Times of day/, 'Morning'],
      [/Times of day/, 'Evening'],
      [/Ways you could meet/, 'Phone call'],
    ] as const) {
      await page.getByRole('group', { name: group }).getByRole('checkbox', { name: box, exact: true }).check();
    }
    await page.getByRole('combobox', { name: /Service branch/ }).selectOption({ label: 'Marine Corps' });
    await page.getByRole('combobox', { name: /Service era/ }).selectOption({ label: 'Gulf War era (1990–2001)' });
    await page.getByRole('textbox', { name: /^Year of birth/ }).fill('1966');
    await page.getByRole('textbox', { name: /^Town/ }).fill('Speedway');
    await page.getByRole('textbox', { name: /^Languages you could coach in/ }).fill('English, Spanish');
    await page.getByRole('button', { name: 'Send my application' }).click();
    await page.getByRole('status').filter({ hasText: 'Thank you for offering to coach' }).waitFor();
    await expectAccessible(page, 'application sent');

    // The coordinator screens him and starts his training.
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Volunteers', 'Volunteers');
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await expectAccessible(page, 'applicant');
    // The optional answers are shown with the rest of the application.
    const application = page.getByRole('region', { name: 'Application', exact: true });
    for (const answer of ['1966', 'Speedway', 'English, Spanish']) await application.getByText(answer, { exact: true }).waitFor();
    const checklist = page.getByRole('group', { name: /Screening checklist/ }).getByRole('checkbox');
    for (let i = 0; i < (await checklist.count()); i++) await checklist.nth(i).check();
    await page.getByRole('textbox', { name: 'Screening notes (optional)' }).fill('Phone call went well; manages his pain.');
    await page.getByRole('button', { name: 'Mark as screened' }).click();
    await page.getByRole('status').filter({ hasText: 'Moved to “Screened”' }).waitFor();
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.getByRole('status').filter({ hasText: 'Moved to “In training”' }).waitFor();
    await page.getByRole('table', { name: 'Training modules' }).waitFor();
    await expectAccessible(page, 'applicant in training');

    // Not trained yet: he is not among the coaches a participant can be paired with.
    await openWaitingParticipant(page, programId);
    expect(await page.getByRole('radio', { name: new RegExp(NAME) }).count()).toBe(0);

    // The invitation e-mail: the demo keeps mail for staff to read instead of sending it.
    const mail = (await api(page, `/programs/${programId}/mail`)) as { to: string; subject: string; text: string }[];
    const invitation = mail.find((m) => m.to === VOLUNTEER.email && m.subject === 'Your invitation to Kindred');
    const token = /#token=(\S+)/.exec(invitation?.text ?? '')?.[1];
    expect(token, 'the invitation e-mail carries a one-time link').toBeTruthy();
    expect(mail.filter((m) => m.to === VOLUNTEER.email).map((m) => m.subject)).toEqual(
      expect.arrayContaining(['We received your application', 'Your application: next steps', 'Your coach training is ready']),
    );
    await signOut(page);

    // He sets up his account from the link and signs in.
    await page.goto(`${journey.server.url}/invitation#token=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    await expectAccessible(page, 'invitation');
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the new password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, 'sign-in after the invitation');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitUntilSignedIn(page);

    // He takes every module: the first quiz answered wrong once (no pass below the mark), then right.
    await visit(page, 'Training', 'Training');
    for (const [k, m] of training.modules.entries()) {
      await page.getByRole('link', { name: m.title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: m.title }).waitFor();
      await page.getByRole('button', { name: 'Submit answers' }).waitFor();
      const answer = async (right: boolean) => {
        for (const [i, q] of m.questions.entries()) {
          const option = q.options.find((o) => o.isCorrect === right)!;
          await page
            .getByRole('radiogroup', { name: `${i + 1}. ${q.text}` })
            .getByRole('radio', { name: option.text, exact: true })
            .check();
        }
        await page.getByRole('button', { name: 'Submit answers' }).click();
      };
      if (k === 0) {
        await answer(false);
        await page
          .getByRole('status')
          .filter({ hasText: /right; \d+ are needed to pass/ })
          .waitFor();
        await expectAccessible(page, `module ${m.key} after a failed quiz`);
      }
      await answer(true);
      await page
        .getByRole('status')
        .filter({ hasText: /^Passed:/ })
        .waitFor();
      await expectAccessible(page, `module ${m.key} passed`);
      await page.getByRole('link', { name: 'Back to training' }).click();
      await page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
    }
    await expectAccessible(page, 'training, modules passed');

    // He signs the scope-and-boundaries agreement.
    await page.getByRole('link', { name: training.agreement.title }).click();
    await page.getByRole('heading', { level: 1, name: training.agreement.title }).waitFor();
    await page.getByRole('button', { name: 'Sign the agreement' }).waitFor();
    await expectAccessible(page, 'agreement');
    await page.getByRole('textbox', { name: 'Type your full name' }).fill(NAME);
    await page.getByRole('checkbox', { name: training.agreement.statement }).check();
    await page.getByRole('button', { name: 'Sign the agreement' }).click();
    await page.getByRole('status').filter({ hasText: 'You signed this agreement' }).waitFor();
    await expectAccessible(page, 'agreement signed');
    await visit(page, 'Training', 'Training');
    await page.getByText('Your training is complete').waitFor();
    await signOut(page);

    // The coordinator sees an active coach, and can now pair him.
    await signIn(page, journey.server.url, 'coordinator@example.org');
    await visit(page, 'Volunteers', 'Volunteers');
    const row = page.getByRole('row', { name: new RegExp(NAME) });
    await expect(row.getByText('Active coach').count()).resolves.toBe(1);
    await expect(row.getByText('Complete').count()).resolves.toBe(1);
    // The matcher proposes him for a waiting participant (as the first choice or one to pick
    // instead); the coordinator keeps only that pair and approves it.
    const coachList = (await api(page, `/programs/${programId}/coaches`)) as {
      id: string;
      givenName: string;
      familyName: string;
    }[];
    const walt = coachList.find((c) => `${c.givenName} ${c.familyName}` === NAME)!;
    const proposal = (await api(page, `/programs/${programId}/matching/proposal`)) as {
      proposals: { participantId: string; participantName: string; coachId: string; alternatives: { coachId: string }[] }[];
    };
    const mine = proposal.proposals.find((p) => p.coachId === walt.id || p.alternatives.some((a) => a.coachId === walt.id));
    expect(mine, 'the matcher offers the new coach to a waiting participant').toBeDefined();
    const participantName = mine!.participantName;
    await visit(page, 'Matching', 'Matching');
    const approveBoxes = page.getByRole('checkbox', { name: /^Approve / });
    await approveBoxes.first().waitFor();
    for (let i = 0; i < (await approveBoxes.count()); i++) {
      if (await approveBoxes.nth(i).isChecked()) await approveBoxes.nth(i).uncheck();
    }
    await page.getByRole('checkbox', { name: `Approve ${participantName}`, exact: true }).check();
    if (mine!.coachId !== walt.id) {
      await page.getByRole('combobox', { name: `Coach for ${participantName}`, exact: true }).selectOption({ value: walt.id });
    }
    const reason = page.getByRole('textbox', { name: `Reason for pairing ${participantName} across genders`, exact: true });
    if ((await reason.count()) > 0) await reason.fill('The participant asked for a Marine Corps veteran.');
    await page.getByRole('button', { name: 'Approve 1 pair', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Approved 1 pair.' }).waitFor();
    await expectAccessible(page, 'Matching, the new coach approved');
    const history = (await api(page, `/programs/${programId}/participants/${mine!.participantId}/pairings`)) as {
      coachId: string;
      endedAt: string | null;
    }[];
    expect(history.find((h) => h.endedAt === null)?.coachId).toBe(walt.id);
    // Both sides are told (the demo keeps the mail for staff to read).
    const notices = (await api(page, `/programs/${programId}/mail`)) as { to: string; subject: string }[];
    expect(notices.filter((m) => m.to === VOLUNTEER.email).map((m) => m.subject)).toContain('A new participant to coach');
    await expectAccessible(page, `${participantName} paired with the new coach`);
    await signOut(page);
    await page.close();
  }, 180_000);
});
