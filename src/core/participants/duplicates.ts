import { phoneKey, phoneMatch } from '../outbox';

/**
 * Likely duplicates (issue #10; docs/decisions/0020-data-faults.md): before a participant is added,
 * staff are warned of people already in the program who are probably the same person. Pure.
 */

/**
 * A name as it is compared: lower case, accents dropped, anything but letters and spaces removed,
 * spaces collapsed ("José  García" and "JOSE GARCIA" are the same).
 */
export function nameKey(givenName: string, familyName: string): string {
  return `${givenName} ${familyName}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L} ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What is compared of each person. */
export interface DuplicateFacts {
  givenName: string;
  familyName: string;
  birthYear: number | null;
  phone: string | null;
}

export type DuplicateReason = 'name' | 'phone';

/**
 * Why `existing` is likely the same person as `candidate`, or an empty list:
 * - `name`: the same name (as `nameKey` compares it) and no different year of birth (equal, or
 *   unknown on either side: two "Jose Garcia" without a year are worth a look);
 * - `phone`: the same phone number (its last nine digits, as opt-outs are matched).
 */
export function duplicateReasons(candidate: DuplicateFacts, existing: DuplicateFacts): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  const yearsAgree = candidate.birthYear === null || existing.birthYear === null || candidate.birthYear === existing.birthYear;
  if (yearsAgree && nameKey(candidate.givenName, candidate.familyName) === nameKey(existing.givenName, existing.familyName)) {
    reasons.push('name');
  }
  const a = candidate.phone ? phoneKey(candidate.phone) : null;
  const b = existing.phone ? phoneKey(existing.phone) : null;
  if (a && b && phoneMatch(a) === phoneMatch(b)) reasons.push('phone');
  return reasons;
}

export const LIKELY_DUPLICATE_MESSAGE =
  'This may be someone already in the program. Check the list, then add anyway if it is a different person.';
