import { eq } from 'drizzle-orm';
import { DEFAULT_LOCALE, type Locale } from '../../../core/shared/locale';
import type { Db, Tx } from '../../platform/database';
import { participants } from '../participants/participants.table';

/**
 * The language of an account's e-mails: the participant's choice when the account belongs to a
 * participant, else English (issue #16). For the rare mail whose recipient is loaded without it.
 */
export async function localeOfPerson(db: Db | Tx, personId: string): Promise<Locale> {
  const [row] = await db
    .select({ locale: participants.locale })
    .from(participants)
    .where(eq(participants.personId, personId))
    .limit(1);
  return row?.locale ?? DEFAULT_LOCALE;
}
