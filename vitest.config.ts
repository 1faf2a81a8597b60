import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Four projects: unit (pure rules), web (components in happy-dom), integration (routes and SQL on
 * PGlite, or PostgreSQL when DATABASE_URL is set) and e2e (Chromium journeys against a real server).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          // Pure functions with no mocks or global state: files share a worker's module cache
          // instead of importing everything again (about half the time of the project, ADR 0027).
          isolate: false,
        },
      },
      {
        plugins: [react()],
        test: { name: 'web', sequence: { groupOrder: 1 }, include: ['src/web/**/*.test.tsx'], environment: 'happy-dom' },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 2 },
          include: ['src/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['src/server/testing/global-setup.ts'],
          // Every file builds its own app on its own database (harness.ts) and none mocks a module,
          // so files share a worker's module cache instead of importing the whole server again.
          isolate: false,
          // Files mostly wait on databases and child processes; on a 2-core machine the default
          // (cores - 1) would run them one at a time.
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 3 },
          include: ['e2e/specs/**/*.e2e.test.ts'],
          environment: 'node',
          // Picks the Chromium (system or npm) once and says which; stops the run if there is none.
          globalSetup: ['e2e/fixtures/global-setup.ts'],
          // One spec file at a time (each with its own server, a copy of the seeded template, and
          // browsers): a single journey already keeps two cores busy, and two at once were slower
          // overall (ADR 0027). The limits are guards against hangs, not speed checks.
          maxWorkers: 1,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
