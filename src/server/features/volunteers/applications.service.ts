import { eq } from 'drizzle-orm';
import { checkApplication, type ApplicationFormView, type ApplicationInput } from '../../../core/volunteers';
import { DomainError } from '../../../core/shared/errors';
import { audit } from '../../platform/audit';
import type { Deps } from '../../platform/context';
import type { Db } from '../../platform/database';
import { newId } from '../../platform/ids';
import { programs } from '../programs/programs.table';
import { applicationReceivedMail } from './volunteers.mail';
import { loadVolunteerSettings } from './volunteers.repository';
import { volunteerApplications, volunteerSteps } from './volunteers.table';

/** Where a public request came from, for the audit trail (there is no signed-in person). */
export interface PublicCaller {
  ip: string | null;
  requestId: string;
}

async function programFor(db: Db, programId: string) {
  const [program] = await db
    .select({ id: programs.id, name: programs.name, site: programs.site })
    .from(programs)
    .where(eq(programs.id, programId));
  if (!program) throw new DomainError('not_found', undefined, 'Not found');
  return program;
}

/** What the public application form shows and asks for a program: its name and its settings. */
export async function getApplicationForm(deps: Deps, programId: string): Promise<ApplicationFormView> {
  const program = await programFor(deps.db, programId);
  const settings = await loadVolunteerSettings(deps.db, programId);
  return { programName: program.name, site: program.site, ...settings };
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/**
 * Records a volunteer's application from the public form, with its first step, the confirmation
 * e-mail and the audit row in one transaction. There is no account: the audit row has no actor,
 * only the address and request id. Background the program does not ask about is not kept.
 */
export async function submitApplication(
  deps: Deps,
  from: PublicCaller,
  programId: string,
  input: ApplicationInput,
): Promise<{ id: string }> {
  const program = await programFor(deps.db, programId);
  const settings = await loadVolunteerSettings(deps.db, programId);
  checkApplication(input, settings);
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tx.insert(volunteerApplications).values({
      id,
      programId,
      givenName: input.givenName,
      familyName: input.familyName,
      email: input.email,
      phone: input.phone,
      gender: input.gender,
      painLocations: unique(input.painLocations),
      aboutMe: input.aboutMe,
      ownPain: input.ownPain,
      availableDays: unique(input.availableDays),
      availableTimes: unique(input.availableTimes),
      modalities: unique(input.modalities),
      serviceBranch: settings.asksServiceBranch ? input.serviceBranch : null,
      serviceEra: settings.asksServiceEra ? input.serviceEra : null,
      birthYear: input.birthYear,
      town: input.town,
      languages: unique(input.languages),
      backgroundCheckConsent: settings.requiresBackgroundCheck ? input.backgroundCheckConsent : null,
      state: 'applied',
      stateChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await tx
      .insert(volunteerSteps)
      .values({ id: newId(), programId, applicationId: id, fromState: null, toState: 'applied', at: now });
    const mail = applicationReceivedMail(input.givenName, program.name);
    await deps.mailer.enqueue(tx, { programId, to: input.email, ...mail }, now);
    await audit(tx, { actor: null, ...from }, now, [
      { verb: 'create', entityType: 'volunteer_application', entityId: id, programId },
    ]);
  });
  return { id };
}
