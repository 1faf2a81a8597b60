// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithRouter } from '../../testing/render';
import { createIntl } from 'react-intl';
import { englishT, translator } from '../../i18n/i18n';
import es from '../../i18n/messages/es.json';
import { SecurityPage } from './SecurityPage';
import { browserWords } from './SessionsSection';
import { SignInCodePage } from './SignInCodePage';
import { TwoFactorEnrol } from './TwoFactorEnrol';

const me = (signInStep: string) =>
  json({
    me: { id: 'p1', email: 'sam@example.org', displayName: 'Sam', isAdmin: false, csrfToken: 'c', memberships: [], signInStep },
  });

describe('SecurityPage', () => {
  it('sets up two-factor sign-in with the QR code or the key, then shows the recovery codes once', async () => {
    let enrolled = false;
    const calls = mockApi({
      'GET /auth/two-factor': () => json({ enrolled, required: true, recoveryCodesLeft: enrolled ? 2 : 0 }),
      'GET /auth/sessions': json([
        {
          id: 's1',
          createdAt: '2026-03-02T15:00:00.000Z',
          lastSeenAt: '2026-03-02T15:10:00.000Z',
          browser: 'Firefox on Windows',
          isCurrent: true,
        },
        {
          id: 's2',
          createdAt: '2026-03-01T09:00:00.000Z',
          lastSeenAt: '2026-03-01T09:30:00.000Z',
          browser: 'Safari on iPhone',
          isCurrent: false,
        },
      ]),
      'POST /auth/two-factor/enrol': json({
        uri: 'otpauth://totp/x',
        key: 'ABCD EFGH IJKL',
        qrCode: 'data:image/svg+xml;base64,PHN2Zy8+',
      }),
      'POST /auth/two-factor/confirm': () => {
        enrolled = true;
        return json({ recoveryCodes: ['abcde-12345', 'fghij-67890'] });
      },
      'DELETE /auth/sessions/s2': json({ ok: true }),
    });
    const user = userEvent.setup();
    renderWithRouter(<SecurityPage />);

    expect((await screen.findByText(/Your program asks staff to use it/)).textContent).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));
    expect((await screen.findByRole('img', { name: 'QR code for your authenticator app' })).getAttribute('src')).toMatch(
      /^data:image\/svg/,
    );
    expect(screen.getByText('ABCD EFGH IJKL')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: '6-digit code' }), '123 456');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));
    expect(await screen.findByRole('heading', { name: 'Your recovery codes' })).toBeTruthy();
    expect(screen.getByText('abcde-12345')).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/confirm'))?.body).toEqual({ code: '123 456' });
    await user.click(screen.getByRole('button', { name: 'I have kept my codes' }));
    expect(await screen.findByText(/You have 2 unused recovery codes/)).toBeTruthy();

    // Where you are signed in: this device is marked and cannot be signed out from the list.
    expect(screen.getByText('This device')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Sign out Safari on iPhone, last active/ }));
    expect(await screen.findByText('That device is signed out.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE' && c.url.endsWith('/auth/sessions/s2'))).toBe(true);
  });
});

describe('browserWords', () => {
  it('says the server’s English summary of a device with the catalog’s words, keeping the names', () => {
    expect(browserWords('Firefox on Windows', englishT)).toBe('Firefox on Windows');
    expect(browserWords('A browser on Android', englishT)).toBe('A browser on Android');
    expect(browserWords('Unknown browser', englishT)).toBe('Unknown browser');
    expect(browserWords('Lynx', englishT)).toBe('Lynx');
    const spanish = translator(createIntl({ locale: 'es', messages: es }));
    expect(browserWords('Safari on iPhone', spanish)).toBe('Safari en iPhone');
    expect(browserWords('A browser on Android', spanish)).toBe('Un navegador en Android');
    expect(browserWords('Unknown browser', spanish)).toBe('Navegador desconocido');
  });
});

describe('SignInCodePage', () => {
  it('asks for the app’s code, or a recovery code instead', async () => {
    const calls = mockApi({
      'GET /session': me('totp'),
      'POST /auth/two-factor/verify': json(
        {
          error: 'invalid_state',
          reason: 'wrong_code',
          message: 'That code is not right. Check the app and try the newest code.',
          requestId: 'r',
        },
        422,
      ),
    });
    const user = userEvent.setup();
    renderWithRouter(<SignInCodePage />, { route: '/sign-in/code?next=%2Fprograms' });
    await user.type(await screen.findByRole('textbox', { name: '6-digit code' }), '000000');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain('That code is not right');
    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByRole('textbox', { name: 'Recovery code' }), 'abcde-12345');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const posts = calls.filter((c) => c.method === 'POST').map((c) => c.body);
    expect(posts).toEqual([{ code: '000000' }, { recoveryCode: 'abcde-12345' }]);
  });
  it('clears the server’s refusal of the code once it is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      'GET /session': me('totp'),
      'POST /auth/two-factor/verify': json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'code', message: 'Type the 6 digits the app shows.' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderWithRouter(<SignInCodePage />, { route: '/sign-in/code?next=%2Fprograms' });
    const code = await screen.findByRole('textbox', { name: '6-digit code' });
    await user.type(code, '12345');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain('6-digit code: Type the 6 digits the app shows.');
    expect(code.getAttribute('aria-invalid')).toBe('true');

    await user.click(code);
    await user.type(code, '6');
    expect(code.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Type the 6 digits the app shows.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(code);
  });
});

describe('TwoFactorEnrol', () => {
  it('clears the server’s refusal of the code once it is changed, and leaves focus there (issue #16)', async () => {
    mockApi({
      'POST /auth/two-factor/enrol': json({
        uri: 'otpauth://totp/x',
        key: 'ABCD EFGH IJKL',
        qrCode: 'data:image/svg+xml;base64,PHN2Zy8+',
      }),
      'POST /auth/two-factor/confirm': json(
        {
          error: 'invalid_input',
          message: 'Some answers need attention.',
          fields: [{ path: 'code', message: 'Type the 6 digits the app shows.' }],
          requestId: 'r1',
        },
        400,
      ),
    });
    const user = userEvent.setup();
    renderWithRouter(<TwoFactorEnrol onDone={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));
    const code = await screen.findByRole('textbox', { name: '6-digit code' });
    await user.type(code, '12345');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('6-digit code: Type the 6 digits the app shows.');
    expect(code.getAttribute('aria-invalid')).toBe('true');

    await user.click(code);
    await user.type(code, '6');
    expect(code.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Type the 6 digits the app shows.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(code);
  });
});
