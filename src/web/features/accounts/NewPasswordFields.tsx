import { TextField } from '../../ui/form';
import { englishT, useT, type Translate } from '../../i18n/i18n';

export const MIN_PASSWORD = 12;

/** Why a new password cannot be used yet, or null. Long passphrases beat composition rules. */
export function passwordProblem(password: string, repeat: string, t: Translate = englishT): string | null {
  if (password.length < MIN_PASSWORD) return t('accounts.newPassword.tooShort', { min: MIN_PASSWORD });
  if (password !== repeat) return t('accounts.newPassword.notSame');
  return null;
}

/** A new password typed twice, with the rule as a hint. */
export function NewPasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
  error,
}: {
  password: string;
  repeat: string;
  onPassword: (v: string) => void;
  onRepeat: (v: string) => void;
  error?: string | undefined;
}) {
  const t = useT();
  return (
    <>
      <TextField
        label={t('accounts.newPassword.label')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={onPassword}
        hint={t('accounts.newPassword.hint', { min: MIN_PASSWORD })}
        error={error}
        required
        minLength={MIN_PASSWORD}
      />
      <TextField
        label={t('accounts.newPassword.repeat')}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={onRepeat}
        required
      />
    </>
  );
}
