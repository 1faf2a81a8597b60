/**
 * The assessments use cases, one concern per file (issue #14): settings and instruments, responses,
 * links, the worklist and tasks, the report, the timed sweeps, mail subjects and presenters. The routes
 * and tests import them from here.
 */
export * from './assessments.settings';
export * from './assessments.responses';
export * from './assessments.worklist';
export * from './assessments.report';
export * from './assessments.links';
export * from './assessments.jobs';
export * from './assessments.mail';
