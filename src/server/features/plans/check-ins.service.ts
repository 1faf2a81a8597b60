/** Plans: the weekly pain check-in (PEG), answered in the app or by text message. */
import { and, eq } from 'drizzle-orm';
import { todayIn } from '../../../core/shared/time';
import { findInstrument } from '../../../core/instruments';
import {
  CHECK_IN_FIELDS,
  scoreCheckIn,
  type CheckInSource,
  type PainCheckInInput,
  type CheckInQuestion,
  type PainCheckInView,
} from '../../../core/plans';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import type { Db, Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { recordCheckInNoteFlags, type AuditCaller } from '../safety';
import { loadProgram } from '../programs';
import { painCheckIns } from './plans.table';
import { loadParticipantFor } from '../../access/participant-context';
import { checkInProgram } from './plans.access';
import { presentCheckIn } from './plans.presenters';

/**
 * Records the participant's weekly PEG check-in, scored by the instrument library. One per
 * program-local day: a second one the same day replaces the first (a correction).
 */
export async function recordPainCheckIn(
  deps: Deps,
  caller: Caller,
  programId: string,
  participantId: string,
  input: PainCheckInInput,
): Promise<{ checkIn: PainCheckInView; isNew: boolean }> {
  const { program, participant } = await loadParticipantFor(deps, caller, programId, participantId, 'checkin:record');
  checkInProgram(participant);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const r = await savePainCheckIn(tx, deps, caller, {
      programId,
      participantId,
      on: todayIn(program, now),
      input,
      source: 'app',
      enteredBy: caller.actor.personId,
    });
    return { checkIn: presentCheckIn(r.row), isNew: r.isNew };
  });
}

/**
 * Saves a weekly check-in inside the caller's transaction: scored, one per participant and
 * program-local day (a second one that day replaces the first), risk words in the note raised as a
 * safety event, audited. The app's check-in and a text message reply (#16) both come through here.
 */
export async function savePainCheckIn(
  tx: Db | Tx,
  deps: Pick<Deps, 'mailer' | 'publicUrl' | 'clock'>,
  caller: AuditCaller,
  c: {
    programId: string;
    participantId: string;
    on: string;
    input: PainCheckInInput;
    source: CheckInSource;
    /** The person who entered it, or null for a text message reply. */
    enteredBy: string | null;
  },
): Promise<{ row: typeof painCheckIns.$inferSelect; isNew: boolean; safetyEventId: string | null }> {
  const score = scoreCheckIn(c.input);
  const now = deps.clock.now();
  const [existing] = await tx
    .select({ id: painCheckIns.id })
    .from(painCheckIns)
    .where(and(eq(painCheckIns.participantId, c.participantId), eq(painCheckIns.on, c.on)));
  const values = {
    pain: c.input.pain,
    enjoyment: c.input.enjoyment,
    activity: c.input.activity,
    score,
    note: c.input.note,
    source: c.source,
    updatedAt: now,
  };
  const [row] = await tx
    .insert(painCheckIns)
    .values({ id: newId(), programId: c.programId, participantId: c.participantId, on: c.on, ...values, createdAt: now })
    .onConflictDoUpdate({ target: [painCheckIns.participantId, painCheckIns.on], set: values })
    .returning();
  if (!row) throw new Error('check-in not saved');
  // Risk words in the note for the coach raise a safety event for a coordinator in this same
  // transaction (issue #5): notes are read before the next call, not watched around the clock.
  const flagged = await recordCheckInNoteFlags(tx, { mailer: deps.mailer, publicUrl: deps.publicUrl, now }, caller, {
    programId: c.programId,
    participantId: c.participantId,
    checkInId: row.id,
    note: c.input.note,
    enteredBy: c.enteredBy,
  });
  await audit(tx, caller, now, [
    { verb: existing ? 'update' : 'create', entityType: 'pain_check_in', entityId: row.id, programId: c.programId },
  ]);
  return { row, isNew: !existing, safetyEventId: flagged?.eventId ?? null };
}

/** The PEG questions as the participant reads them, from the instrument library's Questionnaire. */
export async function checkInQuestions(deps: Deps, caller: Caller, programId: string): Promise<CheckInQuestion[]> {
  await loadProgram(deps.db, caller, programId);
  const peg = findInstrument('peg');
  if (!peg) throw new Error('the PEG instrument is missing from the library');
  return CHECK_IN_FIELDS.map(({ field, linkId }) => {
    const item = peg.definition.items.find((i) => i.linkId === linkId);
    if (!item) throw new Error(`PEG item ${linkId} is missing`);
    return {
      field,
      linkId,
      prefix: item.prefix,
      text: item.text,
      options: item.options.flatMap((o) => (o.value === null ? [] : [{ value: o.value, label: o.display }])),
    };
  });
}
