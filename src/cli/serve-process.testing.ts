import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/kindred.mjs', import.meta.url));
export const START_TIMEOUT_MS = 120_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `kindred serve` on the embedded database in `dataDir`, with nothing inherited that would change that. */
export function serveProcess(dataDir: string, port: number, env: Record<string, string> = {}): ServerProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('KINDRED_') && !['DATABASE_URL', 'PORT', 'SMTP_URL'].includes(k)),
  );
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...inherited,
      KINDRED_DATA_DIR: dataDir,
      PORT: String(port),
      KINDRED_DEMO: 'false',
      KINDRED_LOG_LEVEL: 'silent',
      KINDRED_BACKUP_HOURS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

export function untilRunning(p: ServerProcess): Promise<void> {
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

/** Stops a server still running (SIGTERM, then SIGKILL after 15 s). */
export async function stopProcess(p: ServerProcess | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
  await p.exited;
  clearTimeout(timer);
}

/** Waits until the server has written `pattern` to standard output (pino writes asynchronously). */
export async function untilOutput(p: ServerProcess, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(p.stdout());
    if (m) return m[0];
    if (Date.now() > deadline) throw new Error(`the server did not write ${pattern}; it wrote:\n${p.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
