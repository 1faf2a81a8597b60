import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A small ZIP writer and reader (PKWARE APPNOTE 6.3: local headers, deflate or stored, central
 * directory, no ZIP64, no encryption), enough for REFI-QDA's `.qdpx` (ADR 0032) without a dependency.
 * File names are UTF-8 (general-purpose flag bit 11).
 */

export interface ZipEntry {
  path: string;
  data: Uint8Array;
}

const UTF8 = 0x0800;
const DEFLATE = 8;
const STORED = 0;
/** 1980-01-01 00:00 in DOS time: archives are reproducible, not stamped with the clock. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** Writes entries into a ZIP archive, deflated when that is smaller. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.path, 'utf8');
    const deflated = deflateRawSync(e.data);
    const useDeflate = deflated.length < e.data.length;
    const body = useDeflate ? deflated : Buffer.from(e.data);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8, 6);
    local.writeUInt16LE(useDeflate ? DEFLATE : STORED, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8, 8);
    central.writeUInt16LE(useDeflate ? DEFLATE : STORED, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An archive refused for what it would unpack to (an entry, or all of them, past the limit). */
export class ZipLimitError extends Error {
  constructor() {
    super('A ZIP archive too large to read');
    this.name = 'ZipLimitError';
  }
}

/**
 * Reads a ZIP archive's entries through its central directory, checking each CRC. An entry that
 * would inflate past `maxEntryBytes`, or entries past `maxTotalBytes` in all, are refused with a
 * ZipLimitError (a small upload must not unpack into gigabytes).
 */
export function readZip(zip: Buffer, maxEntryBytes = 64 * 1024 * 1024, maxTotalBytes = Infinity): ZipEntry[] {
  let total = 0;
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('Not a ZIP archive');
  const count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('A damaged ZIP directory');
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    if (zip.readUInt32LE(at + 24) > maxEntryBytes) throw new ZipLimitError();
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const path = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const body = zip.subarray(dataAt, dataAt + size);
    if (method !== STORED && method !== DEFLATE) throw new Error(`Unsupported ZIP method ${method}`);
    let data: Buffer;
    try {
      data = method === DEFLATE ? inflateRawSync(body, { maxOutputLength: maxEntryBytes }) : Buffer.from(body);
    } catch (e) {
      // Node refuses output past maxOutputLength with a RangeError: a bomb, whatever the header said.
      if (e instanceof RangeError) throw new ZipLimitError();
      throw e;
    }
    total += data.length;
    if (total > maxTotalBytes) throw new ZipLimitError();
    if (crc32(data) !== crc) throw new Error(`A damaged ZIP entry: ${path}`);
    out.push({ path, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}
