import { describe, expect, it } from 'vitest';
import { fileSize, parseRange, sniffAudio } from './audio';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffAudio: the kind told by the first bytes', () => {
  it.each([
    ['an MP3 with an ID3 tag', bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'mp3'],
    ['an MP3 frame (MPEG-1 layer III)', bytes([0xff, 0xfb, 0x90, 0x64]), 'mp3'],
    ['an MP3 frame (MPEG-2 layer III)', bytes([0xff, 0xf3, 0x48, 0xc4]), 'mp3'],
    ['a WAV', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'wav'],
    ['an M4A', bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]), 'm4a'],
    ['an MP4 recorded by a phone', bytes([0, 0, 0, 0x18], 'ftypmp42'), 'm4a'],
    ['an Ogg Opus', bytes('OggS', [0, 2, 0, 0, 0, 0, 0, 0, 0, 0]), 'ogg'],
    ['a WebM', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]), 'webm'],
  ])('%s', (_, head, kind) => {
    expect(sniffAudio(head)).toBe(kind);
  });

  it.each([
    ['a PDF', bytes('%PDF-1.7\n')],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ['a PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a])],
    ['a ZIP (a Word document)', bytes('PK', [3, 4, 20, 0])],
    ['an AVI (RIFF but not WAVE)', bytes('RIFF', [0, 0, 0, 0], 'AVI LIST')],
    ['text', bytes('WEBVTT\n\n00:00')],
    ['a frame sync with a reserved version', bytes([0xff, 0xe8, 0, 0])],
    ['a frame sync with a reserved layer (AAC ADTS)', bytes([0xff, 0xf1, 0x50, 0x80])],
    ['too few bytes', bytes('RIF')],
    ['nothing', bytes()],
  ])('refuses %s', (_, head) => {
    expect(sniffAudio(head)).toBeNull();
  });
});

describe('parseRange: the one range a player asks for', () => {
  const size = 1000;
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=0-', { start: 0, end: 999 }],
    ['bytes=500-', { start: 500, end: 999 }],
    ['bytes=990-2000', { start: 990, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=999-999', { start: 999, end: 999 }],
    [' bytes=1-2 ', { start: 1, end: 2 }],
  ])('%s', (header, range) => {
    expect(parseRange(header, size)).toEqual(range);
  });

  it.each([['bytes=1000-'], ['bytes=1000-1001'], ['bytes=-0']])('%s cannot be satisfied', (header) => {
    expect(parseRange(header, size)).toBe('unsatisfiable');
  });

  it.each([[undefined], [''], ['bytes=-'], ['bytes=5-1'], ['items=0-1'], ['bytes=0-1,5-9'], ['bytes=a-b']])(
    '%s asks for the whole file',
    (header) => {
      expect(parseRange(header, size)).toBeNull();
    },
  );
});

it('says sizes the way people do', () => {
  expect([999, 48_000, 12_480_000, 209_715_200].map(fileSize)).toEqual(['999 bytes', '48 KB', '12.5 MB', '209.7 MB']);
});
