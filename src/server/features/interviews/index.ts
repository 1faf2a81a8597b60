/** What other features and the CLI may use of interviews. */
export { interviewExportForOperator, interviewExportFormats, type InterviewExportFormat } from './export.service';
export { sweepInterviewReminders } from './invitations.jobs';
export { interviewJobs } from './interviews.jobs';
export { interviewImportForOperator } from './project-import.service';
