import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a .br and a .gz beside each text file of the build; the server sends them to browsers that
 * accept them (@fastify/static `preCompressed`), so a phone downloads a fraction of the bytes (ADR 0018).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'kindred-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
        if (!/\.(js|css|html|svg)$/.test(file)) continue;
        const path = join(outDir, file);
        const data = readFileSync(path);
        writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * Emits /sw.js, the service worker (src/web/pwa/service-worker.js), with the list of every built
 * file and the public files to keep for offline use and a version that changes with them (ADR 0042).
 * Every page chunk is kept, since pages load on demand (ADR 0018) and a call may open any of them.
 */
function serviceWorker(): Plugin {
  let root = '';
  let publicDir = '';
  return {
    name: 'kindred-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((f) => f !== 'index.html' && !f.endsWith('.map'));
      const publicFiles = readdirSync(publicDir).filter((f) => !f.startsWith('.'));
      const files = ['/index.html', ...[...publicFiles, ...built].sort().map((f) => `/${f}`)];
      const version = createHash('sha256')
        .update(files.join('\n'))
        .update(readFileSync(join(root, 'index.html')))
        .digest('hex');
      const source = readFileSync(join(root, 'src/web/pwa/service-worker.js'), 'utf8')
        .replace('self.__KINDRED_PRECACHE__', JSON.stringify(files))
        .replace('self.__KINDRED_VERSION__', JSON.stringify(version.slice(0, 16)));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/** The web app: built from index.html to dist/web, which the Fastify server serves. */
export default defineConfig({
  plugins: [react(), serviceWorker(), precompress()],
  // Static files copied as they are (the favicon); the repository root stays free of web assets.
  publicDir: 'src/web/public',
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // The CSP allows scripts and styles from 'self' only: no inline polyfill script.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into CSS or JS.
    assetsInlineLimit: 0,
    rolldownOptions: {
      // Pages load on demand (src/web/app/pages.tsx, ADR 0018). A feature's index.ts only re-exports:
      // saying so lets a page that needs one helper from another feature leave that feature's pages
      // out of its chunk (otherwise every feature's api, which imports programKey from the programs
      // index, would drag all pages into the first download).
      treeshake: { moduleSideEffects: (id) => !/[\\/]src[\\/]web[\\/]features[\\/][^\\/]+[\\/]index\.ts$/.test(id) },
      output: {
        // Libraries change less often than Kindred: in chunks of their own they stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/ },
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
