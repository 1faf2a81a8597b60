import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, signInStepPath, useMeQuery } from '../../app/session';
import { Button } from '../../ui/controls';
import { Loading } from '../../ui/feedback';
import { FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useSignOut, useVerifySecondStep } from './accounts.api';
import { useT } from '../../i18n/i18n';

/** The second step of signing in: the code from the authenticator app, or a recovery code. */
export function SignInCodePage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMeQuery();
  const verify = useVerifySecondStep();
  const signOut = useSignOut();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(verify.error);
  const t = useT();

  if (me.isPending) return <Loading label={t('accounts.secondStep.checking')} />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  if (me.data.signInStep !== 'totp') return <Navigate to={signInStepPath(me.data, next)} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate(useRecovery ? { recoveryCode: code } : { code }, { onSuccess: () => void navigate(next, { replace: true }) });
  };
  const fields = server.fields;
  const label = useRecovery ? t('accounts.secondStep.recoveryCode') : t('accounts.secondStep.appCode');

  return (
    <Page
      title={t('accounts.secondStep.title')}
      width="narrow"
      intro={<p>{useRecovery ? t('accounts.secondStep.recoveryIntro') : t('accounts.secondStep.appIntro')}</p>}
    >
      <form onSubmit={submit} noValidate>
        <FormErrors error={server.error} title={t('accounts.signIn.couldNot')} labels={{ code: label, recoveryCode: label }} />
        <TextField
          key={label}
          label={label}
          inputMode={useRecovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          value={code}
          onChange={(v) => {
            server.edited('code');
            server.edited('recoveryCode');
            setCode(v);
          }}
          error={fields['code'] ?? fields['recoveryCode']}
          required
        />
        <FormActions>
          <Button type="submit" busy={verify.isPending} busyLabel={t('accounts.secondStep.checkingCode')}>
            {t('accounts.secondStep.continue')}
          </Button>
        </FormActions>
      </form>
      <p>
        <Button
          variant="quiet"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setCode('');
            verify.reset();
          }}
        >
          {useRecovery ? t('accounts.secondStep.useApp') : t('accounts.secondStep.useRecovery')}
        </Button>
      </p>
      <p>
        <Button
          variant="quiet"
          onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
        >
          {t('accounts.secondStep.cancel')}
        </Button>
      </p>
    </Page>
  );
}
