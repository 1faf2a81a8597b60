import { z } from 'zod';

/**
 * Interview recordings (issue #13, ADR 0056): which audio formats Kindred accepts, told from the
 * file's first bytes (never from the name or the declared type alone), and the one byte range a
 * player asks for. Pure functions, no I/O.
 */

export const audioKinds = ['mp3', 'wav', 'm4a', 'ogg', 'webm'] as const;
export type AudioKind = (typeof audioKinds)[number];

/** The content type each kind is played back with. */
export const audioContentType: Record<AudioKind, string> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
};

/** How many first bytes `sniffAudio` needs to decide (fewer only when the file is shorter). */
export const SNIFF_BYTES = 16;

const ascii = (b: Uint8Array, at: number, s: string): boolean => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

/**
 * The audio kind a file's first bytes show, or null when they are not one Kindred accepts:
 * MP3 (an ID3 tag, or an MPEG audio frame sync of layer III, II or I), WAV (`RIFF`…`WAVE`),
 * M4A/MP4 (`ftyp` at byte 4), Ogg (`OggS`: Vorbis, Opus, FLAC in Ogg) and WebM/Matroska (the EBML
 * header `1A 45 DF A3`). A video MP4 or WebM passes too: the browser plays its sound.
 */
export function sniffAudio(head: Uint8Array): AudioKind | null {
  if (ascii(head, 0, 'ID3')) return 'mp3';
  // An MPEG audio frame header: 11 sync bits, a version that is not "reserved", a layer that is not "reserved".
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x18) !== 0x08 && (head[1]! & 0x06) !== 0)
    return 'mp3';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return 'wav';
  if (ascii(head, 4, 'ftyp')) return 'm4a';
  if (ascii(head, 0, 'OggS')) return 'ogg';
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  return null;
}

/** A byte range to send: `start` to `end`, both included. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The range a `Range` header asks of a file of `size` bytes (RFC 9110 §14): `bytes=a-b`,
 * `bytes=a-` or `bytes=-n` (the last n bytes), `end` clipped to the file. Returns null when the
 * whole file is to be sent (no header, another unit, several ranges, or a header that cannot be
 * read: the RFC lets a server ignore those) and 'unsatisfiable' when the range starts past the end
 * (answered 416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const n = Number(b);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Number(b);
  if (b !== '' && end < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

/** A size in bytes the way people say it: "800 KB", "12.5 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  if (bytes < 1_000_000_000) return `${Math.round(bytes / 100_000) / 10} MB`;
  return `${Math.round(bytes / 100_000_000) / 10} GB`;
}

/** A transcript's recording as the study's lead sees it (ADR 0056). */
export const AudioView = z.object({
  id: z.uuid(),
  filename: z.string(),
  kind: z.enum(audioKinds),
  contentType: z.string(),
  byteSize: z.int(),
  createdAt: z.string(),
  /** The study keeps no originals: the recording is deleted when the de-identification is confirmed. */
  deletedOnConfirm: z.boolean(),
});
export type AudioView = z.infer<typeof AudioView>;
/** The transcript's recording, or null; and whether one may be attached now. */
export const AudioDetails = z.object({ audio: AudioView.nullable(), canAttach: z.boolean(), maxBytes: z.int() });
export type AudioDetails = z.infer<typeof AudioDetails>;
