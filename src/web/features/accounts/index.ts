export { AccountLinks, AccountMenu } from './AccountMenu';
export { IdleWarning } from './IdleWarning';
export { InvitationAcceptPage } from './InvitationAcceptPage';
export { InvitationsPage } from './InvitationsPage';
export { InviteForm } from './InviteForm';
export { PasswordPage } from './PasswordPage';
export { SignInPage } from './SignInPage';
