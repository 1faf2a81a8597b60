import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../fixtures/browser';
import { demoJourney } from '../fixtures/journey';
import { signIn, signOut, visit } from '../fixtures/session';

/** The phone's menu, by its Spanish name. */
async function abrirMenu(page: Page): Promise<void> {
  const menu = page.getByRole('banner').getByRole('button', { name: 'Menú', exact: true });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'false') await menu.click();
}

/**
 * Issue #16, "Spanish" (ADR 0041, 0051): a participant chooses Español on "How to reach me" on a
 * phone; the pages, the header, a handout and <html lang> follow at once and after a reload, and stay
 * accessible. Signed out, the sign-in pages switch to Español and say a refusal in Spanish. A
 * Spanish speaker's invitation opens in Spanish, and so do Sign-in and security and its two-factor set-up.
 */
describe('a participant in Spanish', () => {
  const journey = demoJourney({ mobile: true });

  it('switches to Español on How to reach me, and the pages speak Spanish', { timeout: 180_000 }, async () => {
    const page = await journey.mobile.context.newPage();
    expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
    await signIn(page, journey.server.url, 'participant@example.org');
    await visit(page, 'How to reach me', 'How to reach me');
    await page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'Español' }).check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cómo comunicarse conmigo' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Guardado. Su coach verá lo que eligió.' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await expectAccessible(page, 'Cómo comunicarse conmigo');

    // The language is the person's, kept on the server: a reload (and any device) shows Spanish.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cómo comunicarse conmigo' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');

    for (const [link, heading] of [
      ['Mi coach', 'Mi coach'],
      ['Control semanal', 'Control semanal'],
      ['Mi progreso', 'Mi progreso'],
      ['Hojas informativas', 'Hojas informativas'],
    ] as const) {
      await abrirMenu(page);
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expectAccessible(page, heading);
    }
    // A handout in Spanish (ADR 0051): the program's own translation, said so under it.
    await page.getByRole('link', { name: 'Dosificar la actividad' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dosificar la actividad' }).waitFor();
    const hoja = page.getByRole('region', { name: 'Hoja informativa' });
    await hoja.getByRole('heading', { level: 3, name: 'Cómo dosificar la actividad' }).waitFor();
    await hoja.getByText('Traducción del programa', { exact: true }).waitFor();
    expect(await hoja.locator('.prose').getAttribute('lang')).toBe('es');
    expect(
      await page
        .getByRole('navigation', { name: 'Idioma de la hoja informativa' })
        .getByText('Español')
        .getAttribute('aria-current'),
    ).toBe('true');
    await expectAccessible(page, 'Dosificar la actividad');
    await page.screenshot({ path: '/tmp/spanish-shots/handout-es-390.png' });
    await page.screenshot({ path: '/tmp/spanish-shots/handout-es-390-full.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The same handout in English, one tap away.
    await page.getByRole('navigation', { name: 'Idioma de la hoja informativa' }).getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activity pacing' }).waitFor();
    expect(await page.getByText('Traducción del programa', { exact: true }).count()).toBe(0);

    await page.getByRole('link', { name: 'Ayuda en crisis' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ayuda en crisis' }).waitFor();
    await page.getByRole('link', { name: 'Llamar al 988 y luego marcar 1' }).waitFor();
    await expectAccessible(page, 'Ayuda en crisis');

    // Back to English for the rest of the demo.
    await abrirMenu(page);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Cómo comunicarse conmigo' }).click();
    await page.getByRole('radiogroup', { name: 'Idioma' }).getByRole('radio', { name: 'English' }).check();
    await page.getByRole('button', { name: 'Guardar preferencias' }).click();
    await page.getByRole('heading', { level: 1, name: 'How to reach me' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await signOut(page);

    // Before sign-in nobody is known: the device's language, chosen with "English / Español" and
    // kept on the device (ADR 0051). A refusal from the server comes in Spanish too.
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await page.getByRole('textbox', { name: 'Correo electrónico' }).fill('participant@example.org');
    await page.getByLabel('Contraseña', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'El correo electrónico o la contraseña no son correctos' }).waitFor();
    await expectAccessible(page, 'Iniciar sesión');
    await page.screenshot({ path: '/tmp/spanish-shots/sign-in-es-390.png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('link', { name: 'Iniciar sesión con un código' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión con un código' }).waitFor();
    await expectAccessible(page, 'Iniciar sesión con un código');
    await page.screenshot({ path: '/tmp/spanish-shots/sign-in-code-es-390.png' });
    await page.getByRole('link', { name: 'Iniciar sesión con una contraseña' }).click();
    await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
    await page.getByRole('heading', { level: 1, name: '¿Olvidó su contraseña?' }).waitFor();
    await expectAccessible(page, '¿Olvidó su contraseña?');
    // Back to English on this device for the rest of the demo.
    await page.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.close();
  });

  it(
    'opens a Spanish speaker’s invitation in Spanish, then Sign-in and security and the two-factor set-up',
    { timeout: 180_000 },
    async () => {
      const base = journey.server.url;
      const page = await journey.mobile.context.newPage();
      // A coordinator invites the demo participant who chose Spanish (and has no account yet).
      await signIn(page, base, 'coordinator@example.org');
      const me = (await (await page.request.get(`${base}/api/v1/me`)).json()) as {
        csrfToken: string;
        memberships: { programId: string }[];
      };
      const programId = me.memberships[0]!.programId;
      const api = `${base}/api/v1/programs/${programId}`;
      const rows = (await (await page.request.get(`${api}/participants`)).json()) as { id: string }[];
      let spanishId: string | null = null;
      for (const r of rows) {
        const p = (await (await page.request.get(`${api}/participants/${r.id}`)).json()) as { locale: string };
        if (p.locale === 'es') spanishId = r.id;
      }
      expect(spanishId).not.toBeNull();
      const invited = await page.request.post(`${api}/invitations`, {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { email: 'nuevo@example.org', role: 'participant', subjectId: spanishId, displayName: 'Nuevo' },
      });
      expect(invited.status()).toBe(201);
      const mails = (await (await page.request.get(`${api}/mail`)).json()) as { to: string; text: string }[];
      const text = mails.find((m) => m.to === 'nuevo@example.org')!.text;
      // The link says the participant's language; it is opened on this server's own origin (one device store).
      const path = /(\/invitation#token=[A-Za-z0-9_-]+&lang=es)\b/.exec(text)![1]!;
      await signOut(page);
      await page.getByRole('group', { name: 'Language' }).waitFor();

      await page.goto(`${base}${path}`);
      const h1 = page.getByRole('heading', { level: 1, name: 'Acepte su invitación' });
      await h1.waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      const box = (await h1.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectAccessible(page, 'Acepte su invitación');
      await page.getByLabel('Contraseña nueva', { exact: true }).fill('una frase bastante larga');
      await page.getByLabel('Repita la contraseña nueva', { exact: true }).fill('una frase bastante larga');
      await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
      await page.getByText('Su cuenta para nuevo@example.org está lista.').waitFor();

      // Signed in, the record's Spanish decides: Sign-in and security, and the two-factor set-up.
      await page.getByRole('link', { name: 'Iniciar sesión' }).click();
      await page.getByLabel('Contraseña', { exact: true }).fill('una frase bastante larga');
      await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
      await page.goto(`${base}/account/security`);
      await page.getByRole('heading', { level: 1, name: 'Inicio de sesión y seguridad' }).waitFor();
      await page.getByRole('button', { name: 'Configurar el inicio de sesión en dos pasos' }).click();
      await page.getByRole('img', { name: 'Código QR para su aplicación de autenticación' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectAccessible(page, 'Configurar el inicio de sesión en dos pasos');
      await page.getByRole('textbox', { name: 'Código de 6 dígitos' }).fill('000000');
      await page.getByRole('button', { name: 'Activar el inicio de sesión en dos pasos' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Ese código no es correcto. Revise la aplicación y pruebe el código más reciente.' })
        .waitFor();
      await page.close();
    },
  );
});
