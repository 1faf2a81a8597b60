import { z } from 'zod';
import { DateOn } from '../shared/vocab';
import { describedFields } from './codebook-versions';
import { identifierKinds } from './deidentify';
import { transcriptFormats } from './transcript';

/** Whom an interview study's guide is for. */
export const interviewAudiences = ['participants', 'coaches', 'staff'] as const;
export const InterviewAudience = z.enum(interviewAudiences);
export type InterviewAudience = z.infer<typeof InterviewAudience>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullish();

export const StudyInput = z.object({
  title: Text(200),
  aims: z.string().trim().max(4000).default(''),
  audiences: z.array(InterviewAudience).min(1).max(3),
  targetCount: z.int().min(1).max(1000),
  /** Keep the original (identified) transcript after de-identification, readable by study staff only. */
  keepsOriginals: z.boolean().default(false),
});
export type StudyInput = z.infer<typeof StudyInput>;

export const GuideQuestion = z.object({ text: Text(1000), probes: z.array(Text(500)).max(20).default([]) });
export const GuideInput = z.object({ audience: InterviewAudience, questions: z.array(GuideQuestion).min(1).max(100) });
export type GuideInput = z.infer<typeof GuideInput>;

/** What a transcript may be imported from: the text formats, and a Word document (.docx). */
export const importFormats = [...transcriptFormats, 'docx'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** An uploaded or pasted transcript: at most 2 MB of text, or a .docx as base64 (about 1.5 MB). */
export const TranscriptInput = z.object({
  label: Text(120),
  audience: InterviewAudience,
  interviewedOn: DateOn.nullish(),
  format: z.enum(importFormats),
  content: z.string().min(1).max(2_000_000),
  /** The participant interviewed (ADR 0044): joins the transcript's themes to the numbers. */
  participantId: z.uuid().nullish(),
});
export type TranscriptInput = z.infer<typeof TranscriptInput>;

export const ReplacementInput = z.object({
  start: z.int().min(0),
  end: z.int().min(1),
  replacement: z.string().trim().min(1).max(60),
});
export const ConfirmInput = z.object({ replacements: z.array(ReplacementInput).max(20_000) });

export const CodeInput = z.object({
  parentId: z.uuid().nullish(),
  name: Text(120),
  definition: OptionalText(4000),
  whenToUse: OptionalText(4000),
  whenNotToUse: OptionalText(4000),
  example: OptionalText(4000),
});
export type CodeInput = z.infer<typeof CodeInput>;

export const CodingInput = z
  .object({ codeId: z.uuid(), start: z.int().min(0), end: z.int().min(1) })
  .refine((c) => c.end > c.start, { message: 'The end of a highlight comes after its start', path: ['end'] });

export const MemoInput = z
  .object({
    text: Text(20_000),
    transcriptId: z.uuid().nullish(),
    codeId: z.uuid().nullish(),
    start: z.int().min(0).nullish(),
    end: z.int().min(1).nullish(),
  })
  .refine((m) => (m.start == null) === (m.end == null) && (m.start == null || (m.transcriptId != null && m.end! > m.start)), {
    message: 'A memo on a passage needs its transcript, a start and an end after it',
    path: ['start'],
  });

// Views.
const Instant = z.string();
export const TurnView = z.object({
  speaker: z.string().nullable(),
  start: z.int(),
  end: z.int(),
  textStart: z.int(),
  startMs: z.int().nullable(),
  endMs: z.int().nullable(),
});
export const ProposalView = z.object({
  start: z.int(),
  end: z.int(),
  kind: z.enum(identifierKinds),
  replacement: z.string(),
  personIds: z.array(z.uuid()),
});
export const CodeView = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  definition: z.string().nullable(),
  whenToUse: z.string().nullable(),
  whenNotToUse: z.string().nullable(),
  example: z.string().nullable(),
  /** `#RRGGBB` from an imported codebook (ADR 0053), or null. */
  color: z.string().nullable(),
});
/** A `.qdc` codebook to import (ADR 0053): the file's text. Its size is checked by the core. */
export const CodebookImportInput = z.object({ content: z.string().min(1) });
export const CodebookImportResult = z.object({
  /** The codes created, parents first. */
  created: z.array(CodeView),
  /** The paths ("Benefits > Hope") of the file's codes whose names were already there: kept as they were. */
  alreadyThere: z.array(z.string()),
});
export type CodebookImportResult = z.infer<typeof CodebookImportResult>;

/** Publishing the current codebook as its next version (ADR 0053): what changed, in the lead's words. */
export const CodebookVersionInput = z.object({ note: Text(1000) });
export const CodebookVersionSummary = z.object({
  version: z.int(),
  note: z.string(),
  publishedAt: Instant,
  publishedBy: z.string(),
  codeCount: z.int(),
});
export const CodebookVersionView = CodebookVersionSummary.extend({ codes: z.array(CodeView) });
const DiffPath = z.object({ id: z.uuid(), path: z.string() });
export const CodebookDiffView = z.object({
  from: z.int(),
  to: z.int(),
  added: z.array(DiffPath),
  removed: z.array(DiffPath),
  renamed: z.array(z.object({ id: z.uuid(), from: z.string(), to: z.string() })),
  moved: z.array(z.object({ id: z.uuid(), from: z.string(), to: z.string() })),
  changed: z.array(DiffPath.extend({ fields: z.array(z.enum(describedFields)) })),
});
export type CodebookVersionSummary = z.infer<typeof CodebookVersionSummary>;
export type CodebookVersionView = z.infer<typeof CodebookVersionView>;
export type CodebookDiffView = z.infer<typeof CodebookDiffView>;

export const GuideView = z.object({
  id: z.uuid(),
  audience: InterviewAudience,
  version: z.int(),
  questions: z.array(z.object({ text: z.string(), probes: z.array(z.string()) })),
  createdAt: Instant,
});
export const TranscriptSummary = z.object({
  id: z.uuid(),
  label: z.string(),
  audience: InterviewAudience,
  interviewedOn: z.string().nullable(),
  state: z.enum(['pending', 'ready']),
  createdAt: Instant,
});
/**
 * A person's role on one study's team (ADR 0052): the lead runs the study and its team; a coder
 * codes the de-identified copies; a reader reads them, the codes and the reports.
 */
export const StudyRole = z.enum(['lead', 'coder', 'reader']);
export type StudyRole = z.infer<typeof StudyRole>;

export const StudySummary = z.object({
  id: z.uuid(),
  title: z.string(),
  aims: z.string(),
  audiences: z.array(InterviewAudience),
  targetCount: z.int(),
  keepsOriginals: z.boolean(),
  createdAt: Instant,
  /** The caller's role on the study's team; null when not on it (program staff see the title only). */
  myRole: StudyRole.nullable(),
});
export const StudyView = StudySummary.extend({
  guides: z.array(GuideView),
  codes: z.array(CodeView),
  /** Evaluators see only transcripts that are de-identified. */
  transcripts: z.array(TranscriptSummary),
  can: z.object({ manage: z.boolean(), code: z.boolean(), export: z.boolean(), team: z.boolean() }),
});
export type StudyView = z.infer<typeof StudyView>;

export const TeamMemberInput = z.object({ personId: z.uuid(), role: StudyRole });
export type TeamMemberInput = z.infer<typeof TeamMemberInput>;
export const TeamRoleInput = z.object({ role: StudyRole });
export const TeamMemberView = z.object({
  personId: z.uuid(),
  name: z.string(),
  role: StudyRole,
  addedAt: Instant,
  /** A coordinator or administrator of the program, who may lead. */
  canLead: z.boolean(),
});
/** The study's team, and the program's staff and evaluators who may be added (evaluators never as lead). */
export const TeamView = z.object({
  members: z.array(TeamMemberView),
  candidates: z.array(z.object({ personId: z.uuid(), name: z.string(), canLead: z.boolean() })),
});
export type TeamView = z.infer<typeof TeamView>;

export const CodingView = z.object({
  id: z.uuid(),
  codeId: z.uuid(),
  coderId: z.uuid(),
  start: z.int(),
  end: z.int(),
  createdAt: Instant,
});
export const MemoView = z.object({
  id: z.uuid(),
  transcriptId: z.uuid().nullable(),
  codeId: z.uuid().nullable(),
  start: z.int().nullable(),
  end: z.int().nullable(),
  text: z.string(),
  authorId: z.uuid(),
  createdAt: Instant,
});

/**
 * One transcript as its reader may see it. Pending: the original with the proposals, for study staff
 * only. Ready: the de-identified text with its codings and memos; `original` only for study staff
 * when the study keeps originals and it was asked for.
 */
export const TranscriptView = TranscriptSummary.extend({
  format: z.enum(importFormats),
  text: z.string(),
  turns: z.array(TurnView),
  proposals: z.array(ProposalView).nullable(),
  original: z.object({ text: z.string(), turns: z.array(TurnView) }).nullable(),
  codings: z.array(CodingView),
  memos: z.array(MemoView),
  coders: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type TranscriptView = z.infer<typeof TranscriptView>;

/** A 2×2 table of units (characters or turns) with its statistics. */
const UnitAgreementView = z.object({
  bothCoded: z.int(),
  firstOnly: z.int(),
  secondOnly: z.int(),
  neither: z.int(),
  percentAgreement: z.number().nullable(),
  kappa: z.number().nullable(),
  alpha: z.number().nullable(),
});

export const AgreementView = z.object({
  transcriptId: z.uuid(),
  /** The unit of the per-code counts and of the differences; `byTurn` counts speaker turns. */
  unit: z.literal('character'),
  characters: z.int(),
  /** Speaker turns, the units of each code's `byTurn` (segment-level agreement). */
  turns: z.int(),
  first: z.object({ id: z.uuid(), name: z.string() }),
  second: z.object({ id: z.uuid(), name: z.string() }),
  codes: z.array(
    UnitAgreementView.extend({
      codeId: z.uuid(),
      name: z.string(),
      byTurn: UnitAgreementView,
      disagreements: z.array(z.object({ start: z.int(), end: z.int(), codedBy: z.enum(['first', 'second']), text: z.string() })),
    }),
  ),
});
export type AgreementView = z.infer<typeof AgreementView>;

/** Starts the consensus version of a transcript from two coders' codings (issue #13). */
export const StartConsensusInput = z.object({ first: z.uuid(), second: z.uuid() });
export type StartConsensusInput = z.infer<typeof StartConsensusInput>;

/** Keeps a stretch in the consensus version, or leaves it out, for one code. */
export const ConsensusDecisionInput = z
  .object({ codeId: z.uuid(), start: z.int().min(0), end: z.int().min(1), keep: z.boolean() })
  .refine((d) => d.end > d.start, { message: 'The passage must end after it starts', path: ['end'] });
export type ConsensusDecisionInput = z.infer<typeof ConsensusDecisionInput>;

export const ConsensusView = z.object({
  transcriptId: z.uuid(),
  first: z.object({ id: z.uuid(), name: z.string() }),
  second: z.object({ id: z.uuid(), name: z.string() }),
  startedBy: z.string(),
  startedAt: z.string(),
  codes: z.array(
    z.object({
      codeId: z.uuid(),
      name: z.string(),
      spans: z.array(z.object({ start: z.int(), end: z.int(), text: z.string() })),
    }),
  ),
  decisions: z.array(z.object({ codeId: z.uuid(), start: z.int(), end: z.int(), keep: z.boolean() })),
});
export type ConsensusView = z.infer<typeof ConsensusView>;
export const ConsensusReply = z.object({ consensus: ConsensusView.nullable() });
export type ConsensusReply = z.infer<typeof ConsensusReply>;
