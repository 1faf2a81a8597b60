import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/platform/database';
import { runCli as run } from './run-cli.testing';
import {
  freePort,
  serveProcess,
  START_TIMEOUT_MS,
  stopProcess,
  untilOutput,
  untilRunning,
  type ServerProcess,
} from './serve-process.testing';

describe('kindred backup and restore against a running server', () => {
  let root: string;
  let dataDir: string;
  let server: ServerProcess | undefined;
  let archive = '';

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kindred-cli-backup-'));
    dataDir = join(root, 'data');
    server = serveProcess(dataDir, await freePort(), { KINDRED_LOG_LEVEL: 'info' });
    await untilRunning(server);
  }, START_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    await stopProcess(server);
    rmSync(root, { recursive: true, force: true });
  }, 30_000);

  it('warns at start that PGlite does not fsync and production belongs on PostgreSQL', async () => {
    await untilOutput(server!, /a power cut or crash can corrupt it/);
    expect(server!.stdout()).toContain('Use PostgreSQL (DATABASE_URL) for production');
    expect(statSync(join(dataDir, 'kindred.sock')).mode & 0o777).toBe(0o600);
  });

  it('asks the running server for the backup and says where it is', async () => {
    const r = await run(['backup'], { KINDRED_DATA_DIR: dataDir });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const m = /^Backup written to (.+) by the running server\n$/.exec(r.out);
    expect(m).not.toBeNull();
    archive = m![1]!;
    expect(archive.startsWith(join(dataDir, 'backups'))).toBe(true);
    expect(existsSync(archive)).toBe(true);
    await untilOutput(server!, /"msg":"backup written"/);
  }, 180_000);

  it('restores that archive into an empty directory and prints what it restored', async () => {
    const target = join(root, 'restored');
    const r = await run(['restore', archive, '--data-dir', target]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Restored ${join(target, 'db')} from ${archive}`);
    expect(r.out).toMatch(/\d+ files matched their checksums; the database opened and passed its check \(\d+ indexes verified\)/);
    expect(r.out).toMatch(/\d+ tables, \d+ rows: [a-z_]+ \d+, /);
    expect(readdirSync(target)).toEqual(['db']);

    const again = await run(['restore', archive, '--data-dir', target]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('add --replace');
  }, 180_000);

  it('refuses an altered archive with exit 2, touching nothing', async () => {
    const bad = join(root, 'bad.tar.gz');
    const bytes = readFileSync(archive);
    writeFileSync(bad, bytes.subarray(0, bytes.length - 100));
    const target = join(root, 'never');
    const r = await run(['restore', bad, '--data-dir', target]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is not a readable backup archive');
    expect(existsSync(target)).toBe(false);
  }, 60_000);

  it(
    'after a crash, the next start takes over the lock, checks the database and says what it found',
    async () => {
      server!.child.kill('SIGKILL');
      await server!.exited;
      expect(existsSync(join(dataDir, 'kindred.lock'))).toBe(true);
      server = serveProcess(dataDir, await freePort(), { KINDRED_LOG_LEVEL: 'info' });
      await untilRunning(server);
      await untilOutput(server, /the previous Kindred process did not stop cleanly/);
      await untilOutput(
        server,
        /database check after an unclean stop: \d+ tables, \d+ rows, migration level \d+, \d+ indexes verified; no problems found/,
      );
      // The second server answers `kindred backup` as the first did.
      const r = await run(['backup', '--out', join(root, 'second.tar.gz')], { KINDRED_DATA_DIR: dataDir });
      expect(r.out).toBe(`Backup written to ${join(root, 'second.tar.gz')} by the running server\n`);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(readdirSync(dataDir).sort()).toEqual(['backups', 'db']);
    },
    START_TIMEOUT_MS + 120_000,
  );

  it('moves a database an earlier Kindred kept straight in the data directory into db/, and starts despite its old lock', async () => {
    const legacy = join(root, 'legacy');
    const old = await openDatabase({ kind: 'pglite', dataDir: legacy });
    await old.rawQuery('create table kept (n int)');
    await old.rawQuery('insert into kept values (1), (2), (3)');
    await old.close();
    mkdirSync(join(legacy, 'backups'));
    writeFileSync(join(legacy, 'backups', 'kindred-2026-01-01T00-00-00.tar.gz'), 'an old archive');
    // The lock an earlier Kindred wrote on the machine this directory was copied from.
    writeFileSync(join(legacy, 'kindred.lock'), JSON.stringify({ pid: 1, host: 'old-server.example.org', at: '2026-01-01' }));

    const r = await run(['migrate'], { KINDRED_DATA_DIR: legacy });
    expect(r.code).toBe(0);
    expect(r.err).toContain('did not stop cleanly (the lock was written on another host (old-server.example.org)');
    expect(readdirSync(legacy).sort()).toEqual(['backups', 'db']);
    expect(existsSync(join(legacy, 'db', 'PG_VERSION'))).toBe(true);

    const b = await run(['backup', '--out', join(root, 'legacy.tar.gz')], { KINDRED_DATA_DIR: legacy });
    expect(b.code).toBe(0);
    const restored = await run(['restore', join(root, 'legacy.tar.gz'), '--data-dir', join(root, 'legacy-restored')]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('kept 3');
  }, 300_000);
});
