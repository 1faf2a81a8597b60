import type { interviewSampleMembers } from './interviews.table';

/** How an invitation's consent and interview time read in the staff's sample and the participant's page (ADR 0050). */

type MemberRow = typeof interviewSampleMembers.$inferSelect;

/** A consent as recorded, or null. */
export function presentConsent(m: MemberRow, version: number | null) {
  if (m.consentedAt === null || m.consentMethod === null || version === null) return null;
  return { version, method: m.consentMethod, recording: m.consentsToRecording === true, at: m.consentedAt.toISOString() };
}

/** The interview's time and place as scheduled, or null. */
export function presentInterview(m: MemberRow) {
  if (m.interviewStartsAt === null || m.interviewModality === null) return null;
  return {
    startsAt: m.interviewStartsAt.toISOString(),
    durationMinutes: m.interviewDurationMinutes ?? 0,
    modality: m.interviewModality,
    place: m.interviewPlace,
    videoLink: m.interviewVideoLink,
  };
}
