import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../server/platform/lock';
import { runCli as run } from './run-cli.testing';

describe('the kindred command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists its commands on --help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'user', 'backup'])
      expect(r.out).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('exits 2 on an unknown command', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('frobnicate');
  });

  it('exits 2 on a bad PORT, naming PORT and not the value', async () => {
    const r = await run(['serve'], { PORT: 'not-a-port-zx81', KINDRED_DATA_DIR: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('PORT');
    expect(r.err).not.toContain('not-a-port-zx81');
    expect(r.out).toBe('');
  });

  it('exits 2 on an invalid curriculum file, naming the file and the field, touching no database', async () => {
    const own = join(dir, 'own-curriculum');
    mkdirSync(own);
    writeFileSync(join(own, 'sleep.md'), '---\nkey: sleep\ntitle: Sleep\nversion: soon\n---\n');
    const r = await run(['serve'], { KINDRED_CURRICULUM_DIR: own, KINDRED_DATA_DIR: join(dir, 'never-created') });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Invalid curriculum:\n  ${join(own, 'sleep.md')}: version: Expected a whole number`);
    expect(readdirSync(dir)).not.toContain('never-created');
  });

  it('refuses a short password for user create with exit 2, touching no database', async () => {
    const r = await run(['user', 'create', '--email', 'admin@example.org', '--name', 'Admin', '--admin'], {
      KINDRED_PASSWORD: 'short',
      KINDRED_DATA_DIR: join(dir, 'never-created'),
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('at least 12 characters');
    expect(readdirSync(dir)).not.toContain('never-created');
  });

  it('refuses bad user create options with exit 2', async () => {
    const env = { KINDRED_PASSWORD: 'long enough password', KINDRED_DATA_DIR: join(dir, 'never-created') };
    expect((await run(['user', 'create', '--email', 'not-an-address', '--name', 'X'], env)).code).toBe(2);
    expect((await run(['user', 'create', '--email', 'a@example.org', '--name', 'X', '--role', 'coach'], env)).code).toBe(2);
    expect((await run(['user', 'create', '--email', 'a@example.org'], env)).code).toBe(2);
    expect(readdirSync(dir)).not.toContain('never-created');
  });

  it('tells PostgreSQL deployments to use pg_dump, exit 2, without echoing the URL', async () => {
    const r = await run(['backup'], { DATABASE_URL: 'postgres://kindred:hunter2-secret@127.0.0.1:1/kindred' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('pg_dump');
    expect(r.err).not.toContain('hunter2-secret');
  });

  it('exits 3 when another process holds the data directory', async () => {
    const held = join(dir, 'held');
    const lock = lockDataDir(held);
    try {
      const r = await run(['backup'], { KINDRED_DATA_DIR: held });
      expect(r.code).toBe(3);
      expect(r.err).toContain(`The data directory ${held} is in use`);
    } finally {
      lock.release();
    }
  });

  it('writes a gzip’d backup of the embedded database into <data dir>/backups and releases the lock', async () => {
    const dataDir = join(dir, 'data');
    const r = await run(['backup'], { KINDRED_DATA_DIR: dataDir });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(join(dataDir, 'backups'));
    expect(files).toEqual([expect.stringMatching(/^kindred-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.tar\.gz$/)]);
    const file = join(dataDir, 'backups', files[0]!);
    expect(r.out).toBe(`Backup written to ${file}\n`);
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(1000);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(readdirSync(dataDir).sort()).toEqual(['backups', 'db']);
  }, 120_000);
});
