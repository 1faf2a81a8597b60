import { describe, expect, it } from 'vitest';
import { compareTasks, deriveTasks, pairState, type PairingActivity, type Task, type TaskRules } from './index';

const MINUTE = 60_000;
const DAY = 86_400_000;
const rules: TaskRules = { cadenceDays: 14, lengthDays: 182, firstContactDays: 7, checkInGraceDays: 7, leadDays: 3 };
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
    attemptsSinceReached: 0,
    ...overrides,
  };
}

const kinds = (tasks: Task[]): string[] => tasks.map((t) => t.kind);

describe('deriveTasks', () => {
  describe('first contact', () => {
    it('is due 7 days after pairing and shows from the day of pairing', () => {
      const [task, ...rest] = deriveTasks([pair()], rules, PAIRED);
      expect(rest).toEqual([]);
      expect(task).toEqual({
        kind: 'first_contact',
        assignee: 'coach',
        pairingId: '00000000-0000-4000-8000-000000000001',
        participantId: '00000000-0000-4000-8000-000000000002',
        coachId: '00000000-0000-4000-8000-000000000003',
        dueOn: '2026-03-09',
        isOverdue: false,
        reason: 'Paired today and not reached yet; the first contact is due within 7 days of pairing.',
      });
    });

    it('says in plain words how long ago the pair was made', () => {
      expect(deriveTasks([pair()], rules, at(1))[0]!.reason).toMatch(/^Paired 1 day ago and not reached yet/);
      expect(deriveTasks([pair()], rules, at(5))[0]!.reason).toMatch(/^Paired 5 days ago and not reached yet/);
    });

    it('turns overdue only after the seventh day has passed', () => {
      expect(deriveTasks([pair()], rules, at(7))[0]).toMatchObject({ kind: 'first_contact', isOverdue: false });
      expect(deriveTasks([pair()], rules, at(7, 1))[0]).toMatchObject({ kind: 'first_contact', isOverdue: true });
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

    it('appears 3 days before the cadence falls due and is overdue after it', () => {
      const [task] = deriveTasks([p], rules, at(1 + 14 - 3));
      expect(task).toMatchObject({ kind: 'next_contact', assignee: 'coach', dueOn: '2026-03-17', isOverdue: false });
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

  describe('the end of the intervention', () => {
    it('makes no task once the intervention length has passed', () => {
      expect(kinds(deriveTasks([pair()], rules, at(182, -1)))).toEqual(['first_contact', 'check_in_call']);
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
    assignee: kind === 'check_in_call' ? 'coordinator' : 'coach',
    pairingId: `${kind}-${dueOn}`,
    participantId: 'p',
    coachId: 'c',
    dueOn,
    isOverdue,
    reason: '',
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
    p: Pick<PairingActivity, 'startedAt' | 'lastReachedAt'>,
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

  it('before the first contact: on track, due from day 4, overdue after day 7, quiet from day 21', () => {
    expectStates({ startedAt: PAIRED, lastReachedAt: null }, PAIRED, [
      [0, 0, 'on_track'],
      [4, -MINUTE, 'on_track'],
      [4, 0, 'due'],
      [7, 0, 'due'],
      [7, MINUTE, 'overdue'],
      [21, -MINUTE, 'overdue'],
      [21, 0, 'quiet'],
      [60, 0, 'quiet'],
    ]);
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
