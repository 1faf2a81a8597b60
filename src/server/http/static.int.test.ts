import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../platform/context';
import { freshDatabase } from '../testing/harness';
import { buildApp, DEFAULT_WEB_DIR, staticCacheControl, type App } from './app';

const ENTRY = 'index-AbCd12_-.js';
const PAGE_CHUNK = 'plans-Zy9x8W7v.js';
const YEAR = 'public, max-age=31536000, immutable';

/** A built web app in miniature: index.html naming a hashed entry chunk, a lazy chunk and the favicon (ADR 0018). */
function writeWebDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><script type="module" crossorigin src="/assets/${ENTRY}"></script></head><body><div id="root"></div></body></html>`,
  );
  writeFileSync(join(dir, 'assets', ENTRY), 'import("./plans-Zy9x8W7v.js");\n');
  writeFileSync(join(dir, 'assets', PAGE_CHUNK), 'export const page = 1;\n');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // What the build's precompress step writes beside each file (vite.config.ts).
  for (const file of ['index.html', `assets/${ENTRY}`]) {
    const data = readFileSync(join(dir, file));
    writeFileSync(join(dir, `${file}.br`), brotliCompressSync(data));
    writeFileSync(join(dir, `${file}.gz`), gzipSync(data));
  }
  return dir;
}

describe('the web app’s files: cache headers and CSP', () => {
  let app: App;
  let webDir: string;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    webDir = writeWebDir();
    // No API request is made here; the database holds only the rate-limit counters (ADR 0043).
    database = await freshDatabase();
    app = await buildApp({
      deps: { db: database.db.db } as Deps,
      session: { idleMinutes: 30, maxHours: 12 },
      cookieSecure: false,
      logger: false,
      webDir,
      isDemo: false,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('lets browsers keep hashed chunks (the entry and the lazily loaded pages) for a year', async () => {
    for (const name of [ENTRY, PAGE_CHUNK]) {
      const res = await get(`/assets/${name}`);
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['content-type'], name).toMatch(/javascript/);
      expect(res.headers['cache-control'], name).toBe(YEAR);
    }
  });

  it('makes browsers revalidate index.html, on / and on every page address, so a release is picked up', async () => {
    for (const url of ['/', '/sign-in', '/programs/0b6f5a1e-0000-4000-8000-000000000000/today']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain(`/assets/${ENTRY}`);
    }
  });

  it('counts only API requests against the rate limit: the app’s own files write nothing and are never refused', async () => {
    const counters = async () => {
      const [row] = (await database.db.rawQuery('select count(*) as n from rate_limits')) as { n: number | string }[];
      return Number(row!.n);
    };
    const before = await counters();
    for (let i = 0; i < 3; i++) expect((await get(`/assets/${ENTRY}`)).statusCode).toBe(200);
    expect((await get('/favicon.svg')).statusCode).toBe(200);
    expect(await counters()).toBe(before);
    await get('/api/v1/health');
    expect(await counters()).toBe(before + 1);
  });

  it('revalidates unhashed files such as the favicon', async () => {
    const res = await get('/favicon.svg');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('sends the precompressed file to browsers that accept it, with the same cache headers', async () => {
    const plain = readFileSync(join(webDir, 'assets', ENTRY));
    const br = await app.inject({ method: 'GET', url: `/assets/${ENTRY}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe(YEAR);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload)).toEqual(plain);

    const gz = await app.inject({ method: 'GET', url: `/assets/${ENTRY}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload)).toEqual(plain);

    const page = await app.inject({ method: 'GET', url: '/sign-in', headers: { 'accept-encoding': 'br' } });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(page.rawPayload).toString()).toContain(`/assets/${ENTRY}`);

    // A file without a compressed copy, or a browser that asks for none, gets the file as it is.
    const lazy = await app.inject({ method: 'GET', url: `/assets/${PAGE_CHUNK}`, headers: { 'accept-encoding': 'br' } });
    expect(lazy.headers['content-encoding']).toBeUndefined();
    expect(lazy.body).toContain('export const page');
    expect((await get(`/assets/${ENTRY}`)).headers['content-encoding']).toBeUndefined();
  });

  it('answers a chunk that is not there (an old release’s) with 404, not with index.html', async () => {
    const res = await get('/assets/plans-00000000.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/json/);
  });

  it('sends the strict CSP with the page: scripts and styles from this origin only, nothing inline', async () => {
    const csp = String((await get('/')).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('tells hashed build files from the rest', () => {
    expect(staticCacheControl('/srv/web/assets/index-BRrX3j0A.js')).toBe(YEAR);
    expect(staticCacheControl('/srv/web/assets/programs.api-CroHpz9q.js')).toBe(YEAR);
    expect(staticCacheControl('/srv/web/assets/index-CY7N1un3.css')).toBe(YEAR);
    expect(staticCacheControl('/srv/web/assets/index-CY7N1un3.css.br')).toBe(YEAR);
    expect(staticCacheControl('/srv/web/index.html.gz')).toBe('no-cache');
    expect(staticCacheControl('/srv/web/index.html')).toBe('no-cache');
    expect(staticCacheControl('/srv/web/favicon.svg')).toBe('no-cache');
    // The service worker and the manifest are asked for again on every visit, so a release reaches an installed app (ADR 0042).
    expect(staticCacheControl('/srv/web/sw.js')).toBe('no-cache');
    expect(staticCacheControl('/srv/web/manifest.webmanifest')).toBe('no-cache');
  });
});

// The real build (npm test builds it first): Vite must not have put inline code into index.html,
// which the CSP would block (the module preload polyfill is off in vite.config.ts).
describe.skipIf(!existsSync(join(DEFAULT_WEB_DIR, 'index.html')))('the built index.html', () => {
  it('loads scripts and styles only from files', () => {
    const html = readFileSync(join(DEFAULT_WEB_DIR, 'index.html'), 'utf8');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
    expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('links the manifest, and its service worker keeps every file index.html names, the manifest and its icons, and nothing from /api (ADR 0042)', () => {
    const html = readFileSync(join(DEFAULT_WEB_DIR, 'index.html'), 'utf8');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
    const worker = readFileSync(join(DEFAULT_WEB_DIR, 'sw.js'), 'utf8');
    const kept = JSON.parse(/const PRECACHE = (\[[^\]]*\]);/.exec(worker)?.[1] ?? '[]') as string[];
    const named = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(3);
    for (const file of [...named, '/index.html', '/icon-192.png', '/icon-512.png']) expect(kept).toContain(file);
    expect(kept.filter((f) => f.startsWith('/api'))).toEqual([]);
    expect(worker).not.toContain('__KINDRED_');
  });
});
