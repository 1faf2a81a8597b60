import { Link, useNavigate } from 'react-router';
import { useMe } from '../../app/session';
import { Button } from '../../ui/controls';
import { useSignOut } from './accounts.api';

function SignOutButton() {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Button
      variant="quiet"
      busy={signOut.isPending}
      onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
    >
      Sign out
    </Button>
  );
}

/**
 * Who is signed in, with links to change the password and to sign out. On a phone the stylesheet
 * hides it: the same links and "Sign out" are in the menu (AccountLinks), so each shows once.
 */
export function AccountMenu() {
  const me = useMe();
  return (
    <div className="account-menu">
      <span className="account-menu__name">{me.displayName}</span>
      <Link to="/account/password">Change password</Link>
      <Link to="/account/security">Security</Link>
      <SignOutButton />
    </div>
  );
}

/** The account part of the phone's menu (hidden on wider screens, where AccountMenu shows). */
export function AccountLinks() {
  const me = useMe();
  return (
    <div className="site-menu__account">
      <p className="site-menu__name">Signed in as {me.displayName}</p>
      <ul className="site-menu__links">
        <li>
          <Link to="/account/password">Change password</Link>
        </li>
        <li>
          <Link to="/account/security">Security</Link>
        </li>
        <li>
          <SignOutButton />
        </li>
      </ul>
    </div>
  );
}
