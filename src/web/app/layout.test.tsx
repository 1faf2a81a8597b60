// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../core/accounts';
import { json, membership, mockApi, PROGRAM_ID, renderWithRouter } from '../testing/render';
import { AppLayout } from './layout';
import { ProgramProvider } from './program';
import { RequireSession } from './session';

const coordinator = membership({
  can: ['overview:view', 'task:list', 'participant:list', 'safety:act', 'safety:log', 'safety:view'],
});

function me(): Me {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    email: 'coordinator@example.org',
    displayName: 'Casey Coordinator',
    isAdmin: false,
    csrfToken: 'csrf',
    memberships: [coordinator],
    signInStep: 'done',
    idleMinutes: 30,
  };
}

/** What the banner's light route answers: how many events wait, and the first few (issue #16). */
const openEvent = {
  id: '33333333-3333-4333-8333-333333333333',
  participantName: 'Robert Ellis',
  raisedAt: '2026-12-07T10:00:00Z',
  trigger: 'participant_help',
};
const waiting = (events: unknown[], total = events.length) => ({ total, events });

function renderLayout(open = waiting([])) {
  const calls = mockApi({
    'GET /session': json({ me: me() }),
    [`GET /programs/${PROGRAM_ID}/safety/unacknowledged`]: json(open),
  });
  renderWithRouter(
    <RequireSession fallback={(body) => body}>
      <ProgramProvider membership={coordinator}>
        <AppLayout>
          <h1>Program overview</h1>
        </AppLayout>
      </ProgramProvider>
    </RequireSession>,
    { route: `/programs/${PROGRAM_ID}/overview` },
  );
  return calls;
}

describe('the banner’s menu on a phone (issue #16)', () => {
  it('is a disclosure: the button says whether the navigation is open and controls it', async () => {
    renderLayout();
    const button = await screen.findByRole('button', { name: 'Menu' });
    const menu = document.getElementById(button.getAttribute('aria-controls') ?? '');
    expect(menu?.querySelector('nav[aria-label="Main"]')).toBeTruthy();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(menu?.getAttribute('data-open')).toBe('false');

    await userEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menu?.getAttribute('data-open')).toBe('true');
    // The menu's links come right after the button, so Tab goes into them.
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Overview');
  });

  it('closes on Escape and gives focus back to the button', async () => {
    renderLayout();
    const button = await screen.findByRole('button', { name: 'Menu' });
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await userEvent.tab();
    expect(document.activeElement).not.toBe(button);
    await userEvent.keyboard('{Escape}');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });

  it('closes when a link in it is followed', async () => {
    renderLayout();
    const button = await screen.findByRole('button', { name: 'Menu' });
    await userEvent.click(button);
    await userEvent.click(screen.getByRole('link', { name: 'Tasks' }));
    await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('false'));
  });
});

describe('open safety events head every staff page (issue #16)', () => {
  it('links to each event nobody has acknowledged yet, above the page, reading only those', async () => {
    const calls = renderLayout(waiting([openEvent]));
    const banner = await screen.findByRole('region', { name: 'Safety events to acknowledge' });
    expect(banner.textContent).toContain('Safety event to acknowledge');
    const link = screen.getByRole('link', { name: 'Safety event for Robert Ellis' });
    expect(link.getAttribute('href')).toBe(`/programs/${PROGRAM_ID}/safety/${openEvent.id}`);
    // Above the page's own heading.
    const h1 = screen.getByRole('heading', { level: 1 });
    expect(banner.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The light route, asked for the three the banner names; never the whole safety log.
    expect(calls.map((c) => c.url)).toContain(`/api/v1/programs/${PROGRAM_ID}/safety/unacknowledged?limit=3`);
    expect(calls.some((c) => c.url.includes('/safety/events'))).toBe(false);
    expect(screen.queryByRole('link', { name: /in the safety log/ })).toBeNull();
  });

  it('counts every waiting event and names the first three, with a link to the rest', async () => {
    const named = ['Robert Ellis', 'Maria Lopez', 'James Carter'].map((participantName, i) => ({
      ...openEvent,
      id: `3333333${i}-3333-4333-8333-333333333333`,
      participantName,
    }));
    renderLayout(waiting(named, 5));
    const banner = await screen.findByRole('region', { name: 'Safety events to acknowledge' });
    expect(banner.textContent).toContain('5 safety events to acknowledge');
    expect(screen.getAllByRole('link', { name: /^Safety event for / }).map((a) => a.textContent)).toEqual([
      'Safety event for Robert Ellis',
      'Safety event for Maria Lopez',
      'Safety event for James Carter',
    ]);
    const all = screen.getByRole('link', { name: 'All 5 in the safety log' });
    expect(all.getAttribute('href')).toBe(`/programs/${PROGRAM_ID}/safety`);
  });

  it('is not there when every event is acknowledged', async () => {
    const calls = renderLayout(waiting([]));
    await waitFor(() => expect(calls.some((c) => c.url.includes('/safety/unacknowledged'))).toBe(true));
    await screen.findByRole('button', { name: 'Menu' });
    expect(screen.queryByRole('region', { name: 'Safety events to acknowledge' })).toBeNull();
  });

  it('is not asked for by someone who may not act on events', async () => {
    const calls = mockApi({
      'GET /session': json({ me: { ...me(), memberships: [membership({ roles: ['coach'], can: ['overview:view'] })] } }),
    });
    renderWithRouter(
      <RequireSession fallback={(body) => body}>
        <ProgramProvider membership={membership({ roles: ['coach'], can: ['overview:view'] })}>
          <AppLayout>
            <h1>Today</h1>
          </AppLayout>
        </ProgramProvider>
      </RequireSession>,
    );
    await screen.findByRole('button', { name: 'Menu' });
    expect(calls.some((c) => c.url.includes('/safety/'))).toBe(false);
  });
});
