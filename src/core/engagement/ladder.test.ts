import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, LadderSettings, ladderPosition, type LadderFacts, type LadderRules } from './ladder';

const DAY = 86_400_000;
const PAIRED = new Date('2026-03-02T15:00:00.000Z');
const at = (days: number, ms = 0) => new Date(PAIRED.getTime() + days * DAY + ms);
const rules: LadderRules = { cadenceDays: 14, lengthDays: 182, timeZone: 'America/New_York', ladder: DEFAULT_LADDER };
const facts = (o: Partial<LadderFacts> = {}): LadderFacts => ({
  startedAt: PAIRED,
  interventionStartedAt: PAIRED,
  lastReachedAt: null,
  contactPausedUntil: null,
  acted: [],
  ...o,
});
const stateAt = (f: LadderFacts, days: number, ms = 0) => ladderPosition(f, rules, at(days, ms)).state;

describe('the escalation ladder', () => {
  it('has the issue’s defaults: first contact in 3 days, reminder at 7, check-in at cadence + 7, decision at cadence + 21', () => {
    expect(DEFAULT_LADDER).toEqual({ firstContactDays: 3, reminderDays: 7, checkInGraceDays: 7, decisionGraceDays: 21 });
    const p = ladderPosition(facts(), rules, PAIRED);
    expect(p.contactDueAt).toEqual(at(3));
    expect(p.dueAt).toEqual({ reminder: at(7), check_in: at(21), decision: at(35) });
  });

  it('climbs step by step when a new pair is never reached', () => {
    const f = facts();
    expect([0, 6.99, 7, 20.99, 21, 34.99, 35].map((d) => stateAt(f, 0, d * DAY))).toEqual([
      'first_contact',
      'first_contact',
      'reminder',
      'reminder',
      'check_in',
      'check_in',
      'decision',
    ]);
    expect(ladderPosition(f, rules, at(40)).fired).toEqual(['reminder', 'check_in', 'decision']);
  });

  it('counts from the last reached contact: reminder at the cadence, check-in at + 7, decision at + 21', () => {
    const f = facts({ lastReachedAt: at(10) });
    expect(stateAt(f, 10 + 14, -1)).toBe('none');
    expect(stateAt(f, 10 + 14)).toBe('reminder');
    expect(stateAt(f, 10 + 21)).toBe('check_in');
    expect(stateAt(f, 10 + 35)).toBe('decision');
    expect(ladderPosition(f, rules, at(11)).episodeStartedAt).toEqual(at(10));
  });

  it('resolves by itself when a reached contact is logged: a new episode begins', () => {
    expect(stateAt(facts(), 36)).toBe('decision');
    const reached = facts({ lastReachedAt: at(36) });
    const p = ladderPosition(reached, rules, at(36));
    expect(p.state).toBe('none');
    expect(p.fired).toEqual([]);
    expect(p.episodeStartedAt).toEqual(at(36));
  });

  it('knows which steps staff acted on in this episode only', () => {
    const acted = [
      { step: 'check_in' as const, episodeStartedAt: PAIRED },
      { step: 'decision' as const, episodeStartedAt: at(-100) },
    ];
    const p = ladderPosition(facts({ acted }), rules, at(36));
    expect([p.isCheckInRecorded, p.isDecisionRecorded]).toEqual([true, false]);
  });

  it('pauses while the participant asked, then starts afresh from the local start of the pause date', () => {
    const f = facts({ lastReachedAt: at(1), contactPausedUntil: '2026-04-20' });
    const resume = new Date('2026-04-20T04:00:00.000Z'); // midnight in New York (EDT)
    expect(ladderPosition(f, rules, at(30))).toMatchObject({ state: 'paused', fired: [], resumesAt: resume });
    const after = ladderPosition(f, rules, resume);
    expect(after).toMatchObject({ state: 'first_contact', isFresh: true, episodeStartedAt: resume, resumesAt: null });
    expect(after.contactDueAt).toEqual(new Date(resume.getTime() + 3 * DAY));
    // A pause that ended before the last reached contact changes nothing.
    const old = facts({ lastReachedAt: at(30), contactPausedUntil: '2026-03-10' });
    expect(ladderPosition(old, rules, at(31))).toMatchObject({ state: 'none', isFresh: false, episodeStartedAt: at(30) });
  });

  it('stops at the end of the intervention, counted from the first pairing', () => {
    expect(stateAt(facts(), 182, -1)).toBe('decision');
    expect(stateAt(facts(), 182)).toBe('ended');
    expect(ladderPosition(facts(), rules, at(200)).fired).toEqual([]);
  });

  it('refuses settings whose steps come out of order', () => {
    expect(LadderSettings.safeParse({ ...DEFAULT_LADDER, reminderDays: 2 }).success).toBe(false);
    expect(LadderSettings.safeParse({ ...DEFAULT_LADDER, decisionGraceDays: 7 }).success).toBe(false);
    expect(LadderSettings.safeParse({ ...DEFAULT_LADDER, firstContactDays: 0 }).success).toBe(false);
    expect(
      LadderSettings.safeParse({ firstContactDays: 7, reminderDays: 10, checkInGraceDays: 3, decisionGraceDays: 14 }).success,
    ).toBe(true);
  });
});
