import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import {
  checkParticipantDates,
  checkStatusChange,
  checkStatusDate,
  duplicateReasons,
  nameKey,
  isPairable,
  participantCode,
  participantStatuses,
  ParticipantUpdate,
  type ParticipantStatus,
} from './index';

/** Every status change a coordinator may make by hand; `active` is reached only by pairing. */
const allowed: Record<ParticipantStatus, ParticipantStatus[]> = {
  referred: ['enrolled', 'withdrawn'],
  enrolled: ['completed', 'withdrawn'],
  active: ['completed', 'withdrawn'],
  completed: [],
  withdrawn: [],
};

describe('checkStatusChange', () => {
  for (const from of participantStatuses) {
    for (const to of participantStatuses) {
      const isAllowed = allowed[from].includes(to);
      it(`${isAllowed ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        if (isAllowed) {
          expect(() => checkStatusChange(from, to)).not.toThrow();
        } else {
          expect(() => checkStatusChange(from, to)).toThrow(
            expect.objectContaining({ name: 'DomainError', code: 'invalid_state', reason: 'status_change_not_allowed' }),
          );
        }
      });
    }
  }

  it('throws a DomainError', () => {
    expect(() => checkStatusChange('withdrawn', 'enrolled')).toThrow(DomainError);
  });
});

describe('isPairable', () => {
  it('is true for enrolled and active participants only', () => {
    expect(participantStatuses.filter(isPairable)).toEqual(['enrolled', 'active']);
  });
});

describe('participantCode', () => {
  it('pads the sequence to four digits', () => {
    expect([participantCode(1), participantCode(42), participantCode(12345)]).toEqual(['P-0001', 'P-0042', 'P-12345']);
  });
});

describe('ParticipantUpdate', () => {
  it('keeps only the fields sent: no defaults fill in what the caller left out', () => {
    expect(ParticipantUpdate.parse({ givenName: 'Ann' })).toEqual({ givenName: 'Ann' });
    expect(ParticipantUpdate.parse({})).toEqual({});
  });
});

describe('likely duplicates', () => {
  const jose = { givenName: 'José', familyName: 'García', birthYear: 1961, phone: '317 555 0900' };
  it('compares names without case, accents, punctuation or extra spaces', () => {
    expect(nameKey('José', 'García')).toBe('jose garcia');
    expect(nameKey(' JOSE ', 'garcia-')).toBe('jose garcia');
    expect(nameKey('Mary-Ann', "O'Neil")).toBe('mary ann o neil');
  });
  it('matches the same name when the years of birth agree or one is unknown', () => {
    expect(duplicateReasons({ ...jose, phone: null }, jose)).toEqual(['name']);
    expect(duplicateReasons({ ...jose, birthYear: null, phone: null }, jose)).toEqual(['name']);
    expect(duplicateReasons({ ...jose, birthYear: 1990, phone: null }, jose)).toEqual([]);
  });
  it('matches the same phone number however it is written', () => {
    expect(duplicateReasons({ givenName: 'Joe', familyName: 'G', birthYear: 1975, phone: '+1 (317) 555-0900' }, jose)).toEqual([
      'phone',
    ]);
    expect(duplicateReasons({ ...jose, phone: '+1 (317) 555-0900' }, jose)).toEqual(['name', 'phone']);
    expect(duplicateReasons({ ...jose, givenName: 'Ana', phone: '317 555 0901' }, jose)).toEqual([]);
  });
});

describe('dates that have not come', () => {
  it('refuses a referral after today and a birth year after this year', () => {
    expect(() => checkParticipantDates({ referredOn: '2026-03-02', birthYear: 2026 }, '2026-03-02')).not.toThrow();
    // A person ahead of the program's zone may already be on the next day.
    expect(() => checkParticipantDates({ referredOn: '2026-03-03' }, '2026-03-02')).not.toThrow();
    expect(() => checkParticipantDates({ referredOn: '2026-03-04' }, '2026-03-02')).toThrow(
      'The referral date cannot be after today.',
    );
    expect(() => checkParticipantDates({ referredOn: '2031-01-01' }, '2026-03-02')).toThrow(
      'The referral date cannot be after today.',
    );
    expect(() => checkParticipantDates({ birthYear: 2027 }, '2026-03-02')).toThrow(
      'The year of birth cannot be after this year.',
    );
    expect(() => checkStatusDate('2026-03-04', '2026-03-02')).toThrow('The date of the change cannot be after today.');
    expect(() => checkStatusDate('2026-03-03', '2026-03-02')).not.toThrow();
    expect(() => checkStatusDate('2026-03-02', '2026-03-02')).not.toThrow();
  });
});
