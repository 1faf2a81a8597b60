/**
 * Every page of the web app and its address.
 *
 * Accessible names for end-to-end tests (roles and names are stable; match them exactly):
 * - Sign in (/sign-in): textbox "E-mail", "Password"; button "Sign in"; in demo mode a section
 *   "Demo accounts" with buttons "Use coordinator@example.org", … (each fills both fields).
 * - Header: link "Kindred"; link "Change password"; button "Sign out"; navigation "Main" with links
 *   "Overview", "Today", "My contacts", "Participants", "Coaches", "Tasks", "Audit trail", "Invitations", "Mail",
 *   "My coach", "How to reach me" (each shown only when the server's `can` flags allow it).
 *   With several programs: combobox "Program" and button "Switch". Skip link "Skip to main content".
 * - Coordinator pairs a participant: Participants (filters: combobox "Status", "Pair state", searchbox
 *   "Search by name or code") → link named after the participant → section "Coach": radiogroup
 *   "Choose a coach" (radios named after coaches; the description gives gender, shared pain and open
 *   places) → button "Pair with coach". Crossing genders shows textbox "Reason for pairing across
 *   genders" (up front when the participant said gender matters, or after the server asks); press
 *   "Pair with coach" again. Then status "Paired with <coach>." and a button "End the pairing with
 *   <coach>" (aria-expanded) that reveals combobox "Why does the pairing end?", textbox "Note
 *   (optional)" and button "End pairing". Other buttons: "Add participant", "Edit details", "Save
 *   changes", "Change status" (radiogroup "New status"), "Send invitation", "Add coach", "Edit coach".
 * - Coach logs a contact: Today (h1 "Today") has sections "My tasks" and "My participants"; each task
 *   has the link "Log a contact with <participant name>" (only tasks have it; the page's general link
 *   is "Log a contact"; participants' names link to their records). Form (h1 "Log a contact"):
 *   combobox "Participant", textbox "When", radiogroup "How", radiogroup "Did you reach them?"
 *   (radios "Yes, we talked", "No answer", "Left a voicemail or message", "Wrong number", "They could
 *   not talk or said no"), spinbutton "Minutes (optional)", group "Topics you talked about", group
 *   "What you did" (checkboxes "Talked about self-management strategies", "Gave encouragement",
 *   "Talked about adjusting strategies", "Set or reviewed a goal"), textbox "Private note
 *   (optional)", button "Save contact". Saving returns to Today with the status "Contact with <name>
 *   saved." and that task's link gone. Staff log from a participant's record (link "Log a contact",
 *   shown while the participant is active) and return to that record with the same status.
 * - Participant sees the coach: "My coach" (h1) shows the coach's name as an h2, phone and e-mail
 *   links when shared, and "Your next talk is due …"; link "Change how to reach me" leads to "How to
 *   reach me" with button "Save preferences" (then status "Saved. …").
 * - Invitation (/invitation#token=…): "New password", "Repeat the new password", button "Create my
 *   account", then link "Sign in".
 * - Password (/account/password): "Current password", "New password", "Repeat the new password",
 *   button "Change password".
 */
import { useEffect, type ReactNode } from 'react';
import { Outlet, Route, Routes } from 'react-router';
import { InvitationAcceptPage, InvitationsPage, PasswordPage, SignInPage } from '../features/accounts';
import { AuditPage } from '../features/audit';
import { CoachListPage, CoachPage, EditCoachPage, NewCoachPage } from '../features/coaches';
import { ContactHistoryPage, LogContactPage } from '../features/contacts';
import { MailPage } from '../features/mail';
import {
  EditParticipantPage,
  MyCoachPage,
  NewParticipantPage,
  ParticipantListPage,
  ParticipantPage,
  PreferencesPage,
} from '../features/participants';
import { OverviewPage } from '../features/programs';
import { TasksPage, TodayPage } from '../features/tasks';
import { HomeRedirect, NotFoundPage, ProgramHomeRedirect } from './home';
import { AppLayout, Frame, PublicHeader, PublicLayout } from './layout';
import { ProgramProvider, rememberProgram, useMembershipFromUrl, useProgram, type Action, type ProgramScope } from './program';
import { RequireSession } from './session';

/** Pages inside a program: the caller must belong to it. */
function ProgramRoute() {
  const membership = useMembershipFromUrl();
  useEffect(() => {
    if (membership) rememberProgram(membership.programId);
  }, [membership]);
  if (!membership) {
    return (
      <AppLayout>
        <NotFoundPage />
      </AppLayout>
    );
  }
  return (
    <ProgramProvider membership={membership}>
      <AppLayout />
    </ProgramProvider>
  );
}

/** Shows the page only when the server allows it; otherwise the same answer as a missing page. */
function Allow({ action, when, children }: { action?: Action; when?: (p: ProgramScope) => boolean; children: ReactNode }) {
  const p = useProgram();
  const allowed = (action ? p.can(action) : true) && (when ? when(p) : true);
  return allowed ? <>{children}</> : <NotFoundPage />;
}

const isCoach = (p: ProgramScope) => p.isCoach;
const isParticipant = (p: ProgramScope) => p.isParticipant;

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/invitation" element={<InvitationAcceptPage />} />
      </Route>
      <Route
        element={
          <RequireSession fallback={(body) => <Frame header={<PublicHeader />}>{body}</Frame>}>
            <Outlet />
          </RequireSession>
        }
      >
        <Route element={<AppLayout />}>
          <Route index element={<HomeRedirect />} />
          <Route path="/account/password" element={<PasswordPage />} />
        </Route>
        <Route path="/programs/:programId" element={<ProgramRoute />}>
          <Route index element={<ProgramHomeRedirect />} />
          <Route
            path="overview"
            element={
              <Allow action="overview:view">
                <OverviewPage />
              </Allow>
            }
          />
          <Route
            path="participants"
            element={
              <Allow action="participant:list">
                <ParticipantListPage />
              </Allow>
            }
          />
          <Route
            path="participants/new"
            element={
              <Allow action="participant:create">
                <NewParticipantPage />
              </Allow>
            }
          />
          <Route
            path="participants/:participantId"
            element={
              <Allow action="participant:view">
                <ParticipantPage />
              </Allow>
            }
          />
          <Route
            path="participants/:participantId/edit"
            element={
              <Allow action="participant:update">
                <EditParticipantPage />
              </Allow>
            }
          />
          <Route
            path="coaches"
            element={
              <Allow action="coach:list">
                <CoachListPage />
              </Allow>
            }
          />
          <Route
            path="coaches/new"
            element={
              <Allow action="coach:create">
                <NewCoachPage />
              </Allow>
            }
          />
          <Route
            path="coaches/:coachId"
            element={
              <Allow action="coach:list">
                <CoachPage />
              </Allow>
            }
          />
          <Route
            path="coaches/:coachId/edit"
            element={
              <Allow action="coach:update">
                <EditCoachPage />
              </Allow>
            }
          />
          <Route
            path="tasks"
            element={
              <Allow action="task:list">
                <TasksPage />
              </Allow>
            }
          />
          <Route
            path="today"
            element={
              <Allow when={isCoach}>
                <TodayPage />
              </Allow>
            }
          />
          <Route
            path="contacts"
            element={
              <Allow when={isCoach}>
                <ContactHistoryPage />
              </Allow>
            }
          />
          <Route
            path="contacts/new"
            element={
              <Allow action="contact:log">
                <LogContactPage />
              </Allow>
            }
          />
          <Route
            path="audit"
            element={
              <Allow action="audit:view">
                <AuditPage />
              </Allow>
            }
          />
          <Route
            path="invitations"
            element={
              <Allow action="invitation:list">
                <InvitationsPage />
              </Allow>
            }
          />
          <Route
            path="mail"
            element={
              <Allow action="mail:view">
                <MailPage />
              </Allow>
            }
          />
          <Route
            path="my-coach"
            element={
              <Allow when={isParticipant}>
                <MyCoachPage />
              </Allow>
            }
          />
          <Route
            path="my-preferences"
            element={
              <Allow action="participant:preferences" when={isParticipant}>
                <PreferencesPage />
              </Allow>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route element={<AppLayout />}>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
