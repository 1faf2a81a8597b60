import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

export const LOCK_FILE = 'kindred.lock';

/** Who holds a lock: enough to tell this process from a later one that reuses its pid. */
export interface LockHolder {
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat field 22); null off Linux. */
  startTime: number | null;
  /** /proc/sys/kernel/random/boot_id: changes at every boot; null off Linux. */
  bootId: string | null;
  host: string;
  at: string;
}

export interface DirLock {
  path: string;
  /** Why an earlier lock was taken over (its process is gone: an unclean stop), or null after a clean one. */
  tookOver: string | null;
  release(): void;
}

function readOr<T>(path: string, parse: (s: string) => T, fallback: T): T {
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch {
    return fallback;
  }
}

/** The start time of a process in clock ticks since boot, or null where /proc cannot say. */
export function processStartTime(pid: number | 'self'): number | null {
  return readOr(
    `/proc/${pid}/stat`,
    (s) => {
      // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
      const fields = s.slice(s.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[19]); // field 22 overall; fields[0] is field 3
      return Number.isSafeInteger(ticks) ? ticks : null;
    },
    null,
  );
}

export function bootId(): string | null {
  return readOr('/proc/sys/kernel/random/boot_id', (s) => s.trim() || null, null);
}

export function currentHolder(now = new Date()): LockHolder {
  return { pid: process.pid, startTime: processStartTime('self'), bootId: bootId(), host: hostname(), at: now.toISOString() };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h !== 'object' || h === null || !Number.isSafeInteger(h.pid) || (h.pid as number) <= 0) return null;
    return {
      pid: h.pid as number,
      startTime: typeof h.startTime === 'number' ? h.startTime : null,
      bootId: typeof h.bootId === 'string' ? h.bootId : null,
      host: typeof h.host === 'string' ? h.host : '',
      at: typeof h.at === 'string' ? h.at : '',
    };
  } catch {
    return null;
  }
}

/**
 * Whether the process named by a lock file is gone, and why. Null: it may still run, so the lock holds.
 * Exported for tests; `me` is this process as the lock would record it.
 */
export function staleReason(text: string, me: LockHolder = currentHolder()): string | null {
  const holder = parseHolder(text);
  if (!holder) return 'the lock file was empty or unreadable (a power cut while it was written?)';
  if (holder.host !== me.host)
    return `the lock was written on another host (${holder.host || 'unknown'}): a copied or restored data directory`;
  if (holder.bootId && me.bootId && holder.bootId !== me.bootId) return 'the machine has restarted since the lock was written';
  if (!isAlive(holder.pid)) return `process ${holder.pid} no longer runs`;
  if (holder.startTime !== null) {
    const now = processStartTime(holder.pid);
    if (now !== null && now !== holder.startTime)
      return `process ${holder.pid} is a different program that reused the pid (it started at another time)`;
  }
  return null;
}

function writeExclusive(path: string, content: string): boolean {
  // The content is written and synced under a private name, then linked into place: the lock file
  // appears whole or not at all, so a power cut cannot leave an empty one behind.
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** A short-lived guard so that two processes finding the same stale lock cannot both take it over. */
function withTakeoverGuard<T>(dir: string, fn: () => T): T | null {
  const guard = join(dir, `${LOCK_FILE}.takeover`);
  try {
    // A guard older than a minute was left by a process that died in the middle of a takeover.
    if (Date.now() - statSync(guard).mtimeMs > 60_000) rmSync(guard, { force: true });
  } catch {
    // no guard
  }
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  }
  closeSync(fd);
  try {
    return fn();
  } finally {
    rmSync(guard, { force: true });
  }
}

/**
 * Takes an exclusive lock on the data directory. PGlite has no lock of its own and two writers
 * corrupt it, so a second process must refuse to start. The lock names its holder by pid, process
 * start time, boot id and host (ADR 0019): a lock is taken over when it is empty or unreadable, was
 * written on another host or before a reboot, or its process is gone or is another program that
 * reused the pid. A live holder is always refused.
 */
export function lockDataDir(dir: string): DirLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, LOCK_FILE);
  const me = currentHolder();
  const content = JSON.stringify(me);
  let tookOver: string | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (writeExclusive(path, content)) {
      let released = false;
      return {
        path,
        tookOver,
        release: () => {
          if (released) return;
          released = true;
          // Only our own lock is removed.
          if (readOr(path, (s) => s, '') === content) rmSync(path, { force: true });
        },
      };
    }
    const text = readOr(path, (s) => s, null);
    if (text === null) continue; // removed meanwhile: try again
    const reason = staleReason(text, me);
    if (reason === null) {
      const holder = parseHolder(text);
      throw new DataDirLockedError(
        `The data directory ${dir} is in use by another Kindred process (pid ${holder?.pid ?? 'unknown'}). ` +
          'Stop that process first; two processes on one embedded database would corrupt it.',
      );
    }
    const removed = withTakeoverGuard(dir, () => {
      // Under the guard, remove the stale lock only if it is still the one judged stale.
      if (readOr(path, (s) => s, null) !== text) return false;
      rmSync(path, { force: true });
      return true;
    });
    if (removed) tookOver = reason;
  }
  throw new DataDirLockedError(`Could not lock ${dir}: another process is taking it at the same time`);
}
