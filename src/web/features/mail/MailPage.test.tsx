// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import type { MailView } from './mail.api';
import { MailPage } from './MailPage';

const base = {
  subject: '',
  text: '',
  attempts: 1,
  nextAttemptAt: null,
  lastError: null,
  createdAt: '2026-03-02T15:00:00.000Z',
  sentAt: null,
};
const unknownText: MailView = {
  ...base,
  id: '22222222-2222-4222-8222-222222222222',
  to: '+13175550200',
  channel: 'sms',
  state: 'unknown',
  lastError: 'interrupted',
};
const retrying: MailView = {
  ...base,
  id: '33333333-3333-4333-8333-333333333333',
  to: 'sam@test.org',
  subject: 'Your next session',
  channel: 'email',
  state: 'queued',
  attempts: 2,
  nextAttemptAt: '2026-03-02T15:03:00.000Z',
  lastError: '451',
};

describe('MailPage', () => {
  it('shows channel, delivery state, attempts and the error code, and lets staff send an interrupted text again', async () => {
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/mail`]: json([unknownText, retrying]),
      [`POST /programs/${PROGRAM_ID}/mail/${unknownText.id}/resend`]: json({ ...unknownText, state: 'queued', attempts: 0 }),
    });
    const user = userEvent.setup();
    renderInProgram(<MailPage />, { member: membership({ can: ['mail:view', 'mail:resend'] }), route: '/', path: '/' });

    const [text, mail] = await screen.findAllByRole('listitem');
    expect(within(text!).getByRole('heading', { name: 'Text message' })).toBeTruthy();
    expect(text!.textContent).toContain('Text to +13175550200');
    expect(text!.textContent).toContain('May not have arrived');
    expect(text!.textContent).toContain('interrupted');
    expect(within(mail!).getByRole('heading', { name: 'Your next session' })).toBeTruthy();
    expect(mail!.textContent).toContain('Waiting to send');
    expect(mail!.textContent).toContain('451');
    expect(within(mail!).queryByRole('button', { name: /Send again/ })).toBeNull();

    await user.click(within(text!).getByRole('button', { name: 'Send again “Text message” to +13175550200' }));
    await screen.findAllByRole('listitem');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([
      `/api/v1/programs/${PROGRAM_ID}/mail/${unknownText.id}/resend`,
    ]);
  });

  it('offers no "send again" without the permission', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/mail`]: json([unknownText]) });
    renderInProgram(<MailPage />, { member: membership({ can: ['mail:view'] }), route: '/', path: '/' });
    await screen.findByRole('listitem');
    expect(screen.queryByRole('button', { name: /Send again/ })).toBeNull();
  });

  it('shows the newest page first and the next one on "Show more", until there is no more', async () => {
    const cursor = 'bmV4dA';
    const calls = mockApi({
      [`GET /programs/${PROGRAM_ID}/mail`]: (call) =>
        call.url.includes(`before=${cursor}`)
          ? json([retrying])
          : new Response(JSON.stringify([unknownText]), {
              status: 200,
              headers: { 'content-type': 'application/json', 'x-next-cursor': cursor },
            }),
    });
    const user = userEvent.setup();
    renderInProgram(<MailPage />, { member: membership({ can: ['mail:view'] }), route: '/', path: '/' });

    expect(await screen.findAllByRole('listitem')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await screen.findByRole('heading', { name: 'Your next session' })).toBeTruthy();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(calls.map((c) => c.url)).toEqual([
      `/api/v1/programs/${PROGRAM_ID}/mail`,
      `/api/v1/programs/${PROGRAM_ID}/mail?before=${cursor}`,
    ]);
  });

  describe("times in the program's zone, not the device's (issue #16)", () => {
    // 15:00 UTC on Mon 2 Mar 2026 is 7:00 AM in Los Angeles and 10:00 AM in New York.
    const pacific = membership({ can: ['mail:view'], timeZone: 'America/Los_Angeles' });

    it("shows a Pacific program's times on an Eastern laptop in Pacific time, and says so", async () => {
      mockApi({ [`GET /programs/${PROGRAM_ID}/mail`]: json([retrying]) });
      renderInProgram(<MailPage />, { member: pacific, deviceZone: 'America/New_York', route: '/', path: '/' });
      const item = await screen.findByRole('listitem');
      expect(item.textContent).toMatch(/Mon 2 Mar( 2026)?, 7:00 AM Pacific time/);
      expect(item.textContent).toMatch(/Mon 2 Mar( 2026)?, 7:03 AM Pacific time/);
      expect(item.textContent).not.toContain('10:00 AM');
    });

    it('names no zone when the device is where the program is', async () => {
      mockApi({ [`GET /programs/${PROGRAM_ID}/mail`]: json([retrying]) });
      renderInProgram(<MailPage />, { member: pacific, deviceZone: 'America/Los_Angeles', route: '/', path: '/' });
      const item = await screen.findByRole('listitem');
      expect(item.textContent).toMatch(/Mon 2 Mar( 2026)?, 7:00 AM/);
      expect(item.textContent).not.toContain('Pacific time');
    });
  });
});
