import type { SamplingDimension } from '../../../core/interviews';
import { genderLabels, painLocationLabels } from '../../app/vocab';
import { frequencyLabels } from '../engagement';

/** The sampling dimensions in words (ADR 0044 defines each). */
export const dimensionLabels = {
  arm: 'Arm',
  adherent: 'Reached the contact target',
  frequency: 'How often they met',
  coachFidelity: 'Their coach’s fidelity',
  droppedOut: 'Dropped out',
  outcomeImproved: 'Pain score improved',
  gender: 'Gender',
  era: 'Service era',
  painSite: 'Where the pain is',
} as const satisfies Record<SamplingDimension, string>;

const common: Record<string, string> = {
  yes: 'Yes',
  no: 'No',
  not_paired: 'Never paired',
  not_randomized: 'Not randomized',
  not_recorded: 'Not recorded',
  high: 'High fidelity',
  low: 'Low fidelity',
  no_contacts: 'No contacts yet',
  none: 'None recorded',
  several: 'Several places',
  too_early: 'Too early to say',
};

/** A dimension's value in words; values Kindred has no words for (arm names, service eras) as they are. */
export function valueLabel(dimension: SamplingDimension, value: string): string {
  if (dimension === 'gender' && value in genderLabels) return genderLabels[value as keyof typeof genderLabels];
  if (dimension === 'painSite' && value in painLocationLabels)
    return painLocationLabels[value as keyof typeof painLocationLabels];
  if (dimension === 'frequency' && value in frequencyLabels) return frequencyLabels[value as keyof typeof frequencyLabels];
  return common[value] ?? value;
}

/** A cell as words: "Reached the contact target: Yes; Gender: Man". */
export function cellLabel(dimensions: readonly SamplingDimension[], values: readonly string[]): string {
  return dimensions.map((d, i) => `${dimensionLabels[d]}: ${valueLabel(d, values[i] ?? '')}`).join('; ');
}

/** Why someone was left out of a draw, in words. */
export const exclusionLabels: Record<string, string> = {
  died: 'Died',
  withdrew_from_follow_up: 'Withdrew from follow-up',
  declined_before: 'Declined an earlier invitation',
};
