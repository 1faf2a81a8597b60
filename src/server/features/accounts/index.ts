/** What other features may use of accounts: inviting a person inside the caller's own transaction. */
export { inviteInTransaction } from './accounts.service';
/** The demo study program acts as the demo coordinator through the real use cases (trials.demo.ts). */
export { loadActor } from './accounts.service';
