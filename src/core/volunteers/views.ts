import { z } from 'zod';
import { Weekday } from '../shared/time';
import { Channel, Gender, PainLocation, TimeOfDay } from '../shared/vocab';
import { ServiceBranch, ServiceEra } from './application';
import { PipelineState, RetireReason, ScreeningChecklist } from './pipeline';

/** A coach's training in one line: modules passed of all, and whether the agreement is signed. */
export const TrainingSummary = z.object({
  modulesPassed: z.int(),
  modulesTotal: z.int(),
  isAgreementSigned: z.boolean(),
  isComplete: z.boolean(),
});
export type TrainingSummary = z.infer<typeof TrainingSummary>;

/** An applicant in the coordinator's list. */
export const ApplicantSummary = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  gender: Gender,
  state: PipelineState,
  appliedAt: z.string(),
  stateChangedAt: z.string(),
  pausedUntil: z.string().nullable(),
  coachId: z.uuid().nullable(),
  /** Null until training starts (there is no coach record before). */
  training: TrainingSummary.nullable(),
});
export type ApplicantSummary = z.infer<typeof ApplicantSummary>;

/** One recorded step of the journey: who moved the applicant, when, and why. */
export const PipelineStepView = z.object({
  from: PipelineState.nullable(),
  to: PipelineState,
  at: z.string(),
  /** Null when the applicant did it (the public form) or the step followed the coach's own training. */
  byName: z.string().nullable(),
  note: z.string(),
});

/** Everything staff see of an applicant. */
export const ApplicantView = ApplicantSummary.extend({
  email: z.string(),
  phone: z.string().nullable(),
  painLocations: z.array(PainLocation),
  aboutMe: z.string(),
  ownPain: z.string(),
  availableDays: z.array(Weekday),
  availableTimes: z.array(TimeOfDay),
  modalities: z.array(Channel),
  serviceBranch: ServiceBranch.nullable(),
  serviceEra: ServiceEra.nullable(),
  /** Optional answers the matcher weighs (ADR 0016). */
  birthYear: z.int().nullable(),
  town: z.string().nullable(),
  languages: z.array(z.string()),
  /** Null when the program did not ask for a background check at the time. */
  backgroundCheckConsent: z.boolean().nullable(),
  screening: ScreeningChecklist.nullable(),
  screeningNote: z.string(),
  retiredReason: RetireReason.nullable(),
  /** The program's settings now, so the screening form knows whether a background check is required. */
  requiresBackgroundCheck: z.boolean(),
  history: z.array(PipelineStepView),
});
export type ApplicantView = z.infer<typeof ApplicantView>;
