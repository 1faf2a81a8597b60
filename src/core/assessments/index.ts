import { z } from 'zod';
import { AnswersInput } from '../instruments';
import { CrisisInfo } from '../safety/crisis';
import { assessmentStates, TimepointKey } from './schedule';
import { Locale } from '../shared/locale';

/**
 * Assessments on schedule (issue #5): the program's timepoints and windows, each participant's
 * schedule and its states, one-time links, staff entry with history, charts and the program report.
 * Rules: schedule.ts, rules.ts and misses.ts; decisions: docs/decisions/0015-assessments.md.
 */
export * from './schedule';
export * from './rules';
export * from './misses';

/** How a response was entered: by the participant through a one-time link, or by staff during a call or visit. */
export const entryMethods = ['link', 'phone', 'in_person'] as const;
export const EntryMethod = z.enum(entryMethods);
export type EntryMethod = z.infer<typeof EntryMethod>;

const BandView = z.object({ code: z.string(), min: z.number(), max: z.number() });

/** An instrument as a program may choose it. */
export const InstrumentSummary = z.object({
  id: z.string(),
  title: z.string(),
  origin: z.enum(['built_in', 'imported']),
  licence: z.string(),
  licenceNote: z.string(),
  /** False while a licensed instrument has no licensed text loaded: staff may enter numbers, links are refused. */
  hasItemText: z.boolean(),
  scoringRule: z.string(),
  source: z.string(),
  itemCount: z.int(),
});
export type InstrumentSummary = z.infer<typeof InstrumentSummary>;

export const ImportInput = z.discriminatedUnion('format', [
  z.object({ format: z.literal('fhir'), content: z.string().min(1).max(1_000_000) }),
  z.object({
    format: z.literal('redcap'),
    content: z.string().min(1).max(1_000_000),
    form: z.string().trim().max(100).optional(),
    title: z.string().trim().max(200).optional(),
  }),
]);
export type ImportInput = z.infer<typeof ImportInput>;

export const ImportProblems = z.object({
  error: z.literal('invalid_file'),
  message: z.string(),
  problems: z.array(z.object({ where: z.string(), message: z.string() })),
  /** The same problems in the shape of every error body's `fields`, for clients that read those. */
  fields: z.array(z.object({ path: z.string(), message: z.string() })),
});

export const LicensedTextInput = z.object({ texts: z.record(z.string().max(100), z.string().max(4000)) });

/** One answerable item as a form shows it. */
export const ItemForm = z.object({
  linkId: z.string(),
  prefix: z.string().nullable(),
  text: z.string(),
  kind: z.enum(['choice', 'integer', 'decimal', 'text']),
  options: z.array(z.object({ code: z.string(), display: z.string(), value: z.number().nullable() })),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export const InstrumentForm = z.object({
  id: z.string(),
  title: z.string(),
  copyright: z.string().nullable(),
  items: z.array(ItemForm),
});
export type InstrumentForm = z.infer<typeof InstrumentForm>;

export const ScoreView = z.object({
  total: z.number().nullable(),
  subscales: z.record(z.string(), z.number().nullable()),
  severity: z.string().nullable(),
  complete: z.boolean(),
  flags: z.array(z.string()),
});

/** A saved response: the answers as given, the score, who entered it, how and when. */
export const ResponseView = ScoreView.extend({
  id: z.uuid(),
  timepointKey: z.string(),
  instrumentId: z.string(),
  answers: z.record(z.string(), z.union([z.number(), z.string()])),
  method: EntryMethod,
  enteredByName: z.string().nullable(),
  enteredAt: z.iso.datetime(),
  version: z.int(),
});
export type ResponseView = z.infer<typeof ResponseView>;

export const ScheduleRowView = z.object({
  key: z.string(),
  label: z.string(),
  dueOn: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  state: z.enum(assessmentStates),
  /** The miss was recorded by the sweep: it stays missed whatever the windows say later. */
  missRecorded: z.boolean(),
  instruments: z.array(z.object({ id: z.string(), title: z.string(), response: ResponseView.nullable() })),
  /** An unexpired link is waiting for the participant. */
  linkExpiresAt: z.iso.datetime().nullable(),
});
export type ScheduleRowView = z.infer<typeof ScheduleRowView>;

/** Scores over time for one instrument, with the bands to draw them against. */
export const ScoreSeries = z.object({
  instrumentId: z.string(),
  title: z.string(),
  range: z.object({ min: z.number(), max: z.number() }),
  bands: z.array(BandView),
  points: z.array(z.object({ timepointKey: z.string(), label: z.string(), total: z.number(), severity: z.string().nullable() })),
});
export type ScoreSeries = z.infer<typeof ScoreSeries>;

/**
 * A participant's assessments. The participant part carries what an assessor needs to reach the
 * person and nothing about coaching (no coach, pairing, contacts, plans or trial arm).
 */
export const ParticipantAssessments = z.object({
  participant: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    enrolledOn: z.string().nullable(),
  }),
  schedule: z.array(ScheduleRowView),
  series: z.array(ScoreSeries),
  forms: z.array(InstrumentForm),
});
export type ParticipantAssessments = z.infer<typeof ParticipantAssessments>;

export const StaffEntryInput = z.object({
  instrumentId: z.string().min(1).max(64),
  answers: AnswersInput,
  method: z.enum(['phone', 'in_person']),
});
export type StaffEntryInput = z.infer<typeof StaffEntryInput>;

export const EntryResult = z.object({
  response: ResponseView,
  /** True when a safety flag raised (or had already raised) a safety event: tell the caller what to do now. */
  safetyEventRaised: z.boolean(),
});

export const WorklistRow = z.object({
  participantId: z.uuid(),
  participantName: z.string(),
  code: z.string(),
  timepointKey: z.string(),
  label: z.string(),
  state: z.enum(assessmentStates),
  missRecorded: z.boolean(),
  dueOn: z.string(),
  closesOn: z.string(),
});
export type WorklistRow = z.infer<typeof WorklistRow>;

export const ReportView = z.object({
  timepoints: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      counts: z.record(z.enum(assessmentStates), z.int()),
      /** Of the missed, how many the sweep has recorded (the rest closed within its last 10 minutes). */
      missesRecorded: z.int(),
      instruments: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          range: z.object({ min: z.number(), max: z.number() }),
          bands: z.array(BandView),
          distribution: z
            .object({
              n: z.int(),
              min: z.number(),
              q1: z.number(),
              median: z.number(),
              q3: z.number(),
              max: z.number(),
              mean: z.number(),
            })
            .nullable(),
          bandCounts: z.record(z.string(), z.int()),
        }),
      ),
    }),
  ),
});
export type ReportView = z.infer<typeof ReportView>;

export const LinkCreateInput = z.object({
  timepointKey: TimepointKey,
  sendEmail: z.boolean().default(true),
  /** Also (or instead) send it by text message to the participant's phone. */
  sendText: z.boolean().default(false),
});
export const LinkCreated = z.object({
  expiresAt: z.iso.datetime(),
  /** The address to give the participant (shown once to staff; only its hash is stored). */
  url: z.string(),
  emailed: z.boolean(),
  texted: z.boolean(),
});

/** The token travels in the body, never in a URL the server sees (the page keeps it in the fragment). */
export const LinkToken = z.object({ token: z.string().min(20).max(100) });
export const LinkDraftInput = LinkToken.extend({ answers: z.record(z.string().max(64), AnswersInput) });
export const LinkSubmitInput = LinkDraftInput;

/** What a link shows: the questions, nothing personal. */
export const PublicLinkView = z.object({
  /** The participant's language for the page's words (ADR 0041). */
  locale: Locale,
  programName: z.string(),
  timepointLabel: z.string(),
  expiresAt: z.iso.datetime(),
  instruments: z.array(InstrumentForm),
  draft: z.record(z.string(), AnswersInput),
});
export type PublicLinkView = z.infer<typeof PublicLinkView>;

export const LinkSubmitted = z.object({
  completed: z.literal(true),
  /** Shown at once when an answer raised a safety flag. */
  crisis: CrisisInfo.nullable(),
});
export type LinkSubmitted = z.infer<typeof LinkSubmitted>;
