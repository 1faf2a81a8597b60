import type { Weekday } from '../../../core/shared/time';
import type { PipelineState, RetireReason, ScreeningItem, ServiceBranch, ServiceEra } from '../../../core/volunteers';

/** Where a volunteer stands on the journey, in plain words. */
export const stateLabels = {
  applied: 'Applied',
  screened: 'Screened',
  in_training: 'In training',
  active: 'Active coach',
  paused: 'Paused',
  retired: 'Retired',
} as const satisfies Record<PipelineState, string>;

export const stateTones = {
  applied: 'info',
  screened: 'info',
  in_training: 'warning',
  active: 'good',
  paused: 'neutral',
  retired: 'neutral',
} as const satisfies Record<PipelineState, 'good' | 'info' | 'warning' | 'bad' | 'neutral'>;

export const serviceBranchLabels = {
  army: 'Army',
  navy: 'Navy',
  air_force: 'Air Force',
  marine_corps: 'Marine Corps',
  coast_guard: 'Coast Guard',
  space_force: 'Space Force',
  prefer_not_to_say: 'Prefer not to say',
} as const satisfies Record<ServiceBranch, string>;

export const serviceEraLabels = {
  korea_or_earlier: 'Korea or earlier (before 1955)',
  vietnam: 'Vietnam era (about 1955–1975)',
  post_vietnam: 'Between Vietnam and the Gulf War (1975–1990)',
  gulf_war: 'Gulf War era (1990–2001)',
  post_9_11: 'After 9/11 (2001 on)',
  prefer_not_to_say: 'Prefer not to say',
} as const satisfies Record<ServiceEra, string>;

export const retireReasonLabels = {
  not_suitable: 'Not suitable for coaching now',
  withdrew: 'Withdrew',
  no_response: 'No response',
  training_not_completed: 'Did not complete training',
  stepped_down: 'Stepped down as a coach',
  other: 'Other',
} as const satisfies Record<RetireReason, string>;

export const screeningLabels = {
  conversation: 'Talked with the applicant by phone or in person',
  manages_own_pain: 'Manages his or her own pain well enough to support someone else',
  time_commitment: 'Understands the time asked: about two contacts a month for six months',
  peer_role: 'Understands that a coach is a peer who listens and encourages, not a clinician',
  background_check: 'Background check cleared',
} as const satisfies Record<ScreeningItem, string>;

export const dayLabels = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const satisfies Record<Weekday, string>;

/** "Army, Vietnam era (about 1955–1975)", or null when neither is recorded. */
export function backgroundWords(branch: ServiceBranch | null, era: ServiceEra | null): string | null {
  const words = [branch ? serviceBranchLabels[branch] : null, era ? serviceEraLabels[era] : null].filter(Boolean);
  return words.length > 0 ? words.join(', ') : null;
}
