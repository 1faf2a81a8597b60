import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/kindred.mjs', import.meta.url));
const START_TIMEOUT_MS = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The environment of a real deployment on the embedded database: nothing inherited that would change that. */
function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('KINDRED_') && !['DATABASE_URL', 'PORT', 'SMTP_URL'].includes(k)),
  );
  return {
    ...env,
    KINDRED_DATA_DIR: dataDir,
    PORT: String(port),
    KINDRED_DEMO: 'false',
    KINDRED_LOG_LEVEL: 'silent',
    KINDRED_BACKUP_HOURS: '0',
  };
}

interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function serve(dataDir: string, port: number): Proc {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: serverEnv(dataDir, port), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

function untilRunning(p: Proc): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start; stderr: ${p.stderr()}`)), START_TIMEOUT_MS);
    const check = () => {
      if (p.stdout().includes('Kindred is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    p.child.stdout!.on('data', check);
    check();
    void p.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting; stderr: ${p.stderr()}`));
    });
  });
}

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
    if (first && first.child.exitCode === null && first.child.signalCode === null) {
      first.child.kill('SIGTERM');
      const timer = setTimeout(() => first.child.kill('SIGKILL'), 15_000);
      await first.exited;
      clearTimeout(timer);
    }
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
