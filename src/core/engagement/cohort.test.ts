import { describe, expect, it } from 'vitest';
import { coachCode, engagementReport, participantEngagement, type CohortFacts } from './cohort';

const DAY = 86_400_000;
const START = new Date('2026-01-01T12:00:00.000Z');
const after = (days: number) => new Date(START.getTime() + days * DAY);
const rules = { lengthDays: 182, targetContacts: 12, programId: '00000000-0000-4000-8000-000000000001' };
const facts = (o: Partial<CohortFacts>): CohortFacts => ({
  participantId: 'p',
  code: 'P-0001',
  status: 'active',
  firstPairedAt: START,
  endedOn: null,
  endedAt: null,
  coachId: 'c1',
  reachedAt: [],
  ...o,
});

describe('each participant as of his or her end date (issue #12, ADR 0023)', () => {
  it('keeps a completed participant’s figures as of the end date, not zero; a contact after it is outside', () => {
    const e = participantEngagement(
      facts({ status: 'completed', endedAt: after(100), reachedAt: [after(10), after(50), after(120)] }),
      rules,
      after(300),
    );
    // 2 reached over 100 days: 2 / (100 / 30.44) = 0.61 a month → less than monthly.
    expect(e).toMatchObject({ activeDays: 100, reachedInWindow: 2, reachedOutsideWindow: 1, isAdherent: false });
    expect(e.frequency).toBe('less_than_monthly');
    expect(e.asOf).toEqual(after(100));
  });

  it('counts only contacts inside first pairing + program length toward adherence', () => {
    const inside = Array.from({ length: 11 }, (_, i) => after(10 + i * 15));
    const e = participantEngagement(facts({ reachedAt: [...inside, after(185), after(190)] }), rules, after(250));
    expect(e).toMatchObject({ activeDays: 182, reachedInWindow: 11, reachedOutsideWindow: 2, isAdherent: false });
    const twelve = participantEngagement(facts({ reachedAt: [...inside, after(181)] }), rules, after(250));
    // 12 / (182 / 30.44) = 2.007 a month → twice a month; adherent.
    expect(twelve).toMatchObject({ reachedInWindow: 12, isAdherent: true, frequency: 'twice_monthly' });
  });

  it('names no frequency for a participant who withdrew in the first four weeks', () => {
    const e = participantEngagement(facts({ status: 'withdrawn', endedAt: after(20), reachedAt: [after(5)] }), rules, after(90));
    expect(e).toMatchObject({ activeDays: 20, reachedInWindow: 1, frequency: null });
  });

  it('reports pseudonymous codes only, sorted, with the program summary', () => {
    const report = engagementReport(
      [
        facts({ participantId: 'b', code: 'P-0002', coachId: 'c2', reachedAt: [after(3)] }),
        facts({ participantId: 'a', code: 'P-0001', reachedAt: Array.from({ length: 12 }, (_, i) => after(i * 10)) }),
      ],
      new Map([
        ['c1', coachCode(1)],
        ['c2', coachCode(2)],
      ]),
      rules,
      after(200),
    );
    expect(report.participants.map((p) => [p.participantCode, p.coachCode, p.reachedInWindow, p.adherent])).toEqual([
      ['P-0001', 'C-0001', 12, true],
      ['P-0002', 'C-0002', 1, false],
    ]);
    expect(report.summary).toMatchObject({ participants: 2, reachedInWindow: 13, adherent: 1, adherentShare: 0.5 });
    expect(report.summary.frequency).toMatchObject({ twice_monthly: 1, less_than_monthly: 1 });
    expect(JSON.stringify(report)).not.toMatch(/"participantId"|"coachId"/);
  });
});
