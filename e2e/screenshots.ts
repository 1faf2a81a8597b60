/**
 * Takes the README's screenshots from a fresh demo server: `npx tsx e2e/screenshots.ts`
 * (needs a built web app: `npm run build:web`).
 */
import { launchBrowser } from './fixtures/browser';
import { journeyChromium, NoChromiumError } from './fixtures/chromium';
import { startDemoServer } from './fixtures/server';
import { waitUntilSignedIn } from './fixtures/session';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
try {
  process.stdout.write(`browser: ${(await journeyChromium()).description}\n`);
} catch (error) {
  if (!(error instanceof NoChromiumError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const server = await startDemoServer(3900);
try {
  for (const shot of [
    { email: 'coordinator@example.org', path: 'overview', file: 'coordinator-overview.png', mobile: false },
    { email: 'coach@example.org', path: 'today', file: 'coach-today.png', mobile: true },
    { email: 'coach@example.org', path: 'contacts/new', file: 'coach-log-contact.png', mobile: true },
    { email: 'participant@example.org', path: 'my-coach', file: 'participant-my-coach.png', mobile: true },
  ]) {
    const browser = await launchBrowser({ mobile: shot.mobile });
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('button', { name: `Use ${shot.email}` }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitUntilSignedIn(page);
    const me = await (await page.request.get(`${server.url}/api/v1/me`)).json();
    await page.goto(`${server.url}/programs/${me.memberships[0].programId}/${shot.path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}${shot.file}`, fullPage: !shot.mobile });
    await browser.close();
  }
} finally {
  await server.stop();
}
