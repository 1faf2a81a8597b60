// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { painAlertWords } from './PainAlerts';
import { TodayPage } from './TodayPage';

const PAT = '00000000-0000-4000-8000-000000000101';
const ANN = '00000000-0000-4000-8000-000000000102';

describe("the coach's Today: pain alerts (issue #16)", () => {
  it('puts a pain jump and a worrying note at the top, in plain words, with the record and the safety protocol', async () => {
    mockApi({
      [`GET /programs/${PROGRAM_ID}/today`]: json({
        tasks: [],
        sessions: [],
        participants: [],
        painAlerts: [
          {
            participantId: ANN,
            givenName: 'Ann',
            from: null,
            to: 4,
            on: '2026-12-06',
            note: 'I want to die',
            isJump: false,
            isWorryingNote: true,
          },
          {
            participantId: PAT,
            givenName: 'Pat',
            from: 4.7,
            to: 7,
            on: '2026-12-05',
            note: 'Bad flare-up',
            isJump: true,
            isWorryingNote: false,
          },
        ],
      }),
    });
    renderInProgram(<TodayPage />, {
      member: membership({ can: ['guide:run', 'task:list', 'contact:log', 'safety:raise'] }),
    });
    const region = await screen.findByRole('region', { name: 'Check-ins to look at' });
    const [ann, pat] = within(region).getAllByRole('listitem');
    expect(pat!.textContent).toMatch(
      /^Pat’s pain went from 4\.7 to 7 in the check-in on \w{3} 5 Dec\. Pat’s note: “Bad flare-up”\. Consider calling Pat soon\./,
    );
    expect(within(pat!).getByRole('link', { name: 'Open Pat’s record' }).getAttribute('href')).toContain(`participants/${PAT}`);
    expect(ann!.textContent).toContain('has words that may mean Ann is not safe. Ann’s note: “I want to die”.');
    expect(pat!.textContent).not.toContain('Safety concern');
    // The alerts come before the tasks.
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings.indexOf('Check-ins to look at')).toBeLessThan(headings.indexOf('My tasks'));
  });

  it('shows nothing when no check-in needs a look (or the server sends none)', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/today`]: json({ tasks: [], sessions: [], participants: [] }) });
    renderInProgram(<TodayPage />, { member: membership({ can: ['task:list'] }) });
    await screen.findByRole('region', { name: 'My tasks' });
    expect(screen.queryByRole('region', { name: /to look at/ })).toBeNull();
  });

  it('keeps a note’s own full stop inside the quotes instead of adding a second one', () => {
    const base = { participantId: PAT, givenName: 'Rob', on: '2026-12-05', from: 4, to: 9, isJump: true, isWorryingNote: false };
    expect(painAlertWords({ ...base, note: 'Worst flare-up in months.' })).toContain('“Worst flare-up in months.” Consider');
    expect(painAlertWords({ ...base, note: 'Is this normal?' })).toContain('“Is this normal?” Consider');
    expect(painAlertWords({ ...base, note: 'Bad day' })).toContain('“Bad day”. Consider');
  });
});
