import { z } from 'zod';
import { DomainError } from '../shared/errors';
import { DateOn } from '../shared/vocab';

/**
 * The volunteer's journey, as the coordinator moves an applicant along it: applied → screened →
 * in training → active, with pauses (until a date) and retirement (with a reason) along the way.
 * ECLIPSE's coaches were volunteers who managed their own pain, trained for 2–3 hours and chose their
 * own caseload (Matthias et al., J Gen Intern Med 2020); Kindred makes each step explicit.
 */
export const pipelineStates = ['applied', 'screened', 'in_training', 'active', 'paused', 'retired'] as const;
export const PipelineState = z.enum(pipelineStates);
export type PipelineState = z.infer<typeof PipelineState>;

/** Where an applicant may go from each state. Retired is the end of the journey. */
export const NEXT_STATES: Readonly<Record<PipelineState, readonly PipelineState[]>> = {
  applied: ['screened', 'retired'],
  screened: ['in_training', 'retired'],
  in_training: ['active', 'retired'],
  active: ['paused', 'retired'],
  paused: ['active', 'retired'],
  retired: [],
};

/** True when the rules allow a move from one state to another (the other conditions aside). */
export function canMove(from: PipelineState, to: PipelineState): boolean {
  return NEXT_STATES[from].includes(to);
}

/**
 * What screening checks. Coaches in ECLIPSE were veterans successfully managing their own pain;
 * peers work within a non-clinical role; the program asks about two contacts a month for six months.
 */
export const screeningItems = ['conversation', 'manages_own_pain', 'time_commitment', 'peer_role', 'background_check'] as const;
export type ScreeningItem = (typeof screeningItems)[number];

export const ScreeningChecklist = z.object(
  Object.fromEntries(screeningItems.map((k) => [k, z.boolean().default(false)])) as Record<
    ScreeningItem,
    z.ZodDefault<z.ZodBoolean>
  >,
);
export type ScreeningChecklist = z.output<typeof ScreeningChecklist>;

/** The items that must be ticked before an applicant counts as screened. */
export function requiredScreeningItems(requiresBackgroundCheck: boolean): ScreeningItem[] {
  return screeningItems.filter((k) => k !== 'background_check' || requiresBackgroundCheck);
}

/** Why a volunteer leaves the journey (at any stage). */
export const retireReasons = [
  'not_suitable',
  'withdrew',
  'no_response',
  'training_not_completed',
  'stepped_down',
  'other',
] as const;
export const RetireReason = z.enum(retireReasons);
export type RetireReason = z.infer<typeof RetireReason>;

const Note = z.string().trim().max(2000).default('');

/** One move the coordinator asks for, with what that move needs. */
export const StepInput = z.discriminatedUnion('to', [
  z.object({ to: z.literal('screened'), checklist: ScreeningChecklist, note: Note }),
  z.object({ to: z.literal('in_training'), note: Note }),
  z.object({ to: z.literal('active'), note: Note }),
  z.object({ to: z.literal('paused'), until: DateOn, note: Note }),
  z.object({ to: z.literal('retired'), reason: RetireReason, note: Note }),
]);
export type StepInput = z.output<typeof StepInput>;

export interface StepFacts {
  from: PipelineState;
  step: StepInput;
  requiresBackgroundCheck: boolean;
  /** Training modules passed and the agreement signed; false before there is a coach record. */
  isTrainingComplete: boolean;
  /** The coach's active pairings (0 before there is a coach record). */
  activePairings: number;
  /** Today in the program's time zone (YYYY-MM-DD). */
  today: string;
}

/**
 * Decides whether the coordinator may make this move. Throws a DomainError naming the first rule
 * broken: the move must follow the journey; screening needs every required item; a coach becomes
 * active only with training and the agreement complete; a pause ends after today; a coach with
 * participants is not retired until those pairings end.
 */
export function checkStep(f: StepFacts): void {
  const { step } = f;
  if (!canMove(f.from, step.to)) {
    throw new DomainError(
      'conflict',
      'step_not_allowed',
      `An applicant who is ${words[f.from]} cannot move to ${words[step.to]}`,
    );
  }
  if (step.to === 'screened') {
    const missing = requiredScreeningItems(f.requiresBackgroundCheck).filter((k) => !step.checklist[k]);
    if (missing.length > 0) {
      throw new DomainError(
        'invalid_state',
        'screening_incomplete',
        `Screening is not complete: ${missing.map((k) => screeningWords[k]).join('; ')}`,
      );
    }
  }
  if (step.to === 'active' && !f.isTrainingComplete) {
    throw new DomainError(
      'invalid_state',
      'training_incomplete',
      'The coach has not passed every training module and signed the agreement yet',
    );
  }
  if (step.to === 'paused' && step.until <= f.today) {
    throw new DomainError('invalid_state', 'pause_date_past', 'Choose a date after today for the pause to end');
  }
  if (step.to === 'retired' && f.activePairings > 0) {
    throw new DomainError(
      'conflict',
      'coach_has_participants',
      'The coach still coaches participants: end or re-pair those pairings first',
    );
  }
}

const words: Record<PipelineState, string> = {
  applied: 'applied',
  screened: 'screened',
  in_training: 'in training',
  active: 'active',
  paused: 'paused',
  retired: 'retired',
};

/** The checklist items in words (the web app shows the same). */
export const screeningWords: Record<ScreeningItem, string> = {
  conversation: 'talked with the applicant by phone or in person',
  manages_own_pain: 'manages his or her own pain well enough to support someone else',
  time_commitment: 'understands the time asked (about two contacts a month for six months)',
  peer_role: 'understands that a coach is a peer who listens and encourages, not a clinician',
  background_check: 'background check cleared',
};
