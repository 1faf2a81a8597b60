import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/controls';
import { ErrorAlert } from '../../ui/feedback';
import { FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { Section } from '../../ui/Page';
import { useConfirmEnrolment, useStartEnrolment } from './accounts.api';

/**
 * Setting up two-factor sign-in: a QR code (or the key typed by hand) for an authenticator app, then a
 * first code from the app to prove it works, then the recovery codes, shown once.
 */
export function TwoFactorEnrol({ onDone }: { onDone: () => void }) {
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [code, setCode] = useState('');
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(confirm.error);

  if (confirm.data) return <RecoveryCodesShown codes={confirm.data.recoveryCodes} onDone={onDone} />;
  if (!start.data) {
    return (
      <div>
        <p>
          You need an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator or 2FAS. Each time
          you sign in, you type the 6-digit code the app shows.
        </p>
        {start.error ? <ErrorAlert error={start.error} title="Could not start the set-up" /> : null}
        <Button busy={start.isPending} busyLabel="Starting…" onClick={() => start.mutate()}>
          Set up two-factor sign-in
        </Button>
      </div>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate({ code });
  };
  const fields = server.fields;
  return (
    <div className="two-factor-enrol">
      <ol className="steps-list">
        <li>
          <p>In the app, add an account and scan this QR code:</p>
          <img className="qr-code" src={start.data.qrCode} alt="QR code for your authenticator app" width={200} height={200} />
          <p>
            Cannot scan it? Choose to type a key instead and enter: <code className="totp-key">{start.data.key}</code>
          </p>
        </li>
        <li>
          <p>Type the 6-digit code the app now shows for Kindred.</p>
          <form onSubmit={submit} noValidate>
            <FormErrors error={server.error} title="Could not turn on two-factor sign-in" labels={{ code: '6-digit code' }} />
            <TextField
              label="6-digit code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(v) => {
                server.edited('code');
                setCode(v);
              }}
              error={fields['code']}
              required
            />
            <FormActions>
              <Button type="submit" busy={confirm.isPending} busyLabel="Checking…">
                Turn on two-factor sign-in
              </Button>
            </FormActions>
          </form>
        </li>
      </ol>
    </div>
  );
}

/** Recovery codes, shown once: each gets you in once if the phone is lost. */
export function RecoveryCodesShown({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Section title="Your recovery codes" id="recovery-codes">
      <p role="status">
        Two-factor sign-in is on. Keep these codes somewhere safe, such as printed in a drawer. If you lose your phone, each code
        lets you sign in once. They will not be shown again.
      </p>
      <ul className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <FormActions>
        <Button variant="secondary" onClick={() => window.print()}>
          Print the codes
        </Button>
        <Button onClick={onDone}>I have kept my codes</Button>
      </FormActions>
    </Section>
  );
}
