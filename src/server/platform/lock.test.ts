import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootId, DataDirLockedError, lockDataDir, processStartTime } from './lock';

const onLinux = existsSync('/proc/self/stat') && bootId() !== null;

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
  /** A lock as a live process `pid` on this host and boot would have written it. */
  const holder = (pid: number, over: Record<string, unknown> = {}) => ({
    pid,
    startTime: processStartTime(pid),
    bootId: bootId(),
    host: hostname(),
    at: '2026-01-01T00:00:00.000Z',
    ...over,
  });

  it('writes a lock naming this process (pid, start time, boot, host), and release removes it', () => {
    const lock = lockDataDir(dir);
    expect(lock.path).toBe(lockFile());
    expect(lock.tookOver).toBeNull();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({
      pid: process.pid,
      host: hostname(),
      startTime: processStartTime('self'),
      bootId: bootId(),
    });
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a second lock on the same directory while this process holds it, naming the directory and the holder', () => {
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

  it('takes over a lock left by a process that no longer runs, and says so', () => {
    const pid = deadPid();
    writeFileSync(lockFile(), JSON.stringify(holder(pid, { startTime: 1 })));
    const lock = lockDataDir(dir);
    expect(lock.tookOver).toBe(`process ${pid} no longer runs`);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('does not take over a lock held by a live process', () => {
    const live = holder(process.ppid);
    writeFileSync(lockFile(), JSON.stringify(live));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toEqual(live);
  });

  it('does not take over a lock of an earlier Kindred that recorded only pid and host, while that pid runs', () => {
    writeFileSync(lockFile(), JSON.stringify({ pid: process.ppid, host: hostname(), at: '2026-01-01T00:00:00.000Z' }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it.runIf(onLinux)('takes over a lock whose pid now belongs to another program (pid reuse: the start time differs)', () => {
    // Kindred as PID 1 in a restarted container: the pid is its own, but it started at another time.
    writeFileSync(lockFile(), JSON.stringify(holder(process.pid, { startTime: processStartTime('self')! - 100 })));
    const lock = lockDataDir(dir);
    expect(lock.tookOver).toMatch(/reused the pid/);
    lock.release();
    writeFileSync(lockFile(), JSON.stringify(holder(process.ppid, { startTime: processStartTime(process.ppid)! + 1 })));
    lockDataDir(dir).release();
  });

  it.runIf(onLinux)('takes over a lock written before the machine restarted (another boot id)', () => {
    writeFileSync(lockFile(), JSON.stringify(holder(process.ppid, { bootId: '00000000-0000-0000-0000-000000000000' })));
    const lock = lockDataDir(dir);
    expect(lock.tookOver).toBe('the machine has restarted since the lock was written');
    lock.release();
  });

  it('takes over a lock written on another host (a copied or restored data directory), naming the host', () => {
    writeFileSync(lockFile(), JSON.stringify(holder(process.ppid, { host: 'old-server.example.org', bootId: 'elsewhere' })));
    const lock = lockDataDir(dir);
    expect(lock.tookOver).toContain('another host (old-server.example.org)');
    lock.release();
  });

  it('takes over an empty or unreadable lock file (a power cut while it was written)', () => {
    writeFileSync(lockFile(), '');
    const lock = lockDataDir(dir);
    expect(lock.tookOver).toMatch(/empty or unreadable/);
    lock.release();
    writeFileSync(lockFile(), 'not json');
    lockDataDir(dir).release();
    writeFileSync(lockFile(), '{"pid":"12"}');
    lockDataDir(dir).release();
  });

  it('release leaves alone a lock that is no longer its own', () => {
    const lock = lockDataDir(dir);
    const other = JSON.stringify(holder(process.ppid));
    writeFileSync(lockFile(), other);
    lock.release();
    expect(readFileSync(lockFile(), 'utf8')).toBe(other);
  });

  it('creates a missing data directory', () => {
    const nested = join(dir, 'a', 'b');
    const lock = lockDataDir(nested);
    expect(existsSync(join(nested, 'kindred.lock'))).toBe(true);
    lock.release();
  });
});
