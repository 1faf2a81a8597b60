import { describe, expect, it } from 'vitest';
import { compareUrgency, onePerPair, openTaskCounts, staffTaskList, urgencyTier, type TaskView } from '.';

const TODAY = '2026-12-07';

function task(over: Partial<TaskView> & Pick<TaskView, 'kind' | 'dueOn'>): TaskView {
  return {
    assignee: 'coordinator',
    pairingId: null,
    participantId: null,
    participantName: '',
    coachId: null,
    coachName: '',
    isOverdue: false,
    reason: 'Why.',
    tips: [],
    ...over,
  };
}

const PAIR = '00000000-0000-4000-8000-000000000001';

describe('urgencyTier', () => {
  it('puts alerts first whatever their date, then overdue, today, upcoming', () => {
    expect(urgencyTier(task({ kind: 'call_coach', dueOn: '2027-01-01' }), TODAY)).toBe(0);
    expect(urgencyTier(task({ kind: 'safety', dueOn: TODAY }), TODAY)).toBe(0);
    expect(urgencyTier(task({ kind: 'assessment', dueOn: '2026-12-01' }), TODAY)).toBe(1);
    expect(urgencyTier(task({ kind: 'next_contact', dueOn: TODAY, isOverdue: true }), TODAY)).toBe(1);
    expect(urgencyTier(task({ kind: 'assessment', dueOn: TODAY }), TODAY)).toBe(2);
    expect(urgencyTier(task({ kind: 'booster_due', dueOn: '2026-12-08' }), TODAY)).toBe(3);
  });
});

describe('staffTaskList', () => {
  it('orders across kinds: a safety event, a well-being alert, then the longest overdue first, then today, then upcoming', () => {
    const list = staffTaskList(
      [
        task({ kind: 'assessment', dueOn: '2026-12-10', participantName: 'Ann Able' }),
        task({ kind: 'assessment', dueOn: '2026-12-05', isOverdue: true, participantName: 'Bob Baker' }),
        task({ kind: 'first_contact', dueOn: '2026-08-18', isOverdue: true, participantName: 'Cy Cole', pairingId: PAIR }),
        task({ kind: 'assessment', dueOn: TODAY, participantName: 'Dee Dunn' }),
        task({ kind: 'call_coach', dueOn: '2026-12-01', coachName: 'Eve Ely' }),
        task({ kind: 'safety', dueOn: TODAY, participantName: 'Fay Ford' }),
      ],
      TODAY,
    );
    expect(list.map((t) => t.participantName || t.coachName)).toEqual([
      'Fay Ford',
      'Eve Ely',
      'Cy Cole',
      'Bob Baker',
      'Dee Dunn',
      'Ann Able',
    ]);
  });

  it('breaks ties on the same day by the later ladder step, then by name', () => {
    const a = task({ kind: 'next_contact', dueOn: TODAY, participantName: 'Al' });
    const b = task({ kind: 'decision', dueOn: TODAY, participantName: 'Zed' });
    const c = task({ kind: 'next_contact', dueOn: TODAY, participantName: 'Bo' });
    expect([a, c, b].sort((x, y) => compareUrgency(x, y, TODAY)).map((t) => t.participantName)).toEqual(['Zed', 'Al', 'Bo']);
  });
});

describe('onePerPair', () => {
  it('keeps the most advanced ladder step of a quiet pair, naming the others, on its own due date', () => {
    const pairTasks = [
      task({
        kind: 'next_contact',
        assignee: 'coach',
        pairingId: PAIR,
        dueOn: '2026-11-01',
        isOverdue: true,
        reason: 'Last reached 40 days ago.',
      }),
      task({ kind: 'check_in_call', pairingId: PAIR, dueOn: '2026-11-04', reason: 'Call the pair.' }),
      task({ kind: 'decision', pairingId: PAIR, dueOn: '2026-11-11', reason: 'Decide whether to re-pair, pause or withdraw.' }),
    ];
    const other = task({ kind: 'next_contact', pairingId: '00000000-0000-4000-8000-000000000002', dueOn: TODAY });
    const out = onePerPair([...pairTasks, other]);
    expect(out).toHaveLength(2);
    const merged = out.find((t) => t.pairingId === PAIR)!;
    expect(merged.kind).toBe('decision');
    expect(merged.dueOn).toBe('2026-11-11');
    expect(merged.reason).toBe(
      'Decide whether to re-pair, pause or withdraw. Also open for this pair: a check-in call and the coach’s next contact.',
    );
    expect(out).toContain(other);
  });

  it('leaves tasks without a pairing and single-step pairs alone', () => {
    const safety = task({ kind: 'safety', dueOn: TODAY });
    const one = task({ kind: 'first_contact', pairingId: PAIR, dueOn: TODAY });
    expect(onePerPair([safety, one])).toEqual([safety, one]);
  });
});

describe('openTaskCounts: the overview counts one task per pair, like the Tasks page (issue #16)', () => {
  const QUIET = '00000000-0000-4000-8000-000000000003';
  const NEW = '00000000-0000-4000-8000-000000000004';
  const STEADY = '00000000-0000-4000-8000-000000000005';

  it('counts a quiet pair once, under its most advanced step, and other pairs under their own', () => {
    const tasks = [
      { kind: 'next_contact', pairingId: PAIR },
      { kind: 'check_in_call', pairingId: PAIR },
      { kind: 'decision', pairingId: PAIR },
      { kind: 'first_contact', pairingId: QUIET },
      { kind: 'check_in_call', pairingId: QUIET },
      { kind: 'first_contact', pairingId: NEW },
      { kind: 'next_contact', pairingId: STEADY },
    ] as const;
    expect(openTaskCounts(tasks)).toEqual({ first_contact: 1, next_contact: 1, check_in_call: 1, decision: 1 });
    // The same pairs the Tasks page lists, under the same kinds.
    const listed = onePerPair(tasks.map((t) => task({ ...t, dueOn: TODAY })));
    expect(listed.map((t) => t.kind).sort()).toEqual(['check_in_call', 'decision', 'first_contact', 'next_contact']);
  });

  it('counts nothing when no task is open', () => {
    expect(openTaskCounts([])).toEqual({ first_contact: 0, next_contact: 0, check_in_call: 0, decision: 0 });
  });
});
