import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/feedback';
import { FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useChangePassword } from './accounts.api';
import { NewPasswordFields, passwordProblem } from './NewPasswordFields';
import { useT } from '../../i18n/i18n';

/** "Change password" for the signed-in person, in the person's language (ADR 0051). */
export function PasswordPage() {
  const t = useT();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(change.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = passwordProblem(password, repeat, t);
    setProblem(p);
    if (p) return;
    change.mutate(
      { currentPassword: current, newPassword: password },
      {
        onSuccess: () => {
          setCurrent('');
          setPassword('');
          setRepeat('');
        },
      },
    );
  };
  const fields = server.fields;

  return (
    <Page title={t('accounts.password.title')} width="narrow">
      {change.isSuccess ? <Notice>{t('accounts.password.changed')}</Notice> : null}
      <form onSubmit={submit} noValidate>
        <FormErrors
          error={server.error}
          title={t('accounts.password.couldNot')}
          labels={{ currentPassword: t('accounts.password.current'), newPassword: t('accounts.newPassword.label') }}
        />
        <TextField
          label={t('accounts.password.current')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(v) => {
            server.edited('currentPassword');
            setCurrent(v);
          }}
          error={fields['currentPassword']}
          required
        />
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={(v) => {
            server.edited('newPassword');
            setPassword(v);
          }}
          onRepeat={setRepeat}
          error={problem ?? fields['newPassword']}
        />
        <FormActions>
          <Button type="submit" busy={change.isPending} busyLabel={t('accounts.reset.saving')}>
            {t('accounts.changePassword')}
          </Button>
        </FormActions>
      </form>
    </Page>
  );
}
