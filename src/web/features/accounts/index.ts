export { AccountMenu } from './AccountMenu';
export { InvitationAcceptPage } from './InvitationAcceptPage';
export { InviteForm } from './InviteForm';
export { PasswordPage } from './PasswordPage';
export { SignInPage } from './SignInPage';
