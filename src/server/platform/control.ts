import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { z } from 'zod';

/**
 * The running server's control socket (ADR 0019): a unix socket in the data directory, mode 0600,
 * so only the account that runs Kindred (or root) can connect. It answers one request, a backup:
 * `kindred backup` cannot open a locked database, so it asks the server that holds it.
 * One JSON line each way.
 */
const Request = z.object({ command: z.literal('backup'), out: z.string().min(1).nullable() });
const Reply = z.union([
  z.object({ ok: z.literal(true), file: z.string(), bytes: z.number() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ControlReply = z.infer<typeof Reply>;

/** Unix socket paths are limited to about 107 bytes. */
export const MAX_SOCKET_PATH = 100;

export class ControlUnavailableError extends Error {
  override name = 'ControlUnavailableError';
}

export async function serveControl(
  path: string,
  backup: (out: string | null) => Promise<{ file: string; bytes: number }>,
): Promise<Server | null> {
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) return null;
  // Left by a process that died (the caller holds the data directory's lock, so no live server owns it).
  rmSync(path, { force: true });
  const server = createServer((conn) => {
    let buf = '';
    conn.setEncoding('utf8');
    conn.on('error', () => undefined);
    conn.on('data', (chunk: string) => {
      buf += chunk;
      if (buf.length > 8192) return conn.destroy();
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      conn.pause();
      let reply: Promise<ControlReply>;
      const parsed = (() => {
        try {
          return Request.safeParse(JSON.parse(buf.slice(0, nl)));
        } catch {
          return null;
        }
      })();
      if (!parsed?.success) reply = Promise.resolve({ ok: false, error: 'unknown request' });
      else
        reply = backup(parsed.data.out).then(
          (r): ControlReply => ({ ok: true, file: r.file, bytes: r.bytes }),
          (err: Error): ControlReply => ({ ok: false, error: err.message.split('\n')[0]! }),
        );
      void reply.then((r) => conn.end(`${JSON.stringify(r)}\n`));
    });
  });
  // Created 0600 from the start (umask), not only after a chmod.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  chmodSync(path, 0o600);
  return server;
}

/** Asks the server that holds the data directory to take a backup; resolves with where it wrote it. */
export function requestBackup(
  path: string,
  out: string | null,
  timeoutMs = 30 * 60_000,
): Promise<{ file: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const conn = createConnection(path);
    let buf = '';
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new Error('The running server did not finish the backup in time'));
    }, timeoutMs);
    conn.setEncoding('utf8');
    conn.on('connect', () => conn.write(`${JSON.stringify({ command: 'backup', out })}\n`));
    conn.on('data', (c: string) => (buf += c));
    conn.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        ['ENOENT', 'ECONNREFUSED', 'EACCES', 'ENOTSOCK'].includes(err.code ?? '')
          ? new ControlUnavailableError(`no Kindred server answers on ${path} (${err.code})`)
          : err,
      );
    });
    conn.on('end', () => {
      clearTimeout(timer);
      try {
        const reply = Reply.parse(JSON.parse(buf));
        if (reply.ok) resolve({ file: reply.file, bytes: reply.bytes });
        else reject(new Error(`The running server could not take the backup: ${reply.error}`));
      } catch {
        reject(new Error('The running server gave no answer to the backup request'));
      }
    });
  });
}
