import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/feedback';
import { FormActions, FormErrors, TextField, fieldMessagesOf } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useChangePassword } from './accounts.api';
import { NewPasswordFields, passwordProblem } from './NewPasswordFields';

export function PasswordPage() {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = passwordProblem(password, repeat);
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
  const fields = fieldMessagesOf(change.error);

  return (
    <Page title="Change your password" width="narrow">
      {change.isSuccess ? <Notice>Your password is changed.</Notice> : null}
      <form onSubmit={submit} noValidate>
        <FormErrors
          error={change.error}
          title="Could not change your password"
          labels={{ currentPassword: 'Current password', newPassword: 'New password' }}
        />
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={fields['currentPassword']}
          required
        />
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          error={problem ?? fields['newPassword']}
        />
        <FormActions>
          <Button type="submit" busy={change.isPending} busyLabel="Saving…">
            Change password
          </Button>
        </FormActions>
      </form>
    </Page>
  );
}
