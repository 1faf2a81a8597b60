import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n';
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
  const t = useT();
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(confirm.error);

  if (confirm.data) return <RecoveryCodesShown codes={confirm.data.recoveryCodes} onDone={onDone} />;
  if (!start.data) {
    return (
      <div>
        <p>{t('accounts.twoFactor.needApp')}</p>
        {start.error ? <ErrorAlert error={start.error} title={t('accounts.twoFactor.couldNotStart')} /> : null}
        <Button busy={start.isPending} busyLabel={t('accounts.twoFactor.starting')} onClick={() => start.mutate()}>
          {t('accounts.twoFactor.setUp')}
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
          <p>{t('accounts.twoFactor.scan')}</p>
          <img className="qr-code" src={start.data.qrCode} alt={t('accounts.twoFactor.qrAlt')} width={200} height={200} />
          <p>{t.rich('accounts.twoFactor.typeKey', { key: <code className="totp-key">{start.data.key}</code> })}</p>
        </li>
        <li>
          <p>{t('accounts.twoFactor.typeCode')}</p>
          <form onSubmit={submit} noValidate>
            <FormErrors
              error={server.error}
              title={t('accounts.twoFactor.couldNotTurnOn')}
              labels={{ code: t('accounts.secondStep.appCode') }}
            />
            <TextField
              label={t('accounts.secondStep.appCode')}
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
              <Button type="submit" busy={confirm.isPending} busyLabel={t('accounts.secondStep.checkingCode')}>
                {t('accounts.twoFactor.turnOn')}
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
  const t = useT();
  return (
    <Section title={t('accounts.twoFactor.codesTitle')} id="recovery-codes">
      <p role="status">{t('accounts.twoFactor.codesText')}</p>
      <ul className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <FormActions>
        <Button variant="secondary" onClick={() => window.print()}>
          {t('accounts.twoFactor.print')}
        </Button>
        <Button onClick={onDone}>{t('accounts.twoFactor.kept')}</Button>
      </FormActions>
    </Section>
  );
}
