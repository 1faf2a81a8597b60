// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCHING_SETTINGS } from '../../../core/matching';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { MatchingSettingsPage } from './MatchingSettingsPage';

const staff = membership({ can: ['matching:propose', 'matching:configure'] });
const URL = `/programs/${PROGRAM_ID}/matching/settings`;

describe('MatchingSettingsPage', () => {
  it('refuses a weight out of range in the browser, then sends every field', async () => {
    const calls = mockApi({ [`GET ${URL}`]: json(DEFAULT_MATCHING_SETTINGS), [`PUT ${URL}`]: (c) => json(c.body) });
    const user = userEvent.setup();
    renderInProgram(<MatchingSettingsPage />, { member: staff, route: '/settings', path: '/settings' });
    const language = await screen.findByRole('textbox', { name: 'A language in common' });
    await user.clear(language);
    await user.type(language, '101');
    await user.click(screen.getByRole('checkbox', { name: 'Times of day that overlap' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('A language in common: Use a whole number from 0 to 100');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);

    await user.clear(language);
    await user.type(language, '7');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      ...DEFAULT_MATCHING_SETTINGS,
      rules: { ...DEFAULT_MATCHING_SETTINGS.rules, times: false },
      weights: { ...DEFAULT_MATCHING_SETTINGS.weights, language: 7 },
    });
    await screen.findByText('Elsewhere');
  });
  it('clears the server’s refusal of a field once that field is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      [`GET ${URL}`]: json(DEFAULT_MATCHING_SETTINGS),
      [`PUT ${URL}`]: json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'weights.language', message: 'Use a smaller number for this program.' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderInProgram(<MatchingSettingsPage />, { member: staff, route: '/settings', path: '/settings' });
    const language = await screen.findByRole('textbox', { name: 'A language in common' });
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Use a smaller number for this program.');
    expect(language.getAttribute('aria-invalid')).toBe('true');

    await user.click(language);
    await user.clear(language);
    await user.type(language, '5');
    expect(language.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Use a smaller number for this program.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(language);
  });
});
