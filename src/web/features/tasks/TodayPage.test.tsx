// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScheduledSessionView } from '../../../core/engagement';
import type { TaskView } from '../../../core/tasks';
import { localDateOf } from '../../../core/shared/time';
import { todayOn } from '../../ui/dates';
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

describe("the coach's Today: due dates on the program's calendar (issue #16)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // 10:00 PM UTC: 11:00 AM Tue 8 Dec in Pago Pago (UTC-11), already noon Wed 9 Dec on Kiritimati (UTC+14).
  // The two are a day apart, so one of them is on another date than the device running the test.
  const now = new Date('2026-12-08T22:00:00.000Z');
  const deviceToday = todayOn(now);
  const timeZone = ['Pacific/Pago_Pago', 'Pacific/Kiritimati'].find((z) => localDateOf(now, z) !== deviceToday)!;
  const programToday = localDateOf(now, timeZone);

  const task: TaskView = {
    kind: 'next_contact',
    assignee: 'coach',
    pairingId: '00000000-0000-4000-8000-000000000001',
    participantId: '00000000-0000-4000-8000-000000000101',
    participantName: 'Pat Person',
    coachId: '00000000-0000-4000-8000-000000000201',
    coachName: 'Casey Coach',
    dueOn: programToday,
    isOverdue: false,
    reason: 'Time for the next talk.',
    tips: [],
  };

  it("says a task is due today on the program's date when the device's date is another", async () => {
    vi.useFakeTimers({ toFake: ['Date'], now });
    expect(programToday).not.toBe(deviceToday);
    mockApi({ [`GET /programs/${PROGRAM_ID}/today`]: json({ tasks: [task], sessions: [], participants: [] }) });
    renderInProgram(<TodayPage />, { member: membership({ can: ['task:list'], timeZone }) });
    const region = await screen.findByRole('region', { name: 'My tasks' });
    expect(within(region).getByRole('listitem').textContent).toContain('Next contact · due today');
  });
});
