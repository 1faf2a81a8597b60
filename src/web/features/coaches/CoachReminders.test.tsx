// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CoachRemindersView } from '../../../core/coaches';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram, settled } from '../../testing/render';
import { CoachReminders } from './CoachReminders';

const COACH = '11111111-1111-4111-8111-111111111111';
const coach = membership({ roles: ['coach'], coachId: COACH, can: ['wellbeing:record', 'wellbeing:view', 'contact:log'] });
const URL = `/programs/${PROGRAM_ID}/coaches/${COACH}/reminders`;

describe('CoachReminders', () => {
  it('shows the check-in due with a link to My well-being, and the next booster with its topic', async () => {
    const view: CoachRemindersView = {
      thisMonth: '2026-03',
      wellbeingDue: true,
      nextBooster: { id: '22222222-2222-4222-8222-222222222222', heldOn: '2026-03-10', topic: 'Listening when it is hard' },
    };
    mockApi({ [`GET ${URL}`]: json(view) });
    renderInProgram(<CoachReminders />, { member: coach });
    await screen.findByRole('heading', { name: 'Well-being check-in due' });
    expect(screen.getByRole('link', { name: 'My well-being' }).getAttribute('href')).toBe(`/programs/${PROGRAM_ID}/my-wellbeing`);
    expect(screen.getByRole('heading', { name: /^Booster session on .*10 Mar/ })).toBeTruthy();
    expect(screen.getByText('Listening when it is hard')).toBeTruthy();
  });

  it('shows nothing when nothing is due', async () => {
    const calls = mockApi({ [`GET ${URL}`]: json({ thisMonth: '2026-03', wellbeingDue: false, nextBooster: null }) });
    const { container } = renderInProgram(<CoachReminders />, { member: coach });
    await settled();
    expect(calls).toHaveLength(1);
    expect(container.textContent).toBe('');
  });

  it('asks nothing of someone who is not a coach', async () => {
    const calls = mockApi({});
    renderInProgram(<CoachReminders />, { member: membership({ roles: ['coordinator'], can: ['wellbeing:view'] }) });
    await settled();
    expect(calls).toHaveLength(0);
  });
});
