import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { meKey, safeNext, signInStepPath, useMeQuery } from '../../app/session';
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

  if (me.isPending) return <Loading label="Checking your sign-in…" />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  if (me.data.signInStep !== 'enrol') return <Navigate to={signInStepPath(me.data, next)} replace />;

  return (
    <Page
      title="Set up two-factor sign-in"
      width="narrow"
      intro={<p>Your program asks staff to sign in with a code from a phone app as well as a password. It takes two minutes.</p>}
    >
      <TwoFactorEnrol
        onDone={() => {
          void client.invalidateQueries({ queryKey: meKey }).then(() => navigate(next, { replace: true }));
        }}
      />
    </Page>
  );
}
