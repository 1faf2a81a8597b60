/** What other features and the CLI may use of interviews. */
export { interviewExportForOperator, interviewExportFormats, type InterviewExportFormat } from './export.service';
export { interviewJobs, sweepInterviewReminders } from './invitations.jobs';
export { interviewImportForOperator } from './project-import.service';
