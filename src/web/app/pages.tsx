/**
 * The pages, each loaded on demand (ADR 0018): the first download stays small on a phone with a poor
 * connection, and a page's code (with what it shares with other pages, in chunks of their own)
 * arrives when the page is first opened.
 *
 * Eager (in the entry chunk): sign-in, crisis help (it must open even on a bad connection, and it
 * shares its module with the header's "Crisis help" link) and the app's redirects and not-found page
 * (./home). Every other page is `lazyPage(() => import('<its module>'), 'ExportName')`. Import the
 * page's own module, not the feature's index.ts: a dynamic import of an index would load all of the
 * feature's pages, and of an index that the frame imports (layout.tsx) would put them all in the
 * entry chunk. A new page goes here, not as a static import in routes.tsx (a lint rule says so).
 *
 * While a page's code loads, main shows the usual polite loading status (Loading); if the code cannot
 * be fetched (no connection, or a new release replaced it), an alert offers to reload.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { ErrorAlert, Loading } from '../ui/feedback';

export { SignInPage } from '../features/accounts';
export { CrisisHelpPage } from '../features/safety';

/** Instead of a page whose code could not be fetched; React.lazy keeps the outcome, so reloading is the retry. */
function PageLoadFailed() {
  return (
    <ErrorAlert
      title="This page could not be loaded"
      error={{ message: 'Check the connection, then try again.' }}
      onRetry={() => window.location.reload()}
    />
  );
}

/** A page whose module is fetched the first time it is shown. */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): ComponentType {
  const Lazy = lazy((): Promise<{ default: ComponentType }> =>
    load().then(
      (m) => ({ default: m[name] }),
      () => ({ default: PageLoadFailed }),
    ),
  );
  function LazyPage() {
    return (
      <Suspense fallback={<Loading label="Loading the page…" />}>
        <Lazy />
      </Suspense>
    );
  }
  LazyPage.displayName = `Lazy(${name})`;
  return LazyPage;
}

export const InvitationAcceptPage = lazyPage(() => import('../features/accounts/InvitationAcceptPage'), 'InvitationAcceptPage');
export const InvitationsPage = lazyPage(() => import('../features/accounts/InvitationsPage'), 'InvitationsPage');
export const PasswordPage = lazyPage(() => import('../features/accounts/PasswordPage'), 'PasswordPage');
export const ForgotPasswordPage = lazyPage(() => import('../features/accounts/ForgotPasswordPage'), 'ForgotPasswordPage');
export const ResetPasswordPage = lazyPage(() => import('../features/accounts/ResetPasswordPage'), 'ResetPasswordPage');
export const SecurityPage = lazyPage(() => import('../features/accounts/SecurityPage'), 'SecurityPage');
export const SignInCodePage = lazyPage(() => import('../features/accounts/SignInCodePage'), 'SignInCodePage');
export const SignInWithCodePage = lazyPage(() => import('../features/accounts/SignInWithCodePage'), 'SignInWithCodePage');
export const SignInEnrolPage = lazyPage(() => import('../features/accounts/SignInEnrolPage'), 'SignInEnrolPage');
export const AssessmentLinkPage = lazyPage(() => import('../features/assessments/LinkPage'), 'AssessmentLinkPage');
export const AssessmentReportPage = lazyPage(() => import('../features/assessments/ReportPage'), 'AssessmentReportPage');
export const AssessmentSettingsPage = lazyPage(() => import('../features/assessments/SettingsPage'), 'AssessmentSettingsPage');
export const AssessmentsPage = lazyPage(() => import('../features/assessments/AssessmentsPage'), 'AssessmentsPage');
export const ParticipantAssessmentsPage = lazyPage(
  () => import('../features/assessments/ParticipantAssessmentsPage'),
  'ParticipantAssessmentsPage',
);
export const AuditPage = lazyPage(() => import('../features/audit/AuditPage'), 'AuditPage');
export const BoostersPage = lazyPage(() => import('../features/coaches/CarePages'), 'BoostersPage');
export const CoachListPage = lazyPage(() => import('../features/coaches/CoachListPage'), 'CoachListPage');
export const CoachPage = lazyPage(() => import('../features/coaches/CoachPage'), 'CoachPage');
export const EditCoachPage = lazyPage(() => import('../features/coaches/EditCoachPage'), 'EditCoachPage');
export const ImpactPage = lazyPage(() => import('../features/coaches/CarePages'), 'ImpactPage');
export const NewCoachPage = lazyPage(() => import('../features/coaches/NewCoachPage'), 'NewCoachPage');
export const WellbeingPage = lazyPage(() => import('../features/coaches/CarePages'), 'WellbeingPage');
export const ContactHistoryPage = lazyPage(() => import('../features/contacts/ContactHistoryPage'), 'ContactHistoryPage');
export const LogContactPage = lazyPage(() => import('../features/contacts/LogContactPage'), 'LogContactPage');
export const CurriculumPage = lazyPage(() => import('../features/curriculum/CurriculumPage'), 'CurriculumPage');
export const TopicPage = lazyPage(() => import('../features/curriculum/TopicPage'), 'TopicPage');
export const CheckInCallPage = lazyPage(() => import('../features/engagement/LadderActionPages'), 'CheckInCallPage');
export const CoachPreferencesPage = lazyPage(() => import('../features/engagement/CoachPreferencesPage'), 'CoachPreferencesPage');
export const DecisionPage = lazyPage(() => import('../features/engagement/LadderActionPages'), 'DecisionPage');
export const PairsPage = lazyPage(() => import('../features/engagement/PairsPage'), 'PairsPage');
export const SchedulingSettingsPage = lazyPage(
  () => import('../features/engagement/SchedulingSettingsPage'),
  'SchedulingSettingsPage',
);
export const SessionGuidePage = lazyPage(() => import('../features/guidance/SessionGuidePage'), 'SessionGuidePage');
export const MailPage = lazyPage(() => import('../features/mail/MailPage'), 'MailPage');
export const MatchingPage = lazyPage(() => import('../features/matching/MatchingPage'), 'MatchingPage');
export const MatchingSettingsPage = lazyPage(() => import('../features/matching/MatchingSettingsPage'), 'MatchingSettingsPage');
export const MatchReportPage = lazyPage(() => import('../features/matching/MatchReportPage'), 'MatchReportPage');
export const FidelityReportPage = lazyPage(() => import('../features/fidelity/FidelityReportPage'), 'FidelityReportPage');
export const OutcomeReportPage = lazyPage(() => import('../features/evaluation/OutcomeReportPage'), 'OutcomeReportPage');
export const TargetingPage = lazyPage(() => import('../features/evaluation/TargetingPage'), 'TargetingPage');
export const EditParticipantPage = lazyPage(() => import('../features/participants/EditParticipantPage'), 'EditParticipantPage');
export const MyCoachPage = lazyPage(() => import('../features/participants/MyCoachPage'), 'MyCoachPage');
export const NewParticipantPage = lazyPage(() => import('../features/participants/NewParticipantPage'), 'NewParticipantPage');
export const ParticipantListPage = lazyPage(() => import('../features/participants/ParticipantListPage'), 'ParticipantListPage');
export const ParticipantPage = lazyPage(() => import('../features/participants/ParticipantPage'), 'ParticipantPage');
export const PreferencesPage = lazyPage(() => import('../features/participants/PreferencesPage'), 'PreferencesPage');
export const MyPlanPage = lazyPage(() => import('../features/plans/MyPages'), 'MyPlanPage');
export const MyProgressPage = lazyPage(() => import('../features/plans/MyPages'), 'MyProgressPage');
export const NewPlanPage = lazyPage(() => import('../features/plans/PlanPages'), 'NewPlanPage');
export const PlanSummaryPage = lazyPage(() => import('../features/plans/PlanPages'), 'PlanSummaryPage');
export const PrintPlanPage = lazyPage(() => import('../features/plans/PlanPages'), 'PrintPlanPage');
export const ReviewPlanPage = lazyPage(() => import('../features/plans/PlanPages'), 'ReviewPlanPage');
export const WeeklyCheckInPage = lazyPage(() => import('../features/plans/MyPages'), 'WeeklyCheckInPage');
export const OverviewPage = lazyPage(() => import('../features/programs/OverviewPage'), 'OverviewPage');
export const ProgramSettingsPage = lazyPage(() => import('../features/programs/ProgramSettingsPage'), 'ProgramSettingsPage');
export const SafetyConcernPage = lazyPage(() => import('../features/safety/SafetyConcernPage'), 'SafetyConcernPage');
export const SafetyEventPage = lazyPage(() => import('../features/safety/SafetyEventPage'), 'SafetyEventPage');
export const SafetyLogPage = lazyPage(() => import('../features/safety/SafetyLogPage'), 'SafetyLogPage');
export const SafetySettingsPage = lazyPage(() => import('../features/safety/SafetySettingsPage'), 'SafetySettingsPage');
export const StudyPage = lazyPage(() => import('../features/trials/StudyPage'), 'StudyPage');
export const ConsortPage = lazyPage(() => import('../features/trials/ConsortPage'), 'ConsortPage');
export const InterviewStudiesPage = lazyPage(() => import('../features/interviews/StudyPages'), 'InterviewStudiesPage');
export const InterviewStudyPage = lazyPage(() => import('../features/interviews/StudyPages'), 'InterviewStudyPage');
export const InterviewStudyTeamPage = lazyPage(() => import('../features/interviews/StudyTeam'), 'InterviewStudyTeamPage');
export const InterviewTranscriptPage = lazyPage(
  () => import('../features/interviews/TranscriptPages'),
  'InterviewTranscriptPage',
);
export const InterviewAgreementPage = lazyPage(() => import('../features/interviews/TranscriptPages'), 'InterviewAgreementPage');
export const InterviewSamplingPage = lazyPage(() => import('../features/interviews/SamplingPage'), 'InterviewSamplingPage');
export const MyInterviewPage = lazyPage(() => import('../features/interviews/MyInterviewPage'), 'MyInterviewPage');
export const InterviewJointDisplayPage = lazyPage(
  () => import('../features/interviews/JointDisplayPage'),
  'InterviewJointDisplayPage',
);
export const InterviewStudyReportPage = lazyPage(
  () => import('../features/interviews/StudyReportPage'),
  'InterviewStudyReportPage',
);
export const TasksPage = lazyPage(() => import('../features/tasks/TasksPage'), 'TasksPage');
export const TodayPage = lazyPage(() => import('../features/tasks/TodayPage'), 'TodayPage');
export const AgreementPage = lazyPage(() => import('../features/volunteers/TrainingPages'), 'AgreementPage');
export const ApplicantPage = lazyPage(() => import('../features/volunteers/ApplicantPage'), 'ApplicantPage');
export const ApplyPage = lazyPage(() => import('../features/volunteers/ApplyPage'), 'ApplyPage');
export const TrainingModulePage = lazyPage(() => import('../features/volunteers/TrainingPages'), 'TrainingModulePage');
export const TrainingPage = lazyPage(() => import('../features/volunteers/TrainingPages'), 'TrainingPage');
export const VolunteersPage = lazyPage(() => import('../features/volunteers/VolunteersPage'), 'VolunteersPage');
