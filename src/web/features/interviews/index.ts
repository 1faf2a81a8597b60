export { InterviewStudiesPage, InterviewStudyPage } from './StudyPages';
export { InterviewAgreementPage, InterviewTranscriptPage } from './TranscriptPages';
