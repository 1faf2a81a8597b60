import { useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { Button, ButtonLink } from '../../ui/controls';
import { ErrorAlert, Notice } from '../../ui/feedback';
import { FormActions, FormErrors, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useAcceptInvitation } from './accounts.api';
import { NewPasswordFields, passwordProblem } from './NewPasswordFields';

/** The token travels in the URL fragment (`/invitation#token=…`), which browsers never send to servers. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : null;
}

export function InvitationAcceptPage() {
  const { hash } = useLocation();
  // Read once: the fragment may change later (e.g. a skip link) and the token must not be lost.
  const [token] = useState(() => tokenFromHash(hash));
  const accept = useAcceptInvitation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(accept.error);

  if (!token) {
    return (
      <Page title="Accept your invitation" width="narrow">
        <ErrorAlert
          title="This link is incomplete"
          error={{ message: 'Open the link from your invitation e-mail again, or ask the program team for a new one.' }}
        />
      </Page>
    );
  }
  if (accept.data) {
    return (
      <Page title="Accept your invitation" width="narrow">
        {accept.data.isExistingAccount ? (
          <Notice>
            You already had an account as {accept.data.email}. The invitation has been added to it: sign in with the password you
            already use (the new one was not kept).
          </Notice>
        ) : (
          <Notice>Your account for {accept.data.email} is ready.</Notice>
        )}
        <ButtonLink to={`/sign-in?email=${encodeURIComponent(accept.data.email)}`}>Sign in</ButtonLink>
      </Page>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = passwordProblem(password, repeat);
    setProblem(p);
    if (!p) accept.mutate({ token, password });
  };
  const fields = server.fields;

  return (
    <Page
      title="Accept your invitation"
      width="narrow"
      intro={<p>Choose a password to finish setting up your Kindred account.</p>}
    >
      <form onSubmit={submit} noValidate>
        <FormErrors error={server.error} title="Could not set up your account" labels={{ password: 'Password', token: 'Link' }} />
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
          <Button type="submit" busy={accept.isPending} busyLabel="Setting up…">
            Create my account
          </Button>
        </FormActions>
      </form>
    </Page>
  );
}
