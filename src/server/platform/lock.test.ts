import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const lockFile = () => join(dir, 'kindred.lock');
  /** The pid of a process that has exited. */
  const deadPid = () => {
    const r = spawnSync(process.execPath, ['-e', '']);
    if (typeof r.pid !== 'number') throw new Error('no pid');
    return r.pid;
  };

  it('writes a lock file naming this process, and release removes it', () => {
    const lock = lockDataDir(dir);
    expect(lock.path).toBe(lockFile());
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('refuses a second lock on the same directory, naming the directory and the holder', () => {
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(
      new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another Kindred process \\(pid ${process.pid}\\)`),
    );
    lock.release();
  });

  it('can be taken again after release; releasing twice is harmless', () => {
    const first = lockDataDir(dir);
    first.release();
    const second = lockDataDir(dir);
    first.release();
    expect(existsSync(lockFile())).toBe(true);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    second.release();
  });

  it('takes over a stale lock left by a process that no longer runs on this host', () => {
    const pid = deadPid();
    writeFileSync(lockFile(), JSON.stringify({ pid, host: hostname(), at: '2026-01-01T00:00:00.000Z' }));
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('does not take over a lock held by a live process', () => {
    const holder = { pid: process.ppid, host: hostname(), at: '2026-01-01T00:00:00.000Z' };
    writeFileSync(lockFile(), JSON.stringify(holder));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toEqual(holder);
  });

  it('does not take over a lock from another host, whose processes it cannot see', () => {
    writeFileSync(lockFile(), JSON.stringify({ pid: deadPid(), host: `${hostname()}-elsewhere` }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it('treats an unreadable lock file as held', () => {
    writeFileSync(lockFile(), 'not json');
    expect(() => lockDataDir(dir)).toThrow(/pid unknown/);
    expect(readFileSync(lockFile(), 'utf8')).toBe('not json');
  });

  it('creates a missing data directory', () => {
    const nested = join(dir, 'a', 'b');
    const lock = lockDataDir(nested);
    expect(existsSync(join(nested, 'kindred.lock'))).toBe(true);
    lock.release();
  });
});
