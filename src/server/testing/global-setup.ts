import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../platform/database';

/**
 * Migrates one in-memory PGlite database and saves its data directory, so each test file starts
 * from a copy in about a second instead of migrating again. On PostgreSQL each file makes its own
 * database instead (see harness.ts).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-template-'));
  const file = join(dir, 'migrated.tar');
  if (!process.env.DATABASE_URL) {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    const dump = await db.pglite!.dumpDataDir('none');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
  }
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
