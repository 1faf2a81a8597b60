import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { meKey, safeNext, signInStepPath, useMeQuery } from '../../app/session';
import { useT } from '../../i18n/i18n';
import { Loading } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { TwoFactorEnrol } from './TwoFactorEnrol';

/** Two-factor set-up before anything else, when a program requires it of the person's role. */
export function SignInEnrolPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMeQuery();
  const t = useT();

  if (me.isPending) return <Loading label={t('accounts.secondStep.checking')} />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  if (me.data.signInStep !== 'enrol') return <Navigate to={signInStepPath(me.data, next)} replace />;

  return (
    <Page title={t('accounts.twoFactor.setUp')} width="narrow" intro={<p>{t('accounts.twoFactor.requiredIntro')}</p>}>
      <TwoFactorEnrol
        onDone={() => {
          void client.invalidateQueries({ queryKey: meKey }).then(() => navigate(next, { replace: true }));
        }}
      />
    </Page>
  );
}
