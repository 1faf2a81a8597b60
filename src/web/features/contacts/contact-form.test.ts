import { describe, expect, it } from 'vitest';
import { ContactInput } from '../../../core/contacts';
import { contactBody, contactProblems, type ContactFormValues } from './contact-form';

const zone = 'America/New_York';
// 3:00 PM on Tue 8 Dec 2026 in New York.
const now = new Date('2026-12-08T20:00:00Z');
const filled: ContactFormValues = {
  participantId: '5d0f6c1e-8a57-4a4f-9d1e-0c1b2a3d4e5f',
  when: '2026-12-08T14:30',
  channel: 'phone',
  outcome: 'reached',
  minutes: '25',
  topics: [],
  elements: ['gaveEncouragement'],
  note: '',
};

describe('contactProblems (the contact schema and the server’s time rule, ADR 0054)', () => {
  it('accepts a filled-in contact, and the server’s schema accepts its body', () => {
    expect(contactProblems(filled, now, zone)).toEqual({});
    expect(ContactInput.safeParse(contactBody(filled, '0b7c1f7e-2f0a-4d55-9d1c-3a3b7f0e9a11', zone)).success).toBe(true);
  });

  it('names what is missing in the schema’s words', () => {
    expect(contactProblems({ ...filled, participantId: '', when: '', outcome: '' }, now, zone)).toEqual({
      participantId: 'Choose who you contacted',
      occurredAt: 'Enter the date and time of the contact',
      outcome: 'Say whether you reached them',
    });
  });

  it('refuses minutes that are not whole, or more than 600, for a reached contact only', () => {
    for (const minutes of ['700', '2.5', 'ten'])
      expect(contactProblems({ ...filled, minutes }, now, zone)).toEqual({ minutes: 'Enter whole minutes from 0 to 600' });
    expect(contactProblems({ ...filled, outcome: 'no_answer', minutes: '700' }, now, zone)).toEqual({});
  });

  it('refuses a time later than now in the program’s zone, allowing a phone’s clock ten minutes ahead', () => {
    expect(contactProblems({ ...filled, when: '2026-12-08T15:09' }, now, zone)).toEqual({});
    expect(contactProblems({ ...filled, when: '2026-12-08T15:11' }, now, zone)).toEqual({
      occurredAt: 'The time cannot be in the future',
    });
  });
});
