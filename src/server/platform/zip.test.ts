import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip, writeZip, ZipLimitError } from './zip';

describe('zip', () => {
  const entries = [
    { path: 'project.qde', data: Buffer.from('<Project/>\n'.repeat(50)) },
    { path: 'sources/ß é.txt', data: Buffer.from('Ünïcode text, stored because short') },
    { path: 'empty.txt', data: Buffer.alloc(0) },
  ];

  it('reads back what it wrote, deflated or stored', () => {
    const back = readZip(writeZip(entries));
    expect(back.map((e) => e.path)).toEqual(entries.map((e) => e.path));
    back.forEach((e, i) => expect(Buffer.from(e.data).equals(entries[i]!.data)).toBe(true));
  });

  it('writes an archive that Info-ZIP unzip tests clean', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-zip-'));
    try {
      const file = join(dir, 'a.zip');
      writeFileSync(file, writeZip(entries));
      const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(out).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged entry', () => {
    const zip = writeZip([{ path: 'a.txt', data: Buffer.from('hello hello hello hello hello') }]);
    const at = zip.indexOf('a.txt') + 6;
    zip[at] = zip[at]! ^ 0xff;
    expect(() => readZip(zip)).toThrow();
  });

  it('refuses an entry that would inflate past the limit', () => {
    const zip = writeZip([{ path: 'big.txt', data: Buffer.alloc(100_000) }]);
    expect(readZip(zip, 200_000)).toHaveLength(1);
    expect(() => readZip(zip, 50_000)).toThrow(/too large/);
  });

  it('refuses a bomb whose header lies about its size, and entries past the limit in all (ADR 0055)', () => {
    const zip = writeZip([{ path: 'big.txt', data: Buffer.alloc(100_000) }]);
    // The central directory's uncompressed size says 10 bytes; inflating stops at the limit anyway.
    const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, central + 24);
    expect(() => readZip(zip, 50_000)).toThrow(ZipLimitError);
    const two = writeZip([
      { path: 'a.txt', data: Buffer.alloc(40_000) },
      { path: 'b.txt', data: Buffer.alloc(40_000) },
    ]);
    expect(readZip(two, 50_000, 80_000)).toHaveLength(2);
    expect(() => readZip(two, 50_000, 79_999)).toThrow(ZipLimitError);
  });
});
