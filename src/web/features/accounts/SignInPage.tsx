import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, signInStepPath, useMeQuery } from '../../app/session';
import { Button } from '../../ui/controls';
import { FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { SINGLE_SIGN_ON_START, useConfig, useSignIn, useSignInOptions } from './accounts.api';

/** The demo's shared password, shown only when the server says it runs as a demo. */
export const DEMO_PASSWORD = 'kindred-demo';

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMeQuery();
  const signIn = useSignIn();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(signIn.error);

  if (me.data) return <Navigate to={signInStepPath(me.data, next)} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(
      { email: email.trim(), password },
      { onSuccess: (signedIn) => void navigate(signInStepPath(signedIn, next), { replace: true }) },
    );
  };
  const chooseAccount = (account: string) => {
    setEmail(account);
    setPassword(DEMO_PASSWORD);
    signIn.reset();
  };

  return (
    <Page title="Sign in" width="narrow">
      {params.get('sso') === 'failed' ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__title">Could not sign in</p>
          <p>Single sign-on did not work for this account; sign in with your password or ask your coordinator.</p>
          <p>Single sign-on is for staff. Coaches and participants sign in with a password or a code.</p>
        </div>
      ) : null}
      {params.get('ended') === '1' ? (
        <div role="status" className="alert alert--info">
          <p className="alert__title">You were signed out</p>
          <p>
            Kindred signs you out when it has not been used for a while. Sign in again to carry on where you were: what you
            entered in a session guide has been kept.
          </p>
        </div>
      ) : null}
      <SingleSignOn />
      <form onSubmit={submit} noValidate>
        <FormErrors error={server.error} title="Could not sign in" labels={{ email: 'E-mail', password: 'Password' }} />
        <TextField
          label="E-mail"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(v) => {
            server.edited('email');
            setEmail(v);
          }}
          error={server.fields['email']}
          required
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(v) => {
            server.edited('password');
            setPassword(v);
          }}
          error={server.fields['password']}
          required
        />
        <FormActions>
          <Button type="submit" busy={signIn.isPending} busyLabel="Signing in…">
            Sign in
          </Button>
        </FormActions>
      </form>
      <p>
        <Link to={email.trim() ? `/forgot-password?email=${encodeURIComponent(email.trim())}` : '/forgot-password'}>
          Forgot your password?
        </Link>
      </p>
      <p>
        <Link to={email.trim() ? `/sign-in/with-code?email=${encodeURIComponent(email.trim())}` : '/sign-in/with-code'}>
          Sign in with a code instead
        </Link>{' '}
        (for participants)
      </p>
      <DemoAccounts onChoose={chooseAccount} />
    </Page>
  );
}

/** Staff may sign in through the organisation's provider when the deployment has one (ADR 0031). */
function SingleSignOn() {
  const options = useSignInOptions();
  const sso = options.data?.singleSignOn;
  if (!sso) return null;
  return (
    <p className="sign-in-sso">
      {/* A full page load: the browser goes to the provider and comes back signed in. */}
      <a className="button button--secondary" href={SINGLE_SIGN_ON_START}>
        {sso.label}
      </a>{' '}
      (for staff)
    </p>
  );
}

function DemoAccounts({ onChoose }: { onChoose: (email: string) => void }) {
  const config = useConfig();
  if (!config.data?.isDemo || config.data.demoAccounts.length === 0) return null;
  return (
    <Section title="Demo accounts" id="demo-accounts">
      <p>
        This is a demonstration with made-up people. Every account's password is <strong>{DEMO_PASSWORD}</strong>. Choose an
        account to fill in the form, then select Sign in.
      </p>
      <ul className="demo-accounts">
        {config.data.demoAccounts.map((account) => (
          <li key={account}>
            <Button variant="secondary" onClick={() => onChoose(account)}>
              Use {account}
            </Button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
