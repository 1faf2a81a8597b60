import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveLegacyLayout } from './datadir';

describe('moveLegacyLayout', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-layout-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The data directory as an earlier Kindred left it: PGlite's files beside backups/ and the lock. */
  const legacy = () => {
    writeFileSync(join(dir, 'PG_VERSION'), '17\n');
    for (const d of ['base/1', 'global', 'pg_wal', 'pg_xact']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, 'base/1/1259'), 'pages');
    writeFileSync(join(dir, 'postgresql.conf'), '');
    writeFileSync(join(dir, 'pg_hba.conf'), '');
    writeFileSync(join(dir, 'pg_ident.conf'), '');
    writeFileSync(join(dir, 'postgresql.auto.conf'), '');
    mkdirSync(join(dir, 'backups'));
    writeFileSync(join(dir, 'backups', 'kindred-2026-01-01T00-00-00.tar.gz'), 'old');
    writeFileSync(join(dir, 'kindred.lock'), '{}');
  };

  it('moves the database files into db/, leaving backups and the lock where they are', () => {
    legacy();
    expect(moveLegacyLayout(dir)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['backups', 'db', 'kindred.lock']);
    expect(readdirSync(join(dir, 'db')).sort()).toEqual([
      'PG_VERSION',
      'base',
      'global',
      'pg_hba.conf',
      'pg_ident.conf',
      'pg_wal',
      'pg_xact',
      'postgresql.auto.conf',
      'postgresql.conf',
    ]);
    expect(readFileSync(join(dir, 'db', 'base/1/1259'), 'utf8')).toBe('pages');
    expect(moveLegacyLayout(dir)).toBe(false);
  });

  it('finishes a move that was interrupted half way', () => {
    legacy();
    mkdirSync(join(dir, 'db.moving'));
    // PG_VERSION and base already moved; the rest still at the top.
    writeFileSync(join(dir, 'db.moving', 'PG_VERSION'), readFileSync(join(dir, 'PG_VERSION')));
    rmSync(join(dir, 'PG_VERSION'));
    mkdirSync(join(dir, 'db.moving', 'base'));
    rmSync(join(dir, 'base'), { recursive: true });
    expect(moveLegacyLayout(dir)).toBe(true);
    expect(existsSync(join(dir, 'db.moving'))).toBe(false);
    expect(readdirSync(join(dir, 'db'))).toEqual(expect.arrayContaining(['PG_VERSION', 'base', 'global', 'pg_wal']));
    expect(readdirSync(dir).sort()).toEqual(['backups', 'db', 'kindred.lock']);
  });

  it('does nothing to a new or empty data directory', () => {
    expect(moveLegacyLayout(dir)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    mkdirSync(join(dir, 'db'));
    expect(moveLegacyLayout(dir)).toBe(false);
  });

  it('refuses when both db/ and database files beside it exist, moving nothing', () => {
    legacy();
    mkdirSync(join(dir, 'db'));
    expect(() => moveLegacyLayout(dir)).toThrow(/both a database in db\/ and database files beside it/);
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
  });
});
