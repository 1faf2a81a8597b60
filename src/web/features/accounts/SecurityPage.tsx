import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Badge, Button } from '../../ui/controls';
import { ErrorAlert, Loading, Notice } from '../../ui/feedback';
import { FormActions, FormErrors, TextField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { twoFactorKey, useDisableTwoFactor, useNewRecoveryCodes, useTwoFactorStatus } from './accounts.api';
import { SessionsSection } from './SessionsSection';
import { RecoveryCodesShown, TwoFactorEnrol } from './TwoFactorEnrol';

/** Sign-in and security: two-factor sign-in, where one is signed in, and the password. */
export function SecurityPage() {
  return (
    <Page title="Sign-in and security">
      <TwoFactorSection />
      <SessionsSection />
      <Section title="Password" id="password">
        <p>
          <Link to="/account/password">Change password</Link>
        </p>
      </Section>
    </Page>
  );
}

function TwoFactorSection() {
  const status = useTwoFactorStatus();
  const disable = useDisableTwoFactor();
  const renew = useNewRecoveryCodes();
  const [password, setPassword] = useState('');
  const [enrolled, setEnrolled] = useState(false);
  const client = useQueryClient();

  const turnOff = (e: FormEvent) => {
    e.preventDefault();
    disable.mutate({ password }, { onSuccess: () => setPassword('') });
  };

  return (
    <Section title="Two-factor sign-in" id="two-factor">
      <p>A code from an app on your phone, as well as your password, so a guessed or stolen password is not enough.</p>
      {status.isPending ? <Loading /> : null}
      {status.error ? <ErrorAlert error={status.error} onRetry={() => void status.refetch()} /> : null}
      {disable.isSuccess ? <Notice>Two-factor sign-in is off.</Notice> : null}
      {enrolled ? <Notice>Two-factor sign-in is on.</Notice> : null}
      {status.data && !status.data.enrolled ? (
        <>
          <p>
            <Badge tone="warning">Off</Badge>{' '}
            {status.data.required ? 'Your program asks staff to use it: set it up now.' : 'You can choose to use it.'}
          </p>
          <TwoFactorEnrol
            onDone={() => {
              setEnrolled(true);
              void client.invalidateQueries({ queryKey: twoFactorKey });
            }}
          />
        </>
      ) : null}
      {status.data?.enrolled ? (
        <>
          <p>
            <Badge tone="good">On</Badge> You have {status.data.recoveryCodesLeft} unused recovery{' '}
            {status.data.recoveryCodesLeft === 1 ? 'code' : 'codes'}.
          </p>
          {renew.data ? (
            <RecoveryCodesShown codes={renew.data.recoveryCodes} onDone={() => renew.reset()} />
          ) : (
            <Button variant="secondary" busy={renew.isPending} busyLabel="Making codes…" onClick={() => renew.mutate()}>
              Make new recovery codes
            </Button>
          )}
          {renew.error ? <ErrorAlert error={renew.error} title="Could not make new codes" /> : null}
          {status.data.required ? (
            <p>Your program requires two-factor sign-in for your role, so it cannot be turned off.</p>
          ) : (
            <form onSubmit={turnOff} noValidate className="two-factor-off">
              <FormErrors error={disable.error} title="Could not turn off two-factor sign-in" labels={{ password: 'Password' }} />
              <TextField
                label="Password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={setPassword}
                hint="Your password, to turn two-factor sign-in off."
                required
              />
              <FormActions>
                <Button type="submit" variant="danger" busy={disable.isPending} busyLabel="Turning off…">
                  Turn off two-factor sign-in
                </Button>
              </FormActions>
            </form>
          )}
        </>
      ) : null}
    </Section>
  );
}
