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
 * accessible. Signed out, the sign-in pages switch to Español and say a refusal in Spanish.
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
});
