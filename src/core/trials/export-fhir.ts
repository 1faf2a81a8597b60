import type { ExportParticipant, ExportStudy } from './export';

/**
 * The study as a FHIR R4 Bundle of type `collection` (ADR 0028): one ResearchStudy with its arms,
 * and per participant a ResearchSubject, the Consents, each QuestionnaireResponse as stored and an
 * Observation per instrument total. People are named only by their pseudonymous code (a logical
 * reference by identifier, no Patient resource); arms as blinding allows. Pure.
 */

export const FHIR_EXPORT_BASE = 'https://kindred.invalid/fhir';
/** The identifier system of participant codes. */
export const PARTICIPANT_CODE_SYSTEM = `${FHIR_EXPORT_BASE}/sid/participant-code`;

type Resource = { resourceType: string; id: string } & Record<string, unknown>;
export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: Resource }[];
}

/** A FHIR id: letters, digits, '-' and '.', at most 64 characters. */
export function fhirId(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .slice(0, 64);
}

const subjectOf = (code: string) => ({ type: 'Patient', identifier: { system: PARTICIPANT_CODE_SYSTEM, value: code } });

const answerOf = (v: number | string): Record<string, number | string> =>
  typeof v === 'string' ? { valueString: v } : Number.isInteger(v) ? { valueInteger: v } : { valueDecimal: v };

const orderOf = (inst: { linkIds: readonly string[] } | undefined, linkId: string): number => {
  const i = inst?.linkIds.indexOf(linkId) ?? -1;
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};

/** ResearchSubject.status from the furthest withdrawal (data withdrawals are never exported). */
function subjectStatus(p: ExportParticipant): string {
  if (p.withdrawal === 'follow_up') return 'withdrawn';
  if (p.withdrawal === 'intervention') return 'on-study-observation';
  return 'on-study';
}

/** The Bundle: ResearchStudy first, then each participant's resources in code order. */
export function fhirBundle(study: ExportStudy, people: readonly ExportParticipant[], now: Date): FhirBundle {
  const entries: Resource[] = [];
  const studyId = 'study';
  entries.push({
    resourceType: 'ResearchStudy',
    id: studyId,
    title: study.title,
    status: 'active',
    // Masked: the label only ("Arm A"); what the arm is (its kind and name) would unmask it.
    arm: study.arms.map((a) =>
      study.masked ? { name: study.armValues[a.key] ?? 'Arm' } : { name: a.key, type: { text: a.kind }, description: a.label },
    ),
  });
  const armName = (value: string) => value;
  const instrumentBy = new Map(study.instruments.map((i) => [i.id, i]));
  const months = new Map(study.timepoints.map((t) => [t.key, t]));
  for (const p of [...people].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    entries.push({
      resourceType: 'ResearchSubject',
      id: fhirId('subject', p.code),
      identifier: [{ system: PARTICIPANT_CODE_SYSTEM, value: p.code }],
      status: subjectStatus(p),
      study: { reference: `ResearchStudy/${studyId}` },
      individual: subjectOf(p.code),
      assignedArm: armName(p.arm),
      actualArm: armName(p.arm),
    });
    for (const c of p.consents) {
      entries.push({
        resourceType: 'Consent',
        id: fhirId('consent', p.code, `v${c.documentVersion}`, c.signedOn),
        status: c.isWithdrawn ? 'inactive' : 'active',
        scope: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'research', display: 'Research' }],
        },
        category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
        patient: subjectOf(p.code),
        dateTime: c.signedOn,
        policyRule: { text: `The study's consent document, version ${c.documentVersion}` },
      });
    }
    const responses = [...p.responses].sort(
      (a, b) =>
        (months.get(a.timepointKey)?.months ?? 999) - (months.get(b.timepointKey)?.months ?? 999) ||
        a.instrumentId.localeCompare(b.instrumentId),
    );
    for (const r of responses) {
      const inst = instrumentBy.get(r.instrumentId);
      const id = fhirId(p.code, r.timepointKey, r.instrumentId);
      entries.push({
        resourceType: 'QuestionnaireResponse',
        id: fhirId('qr', id),
        questionnaire: inst?.url ?? `${FHIR_EXPORT_BASE}/Questionnaire/${r.instrumentId}`,
        status: 'completed',
        subject: subjectOf(p.code),
        authored: r.enteredAt,
        item: Object.entries(r.answers)
          .sort(([a], [b]) => orderOf(inst, a) - orderOf(inst, b) || a.localeCompare(b))
          .map(([linkId, v]) => ({ linkId, answer: [answerOf(v)] })),
      });
      if (r.total !== null) {
        entries.push({
          resourceType: 'Observation',
          id: fhirId('obs', id),
          status: 'final',
          code: { text: r.instrumentId },
          subject: subjectOf(p.code),
          effectiveDateTime: r.enteredAt,
          valueQuantity: { value: r.total, unit: 'score' },
          derivedFrom: [{ reference: `QuestionnaireResponse/${fhirId('qr', id)}` }],
          note: [{ text: `Timepoint: ${months.get(r.timepointKey)?.label ?? r.timepointKey}` }],
        });
      }
    }
  }
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: now.toISOString(),
    entry: entries.map((resource) => ({ fullUrl: `${FHIR_EXPORT_BASE}/${resource.resourceType}/${resource.id}`, resource })),
  };
}
