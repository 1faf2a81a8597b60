/**
 * Plain-English words for the vocabulary several features share. Each map is typed against the
 * core union, so the compiler demands a label for every value; the maps' keys give option lists.
 */
import type { ParticipantStatus } from '../../core/participants';
import type { PairState } from '../../core/tasks';
import type { Channel, Gender, PainLocation, TimeOfDay } from '../../core/shared/vocab';
import type { Option } from '../ui/form';

export const genderLabels = {
  woman: 'Woman',
  man: 'Man',
  nonbinary: 'Non-binary',
  not_stated: 'Not stated',
} as const satisfies Record<Gender, string>;

export const painLocationLabels = {
  low_back: 'Low back',
  neck: 'Neck',
  shoulder: 'Shoulder',
  hip: 'Hip',
  knee: 'Knee',
  hand: 'Hand or wrist',
  foot: 'Foot or ankle',
  widespread: 'Widespread',
  other: 'Other',
} as const satisfies Record<PainLocation, string>;

export const channelLabels = {
  phone: 'Phone call',
  video: 'Video call',
  in_person: 'In person',
  text: 'Text messages',
} as const satisfies Record<Channel, string>;

export const timeOfDayLabels = {
  morning: 'Morning',
  afternoon: 'Afternoon',
  evening: 'Evening',
} as const satisfies Record<TimeOfDay, string>;

export const participantStatusLabels = {
  referred: 'Referred',
  enrolled: 'Enrolled',
  active: 'Active (paired)',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
} as const satisfies Record<ParticipantStatus, string>;

export const pairStateLabels = {
  on_track: 'On track',
  due: 'Contact due',
  overdue: 'Overdue',
  quiet: 'Quiet',
  paused: 'Paused',
} as const satisfies Record<PairState, string>;

export const pairStateTones = {
  on_track: 'good',
  due: 'info',
  overdue: 'warning',
  quiet: 'bad',
  paused: 'neutral',
} as const satisfies Record<PairState, 'good' | 'info' | 'warning' | 'bad' | 'neutral'>;

/** Options for a select or choice group from a label map, in the map's order. */
export function optionsOf<V extends string>(labels: Record<V, string>): Option<V>[] {
  return (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }));
}

/** A list of values as words, e.g. "Low back, Knee". */
export function listOf<V extends string>(labels: Record<V, string>, values: readonly V[]): string {
  return values.map((v) => labels[v]).join(', ');
}
