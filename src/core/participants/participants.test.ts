import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import {
  checkStatusChange,
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
