import { Link, useNavigate } from 'react-router';
import { useMe } from '../../app/session';
import { Button } from '../../ui/controls';
import { useSignOut } from './accounts.api';

/** Who is signed in, with links to change the password and to sign out. */
export function AccountMenu() {
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <div className="account-menu">
      <span className="account-menu__name">{me.displayName}</span>
      <Link to="/account/password">Change password</Link>
      <Link to="/account/security">Security</Link>
      <Button
        variant="quiet"
        busy={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
      >
        Sign out
      </Button>
    </div>
  );
}
