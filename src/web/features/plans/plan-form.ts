import type { PlanDraft, PlanKind } from '../../../core/plans';
import type { FieldMessages } from '../../ui/form';
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

/** What must be filled in before the plan can be saved (the server checks again). */
export function planProblems(v: PlanFormValues): FieldMessages {
  const out: FieldMessages = {};
  if (v.kind === 'action_plan') {
    if (!v.what.trim()) out['what'] = 'Say what they will do';
    if (!v.howMuch.trim()) out['howMuch'] = 'Say how much, e.g. 10 minutes';
    if (!v.when.trim()) out['when'] = 'Say when, e.g. after lunch';
    if (!v.daysPerWeek) out['daysPerWeek'] = 'Choose how many days a week';
    if (v.confidence === null) out['confidence'] = 'Choose how sure they are, from 0 to 10';
  } else {
    if (v.readiness === null) out['readiness'] = 'Choose how ready they are, from 0 to 10';
    if (!v.step.trim()) out['what'] = 'Say what the smaller step is';
  }
  return out;
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
