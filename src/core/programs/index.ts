import { z } from 'zod';
import { DEFAULT_LADDER, LadderSettings } from '../engagement/ladder';
import { DEFAULT_TIME_ZONE, TimeZone } from '../shared/time';
import { patchSchema } from '../shared/patch';
import { DateOn, wholeDays } from '../shared/vocab';

/** Protocol defaults from ECLIPSE: 182 days, a contact every 14 days, 12 target contacts. */
export const PROGRAM_DEFAULTS = { lengthDays: 182, cadenceDays: 14, targetContacts: 12 } as const;

/** The curriculum topics a coach can record, following the self-management skills the evidence supports. */
export const DEFAULT_TOPICS: readonly { key: string; title: string }[] = [
  { key: 'getting_started', title: 'Getting started and your pain story' },
  { key: 'action_plans', title: 'Action plans' },
  { key: 'pacing', title: 'Activity pacing' },
  { key: 'relaxation', title: 'Relaxation' },
  { key: 'thoughts', title: 'Thoughts and pain' },
  { key: 'physical_activity', title: 'Physical activity' },
  { key: 'sleep', title: 'Sleep' },
  { key: 'mood_stress', title: 'Mood and stress' },
  { key: 'care_team', title: 'Talking with your health care team' },
  { key: 'self_care', title: 'Medicines and self-care' },
  { key: 'flare_ups', title: 'Planning for flare-ups' },
  { key: 'keeping_going', title: 'Keeping it going' },
];

export const Topic = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Use lower-case letters, digits and _'),
  title: z.string().trim().min(1).max(120),
});

export const ProgramInput = z.object({
  name: z.string().trim().min(1).max(120),
  site: z.string().trim().min(1).max(120),
  startOn: DateOn,
  lengthDays: wholeDays(7, 1095).default(PROGRAM_DEFAULTS.lengthDays),
  cadenceDays: wholeDays(1, 90).default(PROGRAM_DEFAULTS.cadenceDays),
  targetContacts: z.int().min(1).max(200).default(PROGRAM_DEFAULTS.targetContacts),
  /** The IANA zone the program's local days and hours are counted in (attempt times, pauses). */
  timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
  /** The escalation ladder when a pair goes quiet. */
  ladder: LadderSettings.default(() => ({ ...DEFAULT_LADDER })),
  topics: z
    .array(Topic)
    .min(1)
    .max(100)
    .refine((ts) => new Set(ts.map((t) => t.key)).size === ts.length, 'Topic keys must be unique')
    .default(() => DEFAULT_TOPICS.map((t) => ({ ...t }))),
});
export type ProgramInput = z.infer<typeof ProgramInput>;

export const ProgramUpdate = patchSchema(ProgramInput);

/** The settings the rules need, without names. */
export interface ProgramRules {
  startOn: string;
  lengthDays: number;
  cadenceDays: number;
  targetContacts: number;
  timeZone: string;
  ladder: LadderSettings;
}
