import type { AssessmentState, EntryMethod } from '../../../core/assessments';

export const stateLabels = {
  upcoming: 'Not open yet',
  due: 'Due',
  overdue: 'Overdue',
  completed: 'Completed',
  missed: 'Missed',
  stopped: 'Not needed',
} as const satisfies Record<AssessmentState, string>;

export const stateTones = {
  upcoming: 'neutral',
  due: 'info',
  overdue: 'warning',
  completed: 'good',
  missed: 'bad',
  stopped: 'neutral',
} as const satisfies Record<AssessmentState, string>;

export const methodLabels = {
  link: 'by the participant, with a one-time link',
  phone: 'by phone',
  in_person: 'in person',
} as const satisfies Record<EntryMethod, string>;

/** "moderately_severe" → "Moderately severe". */
export function bandLabel(code: string | null): string {
  if (!code) return '—';
  const words = code.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whole numbers as they are, others to one decimal place. */
export function formatNumber(n: number | null): string {
  if (n === null) return '—';
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
