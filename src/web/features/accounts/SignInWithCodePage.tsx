import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, signInStepPath, useMeQuery } from '../../app/session';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/feedback';
import { FormActions, FormErrors, RadioGroup, TextField, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useRequestSignInCode, useSignInWithCode } from './accounts.api';

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
    <Page
      title="Sign in with a code"
      width="narrow"
      intro={<p>For participants: we send you a 6-digit code instead of asking for a password.</p>}
    >
      {!request.isSuccess ? (
        <form onSubmit={ask} noValidate>
          <FormErrors error={asking.error} title="Could not send a code" labels={{ email: 'E-mail' }} />
          <TextField
            label="E-mail"
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
            legend="Where should we send the code?"
            name="channel"
            value={channel}
            onChange={(v) => {
              asking.edited('channel');
              setChannel(v);
            }}
            options={[
              { value: 'email', label: 'By e-mail' },
              { value: 'sms', label: 'By text message to my phone' },
            ]}
          />
          <FormActions>
            <Button type="submit" busy={request.isPending} busyLabel="Sending…">
              Send me a code
            </Button>
          </FormActions>
        </form>
      ) : (
        <form onSubmit={submit} noValidate>
          <Notice>
            If {email.trim()} can sign in with a code, we have sent one {channel === 'sms' ? 'by text message' : 'by e-mail'}. It
            works for 10 minutes.
          </Notice>
          <FormErrors error={signing.error} title="Could not sign in" labels={{ code: 'Code' }} />
          <TextField
            label="Code"
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
            <Button type="submit" busy={signIn.isPending} busyLabel="Signing in…">
              Sign in
            </Button>
            <Button variant="secondary" onClick={() => request.reset()}>
              Send a new code
            </Button>
          </FormActions>
        </form>
      )}
      <p>
        <Link to="/sign-in">Sign in with a password instead</Link>
      </p>
    </Page>
  );
}
