import { describe, expect, it } from 'vitest';
import { BOOSTER_NOTICE_DAYS, coachReminders } from './reminders';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const base = { today: '2026-03-31', status: 'active' as const, checkInMonths: [], boosters: [] };

describe('coachReminders', () => {
  it('asks for a check-in when none is recorded this program-local month', () => {
    expect(coachReminders(base)).toEqual({ thisMonth: '2026-03', wellbeingDue: true, nextBooster: null });
    expect(coachReminders({ ...base, checkInMonths: ['2026-02'] }).wellbeingDue).toBe(true);
    expect(coachReminders({ ...base, checkInMonths: ['2026-02', '2026-03'] }).wellbeingDue).toBe(false);
  });

  it('starts a new month on the first day of it', () => {
    const r = coachReminders({ ...base, today: '2026-04-01', checkInMonths: ['2026-03'] });
    expect(r).toMatchObject({ thisMonth: '2026-04', wellbeingDue: true });
  });

  it(`shows the first booster from today up to ${BOOSTER_NOTICE_DAYS} days ahead`, () => {
    const boosters = [
      { id: id(1), heldOn: '2026-03-30', topic: 'Yesterday' },
      { id: id(2), heldOn: '2026-04-14', topic: 'Day 14' },
      { id: id(3), heldOn: '2026-04-15', topic: 'Day 15' },
    ];
    expect(coachReminders({ ...base, boosters }).nextBooster).toEqual({ id: id(2), heldOn: '2026-04-14', topic: 'Day 14' });
    expect(coachReminders({ ...base, today: '2026-04-14', boosters }).nextBooster?.topic).toBe('Day 14');
    expect(coachReminders({ ...base, today: '2026-03-29', boosters }).nextBooster?.topic).toBe('Yesterday');
    expect(coachReminders({ ...base, today: '2026-03-31', boosters: boosters.slice(2) }).nextBooster).toBeNull();
    expect(coachReminders({ ...base, today: '2026-04-16', boosters }).nextBooster).toBeNull();
  });

  it('picks the earliest when several are near, whatever their order', () => {
    const boosters = [
      { id: id(1), heldOn: '2026-04-10', topic: 'Later' },
      { id: id(2), heldOn: '2026-04-02', topic: 'Sooner' },
    ];
    expect(coachReminders({ ...base, boosters }).nextBooster?.topic).toBe('Sooner');
  });

  it('does not call a paused coach to boosters but still asks how he or she is', () => {
    const boosters = [{ id: id(1), heldOn: '2026-04-02', topic: 'Soon' }];
    expect(coachReminders({ ...base, status: 'paused', boosters })).toMatchObject({ wellbeingDue: true, nextBooster: null });
  });

  it('reminds a retired coach of nothing', () => {
    const boosters = [{ id: id(1), heldOn: '2026-04-02', topic: 'Soon' }];
    expect(coachReminders({ ...base, status: 'retired', boosters })).toMatchObject({ wellbeingDue: false, nextBooster: null });
  });
});
