/** What other features may use of accounts: inviting a person inside the caller's own transaction. */
export { inviteInTransaction } from './accounts.service';
