import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { Badge, Button } from '../../ui/controls';
import { ErrorAlert, Loading, Notice } from '../../ui/feedback';
import { FormActions, FormErrors, TextField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { twoFactorKey, useDisableTwoFactor, useNewRecoveryCodes, useTwoFactorStatus } from './accounts.api';
import { SessionsSection } from './SessionsSection';
import { RecoveryCodesShown, TwoFactorEnrol } from './TwoFactorEnrol';

/** Sign-in and security: two-factor sign-in, where one is signed in, and the password. */
export function SecurityPage() {
  const t = useT();
  return (
    <Page title={t('accounts.security.title')}>
      <TwoFactorSection />
      <SessionsSection />
      <Section title={t('accounts.field.password')} id="password">
        <p>
          <Link to="/account/password">{t('accounts.changePassword')}</Link>
        </p>
      </Section>
    </Page>
  );
}

function TwoFactorSection() {
  const status = useTwoFactorStatus();
  const disable = useDisableTwoFactor();
  const renew = useNewRecoveryCodes();
  const [password, setPassword] = useState('');
  const [enrolled, setEnrolled] = useState(false);
  const client = useQueryClient();
  const t = useT();

  const turnOff = (e: FormEvent) => {
    e.preventDefault();
    disable.mutate({ password }, { onSuccess: () => setPassword('') });
  };

  return (
    <Section title={t('accounts.twoFactor.title')} id="two-factor">
      <p>{t('accounts.twoFactor.what')}</p>
      {status.isPending ? <Loading /> : null}
      {status.error ? <ErrorAlert error={status.error} onRetry={() => void status.refetch()} /> : null}
      {disable.isSuccess ? <Notice>{t('accounts.twoFactor.isOff')}</Notice> : null}
      {enrolled ? <Notice>{t('accounts.twoFactor.isOn')}</Notice> : null}
      {status.data && !status.data.enrolled ? (
        <>
          <p>
            <Badge tone="warning">{t('accounts.twoFactor.off')}</Badge>{' '}
            {status.data.required ? t('accounts.twoFactor.requiredSetUp') : t('accounts.twoFactor.optional')}
          </p>
          <TwoFactorEnrol
            onDone={() => {
              setEnrolled(true);
              void client.invalidateQueries({ queryKey: twoFactorKey });
            }}
          />
        </>
      ) : null}
      {status.data?.enrolled ? (
        <>
          <p>
            <Badge tone="good">{t('accounts.twoFactor.on')}</Badge>{' '}
            {t('accounts.twoFactor.codesLeft', { count: status.data.recoveryCodesLeft })}
          </p>
          {renew.data ? (
            <RecoveryCodesShown codes={renew.data.recoveryCodes} onDone={() => renew.reset()} />
          ) : (
            <Button
              variant="secondary"
              busy={renew.isPending}
              busyLabel={t('accounts.twoFactor.making')}
              onClick={() => renew.mutate()}
            >
              {t('accounts.twoFactor.newCodes')}
            </Button>
          )}
          {renew.error ? <ErrorAlert error={renew.error} title={t('accounts.twoFactor.couldNotMake')} /> : null}
          {status.data.required ? (
            <p>{t('accounts.twoFactor.cannotTurnOff')}</p>
          ) : (
            <form onSubmit={turnOff} noValidate className="two-factor-off">
              <FormErrors
                error={disable.error}
                title={t('accounts.twoFactor.couldNotTurnOff')}
                labels={{ password: t('accounts.field.password') }}
              />
              <TextField
                label={t('accounts.field.password')}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={setPassword}
                hint={t('accounts.twoFactor.offHint')}
                required
              />
              <FormActions>
                <Button type="submit" variant="danger" busy={disable.isPending} busyLabel={t('accounts.twoFactor.turningOff')}>
                  {t('accounts.twoFactor.turnOff')}
                </Button>
              </FormActions>
            </form>
          )}
        </>
      ) : null}
    </Section>
  );
}
