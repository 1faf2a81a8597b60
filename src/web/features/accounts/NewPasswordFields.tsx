import { TextField } from '../../ui/form';

export const MIN_PASSWORD = 12;

/** Why a new password cannot be used yet, or null. Long passphrases beat composition rules. */
export function passwordProblem(password: string, repeat: string): string | null {
  if (password.length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters`;
  if (password !== repeat) return 'The two passwords are not the same';
  return null;
}

/** A new password typed twice, with the rule as a hint. */
export function NewPasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
  error,
  label = 'New password',
}: {
  password: string;
  repeat: string;
  onPassword: (v: string) => void;
  onRepeat: (v: string) => void;
  error?: string | undefined;
  label?: string;
}) {
  return (
    <>
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={onPassword}
        hint={`At least ${MIN_PASSWORD} characters. A few unrelated words make a good password.`}
        error={error}
        required
        minLength={MIN_PASSWORD}
      />
      <TextField
        label={`Repeat the ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={onRepeat}
        required
      />
    </>
  );
}
