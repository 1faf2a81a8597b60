import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  serveProcess as serve,
  START_TIMEOUT_MS,
  stopProcess,
  untilRunning,
  type ServerProcess as Proc,
} from '../../cli/serve-process.testing';

describe('one server per data directory', () => {
  let dir: string;
  let first: Proc;
  let firstPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-serve-'));
    firstPort = await freePort();
    first = serve(dir, firstPort);
    await untilRunning(first);
  }, START_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    await stopProcess(first);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('starts on the embedded database and says where it is', () => {
    expect(first.stdout()).toContain(`Kindred is running at http://localhost:${firstPort} (embedded database in ${dir})`);
    expect(existsSync(join(dir, 'kindred.lock'))).toBe(true);
  });

  it(
    'refuses a second server on the same data directory with exit code 3, naming the directory in use',
    async () => {
      const second = serve(dir, await freePort());
      const code = await second.exited;
      expect(code).toBe(3);
      expect(second.stderr()).toContain(
        `The data directory ${dir} is in use by another Kindred process (pid ${first.child.pid})`,
      );
      expect(second.stdout()).not.toContain('Kindred is running');
    },
    START_TIMEOUT_MS,
  );

  it('keeps the first server answering', async () => {
    const res = await fetch(`http://127.0.0.1:${firstPort}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('releases the lock when the first server stops cleanly', async () => {
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dir, 'kindred.lock'))).toBe(false);
  }, 30_000);
});
