import { ActionPlanInput, SmallStepInput, type PlanDraft, type PlanKind } from '../../../core/plans';
import { schemaProblems, type FieldMessages } from '../../ui/form';
import type { PlanBody } from './plans.api';

/** What the plan form holds while it is filled in. */
export interface PlanFormValues {
  kind: PlanKind;
  what: string;
  howMuch: string;
  when: string;
  daysPerWeek: string;
  confidence: number | null;
  readiness: number | null;
  step: string;
  stepWhen: string;
}

export const emptyPlanForm: PlanFormValues = {
  kind: 'action_plan',
  what: '',
  howMuch: '',
  when: '',
  daysPerWeek: '',
  confidence: null,
  readiness: null,
  step: '',
  stepWhen: '',
};

/** Field names as the summary of problems calls them. */
export const planFieldLabels: Record<string, string> = {
  what: 'What',
  howMuch: 'How much',
  when: 'When',
  daysPerWeek: 'Days a week',
  confidence: 'How sure',
  readiness: 'How ready',
  step: 'A smaller step',
};

const ActionPlanAnswers = ActionPlanInput.omit({ clientKey: true, earlierDrafts: true });
const SmallStepAnswers = SmallStepInput.omit({ clientKey: true });

/**
 * What must be filled in before the plan can be saved: the schema the server checks the plan with
 * (ADR 0054). A small step's "what" is the form's step field, named "what" as in the request.
 */
export function planProblems(v: PlanFormValues): FieldMessages {
  const number = (s: string) => (s.trim() ? Number(s) : undefined);
  return v.kind === 'action_plan'
    ? schemaProblems(ActionPlanAnswers, {
        kind: v.kind,
        what: v.what,
        howMuch: v.howMuch,
        when: v.when,
        daysPerWeek: number(v.daysPerWeek),
        confidence: v.confidence ?? undefined,
      })
    : schemaProblems(SmallStepAnswers, { kind: v.kind, readiness: v.readiness ?? undefined, what: v.step, when: v.stepWhen });
}

/** The draft of an action plan as it stands (only when every field is filled in). */
export function draftOf(v: PlanFormValues): PlanDraft | null {
  if (v.kind !== 'action_plan' || v.confidence === null || !v.daysPerWeek) return null;
  return {
    what: v.what.trim(),
    howMuch: v.howMuch.trim(),
    when: v.when.trim(),
    daysPerWeek: Number(v.daysPerWeek),
    confidence: v.confidence,
  };
}

/** The body of POST …/plans: an action plan with its earlier drafts, or a small step. */
export function planBody(v: PlanFormValues, clientKey: string, earlierDrafts: readonly PlanDraft[]): PlanBody {
  const draft = draftOf(v);
  if (v.kind === 'action_plan' && draft) return { kind: 'action_plan', clientKey, ...draft, earlierDrafts: [...earlierDrafts] };
  return { kind: 'small_step', clientKey, readiness: v.readiness ?? 0, what: v.step.trim(), when: v.stepWhen.trim() };
}
