import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/feedback';
import { FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useChangePassword } from './accounts.api';
import { NewPasswordFields, passwordProblem } from './NewPasswordFields';

export function PasswordPage() {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(change.error);

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
  const fields = server.fields;

  return (
    <Page title="Change your password" width="narrow">
      {change.isSuccess ? <Notice>Your password is changed.</Notice> : null}
      <form onSubmit={submit} noValidate>
        <FormErrors
          error={server.error}
          title="Could not change your password"
          labels={{ currentPassword: 'Current password', newPassword: 'New password' }}
        />
        <TextField
          label="Current password"
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
          <Button type="submit" busy={change.isPending} busyLabel="Saving…">
            Change password
          </Button>
        </FormActions>
      </form>
    </Page>
  );
}
