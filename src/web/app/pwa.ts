/**
 * Installs the service worker that keeps the built app for offline use (ADR 0042). Only in a built
 * app (the Vite dev server has no /sw.js) and only where the page is a secure context, which
 * service workers need (https, or localhost).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', () => {
    // A refusal (a browser that keeps no workers, e.g. some private windows) is an answer, not a
    // fault: Kindred works as before online, and there is nothing for the person to do.
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}
