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
