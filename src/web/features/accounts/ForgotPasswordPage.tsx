import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/feedback';
import { FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useRequestPasswordReset } from './accounts.api';
import { useT } from '../../i18n/i18n';

/** Asks for a one-time link to choose a new password. Says the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const request = useRequestPasswordReset();
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(request.error);
  const fields = server.fields;
  const t = useT();

  if (request.isSuccess) {
    return (
      <Page title={t('accounts.forgot.checkEmail')} width="narrow">
        <Notice>{t('accounts.forgot.sent', { email: email.trim() })}</Notice>
        <p>{t('accounts.forgot.nothingCame')}</p>
        <p>
          <Link to="/sign-in">{t('accounts.forgot.back')}</Link>
        </p>
      </Page>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate({ email: email.trim() });
  };

  return (
    <Page title={t('accounts.signIn.forgot')} width="narrow" intro={<p>{t('accounts.forgot.intro')}</p>}>
      <form onSubmit={submit} noValidate>
        <FormErrors error={server.error} title={t('accounts.forgot.couldNot')} labels={{ email: t('accounts.field.email') }} />
        <TextField
          label={t('accounts.field.email')}
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
          <Button type="submit" busy={request.isPending} busyLabel={t('accounts.withCode.sending')}>
            {t('accounts.forgot.send')}
          </Button>
        </FormActions>
      </form>
      <p>
        <Link to="/sign-in">{t('accounts.forgot.back')}</Link>
      </p>
    </Page>
  );
}
