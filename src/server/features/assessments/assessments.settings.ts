/** Assessments: the program's timepoints, windows and instruments (shipped and imported). */
import { and, eq } from 'drizzle-orm';
import { AssessmentSettings, orphanedTimepoints, type ImportInput, type InstrumentSummary } from '../../../core/assessments';
import { findInstrument, importQuestionnaire, importRedcapDictionary, withLicensedText } from '../../../core/instruments';
import { DomainError, InvalidFile, notFound } from '../../../core/shared/errors';
import { authorize } from '../../access/policy';
import { audit } from '../../platform/audit';
import type { Caller, Deps } from '../../platform/context';
import { newId } from '../../platform/ids';
import { loadProgram } from '../programs';
import { loadAssessmentSettings, loadProgramInstruments, usedTimepointKeys } from './assessments.repository';
import { assessmentSettings, programInstruments } from './assessments.table';
import { invalid, presentSummary } from './assessments.presenters';

/** The program's timepoints (defaults when none were set). */
export async function getSettings(deps: Deps, caller: Caller, programId: string): Promise<AssessmentSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:view', { programId });
  return loadAssessmentSettings(deps.db, programId);
}

/** Staff set the timepoints, windows and instruments; every instrument named must be one the program has. */
export async function updateSettings(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: AssessmentSettings,
): Promise<AssessmentSettings> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:configure', { programId });
  const known = await loadProgramInstruments(deps.db, programId);
  const unknown = [...new Set(input.timepoints.flatMap((t) => t.instruments).filter((id) => !known.has(id)))];
  if (unknown.length) throw invalid('unknown_instrument', `Unknown instrument(s): ${unknown.join(', ')}`);
  // A key stored with answers or a recorded miss cannot be renamed or removed: they would be orphaned.
  const orphaned = orphanedTimepoints(
    await loadAssessmentSettings(deps.db, programId),
    input,
    await usedTimepointKeys(deps.db, programId),
  );
  if (orphaned.length) {
    throw invalid(
      'timepoint_in_use',
      `${orphaned.map((o) => `The timepoint "${o.label}" (key ${o.key})`).join('; ')} already has answers or recorded misses: keep its key (the label, window and instruments may change)`,
    );
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(assessmentSettings)
      .values({ programId, settings: input, updatedBy: caller.actor.personId, updatedAt: now })
      .onConflictDoUpdate({
        target: assessmentSettings.programId,
        set: { settings: input, updatedBy: caller.actor.personId, updatedAt: now },
      });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'assessment_settings', entityId: programId, programId }]);
  });
  return input;
}

/** The instruments the program can administer, shipped and imported. */
export async function listInstruments(deps: Deps, caller: Caller, programId: string): Promise<InstrumentSummary[]> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:view', { programId });
  return [...(await loadProgramInstruments(deps.db, programId)).values()].map(presentSummary);
}

/**
 * Imports a program's own instrument from a FHIR Questionnaire or a REDCap data dictionary. A file
 * with problems is refused with all of them (InvalidFile) and nothing is stored; an id the program
 * already uses is a conflict (responses refer to it: give a new version a new id).
 */
export async function importInstrument(
  deps: Deps,
  caller: Caller,
  programId: string,
  input: ImportInput,
): Promise<InstrumentSummary> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:configure', { programId });
  const read =
    input.format === 'fhir'
      ? importQuestionnaire(input.content)
      : importRedcapDictionary(input.content, {
          ...(input.form ? { form: input.form } : {}),
          ...(input.title ? { title: input.title } : {}),
        });
  if (!read.ok) throw new InvalidFile(read.problems);
  const existing = await loadProgramInstruments(deps.db, programId);
  if (existing.has(read.value.id)) {
    throw new DomainError(
      'conflict',
      'instrument_exists',
      `The program already has an instrument with the id "${read.value.id}"`,
    );
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const id = newId();
    await tx.insert(programInstruments).values({
      id,
      programId,
      instrumentId: read.value.id,
      kind: 'imported',
      format: input.format,
      questionnaire: read.value.questionnaire,
      createdBy: caller.actor.personId,
      createdAt: now,
    });
    await audit(tx, caller, now, [{ verb: 'create', entityType: 'program_instrument', entityId: id, programId }]);
  });
  const stored = (await loadProgramInstruments(deps.db, programId)).get(read.value.id);
  if (!stored) throw new Error('imported instrument did not read back');
  return presentSummary(stored);
}

/**
 * Loads the item text of a licensed instrument (BPI-SF, PCS, PSEQ) for a program that holds the
 * licence: a JSON object linkId → text, checked by `withLicensedText`. A later file replaces it.
 */
export async function loadLicensedText(
  deps: Deps,
  caller: Caller,
  programId: string,
  instrumentId: string,
  texts: unknown,
): Promise<InstrumentSummary> {
  await loadProgram(deps.db, caller, programId);
  authorize(caller.actor, 'assessment:configure', { programId });
  const base = findInstrument(instrumentId);
  if (!base) throw notFound();
  const merged = withLicensedText(base, texts);
  if (!merged.ok) throw new InvalidFile(merged.problems);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .delete(programInstruments)
      .where(
        and(
          eq(programInstruments.programId, programId),
          eq(programInstruments.instrumentId, instrumentId),
          eq(programInstruments.kind, 'licensed_text'),
        ),
      );
    const id = newId();
    await tx.insert(programInstruments).values({
      id,
      programId,
      instrumentId,
      kind: 'licensed_text',
      licensedText: texts as Record<string, string>,
      createdBy: caller.actor.personId,
      createdAt: now,
    });
    await audit(tx, caller, now, [{ verb: 'update', entityType: 'program_instrument', entityId: id, programId }]);
  });
  return presentSummary({ ...merged.value, origin: 'built_in' });
}
