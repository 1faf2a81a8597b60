import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { openMenu, signIn, signOut, waitUntilSignedIn } from '../fixtures/session';
import { startSmtpStandIn, type SmtpStandIn } from '../../src/server/testing/smtp';

/**
 * Signing in (issue #10, ADR 0021) in Chromium against a fresh demo server whose e-mail goes to a
 * local SMTP server in this process: "Forgot your password?" through the e-mailed one-time link, and
 * two-factor set-up (typed key) and sign-in with a code, on a desktop and on a phone. Every page is
 * scanned by axe-core.
 */
let smtp: SmtpStandIn;
/** What the local SMTP server received: each message's recipients and its text. */
const received = () => smtp.received.map((m) => ({ to: m.to.join(','), text: m.raw.toString('utf8') }));

beforeAll(async () => {
  smtp = await startSmtpStandIn();
  // The demo server is started by demoJourney's beforeAll, after this one, and inherits the variable.
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

/** The reset link from the newest e-mail to `to` (quoted-printable soft breaks undone), waiting for delivery. */
async function resetLinkFor(to: string, deadline = Date.now() + 100_000): Promise<string> {
  for (;;) {
    const mail = received()
      .filter((m) => m.to === to && /Choose a new Kindred password/.test(m.text))
      .at(-1);
    const text = mail?.text.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = text ? /(http\S+\/reset-password#token=[A-Za-z0-9_-]+)/.exec(text)?.[1] : undefined;
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no reset e-mail reached ${to}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const codeFor = (key: string, at = Date.now()) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(key.replaceAll(' ', '')) }).generate({
    timestamp: at,
  });

describe('signing in', () => {
  const journey = demoJourney({ desktop: true, mobile: true });

  async function resetJourney(page: Page, email: string, newPassword: string) {
    const base = journey.server.url;
    await page.context().clearCookies();
    await page.goto(`${base}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'E-mail' }).inputValue()).toBe(email);
    await expectAccessible(page, 'forgot password');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your e-mail' }).waitFor();
    await expectAccessible(page, 'check your e-mail');

    const link = await resetLinkFor(email);
    expect(link.startsWith('http')).toBe(true);
    await page.goto(link.replace(/^https?:\/\/[^/]+/, base));
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await expectAccessible(page, 'choose a new password');
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByText('Your new password is saved').waitFor();
    await expectAccessible(page, 'new password saved');

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitUntilSignedIn(page);
  }

  it('resets a forgotten password by the e-mailed link, on a desktop and on a phone', async () => {
    await resetJourney(await journey.desktop.context.newPage(), 'evaluator@example.org', 'a fresh long passphrase');
    await resetJourney(await journey.mobile.context.newPage(), 'assessor@example.org', 'another long passphrase');
  }, 240_000);

  it('a participant signs in with a six-digit code sent by e-mail, on a phone', async () => {
    const page = await journey.mobile.context.newPage();
    const base = journey.server.url;
    await page.context().clearCookies();
    await page.goto(`${base}/sign-in`);
    await page.getByRole('textbox', { name: 'E-mail' }).fill('participant@example.org');
    await page.getByRole('link', { name: 'Sign in with a code instead' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in with a code' }).waitFor();
    await expectAccessible(page, 'sign in with a code');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByRole('textbox', { name: 'Code' }).waitFor();
    await expectAccessible(page, 'enter the sign-in code');
    const deadline = Date.now() + 100_000;
    let code: string | undefined;
    while (!code) {
      const mail = received()
        .filter((m) => m.to === 'participant@example.org' && /sign-in code is/.test(m.text))
        .at(-1);
      code = mail ? /sign-in code is (\d{6})/.exec(mail.text.replace(/=\r?\n/g, ''))?.[1] : undefined;
      if (!code && Date.now() > deadline) throw new Error('no sign-in code arrived');
      if (!code) await new Promise((r) => setTimeout(r, 500));
    }
    await page.getByRole('textbox', { name: 'Code' }).fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitUntilSignedIn(page);
    await signOut(page);
  }, 180_000);

  async function twoFactorJourney(page: Page, email: string) {
    const base = journey.server.url;
    await signIn(page, base, email);
    await openMenu(page);
    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign-in and security' }).waitFor();
    await page.getByText('This device').waitFor();
    await expectAccessible(page, 'security');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await expectAccessible(page, 'two-factor set-up');
    const key = (await page.locator('.totp-key').textContent())!.trim();
    await page.getByRole('textbox', { name: '6-digit code' }).fill(codeFor(key));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    await expectAccessible(page, 'recovery codes');
    await page.getByRole('button', { name: 'I have kept my codes' }).click();
    await page.getByText(/You have 10 unused recovery codes/).waitFor();

    await signOut(page);
    await page.getByRole('button', { name: `Use ${email}` }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
    await expectAccessible(page, 'enter your code');
    // The set-up's code is used up; the app's next code (one step on) is accepted.
    await page.getByRole('textbox', { name: '6-digit code' }).fill(codeFor(key, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitUntilSignedIn(page);
    await expectAccessible(page, 'signed in with two factors');
  }

  it('sets up two-factor sign-in with the typed key and signs in with a code, on a desktop and on a phone', async () => {
    await twoFactorJourney(await journey.desktop.context.newPage(), 'coach@example.org');
    await twoFactorJourney(await journey.mobile.context.newPage(), 'participant@example.org');
  }, 180_000);

  it('a coordinator requires two-factor sign-in for staff; set-up then comes before anything else', async () => {
    const page = await journey.mobile.context.newPage();
    const base = journey.server.url;
    await signIn(page, base, 'coordinator@example.org');
    const me = (await (await page.request.get(`${base}/api/v1/me`)).json()) as { memberships: { programId: string }[] };
    await page.goto(`${base}/programs/${me.memberships[0]!.programId}/invitations`);
    await page.getByRole('heading', { level: 2, name: 'Signing in' }).waitFor();
    await expectAccessible(page, 'invitations with sign-in settings');
    await page.getByRole('checkbox', { name: 'Require two-factor sign-in for staff' }).check();
    await page.getByRole('button', { name: 'Save sign-in settings' }).click();
    await page.getByText('Sign-in settings saved.').waitFor();

    await signOut(page);
    await page.getByRole('button', { name: 'Use coordinator@example.org' }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' }).waitFor();
    await expectAccessible(page, 'required set-up');
    // Nothing else opens before the set-up.
    const blocked = await page.request.get(`${base}/api/v1/programs`);
    expect(blocked.status()).toBe(401);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const key = (await page.locator('.totp-key').textContent())!.trim();
    await page.getByRole('textbox', { name: '6-digit code' }).fill(codeFor(key));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    await page.getByRole('button', { name: 'I have kept my codes' }).click();
    await waitUntilSignedIn(page);
    await expectAccessible(page, 'signed in after required set-up');
  }, 120_000);
});
