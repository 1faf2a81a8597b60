import { describe, expect, it } from 'vitest';
import {
  csvCell,
  dictionaryRows,
  fhirBundle,
  fhirId,
  longRows,
  redcapDictionaryRows,
  redcapEventName,
  redcapImportRows,
  stratumColumn,
  variableName,
  type ExportParticipant,
  type ExportStudy,
} from './index';

const study = (masked: boolean): ExportStudy => ({
  title: 'Coaching or a class',
  arms: [
    { key: 'coaching', label: 'Peer coaching', kind: 'coaching' },
    { key: 'class', label: 'Pain class', kind: 'class' },
  ],
  armValues: masked ? { coaching: 'Arm B', class: 'Arm A' } : { coaching: 'coaching', class: 'class' },
  masked,
  strata: [
    {
      key: 'gender',
      label: 'Gender group',
      levels: [
        { key: 'women', label: 'Women' },
        { key: 'men', label: 'Men' },
      ],
    },
  ],
  timepoints: [
    { key: 'baseline', label: 'Baseline', months: 0, isBaseline: true },
    { key: 'month_6', label: '6 months', months: 6, isBaseline: false },
  ],
  instruments: [
    {
      id: 'bpi-sf',
      url: 'https://kindred.invalid/fhir/Questionnaire/bpi-sf',
      linkIds: [],
      title: 'BPI',
      subscales: ['pain_interference'],
      totalRange: { min: 0, max: 10 },
    },
  ],
  targetContacts: 12,
  windowDays: 182,
});
const person = (code: string, arm: string): ExportParticipant => ({
  code,
  coachCode: null,
  arm,
  stratum: 'gender=women',
  strata: { gender: 'women' },
  age: 61,
  gender: 'woman',
  contacts: 0,
  adherent: false,
  scores: { month_6: { 'bpi-sf': { total: 4.5, subscales: { pain_interference: null } } } },
  responses: [
    {
      timepointKey: 'month_6',
      instrumentId: 'bpi-sf',
      answers: { b: 2, a: 'a note, "quoted"' },
      total: 4.5,
      enteredAt: '2026-09-02T15:00:00.000Z',
    },
  ],
  consents: [{ documentVersion: 1, signedOn: '2026-03-02', isWithdrawn: false }],
  withdrawal: 'intervention',
});

describe('study exports (ADR 0028)', () => {
  it('names variables safely and keeps a stratum from taking a fixed column', () => {
    expect(variableName('bpi-sf', 'pain_interference')).toBe('bpi_sf_pain_interference');
    expect(stratumColumn('gender')).toBe('stratum_gender');
    expect(stratumColumn('site')).toBe('site');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(fhirId('qr', 'P-0001', 'month_6', 'bpi-sf')).toBe('qr-P-0001-month-6-bpi-sf');
    expect(redcapEventName({ key: 'month_6' })).toBe('month_6_arm_1');
  });

  it('writes one row per participant × timepoint, by code, with empty cells for missing values', () => {
    expect(longRows(study(true), [person('P-0002', 'Arm A'), person('P-0001', 'Arm B')])).toEqual([
      [
        'participant_code',
        'coach_code',
        'arm',
        'stratum',
        'age',
        'gender',
        'stratum_gender',
        'contacts',
        'adherent',
        'timepoint',
        'bpi_sf',
        'bpi_sf_pain_interference',
      ],
      ['P-0001', '', 'Arm B', 'gender=women', '61', 'woman', 'women', '0', '0', '0', '', ''],
      ['P-0001', '', 'Arm B', 'gender=women', '61', 'woman', 'women', '0', '0', '6', '4.5', ''],
      ['P-0002', '', 'Arm A', 'gender=women', '61', 'woman', 'women', '0', '0', '0', '', ''],
      ['P-0002', '', 'Arm A', 'gender=women', '61', 'woman', 'women', '0', '0', '6', '4.5', ''],
    ]);
    expect(dictionaryRows(study(false)).find((r) => r[0] === 'arm')).toEqual([
      'arm',
      'Allocated arm',
      'categorical',
      'coaching = Peer coaching; class = Pain class',
    ]);
  });

  it('REDCap: a masked arm is a text field, a real one a dropdown; the import carries events', () => {
    const arm = (masked: boolean) => redcapDictionaryRows(study(masked)).find((r) => r[0] === 'arm')!;
    expect(arm(true).slice(3, 7)).toEqual([
      'text',
      'Allocated arm (masked label until the study is unblinded)',
      '',
      'One of: Arm B, Arm A',
    ]);
    expect(arm(false).slice(3, 6)).toEqual(['dropdown', 'Allocated arm', 'coaching, Peer coaching | class, Pain class']);
    const rows = redcapImportRows(study(false), [person('P-0001', 'coaching')]);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['record_id', 'redcap_event_name', 'coach_code'],
      ['P-0001', 'baseline_arm_1', ''],
      ['P-0001', 'month_6_arm_1', ''],
    ]);
  });

  it('FHIR: masked arms carry only their label; answers in item order; statuses from withdrawals', () => {
    const bundle = fhirBundle(study(true), [person('P-0001', 'Arm B')], new Date('2026-12-01T00:00:00Z'));
    const resources = bundle.entry.map((e) => e.resource);
    expect(resources[0]).toMatchObject({ resourceType: 'ResearchStudy', arm: [{ name: 'Arm B' }, { name: 'Arm A' }] });
    expect(JSON.stringify(resources[0]!.arm)).not.toMatch(/coaching|class/i);
    expect(resources[1]).toMatchObject({ resourceType: 'ResearchSubject', status: 'on-study-observation', assignedArm: 'Arm B' });
    const qr = resources.find((r) => r.resourceType === 'QuestionnaireResponse')!;
    expect(qr.item).toEqual([
      { linkId: 'a', answer: [{ valueString: 'a note, "quoted"' }] },
      { linkId: 'b', answer: [{ valueInteger: 2 }] },
    ]);
    expect(resources.find((r) => r.resourceType === 'Observation')).toMatchObject({ valueQuantity: { value: 4.5 } });
    const real = fhirBundle(study(false), [], new Date()).entry[0]!.resource;
    expect(real.arm).toEqual([
      { name: 'coaching', type: { text: 'coaching' }, description: 'Peer coaching' },
      { name: 'class', type: { text: 'class' }, description: 'Pain class' },
    ]);
  });
});
