import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import {
  interviewInvitationMail,
  interviewInvitationText,
  interviewReminderMail,
  interviewReminderText,
  interviewScheduledMail,
} from './mail';
import { InterviewDeclineInput, nextInvitationState, sampleMemberStates, type InvitationEvent } from './invitations';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return `${e.code}:${e.reason}`;
    throw e;
  }
  return 'allowed';
};

describe('interview invitation moves (ADR 0050)', () => {
  it('goes proposed → invited → consented → scheduled, and a schedule may be moved', () => {
    expect(nextInvitationState('proposed', 'invite')).toBe('invited');
    expect(nextInvitationState('invited', 'consent')).toBe('consented');
    expect(nextInvitationState('consented', 'schedule')).toBe('scheduled');
    expect(nextInvitationState('scheduled', 'schedule')).toBe('scheduled');
  });

  it('refuses what already happened with a conflict and a missing step as invalid', () => {
    expect(refusal(() => nextInvitationState('invited', 'invite'))).toBe('conflict:already_invited');
    expect(refusal(() => nextInvitationState('consented', 'consent'))).toBe('conflict:already_consented');
    expect(refusal(() => nextInvitationState('scheduled', 'consent'))).toBe('conflict:already_consented');
    expect(refusal(() => nextInvitationState('proposed', 'consent'))).toBe('invalid_state:not_invited');
    expect(refusal(() => nextInvitationState('invited', 'schedule'))).toBe('invalid_state:not_consented');
    expect(refusal(() => nextInvitationState('proposed', 'schedule'))).toBe('invalid_state:not_consented');
  });

  it('takes a decline from every state but a decline, and nothing after it but putting back', () => {
    for (const s of ['proposed', 'invited', 'consented', 'scheduled'] as const)
      expect(nextInvitationState(s, 'decline')).toBe('declined');
    const events: InvitationEvent[] = ['invite', 'consent', 'decline', 'schedule', 'cancel'];
    for (const e of events) expect(refusal(() => nextInvitationState('declined', e))).toBe('conflict:already_declined');
    expect(nextInvitationState('declined', 'put_back')).toBe('proposed');
  });

  it('cancels a booked interview back to consented, and refuses a cancel with nothing booked (409)', () => {
    expect(nextInvitationState('scheduled', 'cancel')).toBe('consented');
    for (const s of ['proposed', 'invited', 'consented'] as const)
      expect(refusal(() => nextInvitationState(s, 'cancel'))).toBe('conflict:not_scheduled');
    // Once cancelled it can be scheduled again, or declined.
    expect(nextInvitationState(nextInvitationState('scheduled', 'cancel'), 'schedule')).toBe('scheduled');
    expect(nextInvitationState(nextInvitationState('scheduled', 'cancel'), 'decline')).toBe('declined');
  });

  it('puts back an invitation or a decline, never a consent', () => {
    expect(nextInvitationState('invited', 'put_back')).toBe('proposed');
    expect(refusal(() => nextInvitationState('consented', 'put_back'))).toBe('conflict:already_consented');
    expect(refusal(() => nextInvitationState('scheduled', 'put_back'))).toBe('conflict:already_consented');
    expect(sampleMemberStates).toEqual(['proposed', 'invited', 'consented', 'scheduled', 'declined']);
  });

  it('takes a decline reason from the list only, or none', () => {
    expect(InterviewDeclineInput.parse({})).toEqual({ reason: null });
    expect(InterviewDeclineInput.parse({ reason: 'no_time' })).toEqual({ reason: 'no_time' });
    expect(InterviewDeclineInput.safeParse({ reason: 'Because' }).success).toBe(false);
  });
});

describe('interview messages', () => {
  const page = 'https://k.test/programs/p/my-interview';
  it('invites in the participant’s language with a subject that says nothing personal', () => {
    const en = interviewInvitationMail(page, 'en');
    const es = interviewInvitationMail(page, 'es');
    expect(en.subject).toBe('An invitation from Kindred');
    expect(es.subject).toBe('Una invitación de Kindred');
    expect(en.text).toContain('Taking part is up to you');
    expect(es.text).toContain('Participar es su decisión');
    expect(es.text).toContain(page);
    expect(interviewInvitationText(page, 'es')).toMatch(/^Kindred: le invitamos/);
  });

  it('states the interview’s time in the program’s zone and says when it moved', () => {
    const f = {
      startsAt: new Date('2026-12-08T23:00:00Z'),
      timeZone: 'America/Indiana/Indianapolis',
      modality: 'video' as const,
      videoLink: 'https://meet.example.org/x',
      place: null,
      page,
      isMoved: false,
    };
    const en = interviewScheduledMail(f, 'en');
    expect(en.subject).toBe('Your Kindred interview');
    expect(en.text).toContain('a video call on Tuesday 8 December 2026 at 6:00 PM Eastern time');
    expect(en.text).toContain('Join the video call: https://meet.example.org/x');
    expect(interviewScheduledMail({ ...f, isMoved: true }, 'es').subject).toBe('Su entrevista de Kindred cambió');
    expect(interviewScheduledMail(f, 'es').text).toContain('una videollamada el martes, 8 de diciembre de 2026');
    expect(interviewReminderMail(f, 'es').subject).toBe('Recordatorio: su entrevista de Kindred');
    expect(interviewReminderMail(f, 'en').text).toContain(
      'A reminder: your interview is a video call on Tuesday 8 December 2026',
    );
    expect(interviewReminderText(f, 'en')).toBe(
      'Kindred: reminder of your interview (a video call) on Tuesday 8 December 2026 at 6:00 PM Eastern time.',
    );
  });
});
