export { InterviewStudiesPage, InterviewStudyPage } from './StudyPages';
export { InterviewAgreementPage, InterviewTranscriptPage } from './TranscriptPages';
export { InterviewSamplingPage } from './SamplingPage';
export { InterviewJointDisplayPage } from './JointDisplayPage';
export { InterviewStudyReportPage } from './StudyReportPage';
export { InterviewInvitationNotice, MyInterviewPage } from './MyInterviewPage';
