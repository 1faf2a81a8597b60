import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSendQueue } from '../../app/send-queue';
import { waitingWords } from '../../app/send-queue-status';
import { useMe } from '../../app/session';
import { Button } from '../../ui/controls';
import { useSignOut } from './accounts.api';
import { useT } from '../../i18n/i18n';

/**
 * "Sign out". With entries waiting to send on this device it warns first: signing out deletes them
 * from the device (ADR 0042), so the coach may rather wait for the connection.
 */
function SignOutButton() {
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const t = useT();
  const waiting = useSendQueue(me.id).length;
  const [isWarning, setWarning] = useState(false);
  const out = () => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) });
  if (isWarning && waiting > 0) {
    return (
      <div className="sign-out-warning" role="alert">
        <p>
          {waitingWords(waiting)} {waiting === 1 ? 'is' : 'are'} still waiting to send. Signing out deletes{' '}
          {waiting === 1 ? 'it' : 'them'} from this device.
        </p>
        <Button variant="secondary" busy={signOut.isPending} onClick={out}>
          Sign out anyway
        </Button>
        <Button variant="quiet" onClick={() => setWarning(false)}>
          Stay signed in
        </Button>
      </div>
    );
  }
  return (
    <Button variant="quiet" busy={signOut.isPending} onClick={() => (waiting > 0 ? setWarning(true) : out())}>
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
