import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, REACHING_TIPS } from '../engagement';
import { compareTasks, deriveTasks, nextContactOf, pairState, type PairingActivity, type Task, type TaskRules } from './index';

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
      expect(tasks[1]!.reason).toBe(
        'No reached contact for 21 days, 7 days past the program’s 14 days between contacts: call the pair to check in.',
      );
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
        'No reached contact in the 35 days since pairing, 21 days past the program’s 14 days between contacts: decide whether to re-pair, pause or withdraw.',
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

  describe('next contact agreed with the participant (ADR 0017)', () => {
    // Reached on 3 March 15:00 UTC; the cadence alone would make the contact due on 17 March.
    const reached = at(1);

    it('is due at an upcoming scheduled session, shown from 3 days before it, with the time in program time', () => {
      // Friday 13 March 2026 at 10:00 in New York (daylight time: 14:00 UTC).
      const session = { startsAt: new Date('2026-03-13T14:00:00.000Z'), durationMinutes: 30, modality: 'video' as const };
      const p = pair({ lastReachedAt: reached, nextSession: session });
      // The lead window begins at local midnight three days before: 10 March 00:00 (04:00 UTC).
      expect(deriveTasks([p], rules, new Date('2026-03-10T03:59:00.000Z'))).toEqual([]);
      const [task, ...rest] = deriveTasks([p], rules, new Date('2026-03-10T04:00:00.000Z'));
      expect(rest).toEqual([]);
      expect(task).toMatchObject({ kind: 'next_contact', assignee: 'coach', dueOn: '2026-03-13', isOverdue: false, tips: [] });
      expect(task!.reason).toBe(
        'Session on Friday 13 March 2026 at 10:00 AM Eastern time, a video call. Last reached 6 days ago.',
      );
      // Not overdue while the session is on, even past its start; overdue once it has ended with nobody reached.
      expect(deriveTasks([p], rules, new Date('2026-03-13T14:20:00.000Z'))[0]).toMatchObject({ isOverdue: false });
      const [missed] = deriveTasks([p], rules, new Date('2026-03-13T14:31:00.000Z'));
      expect(missed).toMatchObject({ kind: 'next_contact', dueOn: '2026-03-13', isOverdue: true });
      expect(missed!.reason).toMatch(
        /^The session on Friday 13 March 2026 at 10:00 .* has passed and no reached contact is logged since/,
      );
      // A contact reached at the session settles it: back to the cadence from that contact.
      const done = { ...p, lastReachedAt: new Date('2026-03-13T14:10:00.000Z') };
      expect(deriveTasks([done], rules, new Date('2026-03-13T14:31:00.000Z'))).toEqual([]);
    });

    it('a session later than the cadence moves the due date but not the ladder: staff still check in on silence', () => {
      // 1 April, 10:00 local: later than cadence (17 March) and cadence + 7 (24 March).
      const session = { startsAt: new Date('2026-04-01T14:00:00.000Z'), durationMinutes: 30, modality: 'phone' as const };
      const p = pair({ lastReachedAt: reached, nextSession: session });
      // At the cadence the ladder's reminder fires: the coach sees the task (due at the session) with tips.
      expect(deriveTasks([p], rules, at(1 + 14, -1))).toEqual([]);
      const [reminder] = deriveTasks([p], rules, at(1 + 14));
      expect(reminder).toMatchObject({ kind: 'next_contact', dueOn: '2026-04-01', isOverdue: false, tips: [...REACHING_TIPS] });
      expect(reminder!.reason).toContain('later than the program asks: staff will be asked to check in');
      expect(reminder!.reason).toContain('Tuesday 24 March 2026');
      // Cadence + 7 from the last reached contact: the coordinator's check-in call, as without a session.
      expect(kinds(deriveTasks([p], rules, at(1 + 21)))).toEqual(['check_in_call', 'next_contact']);
      expect(kinds(deriveTasks([p], rules, at(1 + 35))).sort()).toEqual(['check_in_call', 'decision', 'next_contact']);
    });

    it('is due on the date agreed in the guide when no session is scheduled, overdue after that local day', () => {
      const p = pair({ lastReachedAt: reached, agreedNextContact: { on: '2026-03-10', agreedAt: reached } });
      expect(deriveTasks([p], rules, new Date('2026-03-07T04:59:00.000Z'))).toEqual([]);
      const [task] = deriveTasks([p], rules, new Date('2026-03-07T05:00:00.000Z'));
      expect(task).toMatchObject({ kind: 'next_contact', dueOn: '2026-03-10', isOverdue: false });
      expect(task!.reason).toBe('Next contact agreed for Tuesday 10 March 2026 in the last session. Last reached 3 days ago.');
      // The agreed day ends at local midnight (11 March 04:00 UTC, daylight time).
      expect(deriveTasks([p], rules, new Date('2026-03-11T03:59:00.000Z'))[0]).toMatchObject({ isOverdue: false });
      expect(deriveTasks([p], rules, new Date('2026-03-11T04:00:01.000Z'))[0]).toMatchObject({ isOverdue: true });
    });

    it('prefers the session to the agreed date, and either to the cadence', () => {
      const session = { startsAt: new Date('2026-03-12T14:00:00.000Z'), durationMinutes: 30, modality: 'in_person' as const };
      const both = pair({
        lastReachedAt: reached,
        nextSession: session,
        agreedNextContact: { on: '2026-03-20', agreedAt: reached },
      });
      expect(deriveTasks([both], rules, at(8))[0]).toMatchObject({ dueOn: '2026-03-12' });
      expect(deriveTasks([both], rules, at(8))[0]!.reason).toMatch(
        /^Session on Thursday 12 March 2026 at 10:00 .*a meeting in person\./,
      );
    });

    it('ignores an agreed date made stale by a reached contact logged after it', () => {
      const p = pair({ lastReachedAt: at(5), agreedNextContact: { on: '2026-03-10', agreedAt: reached } });
      expect(deriveTasks([p], rules, at(9))).toEqual([]);
      expect(deriveTasks([p], rules, at(5 + 11))[0]).toMatchObject({ dueOn: '2026-03-21' });
    });

    it('a far-off agreed date shows the task once the ladder fires, and never hides the pair from staff', () => {
      const p = pair({ lastReachedAt: reached, agreedNextContact: { on: '2026-05-01', agreedAt: reached } });
      expect(deriveTasks([p], rules, at(1 + 11))).toEqual([]);
      expect(deriveTasks([p], rules, at(1 + 14))[0]).toMatchObject({
        kind: 'next_contact',
        dueOn: '2026-05-01',
        isOverdue: false,
      });
      expect(kinds(deriveTasks([p], rules, at(1 + 21)))).toEqual(['check_in_call', 'next_contact']);
    });

    it('after a pause only a session scheduled since counts, not a date agreed before it', () => {
      const paused = pair({
        contactPausedUntil: '2026-03-10',
        lastReachedAt: at(-20),
        agreedNextContact: { on: '2026-03-25', agreedAt: at(-20) },
      });
      const resume = new Date('2026-03-10T04:00:00.000Z');
      expect(deriveTasks([paused], rules, resume)[0]).toMatchObject({ dueOn: '2026-03-13' });
      const session = { startsAt: new Date('2026-03-11T14:00:00.000Z'), durationMinutes: 30, modality: 'text' as const };
      expect(deriveTasks([{ ...paused, nextSession: session }], rules, resume)[0]).toMatchObject({ dueOn: '2026-03-11' });
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

describe('nextContactOf: one date for the next talk wherever it is shown (issue #16)', () => {
  const reached = at(1);
  // Friday 13 March 2026 at 10:00 in New York.
  const session = { startsAt: new Date('2026-03-13T14:00:00.000Z'), durationMinutes: 30, modality: 'phone' as const };
  const agreed = { on: '2026-03-10', agreedAt: reached };
  const next = (p: PairingActivity, now: Date) => {
    const due = nextContactOf(p, rules, now);
    return due && { basis: due.basis, dueOn: due.dueOn };
  };

  it('the date agreed in the last guide wins over the cadence', () => {
    expect(next(pair({ lastReachedAt: reached }), at(2))).toEqual({ basis: 'cadence', dueOn: '2026-03-17' });
    expect(next(pair({ lastReachedAt: reached, agreedNextContact: agreed }), at(2))).toEqual({
      basis: 'agreed',
      dueOn: '2026-03-10',
    });
  });

  it('a scheduled session wins over an agreed date, so a session and a next talk never contradict', () => {
    expect(next(pair({ lastReachedAt: reached, agreedNextContact: agreed, nextSession: session }), at(2))).toEqual({
      basis: 'session',
      dueOn: '2026-03-13',
    });
  });

  it('a contact reached after the guide makes its date stale: back to the cadence from that contact', () => {
    const later = at(3);
    expect(next(pair({ lastReachedAt: later, agreedNextContact: agreed }), at(4))).toEqual({
      basis: 'cadence',
      dueOn: '2026-03-19',
    });
  });

  it('before the first reached contact only a session counts, else the first contact is due by the ladder', () => {
    expect(next(pair({ agreedNextContact: agreed }), at(0))).toEqual({ basis: 'cadence', dueOn: '2026-03-05' });
    expect(next(pair({ nextSession: session }), at(0))).toEqual({ basis: 'session', dueOn: '2026-03-13' });
  });

  it('is the date the coach’s task is due on', () => {
    for (const p of [
      pair({ lastReachedAt: reached, agreedNextContact: agreed }),
      pair({ lastReachedAt: reached, agreedNextContact: agreed, nextSession: session }),
      pair({ lastReachedAt: reached }),
    ]) {
      const now = at(14);
      const task = deriveTasks([p], rules, now).find((t) => t.kind === 'next_contact');
      expect(task?.dueOn).toBe(next(p, now)?.dueOn);
    }
  });

  it('is null once the intervention has ended', () => {
    expect(next(pair({ lastReachedAt: at(170) }), at(183))).toBeNull();
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

describe('due dates are the program’s local dates', () => {
  // 20:30 in New York on 2 March 2026 is already 3 March in UTC.
  const EVENING = new Date('2026-03-03T01:30:00.000Z');
  const evening = (days: number, extraMs = 0): Date => new Date(EVENING.getTime() + days * DAY + extraMs);

  it('dates a first contact after an evening pairing by the New York calendar', () => {
    const [task] = deriveTasks([pair({ startedAt: EVENING, interventionStartedAt: EVENING })], rules, EVENING);
    expect(task).toMatchObject({ kind: 'first_contact', dueOn: '2026-03-05' });
  });

  it('dates the next contact after an evening contact, and the staff tasks, by the New York calendar', () => {
    const p = pair({ lastReachedAt: evening(0) });
    expect(deriveTasks([p], rules, evening(14 - 3))[0]).toMatchObject({ kind: 'next_contact', dueOn: '2026-03-16' });
    const staff = deriveTasks([p], rules, evening(14 + 21)).filter((t) => t.assignee === 'coordinator');
    expect(staff.map((t) => [t.kind, t.dueOn])).toEqual([
      ['check_in_call', '2026-03-23'],
      ['decision', '2026-04-06'],
    ]);
  });

  it('uses the zone of the program, not the server’s', () => {
    const tokyo = { ...rules, timeZone: 'Asia/Tokyo' };
    // 05:00 on 3 March in Tokyo is still 2 March in UTC.
    const morning = new Date('2026-03-02T20:00:00.000Z');
    const [task] = deriveTasks([pair({ startedAt: morning, interventionStartedAt: morning })], tokyo, morning);
    expect(task).toMatchObject({ kind: 'first_contact', dueOn: '2026-03-06' });
  });
});
