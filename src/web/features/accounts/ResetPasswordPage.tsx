import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { Button, ButtonLink } from '../../ui/controls';
import { ErrorAlert, Notice } from '../../ui/feedback';
import { FormActions, FormErrors, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useResetPassword } from './accounts.api';
import { tokenFromHash } from './InvitationAcceptPage';
import { NewPasswordFields, passwordProblem } from './NewPasswordFields';

/** Chooses a new password with the one-time link from the e-mail (`/reset-password#token=…`). */
export function ResetPasswordPage() {
  const { hash } = useLocation();
  // Read once: the fragment may change later (e.g. a skip link) and the token must not be lost.
  const [token] = useState(() => tokenFromHash(hash));
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(reset.error);

  if (!token) {
    return (
      <Page title="Choose a new password" width="narrow">
        <ErrorAlert
          title="This link is incomplete"
          error={{ message: 'Open the link from the e-mail again, or ask for a new one.' }}
        />
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </Page>
    );
  }
  if (reset.data) {
    return (
      <Page title="Choose a new password" width="narrow">
        <Notice>Your new password is saved. For your safety, you have been signed out everywhere.</Notice>
        <ButtonLink to={`/sign-in?email=${encodeURIComponent(reset.data.email)}`}>Sign in</ButtonLink>
      </Page>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = passwordProblem(password, repeat);
    setProblem(p);
    if (!p) reset.mutate({ token, password });
  };
  const fields = server.fields;
  const linkInvalid = reset.error && (reset.error as { reason?: string }).reason === 'reset_invalid';

  return (
    <Page title="Choose a new password" width="narrow">
      <form onSubmit={submit} noValidate>
        <FormErrors
          error={server.error}
          title="Could not save the new password"
          labels={{ password: 'New password', token: 'Link' }}
        />
        {linkInvalid ? (
          <p>
            <Link to="/forgot-password">Ask for a new link</Link>
          </p>
        ) : null}
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={(v) => {
            server.edited('password');
            setPassword(v);
          }}
          onRepeat={setRepeat}
          error={problem ?? fields['password']}
        />
        <FormActions>
          <Button type="submit" busy={reset.isPending} busyLabel="Saving…">
            Save new password
          </Button>
        </FormActions>
      </form>
    </Page>
  );
}
