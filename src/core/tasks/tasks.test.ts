import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, REACHING_TIPS } from '../engagement';
import { compareTasks, deriveTasks, pairState, type PairingActivity, type Task, type TaskRules } from './index';

const MINUTE = 60_000;
const DAY = 86_400_000;
const rules: TaskRules = {
  cadenceDays: 14,
  lengthDays: 182,
  timeZone: 'America/New_York',
  leadDays: 3,
  ladder: DEFAULT_LADDER,
};
const PAIRED = new Date('2026-03-02T15:00:00.000Z');
const at = (days: number, extraMs = 0): Date => new Date(PAIRED.getTime() + days * DAY + extraMs);

function pair(overrides: Partial<PairingActivity> = {}): PairingActivity {
  return {
    pairingId: '00000000-0000-4000-8000-000000000001',
    participantId: '00000000-0000-4000-8000-000000000002',
    coachId: '00000000-0000-4000-8000-000000000003',
    startedAt: PAIRED,
    interventionStartedAt: PAIRED,
    lastReachedAt: null,
    contactPausedUntil: null,
    acted: [],
    attemptsSinceReached: 0,
    ...overrides,
  };
}

const kinds = (tasks: Task[]): string[] => tasks.map((t) => t.kind);

describe('deriveTasks', () => {
  describe('first contact', () => {
    it('is due 3 days after pairing (the ladder default) and shows from the day of pairing', () => {
      const [task, ...rest] = deriveTasks([pair()], rules, PAIRED);
      expect(rest).toEqual([]);
      expect(task).toEqual({
        kind: 'first_contact',
        assignee: 'coach',
        pairingId: '00000000-0000-4000-8000-000000000001',
        participantId: '00000000-0000-4000-8000-000000000002',
        coachId: '00000000-0000-4000-8000-000000000003',
        dueOn: '2026-03-05',
        isOverdue: false,
        reason: 'Paired today and not reached yet; the first contact is due within 3 days of pairing.',
        tips: [],
      });
    });

    it('says in plain words how long ago the pair was made', () => {
      expect(deriveTasks([pair()], rules, at(1))[0]!.reason).toMatch(/^Paired 1 day ago and not reached yet/);
      expect(deriveTasks([pair()], rules, at(5))[0]!.reason).toMatch(/^Paired 5 days ago and not reached yet/);
    });

    it('turns overdue only after the third day has passed', () => {
      expect(deriveTasks([pair()], rules, at(3))[0]).toMatchObject({ kind: 'first_contact', isOverdue: false });
      expect(deriveTasks([pair()], rules, at(3, 1))[0]).toMatchObject({ kind: 'first_contact', isOverdue: true });
    });

    it('becomes a reminder with tips for reaching people 7 days after pairing (ladder step 2)', () => {
      expect(deriveTasks([pair()], rules, at(7, -1))[0]!.tips).toEqual([]);
      expect(deriveTasks([pair()], rules, at(7))[0]).toMatchObject({ kind: 'first_contact', tips: [...REACHING_TIPS] });
    });

    it('counts unreached attempts in the reason, in the singular for one', () => {
      expect(deriveTasks([pair({ attemptsSinceReached: 1 })], rules, at(2))[0]!.reason).toMatch(
        / 1 attempt so far without reaching them\.$/,
      );
      expect(deriveTasks([pair({ attemptsSinceReached: 3 })], rules, at(2))[0]!.reason).toMatch(
        / 3 attempts so far without reaching them\.$/,
      );
      expect(deriveTasks([pair({ attemptsSinceReached: 0 })], rules, at(2))[0]!.reason).not.toContain('attempt');
    });
  });

  describe('next contact', () => {
    const reached = at(1);
    const p = pair({ lastReachedAt: reached });

    it('disappears once a reached contact is logged, until the lead window before the cadence', () => {
      expect(deriveTasks([pair()], rules, reached)).toHaveLength(1);
      expect(deriveTasks([p], rules, reached)).toEqual([]);
      expect(deriveTasks([p], rules, at(1 + 14 - 3, -1))).toEqual([]);
    });

    it('appears 3 days before the cadence falls due and is overdue after it, with tips from the due day', () => {
      const [task] = deriveTasks([p], rules, at(1 + 14 - 3));
      expect(task).toMatchObject({ kind: 'next_contact', assignee: 'coach', dueOn: '2026-03-17', isOverdue: false, tips: [] });
      expect(deriveTasks([p], rules, at(1 + 14))[0]!.tips).toHaveLength(REACHING_TIPS.length);
      expect(task!.reason).toBe('Last reached 11 days ago; the program asks for a contact every 14 days.');
      expect(deriveTasks([p], rules, at(1 + 14))[0]).toMatchObject({ kind: 'next_contact', isOverdue: false });
      expect(deriveTasks([p], rules, at(1 + 14, 1))[0]).toMatchObject({ kind: 'next_contact', isOverdue: true });
    });

    it('counts the attempts made since the last reached contact', () => {
      const [task] = deriveTasks([pair({ lastReachedAt: reached, attemptsSinceReached: 2 })], rules, at(13));
      expect(task!.reason).toContain('2 attempts so far');
    });
  });

  describe('check-in call', () => {
    it('goes to the coordinator at cadence + 7 days after pairing without a reached contact', () => {
      expect(kinds(deriveTasks([pair()], rules, at(21, -1)))).toEqual(['first_contact']);
      const tasks = deriveTasks([pair({ attemptsSinceReached: 2 })], rules, at(21));
      expect(kinds(tasks)).toEqual(['first_contact', 'check_in_call']);
      expect(tasks[1]).toMatchObject({ assignee: 'coordinator', dueOn: '2026-03-23', isOverdue: false });
      expect(tasks[1]!.reason).toBe(
        'No reached contact in the 21 days since pairing: call the pair to check in. 2 attempts so far without reaching them.',
      );
    });

    it('counts from the last reached contact once there is one', () => {
      const p = pair({ lastReachedAt: at(10) });
      expect(kinds(deriveTasks([p], rules, at(10 + 21, -1)))).toEqual(['next_contact']);
      const tasks = deriveTasks([p], rules, at(10 + 21));
      expect(kinds(tasks)).toEqual(['next_contact', 'check_in_call']);
      expect(tasks[1]).toMatchObject({ assignee: 'coordinator', dueOn: '2026-04-02' });
      expect(tasks[1]!.reason).toBe('No reached contact for 21 days (cadence 14 + 7): call the pair to check in.');
    });

    it('goes away after a reached contact', () => {
      expect(kinds(deriveTasks([pair({ lastReachedAt: at(30) })], rules, at(30)))).toEqual([]);
    });
  });

  describe('the escalation ladder', () => {
    it('asks staff for a decision at cadence + 21 days, after the check-in call', () => {
      expect(kinds(deriveTasks([pair()], rules, at(35, -1)))).toEqual(['first_contact', 'check_in_call']);
      const tasks = deriveTasks([pair()], rules, at(35));
      expect(kinds(tasks)).toEqual(['first_contact', 'check_in_call', 'decision']);
      expect(tasks[2]).toMatchObject({ assignee: 'coordinator', dueOn: '2026-04-06', tips: [] });
      expect(tasks[2]!.reason).toBe(
        'No reached contact in the 35 days since pairing (cadence 14 + 21): decide whether to re-pair, pause or withdraw.',
      );
    });

    it('drops the check-in call once staff recorded it for this quiet spell, and says so on the decision', () => {
      const acted = [{ step: 'check_in' as const, episodeStartedAt: PAIRED }];
      expect(kinds(deriveTasks([pair({ acted })], rules, at(22)))).toEqual(['first_contact']);
      const [, decision] = deriveTasks([pair({ acted })], rules, at(36));
      expect(decision!.reason).toContain('A check-in call was recorded.');
      // A check-in recorded in an earlier quiet spell does not count for this one.
      const old = [{ step: 'check_in' as const, episodeStartedAt: at(-30) }];
      expect(kinds(deriveTasks([pair({ acted: old })], rules, at(22)))).toEqual(['first_contact', 'check_in_call']);
    });

    it('makes no task while the participant asked for a pause, and restarts the clock when it ends', () => {
      // Paused until 10 March (local); that day begins at 04:00 UTC in New York (daylight time from 8 March).
      const paused = pair({ contactPausedUntil: '2026-03-10', lastReachedAt: at(-20) });
      expect(deriveTasks([paused], rules, at(7))).toEqual([]);
      const resume = new Date('2026-03-10T04:00:00.000Z');
      expect(deriveTasks([paused], rules, new Date(resume.getTime() - 1))).toEqual([]);
      const [task, ...rest] = deriveTasks([paused], rules, resume);
      expect(rest).toEqual([]);
      expect(task).toMatchObject({ kind: 'next_contact', dueOn: '2026-03-13', isOverdue: false });
      expect(task!.reason).toBe('The pause they asked for ended today; get back in touch within 3 days.');
      // Check-in from the end of the pause + cadence + 7, not from the old reached contact.
      expect(kinds(deriveTasks([paused], rules, new Date(resume.getTime() + 21 * DAY - 1)))).toEqual(['next_contact']);
      expect(kinds(deriveTasks([paused], rules, new Date(resume.getTime() + 21 * DAY)))).toEqual([
        'next_contact',
        'check_in_call',
      ]);
      // A pair never reached before the pause gets its first contact task back, counted from the pause's end.
      const never = pair({ contactPausedUntil: '2026-03-10' });
      expect(deriveTasks([never], rules, at(3))).toEqual([]);
      expect(deriveTasks([never], rules, resume)[0]).toMatchObject({
        kind: 'first_contact',
        dueOn: '2026-03-13',
        reason: 'The pause they asked for ended today and they are not reached yet; the first contact is due within 3 days.',
      });
      // A reached contact after the pause returns the pair to the cadence.
      const back = { ...paused, lastReachedAt: new Date(resume.getTime() + DAY) };
      expect(deriveTasks([back], rules, new Date(resume.getTime() + 2 * DAY))).toEqual([]);
    });
  });

  describe('the end of the intervention', () => {
    it('makes no task once the intervention length has passed', () => {
      expect(kinds(deriveTasks([pair()], rules, at(182, -1)))).toEqual(['first_contact', 'check_in_call', 'decision']);
      expect(deriveTasks([pair()], rules, at(182))).toEqual([]);
      expect(deriveTasks([pair({ lastReachedAt: at(170) })], rules, at(200))).toEqual([]);
    });

    it('counts the length from the first pairing, not from a later change of coach', () => {
      const repaired = pair({ interventionStartedAt: at(-180), startedAt: PAIRED });
      expect(kinds(deriveTasks([repaired], rules, at(1)))).toEqual(['first_contact']);
      expect(deriveTasks([repaired], rules, at(2))).toEqual([]);
    });
  });

  it('derives tasks for each pairing independently', () => {
    const a = pair({ pairingId: 'a', lastReachedAt: at(0) });
    const b = pair({ pairingId: 'b' });
    const tasks = deriveTasks([a, b], rules, at(12));
    expect(tasks.map((t) => [t.pairingId, t.kind])).toEqual([
      ['b', 'first_contact'],
      ['a', 'next_contact'],
    ]);
  });
});

describe('compareTasks', () => {
  const task = (kind: Task['kind'], dueOn: string, isOverdue: boolean): Task => ({
    kind,
    assignee: kind === 'check_in_call' || kind === 'decision' ? 'coordinator' : 'coach',
    pairingId: `${kind}-${dueOn}`,
    participantId: 'p',
    coachId: 'c',
    dueOn,
    isOverdue,
    reason: '',
    tips: [],
  });

  it('puts overdue tasks first, then earlier due dates, then check-in calls before coach tasks of the same day', () => {
    const a = task('next_contact', '2026-03-20', false);
    const b = task('first_contact', '2026-03-25', true);
    const c = task('first_contact', '2026-03-10', false);
    const d = task('check_in_call', '2026-03-10', false);
    const e = task('next_contact', '2026-03-01', true);
    const f = task('next_contact', '2026-03-10', false);
    expect([a, b, c, d, e, f].sort(compareTasks)).toEqual([e, b, d, f, c, a]);
  });

  it('answers 0 for the same kind on the same day', () => {
    expect(compareTasks(task('first_contact', '2026-03-10', false), task('first_contact', '2026-03-10', false))).toBe(0);
  });
});

describe('pairState', () => {
  const expectStates = (
    p: Pick<PairingActivity, 'startedAt' | 'lastReachedAt'> & { contactPausedUntil?: string | null },
    from: Date,
    table: [number, number, string][],
  ) => {
    for (const [days, extraMs, state] of table) {
      expect([days, extraMs, pairState(p, rules, new Date(from.getTime() + days * DAY + extraMs))]).toEqual([
        days,
        extraMs,
        state,
      ]);
    }
  };

  it('before the first contact: on track, due from day 1, overdue after day 3, quiet from day 21', () => {
    expectStates({ startedAt: PAIRED, lastReachedAt: null }, PAIRED, [
      [0, 0, 'on_track'],
      [1, -MINUTE, 'on_track'],
      [1, 0, 'due'],
      [3, 0, 'due'],
      [3, MINUTE, 'overdue'],
      [21, -MINUTE, 'overdue'],
      [21, 0, 'quiet'],
      [60, 0, 'quiet'],
    ]);
  });

  it('is paused while the participant asked not to be contacted', () => {
    const p = { startedAt: PAIRED, lastReachedAt: at(1), contactPausedUntil: '2026-03-20' };
    expect(pairState(p, rules, at(10))).toBe('paused');
    expect(pairState(p, rules, new Date('2026-03-20T04:00:00.000Z'))).toBe('on_track');
  });

  it('after a reached contact: on track, due from day 11, overdue after day 14, quiet from day 21', () => {
    const reached = at(5);
    expectStates({ startedAt: PAIRED, lastReachedAt: reached }, reached, [
      [0, 0, 'on_track'],
      [11, -MINUTE, 'on_track'],
      [11, 0, 'due'],
      [14, 0, 'due'],
      [14, MINUTE, 'overdue'],
      [21, -MINUTE, 'overdue'],
      [21, 0, 'quiet'],
    ]);
  });
});
