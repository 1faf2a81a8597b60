import { describe, expect, it } from 'vitest';
import { parseTimestamp, parseTranscript, TranscriptError } from './transcript';

const VTT = `WEBVTT - exported from a video call

NOTE this cue block is a comment

1
00:00:01.000 --> 00:00:04.500 align:start
<v Maria Lopez>Thanks for joining &amp; welcome.</v>

2
00:00:05.000 --> 00:00:07.000
<v.interviewee Sam Reed>Glad to.

3
00:00:07.000 --> 00:00:09.250
<v Sam Reed>My coach <i>called</i> every week.</v>

00:01:10.000 --> 00:01:12.000
Maria Lopez: And goals?
`;

describe('WebVTT', () => {
  it('reads voices, merges a speaker’s consecutive cues and keeps the times', () => {
    const doc = parseTranscript('vtt', VTT);
    expect(doc.text).toBe(
      'Maria Lopez: Thanks for joining & welcome.\nSam Reed: Glad to. My coach called every week.\nMaria Lopez: And goals?',
    );
    expect(doc.turns.map((t) => [t.speaker, t.startMs, t.endMs])).toEqual([
      ['Maria Lopez', 1000, 4500],
      ['Sam Reed', 5000, 9250],
      ['Maria Lopez', 70_000, 72_000],
    ]);
    for (const t of doc.turns) {
      expect(doc.text.slice(t.start, t.textStart)).toBe(`${t.speaker}: `);
      expect(doc.text[t.end] ?? '\n').toBe('\n');
    }
    expect(doc.text.slice(doc.turns[1]!.textStart, doc.turns[1]!.end)).toBe('Glad to. My coach called every week.');
  });

  it('refuses a file without the WEBVTT header and a cue with broken times, naming the line', () => {
    expect(() => parseTranscript('vtt', '1\n00:00:01.000 --> 00:00:02.000\nHi')).toThrow(TranscriptError);
    try {
      parseTranscript('vtt', 'WEBVTT\n\n00:00:01.000 --> later\nHi');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ reason: 'bad_timing', line: 3 });
    }
  });
});

describe('SRT', () => {
  it('reads numbered subtitles with comma milliseconds and Name: prefixes', () => {
    const srt =
      '1\r\n00:00:01,000 --> 00:00:02,000\r\nInterviewer: How did it go?\r\n\r\n2\r\n00:00:02,500 --> 00:01:03,040\r\nJo: It was hard\r\nat first.\r\n';
    const doc = parseTranscript('srt', srt);
    expect(doc.text).toBe('Interviewer: How did it go?\nJo: It was hard at first.');
    expect(doc.turns.map((t) => [t.speaker, t.startMs, t.endMs])).toEqual([
      ['Interviewer', 1000, 2000],
      ['Jo', 2500, 63_040],
    ]);
  });
});

describe('plain text', () => {
  it('starts a turn at each Name: line, continues it on lines without one and reads [mm:ss] times', () => {
    const doc = parseTranscript(
      'text',
      'Opening words\nInterviewer: Tell me about it.\n\n[01:02] Sam Reed: Well,\nit helped.\n10:30 was the time.',
    );
    expect(doc.turns.map((t) => t.speaker)).toEqual([null, 'Interviewer', 'Sam Reed']);
    expect(doc.text).toBe('Opening words\nInterviewer: Tell me about it.\nSam Reed: Well,\nit helped.\n10:30 was the time.');
    expect(doc.turns[2]!.startMs).toBe(62_000);
    expect(doc.turns[0]).toMatchObject({ start: 0, textStart: 0, end: 13 });
  });

  it('refuses an empty transcript', () => {
    expect(() => parseTranscript('text', ' \n\n')).toThrow(/no words/);
  });
});

it('reads timestamps with and without hours', () => {
  expect(parseTimestamp('01:02:03.004')).toBe(3_723_004);
  expect(parseTimestamp('02:03,500')).toBe(123_500);
  expect(parseTimestamp('2:3.5')).toBeNull();
});
