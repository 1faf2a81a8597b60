import { addDays } from '../../../core/shared/time';
import type { Tx } from '../../platform/database';
import { volunteerApplications, volunteerSteps } from './volunteers.table';

/** Fixed ids, so the demo is the same every time and no random sequence elsewhere moves. */
const demoId = (n: number) => `00000000-0000-4000-8000-0000000a${String(n).padStart(4, '0')}`;

/**
 * Three synthetic volunteers for the demo program's Volunteers page: two who have just applied and
 * one the coordinator has screened, ready to start training. No real person is described.
 */
export async function seedDemoVolunteers(tx: Tx, programId: string, coordinatorId: string, now: Date): Promise<void> {
  const people = [
    {
      givenName: 'Raymond',
      familyName: 'Ortiz',
      gender: 'man' as const,
      painLocations: ['low_back' as const],
      serviceBranch: 'army',
      serviceEra: 'vietnam',
      birthYear: 1951,
      town: 'Lawrence',
      languages: ['English', 'Spanish'],
      availableDays: ['mon' as const, 'wed' as const],
      availableTimes: ['morning' as const],
      modalities: ['phone' as const, 'in_person' as const],
      aboutMe: 'Retired machinist and grandfather. I volunteer at the food bank on Fridays.',
      ownPain: 'Low-back pain since a fall in 1998. Walking every morning and pacing the yard work keep it in check.',
      appliedDaysAgo: 2,
      isScreened: false,
    },
    {
      givenName: 'Denise',
      familyName: 'Hall',
      gender: 'woman' as const,
      painLocations: ['knee' as const, 'hip' as const],
      serviceBranch: 'air_force',
      serviceEra: 'gulf_war',
      birthYear: 1972,
      town: 'Greenwood',
      languages: ['English'],
      availableDays: ['tue' as const, 'thu' as const],
      availableTimes: ['evening' as const],
      modalities: ['phone' as const, 'video' as const],
      aboutMe: 'Former flight-line mechanic, now a school bus driver. People tell me I am easy to talk to.',
      ownPain: 'Knee and hip pain for ten years. A pain class taught me pacing and relaxation; I still use both.',
      appliedDaysAgo: 6,
      isScreened: true,
    },
    {
      givenName: 'Marcus',
      familyName: 'Reed',
      gender: 'man' as const,
      painLocations: ['neck' as const, 'shoulder' as const],
      serviceBranch: 'navy',
      serviceEra: 'post_9_11',
      birthYear: null,
      town: null,
      languages: ['English'],
      availableDays: ['sat' as const, 'sun' as const],
      availableTimes: ['afternoon' as const],
      modalities: ['video' as const, 'text' as const],
      aboutMe: 'Navy corpsman, now studying to be a teacher. I know how isolating pain can feel.',
      ownPain: 'Neck and shoulder pain after a deployment injury. Stretching breaks and good sleep help most.',
      appliedDaysAgo: 10,
      isScreened: false,
    },
  ];
  for (const [k, p] of people.entries()) {
    const id = demoId(k + 1);
    const appliedAt = addDays(now, -p.appliedDaysAgo);
    const screenedAt = addDays(now, -1);
    const { appliedDaysAgo: _a, isScreened, ...answers } = p;
    await tx.insert(volunteerApplications).values({
      id,
      programId,
      ...answers,
      email: `${p.givenName.toLowerCase()}.${p.familyName.toLowerCase()}@example.org`,
      phone: null,
      backgroundCheckConsent: null,
      state: isScreened ? 'screened' : 'applied',
      stateChangedAt: isScreened ? screenedAt : appliedAt,
      screening: isScreened
        ? { conversation: true, manages_own_pain: true, time_commitment: true, peer_role: true, background_check: false }
        : null,
      screeningNote: isScreened ? 'Good phone call; evenings suit her best.' : '',
      createdAt: appliedAt,
      updatedAt: isScreened ? screenedAt : appliedAt,
    });
    await tx
      .insert(volunteerSteps)
      .values({ id: demoId(100 + k), programId, applicationId: id, toState: 'applied', at: appliedAt });
    if (isScreened) {
      await tx.insert(volunteerSteps).values({
        id: demoId(200 + k),
        programId,
        applicationId: id,
        fromState: 'applied',
        toState: 'screened',
        at: screenedAt,
        actorId: coordinatorId,
        note: 'Good phone call; evenings suit her best.',
      });
    }
  }
}
