import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, signInStepPath, useMeQuery } from '../../app/session';
import { Button } from '../../ui/controls';
import { FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { SINGLE_SIGN_ON_START, useConfig, useSignIn, useSignInOptions } from './accounts.api';
import { useT } from '../../i18n/i18n';

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
  const t = useT();

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
    <Page title={t('accounts.signIn.title')} width="narrow">
      {params.get('sso') === 'failed' ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__title">{t('accounts.signIn.couldNot')}</p>
          <p>{t('accounts.signIn.ssoFailed')}</p>
          <p>{t('accounts.signIn.ssoIsForStaff')}</p>
        </div>
      ) : null}
      {params.get('ended') === '1' ? (
        <div role="status" className="alert alert--info">
          <p className="alert__title">{t('accounts.signIn.ended.title')}</p>
          <p>{t('accounts.signIn.ended.text')}</p>
        </div>
      ) : null}
      <SingleSignOn />
      <form onSubmit={submit} noValidate>
        <FormErrors
          error={server.error}
          title={t('accounts.signIn.couldNot')}
          labels={{ email: t('accounts.field.email'), password: t('accounts.field.password') }}
        />
        <TextField
          label={t('accounts.field.email')}
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
          label={t('accounts.field.password')}
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
          <Button type="submit" busy={signIn.isPending} busyLabel={t('accounts.signIn.signingIn')}>
            {t('accounts.signIn.title')}
          </Button>
        </FormActions>
      </form>
      <p>
        <Link to={email.trim() ? `/forgot-password?email=${encodeURIComponent(email.trim())}` : '/forgot-password'}>
          {t('accounts.signIn.forgot')}
        </Link>
      </p>
      <p>
        <Link to={email.trim() ? `/sign-in/with-code?email=${encodeURIComponent(email.trim())}` : '/sign-in/with-code'}>
          {t('accounts.signIn.withCodeLink')}
        </Link>{' '}
        {t('accounts.signIn.forParticipants')}
      </p>
      <DemoAccounts onChoose={chooseAccount} />
    </Page>
  );
}

/** Staff may sign in through the organisation's provider when the deployment has one (ADR 0031). */
function SingleSignOn() {
  const options = useSignInOptions();
  const t = useT();
  const sso = options.data?.singleSignOn;
  if (!sso) return null;
  return (
    <p className="sign-in-sso">
      {/* A full page load: the browser goes to the provider and comes back signed in. */}
      <a className="button button--secondary" href={SINGLE_SIGN_ON_START}>
        {sso.label}
      </a>{' '}
      {t('accounts.signIn.forStaff')}
    </p>
  );
}

function DemoAccounts({ onChoose }: { onChoose: (email: string) => void }) {
  const config = useConfig();
  const t = useT();
  if (!config.data?.isDemo || config.data.demoAccounts.length === 0) return null;
  return (
    <Section title={t('accounts.signIn.demo.title')} id="demo-accounts">
      <p>{t.rich('accounts.signIn.demo.text', { password: DEMO_PASSWORD, b: (chunks) => <strong>{chunks}</strong> })}</p>
      <ul className="demo-accounts">
        {config.data.demoAccounts.map((account) => (
          <li key={account}>
            <Button variant="secondary" onClick={() => onChoose(account)}>
              {t('accounts.signIn.demo.use', { account })}
            </Button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
