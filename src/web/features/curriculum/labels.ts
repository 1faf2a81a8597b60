import type { ProgramScope } from '../../app/program';

/**
 * What the curriculum is called for this person: participants who hold no other role read
 * "Handouts", plain words for what they get; coaches and staff know it as the curriculum.
 */
export function curriculumLabel(p: ProgramScope): 'Handouts' | 'Curriculum' {
  const roles = p.membership.roles;
  return roles.length > 0 && roles.every((r) => r === 'participant') ? 'Handouts' : 'Curriculum';
}
