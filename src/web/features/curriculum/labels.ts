import type { ProgramScope } from '../../app/program';
import { englishT, type Translate } from '../../i18n/i18n';

/**
 * Whether this person reads the curriculum as handouts: participants who hold no other role read
 * "Handouts", plain words for what they get; coaches and staff know it as the curriculum.
 */
export function seesHandouts(p: ProgramScope): boolean {
  const roles = p.membership.roles;
  return roles.length > 0 && roles.every((r) => r === 'participant');
}

/** What the curriculum is called for this person ("Handouts" or "Curriculum"), in the person's language. */
export function curriculumLabel(p: ProgramScope, t: Translate = englishT): string {
  return seesHandouts(p) ? t('app.nav.handouts') : t('app.nav.curriculum');
}
