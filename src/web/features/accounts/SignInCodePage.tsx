import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, signInStepPath, useMeQuery } from '../../app/session';
import { Button } from '../../ui/controls';
import { Loading } from '../../ui/feedback';
import { FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useSignOut, useVerifySecondStep } from './accounts.api';

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

  if (me.isPending) return <Loading label="Checking your sign-in…" />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  if (me.data.signInStep !== 'totp') return <Navigate to={signInStepPath(me.data, next)} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate(useRecovery ? { recoveryCode: code } : { code }, { onSuccess: () => void navigate(next, { replace: true }) });
  };
  const fields = server.fields;
  const label = useRecovery ? 'Recovery code' : '6-digit code';

  return (
    <Page
      title="Enter your code"
      width="narrow"
      intro={
        <p>
          {useRecovery
            ? 'Type one of the recovery codes you kept when you set up two-factor sign-in. Each works once.'
            : 'Open your authenticator app and type the 6-digit code it shows for Kindred.'}
        </p>
      }
    >
      <form onSubmit={submit} noValidate>
        <FormErrors error={server.error} title="Could not sign in" labels={{ code: label, recoveryCode: label }} />
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
          <Button type="submit" busy={verify.isPending} busyLabel="Checking…">
            Continue
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
          {useRecovery ? 'Use the code from my app instead' : 'Use a recovery code instead'}
        </Button>
      </p>
      <p>
        <Button
          variant="quiet"
          onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
        >
          Cancel and sign out
        </Button>
      </p>
    </Page>
  );
}
