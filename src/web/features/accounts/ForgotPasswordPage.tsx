import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/feedback';
import { FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useRequestPasswordReset } from './accounts.api';

/** Asks for a one-time link to choose a new password. Says the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const request = useRequestPasswordReset();
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(request.error);
  const fields = server.fields;

  if (request.isSuccess) {
    return (
      <Page title="Check your e-mail" width="narrow">
        <Notice>
          If {email.trim()} belongs to a Kindred account, we have sent it a link to choose a new password. The link works once,
          for 30 minutes.
        </Notice>
        <p>Nothing came? Look in the junk folder, check the address, or ask your program team for help.</p>
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </Page>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate({ email: email.trim() });
  };

  return (
    <Page
      title="Forgot your password?"
      width="narrow"
      intro={<p>Enter the e-mail address you sign in with. We will send you a link to choose a new password.</p>}
    >
      <form onSubmit={submit} noValidate>
        <FormErrors error={server.error} title="Could not send the link" labels={{ email: 'E-mail' }} />
        <TextField
          label="E-mail"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(v) => {
            server.edited('email');
            setEmail(v);
          }}
          error={fields['email']}
          required
        />
        <FormActions>
          <Button type="submit" busy={request.isPending} busyLabel="Sending…">
            Send me a link
          </Button>
        </FormActions>
      </form>
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </Page>
  );
}
