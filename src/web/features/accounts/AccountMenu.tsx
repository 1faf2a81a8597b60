import { Link, useNavigate } from 'react-router';
import { useMe } from '../../app/session';
import { Button } from '../../ui/controls';
import { useSignOut } from './accounts.api';
import { useT } from '../../i18n/i18n';

function SignOutButton() {
  const signOut = useSignOut();
  const navigate = useNavigate();
  const t = useT();
  return (
    <Button
      variant="quiet"
      busy={signOut.isPending}
      onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
    >
      {t('accounts.signOut')}
    </Button>
  );
}

/**
 * Who is signed in, with links to change the password and to sign out. On a phone the stylesheet
 * hides it: the same links and "Sign out" are in the menu (AccountLinks), so each shows once.
 */
export function AccountMenu() {
  const me = useMe();
  const t = useT();
  return (
    <div className="account-menu">
      <span className="account-menu__name">{me.displayName}</span>
      <Link to="/account/password">{t('accounts.changePassword')}</Link>
      <Link to="/account/security">{t('accounts.security')}</Link>
      <SignOutButton />
    </div>
  );
}

/** The account part of the phone's menu (hidden on wider screens, where AccountMenu shows). */
export function AccountLinks() {
  const me = useMe();
  const t = useT();
  return (
    <div className="site-menu__account">
      <p className="site-menu__name">{t('accounts.signedInAs', { name: me.displayName })}</p>
      <ul className="site-menu__links">
        <li>
          <Link to="/account/password">{t('accounts.changePassword')}</Link>
        </li>
        <li>
          <Link to="/account/security">{t('accounts.security')}</Link>
        </li>
        <li>
          <SignOutButton />
        </li>
      </ul>
    </div>
  );
}
