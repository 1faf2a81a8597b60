/** Every table, for Drizzle and drizzle-kit. Each table lives beside its feature. */
export * from './features/programs/programs.table';
export * from './features/accounts/accounts.table';
export * from './features/participants/participants.table';
export * from './features/coaches/coaches.table';
export * from './features/coaches/support.table';
export * from './features/pairings/pairings.table';
export * from './features/contacts/contacts.table';
export * from './features/engagement/engagement.table';
export * from './features/plans/plans.table';
export * from './features/guidance/guidance.table';
export * from './features/safety/safety.table';
export * from './features/assessments/assessments.table';
export * from './features/volunteers/volunteers.table';
export * from './features/matching/matching.table';
export * from './platform/audit.table';
export * from './platform/mail.table';
export * from './features/trials/trials.table';
