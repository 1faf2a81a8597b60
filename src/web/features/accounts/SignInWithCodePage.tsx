import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, signInStepPath, useMeQuery } from '../../app/session';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/feedback';
import { FormActions, FormErrors, RadioGroup, TextField, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useRequestSignInCode, useSignInWithCode } from './accounts.api';
import { useT } from '../../i18n/i18n';

/** Participants sign in with a six-digit code sent by e-mail or text instead of a password (ADR 0021). */
export function SignInWithCodePage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMeQuery();
  const request = useRequestSignInCode();
  const signIn = useSignInWithCode();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [code, setCode] = useState('');
  // A field's refusal goes once that field is changed (issue #16).
  const asking = useServerRefusal(request.error);
  const signing = useServerRefusal(signIn.error);
  const t = useT();

  if (me.data) return <Navigate to={signInStepPath(me.data, next)} replace />;

  const ask = (e: FormEvent) => {
    e.preventDefault();
    request.mutate({ email: email.trim(), channel });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(
      { email: email.trim(), code },
      { onSuccess: (signedIn) => void navigate(signInStepPath(signedIn, next), { replace: true }) },
    );
  };
  const askFields = asking.fields;
  const codeFields = signing.fields;

  return (
    <Page title={t('accounts.withCode.title')} width="narrow" intro={<p>{t('accounts.withCode.intro')}</p>}>
      {!request.isSuccess ? (
        <form onSubmit={ask} noValidate>
          <FormErrors
            error={asking.error}
            title={t('accounts.withCode.couldNotSend')}
            labels={{ email: t('accounts.field.email') }}
          />
          <TextField
            label={t('accounts.field.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(v) => {
              asking.edited('email');
              setEmail(v);
            }}
            error={askFields['email']}
            required
          />
          <RadioGroup
            legend={t('accounts.withCode.where')}
            name="channel"
            value={channel}
            onChange={(v) => {
              asking.edited('channel');
              setChannel(v);
            }}
            options={[
              { value: 'email', label: t('accounts.withCode.byEmail') },
              { value: 'sms', label: t('accounts.withCode.bySms') },
            ]}
          />
          <FormActions>
            <Button type="submit" busy={request.isPending} busyLabel={t('accounts.withCode.sending')}>
              {t('accounts.withCode.send')}
            </Button>
          </FormActions>
        </form>
      ) : (
        <form onSubmit={submit} noValidate>
          <Notice>{t('accounts.withCode.sent', { email: email.trim(), channel })}</Notice>
          <FormErrors
            error={signing.error}
            title={t('accounts.signIn.couldNot')}
            labels={{ code: t('accounts.withCode.code') }}
          />
          <TextField
            label={t('accounts.withCode.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(v) => {
              signing.edited('code');
              setCode(v);
            }}
            error={codeFields['code']}
            required
          />
          <FormActions>
            <Button type="submit" busy={signIn.isPending} busyLabel={t('accounts.signIn.signingIn')}>
              {t('accounts.signIn.title')}
            </Button>
            <Button variant="secondary" onClick={() => request.reset()}>
              {t('accounts.withCode.newCode')}
            </Button>
          </FormActions>
        </form>
      )}
      <p>
        <Link to="/sign-in">{t('accounts.withCode.passwordInstead')}</Link>
      </p>
    </Page>
  );
}
