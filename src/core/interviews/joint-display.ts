import { z } from 'zod';
import { SamplingDimension } from './sampling';

/**
 * Themes and joint displays (issue #13, ADR 0044). A theme groups codes of the codebook, with a
 * summary and exemplar quotes (codings marked as exemplars). A joint display crosses themes with a
 * quantitative grouping of the people interviewed.
 */

export const ThemeInput = z.object({
  name: z.string().trim().min(1).max(120),
  summary: z.string().trim().max(4000).default(''),
  codeIds: z.array(z.uuid()).max(200).default([]),
  /** Codings whose spans are the theme's exemplar quotes, shown first in a joint display. */
  exemplarCodingIds: z.array(z.uuid()).max(50).default([]),
});
export type ThemeInput = z.infer<typeof ThemeInput>;

export interface ThemeFacts {
  id: string;
  name: string;
  codeIds: readonly string[];
  exemplarCodingIds: readonly string[];
}

/** One coding as the joint display reads it: its span's text and whom the transcript interviewed. */
export interface SegmentFacts {
  /** The coding this is; null for a stretch only a consensus version holds (nothing to mark as an exemplar). */
  codingId: string | null;
  codeId: string;
  transcriptId: string;
  start: number;
  end: number;
  text: string;
  /** The participant the transcript interviewed; null when the transcript is not linked to one. */
  participantId: string | null;
}

/**
 * The segments themes and joint displays are built from (issue #13): in a transcript with a
 * consensus version, its spans replace what each coder coded, since the consensus is what the team
 * agreed; elsewhere, every coder's codings (two coders on one span count once in a display). A
 * consensus span takes the id of a coder's coding of the same code and stretch, so an exemplar
 * chosen from a coder's coding still marks it; a stretch no coder coded whole (a kept part of a
 * difference) has none.
 */
export function segmentsForAnalysis(
  coders: readonly SegmentFacts[],
  consensus: readonly SegmentFacts[],
  exemplarCodingIds: ReadonlySet<string> = new Set(),
): SegmentFacts[] {
  const reconciled = new Set(consensus.map((s) => s.transcriptId));
  const codingOf = new Map<string, string>();
  for (const c of coders) {
    const key = `${c.transcriptId}:${c.codeId}:${c.start}:${c.end}`;
    // An exemplar wins over another coder's coding of the same stretch.
    if (c.codingId !== null && (!codingOf.has(key) || exemplarCodingIds.has(c.codingId))) codingOf.set(key, c.codingId);
  }
  return [
    ...coders.filter((c) => !reconciled.has(c.transcriptId)),
    ...consensus.map((s) => ({
      ...s,
      codingId: codingOf.get(`${s.transcriptId}:${s.codeId}:${s.start}:${s.end}`) ?? null,
    })),
  ];
}

export interface JointCell {
  group: string;
  /** People with at least one coded segment in the theme. */
  people: number;
  /** Distinct coded spans (transcript, start, end) in the theme: two coders on one span count once. */
  segments: number;
  quotes: { codingId: string | null; transcriptId: string; text: string; isExemplar: boolean }[];
}

export interface JointDisplay {
  groups: string[];
  rows: { themeId: string; theme: string; cells: JointCell[]; people: number; segments: number }[];
  /** Segments of the themes in transcripts linked to nobody (not in any cell). */
  unlinkedSegments: number;
}

export const JointDisplayQuery = z.object({ by: SamplingDimension, quotes: z.coerce.number().int().min(0).max(10).default(3) });

/**
 * The matrix of themes × groups: per cell, people with at least one segment of the theme, distinct
 * segments, and up to `maxQuotes` quotes — the theme's marked exemplars first, then the longest
 * spans (ties by transcript and position), one quote per span.
 */
export function jointDisplay(
  themes: readonly ThemeFacts[],
  segments: readonly SegmentFacts[],
  groupOf: ReadonlyMap<string, string>,
  groups: readonly string[],
  maxQuotes: number,
): JointDisplay {
  let unlinked = 0;
  const rows = themes.map((theme) => {
    const codes = new Set(theme.codeIds);
    const exemplars = new Set(theme.exemplarCodingIds);
    const spans = new Map<string, { seg: SegmentFacts; isExemplar: boolean }>();
    for (const s of segments) {
      if (!codes.has(s.codeId)) continue;
      const key = `${s.transcriptId}:${s.start}:${s.end}`;
      const prev = spans.get(key);
      const isExemplar = s.codingId !== null && exemplars.has(s.codingId);
      if (!prev || (isExemplar && !prev.isExemplar)) spans.set(key, { seg: s, isExemplar });
    }
    const inCells = new Map<string, { seg: SegmentFacts; isExemplar: boolean }[]>();
    for (const sp of spans.values()) {
      const group = sp.seg.participantId === null ? undefined : groupOf.get(sp.seg.participantId);
      if (group === undefined) {
        unlinked++;
        continue;
      }
      inCells.set(group, [...(inCells.get(group) ?? []), sp]);
    }
    const cells = groups.map((group) => {
      const list = inCells.get(group) ?? [];
      const ranked = [...list].sort(
        (a, b) =>
          Number(b.isExemplar) - Number(a.isExemplar) ||
          b.seg.end - b.seg.start - (a.seg.end - a.seg.start) ||
          a.seg.transcriptId.localeCompare(b.seg.transcriptId) ||
          a.seg.start - b.seg.start,
      );
      return {
        group,
        people: new Set(list.map((x) => x.seg.participantId)).size,
        segments: list.length,
        quotes: ranked.slice(0, maxQuotes).map((x) => ({
          codingId: x.seg.codingId,
          transcriptId: x.seg.transcriptId,
          text: x.seg.text,
          isExemplar: x.isExemplar,
        })),
      };
    });
    const all = [...inCells.values()].flat();
    return {
      themeId: theme.id,
      theme: theme.name,
      cells,
      people: new Set(all.map((x) => x.seg.participantId)).size,
      segments: all.length,
    };
  });
  return { groups: [...groups], rows, unlinkedSegments: unlinked };
}

export const ThemeView = z.object({
  id: z.uuid(),
  name: z.string(),
  summary: z.string(),
  codeIds: z.array(z.uuid()),
  exemplars: z.array(z.object({ codingId: z.uuid(), transcriptId: z.uuid(), text: z.string() })),
});
export type ThemeView = z.infer<typeof ThemeView>;

const Quote = z.object({ codingId: z.uuid().nullable(), transcriptId: z.uuid(), text: z.string(), isExemplar: z.boolean() });
export const JointDisplayView = z.object({
  by: SamplingDimension,
  groups: z.array(z.string()),
  rows: z.array(
    z.object({
      themeId: z.uuid(),
      theme: z.string(),
      people: z.int(),
      segments: z.int(),
      cells: z.array(z.object({ group: z.string(), people: z.int(), segments: z.int(), quotes: z.array(Quote) })),
    }),
  ),
  unlinkedSegments: z.int(),
});
export type JointDisplayView = z.infer<typeof JointDisplayView>;
