/**
 * Transcripts (issue #13, ADR 0032): WebVTT and SRT exports of video calls and plain text, read into
 * one normalized document. Each speaker turn is one line of the text, `Speaker: what was said`, so
 * that coders see who speaks and offsets point into exactly the text they code. Pure: no I/O.
 */

export const transcriptFormats = ['vtt', 'srt', 'text'] as const;
export type TranscriptFormat = (typeof transcriptFormats)[number];

/** One speaker turn: where its line sits in the text, where the words start, and when it was said. */
export interface Turn {
  /** The speaker's label as written in the transcript, or null when none was given. */
  speaker: string | null;
  /** Offset of the turn's line in the text (UTF-16 units, as JavaScript strings count). */
  start: number;
  /** Offset just after the turn's last character. */
  end: number;
  /** Offset where the words start (after `Speaker: `); equals `start` without a speaker. */
  textStart: number;
  /** Milliseconds from the start of the recording, when the transcript says. */
  startMs: number | null;
  endMs: number | null;
}

/** A transcript as Kindred codes it: the text and its turns. */
export interface TranscriptDocument {
  text: string;
  turns: Turn[];
}

/** A transcript that could not be read, with the line where reading stopped (1-based). */
export class TranscriptError extends Error {
  constructor(
    readonly reason: 'empty' | 'not_webvtt' | 'bad_timing',
    readonly line: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'TranscriptError';
  }
}

interface RawTurn {
  speaker: string | null;
  words: string;
  startMs: number | null;
  endMs: number | null;
}

/** A speaker prefix such as `Maria Lopez:` or `Interviewer:`; at most four words, no leading digit. */
const SPEAKER_PREFIX = /^([\p{Lu}][\p{L}\p{N}.'’-]*(?: [\p{L}\p{N}.'’-]+){0,3})\s*:\s+(.*)$/su;
const MAX_SPEAKER = 40;

function splitSpeaker(line: string): { speaker: string | null; words: string } {
  const m = SPEAKER_PREFIX.exec(line);
  if (m && m[1]!.length <= MAX_SPEAKER) return { speaker: m[1]!.trim(), words: m[2]! };
  return { speaker: null, words: line };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', quot: '"', apos: "'", lrm: '', rlm: '' };
const decodeEntities = (s: string) => s.replace(/&(amp|lt|gt|nbsp|quot|apos|lrm|rlm);/g, (_, e: string) => ENTITIES[e] ?? '');

/** `hh:mm:ss.mmm`, `mm:ss.mmm` (WebVTT) or `hh:mm:ss,mmm` (SRT) to milliseconds; null if malformed. */
export function parseTimestamp(s: string): number | null {
  const m = /^(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{3})$/.exec(s.trim());
  if (!m) return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

const TIMING = /^(\S+)\s+-->\s+(\S+)(?:\s.*)?$/;

function timing(line: string, lineNo: number): { startMs: number; endMs: number } {
  const m = TIMING.exec(line.trim());
  const startMs = m ? parseTimestamp(m[1]!) : null;
  const endMs = m ? parseTimestamp(m[2]!) : null;
  if (startMs === null || endMs === null || endMs < startMs)
    throw new TranscriptError(
      'bad_timing',
      lineNo,
      `Line ${lineNo} should give a start and end time, like 00:01:02.000 --> 00:01:05.000`,
    );
  return { startMs, endMs };
}

function blocksOf(input: string): { lines: string[]; firstLine: number }[] {
  const lines = input.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const blocks: { lines: string[]; firstLine: number }[] = [];
  let current: { lines: string[]; firstLine: number } | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { lines: [], firstLine: i + 1 };
      blocks.push(current);
    }
    current.lines.push(line);
  });
  return blocks;
}

/** A WebVTT cue's payload: the `<v Name>` voice (or a `Name:` prefix), tags removed, entities decoded. */
function vttPayload(lines: readonly string[]): { speaker: string | null; words: string } {
  const joined = lines.join(' ');
  const voice = /<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(joined);
  const words = decodeEntities(joined.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
  if (voice) return { speaker: decodeEntities(voice[1]!).trim(), words };
  return splitSpeaker(words);
}

function parseVtt(input: string): RawTurn[] {
  const blocks = blocksOf(input);
  const header = blocks[0];
  if (!header || !/^WEBVTT(?:[ \t].*)?$/.test(header.lines[0]!.trim()))
    throw new TranscriptError('not_webvtt', 1, 'A WebVTT file starts with the word WEBVTT on its first line');
  const turns: RawTurn[] = [];
  for (const block of blocks.slice(1)) {
    const first = block.lines[0]!;
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(first)) continue;
    const timingAt = block.lines.findIndex((l) => l.includes('-->'));
    if (timingAt < 0 || timingAt > 1)
      throw new TranscriptError('bad_timing', block.firstLine, `Line ${block.firstLine} should start a cue with its times`);
    const { startMs, endMs } = timing(block.lines[timingAt]!, block.firstLine + timingAt);
    const { speaker, words } = vttPayload(block.lines.slice(timingAt + 1));
    if (words !== '') turns.push({ speaker, words, startMs, endMs });
  }
  return turns;
}

function parseSrt(input: string): RawTurn[] {
  const turns: RawTurn[] = [];
  for (const block of blocksOf(input)) {
    const timingAt = block.lines.findIndex((l) => l.includes('-->'));
    if (timingAt < 0 || timingAt > 1)
      throw new TranscriptError(
        'bad_timing',
        block.firstLine,
        `Line ${block.firstLine} should start a subtitle with its number and times`,
      );
    const { startMs, endMs } = timing(block.lines[timingAt]!, block.firstLine + timingAt);
    const text = decodeEntities(
      block.lines
        .slice(timingAt + 1)
        .join(' ')
        .replace(/<[^>]*>/g, ''),
    )
      .replace(/\s+/g, ' ')
      .trim();
    const { speaker, words } = splitSpeaker(text);
    if (words !== '') turns.push({ speaker, words, startMs, endMs });
  }
  return turns;
}

/** An optional `[00:01:02]` or `(1:02)` time at the start of a plain-text line. */
const PLAIN_TIME = /^[[(]((?:\d+:)?\d{1,2}:\d{2})[\])]\s*/;

function plainTime(s: string): number {
  const parts = s.split(':').map(Number);
  return parts.reduce((acc, p) => acc * 60 + p, 0) * 1000;
}

function parsePlain(input: string): RawTurn[] {
  const turns: RawTurn[] = [];
  let current: RawTurn | null = null;
  for (const rawLine of input.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    let line = rawLine.trim();
    if (line === '') continue;
    let startMs: number | null = null;
    const t = PLAIN_TIME.exec(line);
    if (t) {
      startMs = plainTime(t[1]!);
      line = line.slice(t[0].length);
    }
    const { speaker, words } = splitSpeaker(line);
    if (speaker !== null || current === null || startMs !== null) {
      current = { speaker, words, startMs, endMs: null };
      turns.push(current);
    } else {
      // A line without a speaker continues the turn above it (a paragraph of the same answer).
      current.words += `\n${words}`;
    }
  }
  return turns;
}

/** Joins consecutive cues of the same speaker: video-call exports split one answer into many cues. */
function mergeCues(turns: readonly RawTurn[]): RawTurn[] {
  const out: RawTurn[] = [];
  for (const t of turns) {
    const last = out[out.length - 1];
    if (last && t.speaker !== null && last.speaker === t.speaker) {
      last.words += ` ${t.words}`;
      last.endMs = t.endMs ?? last.endMs;
    } else out.push({ ...t });
  }
  return out;
}

/** Lays the turns out as text, one line per turn, and records each turn's offsets. */
export function documentOf(turns: readonly RawTurn[]): TranscriptDocument {
  let text = '';
  const out: Turn[] = [];
  for (const t of turns) {
    if (text !== '') text += '\n';
    const start = text.length;
    if (t.speaker !== null) text += `${t.speaker}: `;
    const textStart = text.length;
    text += t.words;
    out.push({ speaker: t.speaker, start, end: text.length, textStart, startMs: t.startMs, endMs: t.endMs });
  }
  return { text, turns: out };
}

/** Reads a transcript in the given format into the normalized document. Throws TranscriptError. */
export function parseTranscript(format: TranscriptFormat, input: string): TranscriptDocument {
  const raw = format === 'vtt' ? mergeCues(parseVtt(input)) : format === 'srt' ? mergeCues(parseSrt(input)) : parsePlain(input);
  if (raw.length === 0) throw new TranscriptError('empty', null, 'The transcript has no words in it');
  return documentOf(raw);
}
