import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web app: built from index.html to dist/web, which the Fastify server serves. */
export default defineConfig({
  plugins: [react()],
  // Static files copied as they are (the favicon); the repository root stays free of web assets.
  publicDir: 'src/web/public',
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // The CSP allows scripts and styles from 'self' only: no inline polyfill script.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into CSS or JS.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
