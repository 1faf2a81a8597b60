import { describe, expect, it } from 'vitest';
import { CrisisInfo, DEFAULT_CRISIS_INFO, DEFAULT_SAFETY_SETTINGS, dialString, SafetySettings } from './crisis';

describe('crisis information', () => {
  it('defaults to the Veterans Crisis Line (988 then 1, text 838255, chat) and 911', () => {
    expect(CrisisInfo.parse(DEFAULT_CRISIS_INFO)).toEqual({
      lineName: 'Veterans Crisis Line',
      callNumber: '988',
      callPress: '1',
      textNumber: '838255',
      chatUrl: 'https://www.veteranscrisisline.net/Chat',
      emergencyNumber: '911',
      programContact: null,
    });
    expect(SafetySettings.parse(DEFAULT_SAFETY_SETTINGS)).toEqual({ safetyContacts: [], crisis: DEFAULT_CRISIS_INFO });
  });

  it('takes another country’s line, with the program’s own contact', () => {
    const uk = {
      lineName: 'Samaritans',
      callNumber: '116 123',
      callPress: null,
      textNumber: null,
      chatUrl: null,
      emergencyNumber: '999',
      programContact: { name: 'Programme office', phone: '+44 20 7946 0000', hours: 'Weekdays 9 to 5' },
    };
    expect(CrisisInfo.parse(uk)).toEqual(uk);
  });

  it('refuses numbers that cannot be dialled, a chat address without https, and repeated contacts', () => {
    const bad = (patch: object) => CrisisInfo.safeParse({ ...DEFAULT_CRISIS_INFO, ...patch }).success;
    expect(bad({ callNumber: '98' })).toBe(false);
    expect(bad({ callNumber: 'call us' })).toBe(false);
    expect(bad({ textNumber: '' })).toBe(false);
    expect(bad({ callPress: 'one' })).toBe(false);
    expect(bad({ chatUrl: 'http://example.org/chat' })).toBe(false);
    expect(bad({ chatUrl: 'javascript:alert(1)' })).toBe(false);
    expect(bad({ programContact: { name: 'Office', phone: '12' } })).toBe(false);
    expect(
      SafetySettings.safeParse({ safetyContacts: ['a@example.org', 'A@example.org'], crisis: DEFAULT_CRISIS_INFO }).success,
    ).toBe(false);
  });

  it('dials digits and a leading plus only', () => {
    expect(dialString('+44 (20) 7946-0000')).toBe('+442079460000');
    expect(dialString('988')).toBe('988');
  });
});
