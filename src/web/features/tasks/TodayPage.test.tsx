// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ScheduledSessionView } from '../../../core/engagement';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { TodayPage } from './TodayPage';

const session = (over: Partial<ScheduledSessionView>): ScheduledSessionView => ({
  id: '00000000-0000-4000-8000-000000000010',
  pairingId: '00000000-0000-4000-8000-000000000001',
  participantId: '00000000-0000-4000-8000-000000000101',
  coachId: '00000000-0000-4000-8000-000000000201',
  startsAt: '2026-03-10T22:30:00.000Z',
  date: '2026-03-10',
  time: '18:30',
  timeZone: 'America/New_York',
  durationMinutes: 30,
  modality: 'video',
  videoLink: 'https://meet.example.org/kindred-abc',
  place: null,
  status: 'scheduled',
  sequence: 0,
  participantName: 'Pat Person',
  coachName: null,
  ...over,
});

describe("the coach's Today: upcoming sessions", () => {
  it('lists each session in program time with the participant, how they meet, the link or place and the guide', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/today`]: json({
        tasks: [],
        sessions: [
          session({}),
          session({
            id: '00000000-0000-4000-8000-000000000011',
            participantId: '00000000-0000-4000-8000-000000000102',
            participantName: 'Ann Other',
            modality: 'in_person',
            videoLink: null,
            place: 'Riverside Library',
            time: '14:30',
          }),
        ],
        participants: [],
      }),
    });
    renderInProgram(<TodayPage />, { member: membership({ can: ['guide:run', 'task:list'] }) });
    const region = await screen.findByRole('region', { name: 'Upcoming sessions' });
    const items = within(region).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole('heading', { level: 3 }).textContent).toMatch(/, 6:30\sPM Eastern time with Pat Person$/);
    expect(items[0]!.textContent).toContain('Video call · 30 minutes');
    // The zone by the name people use, never its IANA name (issue #16).
    expect(items[0]!.textContent).not.toContain('America/');
    expect(within(items[0]!).getByRole('link', { name: 'Join the video call with Pat Person' }).getAttribute('href')).toBe(
      'https://meet.example.org/kindred-abc',
    );
    expect(within(items[0]!).getByRole('link', { name: 'Start session guide with Pat Person' }).getAttribute('href')).toContain(
      'participants/00000000-0000-4000-8000-000000000101/guide',
    );
    expect(items[1]!.textContent).toContain('Where: Riverside Library');
  });

  it('says so when nothing is scheduled in the next two weeks', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/today`]: json({ tasks: [], sessions: [], participants: [] }) });
    renderInProgram(<TodayPage />, { member: membership({ can: ['guide:run', 'task:list'] }) });
    const region = await screen.findByRole('region', { name: 'Upcoming sessions' });
    expect(region.textContent).toContain('No session is scheduled in the next two weeks.');
  });
});
