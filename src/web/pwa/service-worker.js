/* Kindred's service worker (ADR 0042): keeps the built app (HTML, scripts, styles, icons) so the
 * coach's pages open without a connection. It never touches /api: personal data is not kept in
 * Cache Storage; a coach's answers are kept by the page itself (IndexedDB, cleared on sign-out).
 * The build replaces PRECACHE and VERSION (vite.config.ts, serviceWorker()). */
const PRECACHE = self.__KINDRED_PRECACHE__;
const VERSION = self.__KINDRED_VERSION__;
const CACHE = `kindred-app-${VERSION}`;
const SHELL = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kindred-app-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // A page address: the network first (a new release, the server's headers), the kept app offline.
    event.respondWith(
      fetch(request).catch(() =>
        caches
          .open(CACHE)
          .then((cache) => cache.match(SHELL))
          .then((r) => r || Response.error()),
      ),
    );
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(url.pathname))
      .then((hit) => hit || fetch(request)),
  );
});
