/** One coded segment for the CSV export: which transcript, who coded, which code, where, the words. */
export interface CodedSegment {
  transcript: string;
  audience: string;
  coder: string;
  code: string;
  /** The code's path in the codebook, parents first, joined by " > ". */
  codePath: string;
  start: number;
  end: number;
  speaker: string | null;
  text: string;
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Coded segments as CSV (RFC 4180, a header, `\n` line ends), in transcript, start, code order. */
export function codedSegmentsCsv(rows: readonly CodedSegment[]): string {
  const header = ['transcript', 'audience', 'coder', 'code', 'code_path', 'start', 'end', 'speaker', 'text'];
  const sorted = [...rows].sort(
    (a, b) => a.transcript.localeCompare(b.transcript) || a.start - b.start || a.end - b.end || a.code.localeCompare(b.code),
  );
  const lines = sorted.map((r) =>
    [r.transcript, r.audience, r.coder, r.code, r.codePath, String(r.start), String(r.end), r.speaker ?? '', r.text]
      .map(cell)
      .join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}

/** The speaker of the turn a span starts in, if the turn names one. */
export function speakerAt(
  turns: readonly { start: number; end: number; speaker: string | null }[],
  offset: number,
): string | null {
  return turns.find((t) => t.start <= offset && offset <= t.end)?.speaker ?? null;
}
