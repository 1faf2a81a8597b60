import {
  safetyCategoryLabels,
  safetyStateLabels,
  safetyTriggerLabels,
  type FollowUpStatus,
  type SafetyCategory,
} from '../../../core/safety';

export { safetyCategoryLabels, safetyStateLabels, safetyTriggerLabels };

/** The coach's choices, in the words a coach would use (a report of what was heard, not a judgement). */
export const concernCategoryLabels = {
  self_harm: 'They talked about suicide or harming themselves',
  medical_emergency: 'A medical emergency',
  adverse_event: 'They told me about a hospital stay, a fall or an injury',
  other: 'Something else worried me',
} as const satisfies Record<SafetyCategory, string>;

export const followUpStatusLabels = {
  pending: 'Follow-up due',
  overdue: 'Follow-up overdue',
  on_time: 'Followed up in time',
  late: 'Followed up late',
} as const satisfies Record<FollowUpStatus, string>;

export const followUpStatusTones = {
  pending: 'info',
  overdue: 'bad',
  on_time: 'good',
  late: 'warning',
} as const satisfies Record<FollowUpStatus, 'info' | 'bad' | 'good' | 'warning'>;

/** "12 min", "3 h 5 min", "2 days 4 h": a duration in words short enough for a table cell. */
export function durationWords(minutes: number | null): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} day${d === 1 ? '' : 's'}` : `${d} day${d === 1 ? '' : 's'} ${h % 24} h`;
}
