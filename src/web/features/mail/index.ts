export { MailPage } from './MailPage';
export { TextingStatus } from './TextingStatus';
