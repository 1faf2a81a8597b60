import { z } from 'zod';
import { InterviewAudience } from './schemas';

/** Importing a REFI-QDA project (`.qdpx`, ADR 0055): the file as base64, then who is who. */
export const ProjectImportInput = z.object({
  /** The `.qdpx` archive, base64 (the core refuses one over 20 MB with a reason). */
  content: z.string().min(1),
  /** The group the imported transcripts interviewed (one of the study's audiences). */
  audience: InterviewAudience,
  /** Each file user's GUID (lower case; '' for work the file names nobody for) to a team member, or null: not imported. */
  users: z.record(z.string().max(80), z.uuid().nullable()).default({}),
  /** True: only read the file and say what it holds; nothing is saved. */
  preview: z.boolean().default(false),
});
export type ProjectImportInput = z.infer<typeof ProjectImportInput>;

const Count = z.int().min(0);

/** What a project holds, and (after the import) what came in and what did not. */
export const ProjectImportResult = z.object({
  saved: z.boolean(),
  projectName: z.string(),
  /** The file's users with how much work each brings, and who each is mapped to. */
  users: z.array(z.object({ guid: z.string(), name: z.string(), codings: Count, memos: Count, personId: z.uuid().nullable() })),
  /** Team members who code (lead or coder): whom a file user may be mapped to. */
  team: z.array(z.object({ personId: z.uuid(), name: z.string() })),
  codes: z.object({ inFile: Count, created: Count, alreadyThere: z.array(z.string()) }),
  transcripts: Count,
  codings: Count,
  coders: Count,
  memos: Count,
  notImported: z.object({
    codings: Count,
    memos: Count,
    cases: Count,
    otherSources: Count,
  }),
});
export type ProjectImportResult = z.infer<typeof ProjectImportResult>;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The plain words of what a project brings or brought ("5 codes, 1 transcript, 3 coded passages by
 * 1 coder, 1 memo"), then one sentence per thing left out and why; shared by the web and the CLI.
 */
export function projectImportSummary(r: ProjectImportResult): string[] {
  const codes = r.saved ? r.codes.created : r.codes.inFile;
  const lines = [
    `${plural(codes, r.saved ? 'new code' : 'code', r.saved ? 'new codes' : 'codes')}, ${plural(r.transcripts, 'transcript', 'transcripts')}, ` +
      `${plural(r.codings, 'coded passage', 'coded passages')} by ${plural(r.coders, 'coder', 'coders')}, ${plural(r.memos, 'memo', 'memos')}.`,
  ];
  if (r.saved && r.codes.alreadyThere.length)
    lines.push(`${plural(r.codes.alreadyThere.length, 'code was', 'codes were')} already in the codebook and kept as they were.`);
  const left = r.notImported;
  if (left.codings || left.memos)
    lines.push(
      `${[
        left.codings ? plural(left.codings, 'coded passage', 'coded passages') : '',
        left.memos ? plural(left.memos, 'memo', 'memos') : '',
      ]
        .filter(Boolean)
        .join(' and ')} not imported because the person who wrote them in the file was not matched to anyone on the team.`,
    );
  if (left.cases)
    lines.push(
      `${plural(left.cases, 'case', 'cases')} not imported because Kindred keeps no cases: link each transcript to the person interviewed instead.`,
    );
  if (left.otherSources)
    lines.push(
      `${plural(left.otherSources, 'source', 'sources')} that ${left.otherSources === 1 ? 'is' : 'are'} not text (PDF, picture, audio or video) not imported.`,
    );
  if (r.saved && r.transcripts)
    lines.push('Each transcript waits for someone to confirm its de-identification before the team sees it.');
  return lines;
}
