import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { Button, ButtonLink } from '../../ui/controls';
import { ErrorAlert, Notice } from '../../ui/feedback';
import { FormActions, FormErrors, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useResetPassword } from './accounts.api';
import { tokenFromHash } from './InvitationAcceptPage';
import { NewPasswordFields, passwordProblem } from './NewPasswordFields';
import { useT } from '../../i18n/i18n';

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
  const t = useT();

  if (!token) {
    return (
      <Page title={t('accounts.reset.title')} width="narrow">
        <ErrorAlert title={t('accounts.reset.incomplete')} error={{ message: t('accounts.reset.openAgain') }} />
        <p>
          <Link to="/forgot-password">{t('accounts.reset.askNew')}</Link>
        </p>
      </Page>
    );
  }
  if (reset.data) {
    return (
      <Page title={t('accounts.reset.title')} width="narrow">
        <Notice>{t('accounts.reset.saved')}</Notice>
        <ButtonLink to={`/sign-in?email=${encodeURIComponent(reset.data.email)}`}>{t('accounts.signIn.title')}</ButtonLink>
      </Page>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = passwordProblem(password, repeat, t);
    setProblem(p);
    if (!p) reset.mutate({ token, password });
  };
  const fields = server.fields;
  const linkInvalid = reset.error && (reset.error as { reason?: string }).reason === 'reset_invalid';

  return (
    <Page title={t('accounts.reset.title')} width="narrow">
      <form onSubmit={submit} noValidate>
        <FormErrors
          error={server.error}
          title={t('accounts.reset.couldNot')}
          labels={{ password: t('accounts.newPassword.label'), token: t('accounts.reset.link') }}
        />
        {linkInvalid ? (
          <p>
            <Link to="/forgot-password">{t('accounts.reset.askNew')}</Link>
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
          <Button type="submit" busy={reset.isPending} busyLabel={t('accounts.reset.saving')}>
            {t('accounts.reset.save')}
          </Button>
        </FormActions>
      </form>
    </Page>
  );
}
