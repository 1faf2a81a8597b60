/**
 * Every page of the web app and its address.
 *
 * Accessible names for end-to-end tests (roles and names are stable; match them exactly):
 * - Sign in (/sign-in): textbox "E-mail", "Password"; button "Sign in"; in demo mode a section
 *   "Demo accounts" with buttons "Use coordinator@example.org", … (each fills both fields).
 * - Header: link "Kindred"; link "Change password"; button "Sign out"; navigation "Main" with links
 *   "Overview", "Today", "My contacts", "When to reach me", "Participants", "Coaches", "Matching", "Pairs that need help",
 *   "Tasks", "Audit trail", "Invitations", "Mail", "Volunteers", "Boosters" (staff), "Training", "My
 *   well-being", "The difference I make" (coaches), "What matches last" (evaluators),
 *   "My coach", "How to reach me", "Curriculum" (named "Handouts" for a participant with no other role)
 *   (each shown only when the server's `can` flags allow it).
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
 * - Coordinator matches (/matching, h1 "Matching"): section "Proposed pairs" with a table; per row a
 *   checkbox "Approve <participant>", a combobox "Coach for <participant>" (when other coaches fit),
 *   textbox "Reason for pairing <participant> across genders" when the chosen coach needs one; button
 *   "Approve N pairs" → status "Approved N pairs. …". Section "Cannot be matched now" lists the rest.
 * - Pairs that need help (/pairs, h1 "Pairs that need help"): search form "Filter pairs" with
 *   comboboxes "Ladder step", "Coach", "Sort by"; table "Pairs table" with a row per active pair (row
 *   header = participant link) and, when staff should act, link "Record check-in call for <participant>"
 *   or "Decide for <participant>". Check-in page (h1 "Record a check-in call"): section "Numbers to
 *   call" with links "Call <name> on <phone>" (tel:) for the participant and the coach, or "No phone
 *   number on record."; radiogroup "Whom did you reach?" (radios "Both <participant> and <coach>",
 *   "Only <participant>", "Only <coach>", "Reached no one"), group "What did you learn?" ("… (optional)"
 *   after "Reached no one"), textbox "Note (optional)", button "Save check-in call" → back to the
 *   pairs with status "Check-in call for <participant> recorded." (", no one reached" variant:
 *   "…recorded: no one reached."). Decision page (h1 "Decide for a quiet pair"): radiogroup "What happens next?", button
 *   "Save decision".
 * - Scheduling (issue #3): on a participant's record (the coach, staff) section "Next session" with,
 *   per upcoming session, link "Join the video call" (video), buttons "Move the session on <day> at
 *   <time>" and "Cancel the session on <day> at <time>", and button "Schedule next session" (aria-expanded)
 *   revealing form "Schedule the next session": textboxes "Date", "Time", combobox "How long",
 *   radiogroup "How will you meet?" (radios "Phone call", "Video call", "In person", "Text check-in"),
 *   textbox "Where will you meet?" (in person), button "Schedule session" → status "Session scheduled
 *   for …". "My coach" (participant) has section "Your next session" with link "Join the video call".
 *   Pairs that need help has link "Scheduling settings" (staff; h1 "Scheduling settings": textbox
 *   "Video room address (optional)", combobox "Reminder", checkbox "Also send reminders by text
 *   message…", button "Save settings"). Overview: figures "Reached contacts by week", "Pairs by how
 *   often they meet", "Adherence funnel", "Ladder steps fired", each with "<title> as a table".
 *   A coach's record (staff): section "How to reach them", button "Change how to reach <coach>".
 * - Program settings (/program-settings; nav "Program settings" for whoever may change the program,
 *   admins today; h1 "Program settings"): textboxes "Days between contacts", "Program length in days",
 *   combobox "Time zone" (options in words: "Eastern time", …, "Hawaii"), section "When a pair goes
 *   quiet" with textboxes "Days to make the first contact", "Send the coach a reminder after this many
 *   quiet days", "Staff call the pair this many days after a missed contact", "Staff decide what
 *   happens next this many days after a missed contact"; button "Save program settings" → status
 *   "Program settings saved.".
 * - Coach logs a contact: Today (h1 "Today") has sections "My tasks", "Upcoming sessions" (next 14 days:
 *   h3 "<day> at <time> with <participant>" with a link to the record, link "Join the video call with
 *   <participant>" for video, link "Start session guide with <participant>") and "My participants" (and at the top, region
 *   "A check-in to look at" / "Check-ins to look at" when a latest check-in jumped or has a worrying note); each task
 *   has the link "Log a contact with <participant name>" (only tasks have it; the page's general link
 *   is "Log a contact"; participants' names link to their records). Form (h1 "Log a contact"):
 *   combobox "Participant", textbox "When", radiogroup "How", radiogroup "Did you reach them?"
 *   (radios "Yes, we talked", "No answer", "Left a voicemail or message", "Wrong number", "They could
 *   not talk or said no", "We agreed another time"), spinbutton "Minutes (optional)", group "Topics you talked about", group
 *   "What you did" (checkboxes "Talked about self-management strategies", "Gave encouragement",
 *   "Talked about adjusting strategies", "Set or reviewed a goal"), textbox "Private note
 *   (optional)", button "Save contact". Saving returns to Today with the status "Contact with <name>
 *   saved." and that task's link gone. Staff log from a participant's record (link "Log a contact",
 *   shown while the participant is active) and return to that record with the same status.
 * - Participant sees the coach: "My coach" (h1) shows the coach's name as an h2, phone and e-mail
 *   links when shared, and "Your next talk is due …"; link "Change how to reach me" leads to "How to
 *   reach me" with button "Save preferences" (then status "Saved. …").
 * - Curriculum (/curriculum; h1 "Curriculum", or "Handouts" for a participant): one card per topic
 *   with an h2 link named after the topic → topic page (h1 = topic title): button "Print handout",
 *   link "All topics" (or "All handouts"), section "Handout"; for coaches and staff also sections
 *   "Skill to try: <skill>", "Talking points", "Questions to ask".
 * - Action plans (issue #4): on a participant's record (staff and the coach) section "Action plans"
 *   with link "Make an action plan" → h1 "Make an action plan": radiogroup "Is <name> ready to set a
 *   goal?" (radios "Yes: make an action plan", "Not yet: agree on a smaller step"), textboxes "What
 *   will <name> do?", "How much?", "When?", combobox "How many days this week?", radiogroup "How sure
 *   is <name> of doing the whole plan?" (radios "0" … "10"), button "Save plan". Below 7 a section
 *   "Kindred suggests a smaller plan" with buttons "Make it smaller" and "Keep this plan". Saved:
 *   back to the record with status "Action plan saved.". Each plan card: link "Review this plan"
 *   (→ h1 "Review the plan", radiogroup "How did it go?", button "Save review") and link "Print"
 *   (→ h1 "Action plan"/"My action plan", button "Print this plan"). Section "Between calls":
 *   check-ins, chart, practice log, textbox "Write a note to <name>", button "Send note". Staff and
 *   evaluators: nav "Action plans" (h1 "Action plans", table "Plans per pair"). Section "Last sessions"
 *   (the coach and staff): a table of the last guided sessions (date, pain, mood, topics covered).
 * - Participant self-tracking: nav "My plan" (h1 "My plan"; buttons "Yes, I did it today", "Not
 *   today"; link "Print my plan"), "Weekly check-in" (h1 "Weekly check-in"; three radiogroups named
 *   after the PEG questions, radios "0" … "10"; textbox "A note for your coach (optional)"; button
 *   "Save check-in" → "My progress" with status "Check-in saved. …"), "My progress" (h1 "My
 *   progress"; figure "Your pain score by week: lower is better" with an img and a table; checkbox
 *   "Share my check-ins with my coach", button "Save my choice"). "Your weekly check-in is due" with
 *   link "Check in now" shows on "My coach", "My plan" and "My progress" when due.
 * - Session guide (issue #4): link "Start session guide" (with the participant's name for screen
 *   readers) on each of the coach's tasks in Today and on a participant's record → h1 "Session guide":
 *   list "Steps of the session"; section "Step N of 5: <step>" (Check in, Review the last plan, Today's
 *   topic, Make a new plan, Agree the next contact) with buttons "Next: <next step>" and "Back". Step 1:
 *   radiogroups "<name>'s pain right now", "<name>'s mood right now" (radios "0" … "10"), "How are you
 *   talking?". Step 2: radiogroup "How did it go?", checkbox "I praised the effort or encouraged <name>".
 *   Step 3: button "Talk about <topic>", group "Topics you talked about". Step 4: the action plan form
 *   (above) with "Save plan", and button "No plan this time". Step 5: textbox "Next contact" (a date),
 *   "Time (optional)", group "What you did" (the four elements, ticked from the steps), button "Finish
 *   session" → the participant's record with status "Session with <name> saved: …". Section "Help
 *   during the call": buttons "Bridges back to the topic", "What if: they only want to chat", … "What
 *   if: they talk about a crisis" (→ link "Open the safety protocol"). What is entered is saved as a
 *   draft as the coach goes (text "Saved as you go, last at 6:42 PM."); opening the guide again
 *   carries on from it with status "We kept what you had entered at 6:42 PM. …" and button "Start
 *   over" (ADR 0035).
 * - Idle sign-out (ADR 0035): on every signed-in page, shortly before the idle limit, a bar at the
 *   bottom with alert "You will be signed out in 2 minutes …" and button "Stay signed in"; when the
 *   session has ended, h1 "Sign in" with status "You were signed out …", and after signing in the
 *   page the person was on.
 * - Safety (issue #5): every signed-in header has link "Crisis help" (h1 "Crisis help": links "Call
 *   911", "Call 988, then press 1", "Text 838255", "Chat online with the Veterans Crisis Line"); a
 *   participant's header also has button "I need help now" (→ Crisis help with a status that staff
 *   were told). Coaches and staff have link "Safety concern" on a participant's record and on "Log a
 *   contact" → h1 "Safety concern": sections "What to do now" (the protocol), "Crisis numbers to
 *   give", "Tell the coordinator" (combobox "Participant", radiogroup "What happened? (optional)",
 *   textbox "A few words for the coordinator (optional)", button "Tell the coordinator now" → status
 *   "The coordinator has been told about <name>. …"). Staff: Tasks' first rows are links "Safety
 *   event for <participant>" → h1 "Safety event": button "Acknowledge"; textbox "What was done",
 *   "Referred to (optional)", button "Save follow-up"; textbox "Closing note (optional)", button
 *   "Close the event". Nav "Safety log" (staff, evaluators) with link "Safety settings" (staff).
 * - Invitation (/invitation#token=…, a participant's with &lang=en|es): group "Language" ("English /
 *   Español", as on the sign-in pages; the link's language first), "New password", "Repeat the new
 *   password", button "Create my account", then link "Sign in".
 * - Assessments (nav "Assessments" for staff and assessors; "Assessment report" for evaluators):
 *   worklist (h1 "Assessments"): combobox "State", links "Assessment report", "Assessment settings"
 *   (staff), table region "Assessments table" (row header = link named after the participant). A
 *   participant's assessments (/participants/<id>/assessments, h1 "Assessments: <name>"): a region per
 *   timepoint (h2 = its label, a badge "Due", "Overdue", "Completed", "Missed" or "Not open yet"); per
 *   instrument a button "Enter the <title> answers" (or "Correct the …") revealing the form "<title>
 *   answers" with radiogroup "How are the answers given?" ("By phone", "In person"), one radiogroup per
 *   item named "<n>. <question>", button "Save the <title> answers" → status "Saved. Score n."; form
 *   "One-time link for <label>" with checkboxes "E-mail the link to the participant", "Text the link to
 *   the participant’s phone" (when known) and button "Make a one-time link for <label>" → status with the link.
 *   Region "Scores over time": per instrument an img "<title> by timepoint" and a table. Report (h1
 *   "Assessment report"): img "<title>: distribution by timepoint" + table. Settings (h1 "Assessment
 *   settings"): sections "Timepoints" (button "Save timepoints"), "Instruments", "Import an
 *   instrument" (radiogroup "File format", "Choose a file", textbox "Or paste the file’s contents",
 *   button "Import instrument" → status "Imported “<title>” (n items)." or an alert listing each
 *   problem as "<where>: <message>"), "Licensed item text" (button "Load item text").
 * - Fidelity and engagement (/reports/fidelity; nav "Fidelity and engagement" for staff and
 *   evaluators; h1 of that name): button "Print"; list "Program summary"; sections "The four essential
 *   elements" (region "Essential elements table"), "Coaches" (region "Coaches table"), "How often pairs
 *   met" (region "Meeting frequency table"), "Participants" (region "Participants table"), each with a
 *   button "Download … (CSV)".
 * - Outcome report (/reports/outcomes; nav "Outcome report" for staff and evaluators; h1 of that name):
 *   button "Print", a chooser "Outcome questionnaire" (when there are several), a status saying plainly
 *   when nothing can be fitted; sections "Scores by arm", "Difference between arms", "Moderators" (img
 *   "Moderators: …" + table), "Dose–response", "Missing data", each with a button "Download … (CSV)".
 * - Whom to target (/reports/targeting; nav "Whom to target"): the exploratory warning; sections "In
 *   plain words" and "The numbers" (button "Download whom to target (CSV)").
 * - One-time link (/assess/<programId>#<token>, public; h1 "Your questionnaires"): a region per
 *   questionnaire (h2 = its title) with a radiogroup per item, status "n of m questions answered. Saved
 *   at …", button "Send my answers" → h1 "Thank you" (with "Please talk to someone now" and the crisis
 *   numbers when an answer raised a flag); a used, expired or unknown link: h1 "This link cannot be used".
 * - Volunteer's application (/apply/<programId>, public; h1 "Volunteer to coach"): textboxes "First
 *   name", "Last name", "E-mail", "Phone (optional)", "About me", "My own pain and how I manage it";
 *   radiogroup "Gender"; groups "Where is your pain?", "Days you could coach", "Times of day you could
 *   coach", "Ways you could meet"; comboboxes "Service branch", "Service era" and checkbox "I agree to
 *   a background check" when the program asks; button "Send my application", then a status "Thank you…".
 * - Volunteers (/volunteers, h1 "Volunteers"): link "Open the public application form", combobox
 *   "Stage", table "Volunteers table" (row header = link named after the volunteer). A volunteer's page
 *   (h1 = name): section "Next step" with, by stage, the group "Screening checklist" and button "Mark as
 *   screened"; button "Start training"; "Mark as active"; textbox "Paused until" and button "Pause
 *   coaching"; "Resume coaching"; and always combobox "Why does the journey end?" with button "Retire".
 *   Each move shows the status "Moved to “<stage>”. …".
 * - Coach training (/training, h1 "Training"): an h3 link per module → module page (h1 = title):
 *   section "Quiz" with a radiogroup per question ("1. <question>"), button "Submit answers", then a
 *   status "Passed: n of n right." or "n of m right; …". Link "Coach scope and boundaries agreement" →
 *   textbox "Type your full name", checkbox (the agreement's statement), button "Sign the agreement".
 * - Mail (/mail, staff; h1 "Outgoing mail and texts"): a card per message (h2 = subject, or "Text
 *   message"), its state badge, attempts and last error code; button "Send again “<subject>” to
 *   <recipient>" on messages that failed or may not have arrived; disclosure "Show the message …"
 *   on kept (demo) messages. A participant's "Details" list has "Text messages" (opted out or not).
 * - Keeping coaches (#6, ADR 0016): Boosters (/boosters, h1 "Boosters and training"): textboxes "Date",
 *   "Topic", button "Schedule booster" (status "Booster on <date> scheduled."); region "Coaches’
 *   training table"; per session a group "Who attended on <date>?" and button "Save attendance for
 *   <date>". Tasks: rows "Booster due" (link "Schedule a booster for <coach>") and "Call the coach"
 *   (link "Record the call to <coach>" → h1 "Well-being: <coach>", textbox "What was agreed on the
 *   call (<month>)", button "Record the call"). Coach: "My well-being" (h1) with radiogroups "Your
 *   pain on average in the past week", "How much pain got in the way of enjoying life", "How much
 *   pain got in the way of your general activity", "How stressed you have felt this month" (radios
 *   "0" … "10"), group "How does coaching feel this month?", button "Save check-in" (status "Check-in
 *   saved. …"); "The difference I make" (h1) with numbers and section "Thanks received". On Today a
 *   region "For you" (only when something is due): h3 "Well-being check-in due" with link "My
 *   well-being", h3 "Booster session on <date>" with the topic. Participant:
 *   on "My coach" textbox "A few words for <coach>", button "Send thanks" (status "Sent. …").
 * - Matching settings (/matching/settings, link "Matching settings" on Matching; h1 "Matching
 *   settings"): checkboxes per hard rule, textboxes per weight ("Shared pain location", …, "A language
 *   in common", "Age band (years)"), button "Save settings" → Matching with "Matching settings saved.".
 *   Link "What kinds of matches last" → h1 of that name, region "Match report table".
 * - Password (/account/password): "Current password", "New password", "Repeat the new password",
 *   button "Change password".
 * - Signing in (ADR 0021): sign-in has link "Forgot your password?" → /forgot-password (h1 "Forgot your
 *   password?": textbox "E-mail", button "Send me a link" → h1 "Check your e-mail"). The e-mailed link
 *   /reset-password#token=… (h1 "Choose a new password": "New password", "Repeat the new password", button
 *   "Save new password" → status "Your new password is saved. …" and link "Sign in"). Header link
 *   "Security" → /account/security (h1 "Sign-in and security"): section "Two-factor sign-in" (button "Set
 *   up two-factor sign-in" → img "QR code for your authenticator app", the key as text, textbox "6-digit
 *   code", button "Turn on two-factor sign-in" → section "Your recovery codes" with button "I have kept my
 *   codes"; when on: button "Make new recovery codes", textbox "Password", button "Turn off two-factor
 *   sign-in"); section "Where you are signed in" (a list item per session, badge "This device" on the
 *   current one, buttons "Sign out <browser>, last active …" and "Sign out everywhere else"). With
 *   two-factor on, sign-in continues at /sign-in/code (h1 "Enter your code": textbox "6-digit code",
 *   button "Continue"; button "Use a recovery code instead" → textbox "Recovery code"); when a program requires
 *   it and it is not set up, at /sign-in/two-factor (h1 "Set up two-factor sign-in", as above).
 *   Participants: link "Sign in with a code instead" → /sign-in/with-code (h1 "Sign in with a code":
 *   textbox "E-mail", radiogroup "Where should we send the code?", button "Send me a code" → textbox
 *   "Code", button "Sign in"). Staff: Invitations has section "Signing in" with checkbox "Require
 *   two-factor sign-in for staff" and button "Save sign-in settings".
 * - Single sign-on (ADR 0031): when the server has a provider, sign-in shows link "<KINDRED_OIDC_LABEL>"
 *   (a full page load to /api/v1/auth/oidc/start); back from the provider at /sign-in (then on, by stage)
 *   or /sign-in?sso=failed with alert "Single sign-on did not work for this account; …".
 * - Study (issue #11; nav "Study" for staff, "CONSORT flow" for evaluators): h1 "Study"; without a
 *   study, section "Set up the study" (textboxes "Study title", "Arm 1 name" …, "Who can take part",
 *   "Who cannot take part", radiogroup "How participants are randomized", checkbox "Baseline assessment
 *   must be complete before randomizing", button "Save the study"), then "Consent document" ("Consent
 *   text", button "Save the consent document"). Section "A referral": combobox "Participant"; "Screening"
 *   (a checkbox per criterion, radiogroup "Does the person want to take part?", button "Record the
 *   screening"), "Consent" (the document, radiogroup "How is consent given?", textbox "Full name, typed
 *   by the participant", button "Record the consent"), "Randomize" ("Still needed: …" or "Ready to
 *   randomize", button "Randomize" → status "Allocated to <arm> …"), "Withdrawal", "Emergency
 *   unblinding" (admins). Sections "Classes" (button "Schedule the class", combobox "Invite to the class
 *   on …", buttons "Attended: <name>") and "Unblind the study" (admins). Link "CONSORT flow" → h1
 *   "CONSORT flow": region "CONSORT flow diagram, scrolls sideways" (img), tables of the numbers, "Print".
 * - Interviews (issue #13; nav "Interviews" for staff and evaluators): h1 "Interviews", links named after
 *   the studies; staff: form "Start an interview study" (textboxes "Study title", "Aims", group "Whom will
 *   you interview?", textbox "How many interviews are planned", checkbox "Keep the original transcripts
 *   after de-identification", button "Start the study"). A study (h1 = its title): sections "Transcripts"
 *   (links named after transcripts; form "Add a transcript": "Transcript name", "Who was interviewed",
 *   "Choose a file", "Or paste the transcript", button "Add the transcript"), "Interview guide"
 *   ("Questions and probes", button "Save the guide"), "Codebook" (form "Add a code": "Code name", "Under",
 *   button "Add the code"), "Download" (links "Download the project … (.qdpx)", "… codebook (.qdc)", "…
 *   (CSV)"). A pending transcript (h1 "De-identify <label>"): list "Replacements" with textboxes "Replace
 *   “<found>” with" and buttons "Keep “<found>” as it is"; form "Add a replacement"; button "Confirm the
 *   de-identification". Ready (h1 = label): region "De-identified transcript", combobox "Code", button
 *   "Code this selection", section "My codings" (buttons "Remove …"), "Memos", link "Coders’ agreement"
 *   → h1 "Coders’ agreement": comboboxes "First coder", "Second coder", region "Agreement per code table".
 *   A study's section "Sampling and analysis" (ADR 0044): link "Whom to interview: draw a sample" → h1
 *   "Whom to interview": staff form "Draw a sample" (group "Group people by", textboxes "Target for
 *   <group>", "Draw number", button "Draw the sample"); section "Drawn samples" (combobox "Which draw",
 *   table "Groups: target, …", section "Proposed people" with buttons "Invited: <name>", "Declined:
 *   <name>" → textbox "Why <name> declined", button "Save the reason"; section "Why people declined").
 *   Link "Themes and numbers: the joint display" → h1 "Themes and numbers": section "Themes" (form "Add a
 *   theme": "Theme name", "Summary", group "Codes in this theme", button "Add the theme"), section "Joint
 *   display" (combobox "Group people by", table "Themes by …", link "Download the joint display (CSV)").
 *   Link "Study report to print: …" → h1 "Study report": button "Print the report", sections "How people
 *   were chosen" (the latest draw's table "Groups: target, …") and "Themes" (article "Theme: <name>" each,
 *   with its exemplar quotes).
 */
import { useEffect, type ComponentType, type ReactNode } from 'react';
import { Outlet, Route, Routes } from 'react-router';
// Each feature's pages load on demand (pages.tsx, ADR 0018).
import {
  AgreementPage,
  ApplicantPage,
  ApplyPage,
  AssessmentLinkPage,
  AssessmentReportPage,
  AssessmentSettingsPage,
  AssessmentsPage,
  AuditPage,
  BoostersPage,
  CheckInCallPage,
  CoachListPage,
  CoachPage,
  CoachPreferencesPage,
  ContactHistoryPage,
  CrisisHelpPage,
  CurriculumPage,
  DecisionPage,
  EditCoachPage,
  EditParticipantPage,
  ImpactPage,
  InvitationAcceptPage,
  InvitationsPage,
  LogContactPage,
  MailPage,
  MatchReportPage,
  FidelityReportPage,
  OutcomeReportPage,
  TargetingPage,
  MatchingPage,
  MatchingSettingsPage,
  MyCoachPage,
  MyPlanPage,
  MyProgressPage,
  NewCoachPage,
  NewParticipantPage,
  NewPlanPage,
  OverviewPage,
  PairsPage,
  ParticipantAssessmentsPage,
  ParticipantListPage,
  ParticipantPage,
  PasswordPage,
  PlanSummaryPage,
  PreferencesPage,
  PrintPlanPage,
  ReviewPlanPage,
  SafetyConcernPage,
  SafetyEventPage,
  SafetyLogPage,
  SafetySettingsPage,
  StudyPage,
  ConsortPage,
  InterviewAgreementPage,
  InterviewJointDisplayPage,
  InterviewStudyReportPage,
  InterviewSamplingPage,
  MyInterviewPage,
  InterviewStudiesPage,
  InterviewStudyPage,
  InterviewStudyTeamPage,
  InterviewTranscriptPage,
  SchedulingSettingsPage,
  ProgramSettingsPage,
  SessionGuidePage,
  SignInPage,
  ForgotPasswordPage,
  ResetPasswordPage,
  SecurityPage,
  SignInCodePage,
  SignInEnrolPage,
  SignInWithCodePage,
  TasksPage,
  TodayPage,
  TopicPage,
  TrainingModulePage,
  TrainingPage,
  VolunteersPage,
  WeeklyCheckInPage,
  WellbeingPage,
} from './pages';
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

/**
 * The pages inside a program, as data (issue #14): each page's address under /programs/:programId, the
 * page, and who may open it: the server's `can` flag for `action` and, where given, `when` (a coach's
 * or a participant's own pages). Anyone else gets the same answer as a missing page.
 */
interface ProgramPage {
  path: string;
  page: ComponentType;
  action?: Action;
  when?: (p: ProgramScope) => boolean;
}

export const programPages: readonly ProgramPage[] = [
  { path: 'overview', page: OverviewPage, action: 'overview:view' },
  { path: 'participants', page: ParticipantListPage, action: 'participant:list' },
  { path: 'participants/new', page: NewParticipantPage, action: 'participant:create' },
  { path: 'participants/:participantId', page: ParticipantPage, action: 'participant:view' },
  { path: 'participants/:participantId/assessments', page: ParticipantAssessmentsPage, action: 'assessment:view' },
  { path: 'assessments', page: AssessmentsPage, action: 'assessment:list' },
  { path: 'reports/fidelity', page: FidelityReportPage, action: 'fidelity:report' },
  { path: 'reports/outcomes', page: OutcomeReportPage, action: 'outcomes:report' },
  { path: 'reports/targeting', page: TargetingPage, action: 'outcomes:report' },
  { path: 'assessment-report', page: AssessmentReportPage, action: 'assessment:report' },
  { path: 'assessment-settings', page: AssessmentSettingsPage, action: 'assessment:configure' },
  { path: 'participants/:participantId/preferences', page: PreferencesPage, action: 'participant:update' },
  { path: 'participants/:participantId/edit', page: EditParticipantPage, action: 'participant:update' },
  { path: 'coaches', page: CoachListPage, action: 'coach:list' },
  { path: 'coaches/new', page: NewCoachPage, action: 'coach:create' },
  { path: 'coaches/:coachId', page: CoachPage, action: 'coach:list' },
  { path: 'coaches/:coachId/edit', page: EditCoachPage, action: 'coach:update' },
  { path: 'boosters', page: BoostersPage, action: 'coach_care:view' },
  { path: 'coaches/:coachId/wellbeing', page: WellbeingPage, action: 'wellbeing:follow_up' },
  { path: 'coaches/:coachId/impact', page: ImpactPage, action: 'coach:list' },
  { path: 'my-wellbeing', page: WellbeingPage, action: 'wellbeing:record', when: isCoach },
  { path: 'my-impact', page: ImpactPage, action: 'impact:view', when: isCoach },
  { path: 'volunteers', page: VolunteersPage, action: 'volunteer:list' },
  { path: 'volunteers/:applicationId', page: ApplicantPage, action: 'volunteer:view' },
  { path: 'training', page: TrainingPage, action: 'training:take', when: isCoach },
  { path: 'training/agreement', page: AgreementPage, action: 'agreement:sign', when: isCoach },
  { path: 'training/:moduleKey', page: TrainingModulePage, action: 'training:take', when: isCoach },
  { path: 'matching', page: MatchingPage, action: 'matching:propose' },
  { path: 'matching/settings', page: MatchingSettingsPage, action: 'matching:configure' },
  { path: 'matching/report', page: MatchReportPage, action: 'matching:report' },
  { path: 'tasks', page: TasksPage, action: 'task:list' },
  { path: 'pairs', page: PairsPage, action: 'pair:list' },
  { path: 'pairs/:pairingId/check-in', page: CheckInCallPage, action: 'ladder:record' },
  { path: 'pairs/:pairingId/decision', page: DecisionPage, action: 'ladder:record' },
  { path: 'program-settings', page: ProgramSettingsPage, action: 'program:update' },
  { path: 'scheduling-settings', page: SchedulingSettingsPage, action: 'scheduling:configure' },
  { path: 'my-availability', page: CoachPreferencesPage, action: 'coach:preferences', when: isCoach },
  { path: 'today', page: TodayPage, when: isCoach },
  { path: 'contacts', page: ContactHistoryPage, when: isCoach },
  { path: 'contacts/new', page: LogContactPage, action: 'contact:log' },
  { path: 'audit', page: AuditPage, action: 'audit:view' },
  { path: 'invitations', page: InvitationsPage, action: 'invitation:list' },
  { path: 'curriculum', page: CurriculumPage, action: 'curriculum:view' },
  { path: 'curriculum/:topicKey', page: TopicPage, action: 'curriculum:view' },
  { path: 'mail', page: MailPage, action: 'mail:view' },
  { path: 'crisis-help', page: CrisisHelpPage, action: 'crisis:view' },
  { path: 'safety', page: SafetyLogPage, action: 'safety:log' },
  { path: 'safety/concern', page: SafetyConcernPage, action: 'safety:raise', when: (p) => p.isCoach || p.isStaff },
  { path: 'safety/settings', page: SafetySettingsPage, action: 'safety:configure' },
  { path: 'study', page: StudyPage, action: 'study:view' },
  { path: 'study/consort', page: ConsortPage, action: 'consort:view' },
  { path: 'interviews', page: InterviewStudiesPage, action: 'interview:view' },
  { path: 'interviews/:studyId', page: InterviewStudyPage, action: 'interview:view' },
  { path: 'interviews/:studyId/team', page: InterviewStudyTeamPage, action: 'interview:team' },
  { path: 'interviews/:studyId/transcripts/:transcriptId', page: InterviewTranscriptPage, action: 'interview:view' },
  { path: 'interviews/:studyId/sampling', page: InterviewSamplingPage, action: 'interview:view' },
  { path: 'interviews/:studyId/joint-display', page: InterviewJointDisplayPage, action: 'interview:view' },
  { path: 'interviews/:studyId/report', page: InterviewStudyReportPage, action: 'interview:view' },
  { path: 'interviews/:studyId/transcripts/:transcriptId/agreement', page: InterviewAgreementPage, action: 'interview:view' },
  { path: 'safety/:eventId', page: SafetyEventPage, action: 'safety:view' },
  { path: 'my-coach', page: MyCoachPage, when: isParticipant },
  { path: 'my-interview', page: MyInterviewPage, action: 'interview:respond', when: isParticipant },
  { path: 'my-preferences', page: PreferencesPage, action: 'participant:preferences', when: isParticipant },
  { path: 'participants/:participantId/guide', page: SessionGuidePage, action: 'guide:run' },
  { path: 'participants/:participantId/plans/new', page: NewPlanPage, action: 'plan:create' },
  { path: 'plans', page: PlanSummaryPage, action: 'plan:summary' },
  { path: 'plans/:planId/review', page: ReviewPlanPage, action: 'plan:review' },
  { path: 'plans/:planId/print', page: PrintPlanPage, action: 'plan:list' },
  { path: 'my-plan', page: MyPlanPage, action: 'checkin:record', when: isParticipant },
  { path: 'check-in', page: WeeklyCheckInPage, action: 'checkin:record', when: isParticipant },
  { path: 'my-progress', page: MyProgressPage, action: 'progress:view', when: isParticipant },
];

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicLayout withLanguage />}>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/sign-in/code" element={<SignInCodePage />} />
        <Route path="/sign-in/with-code" element={<SignInWithCodePage />} />
        <Route path="/invitation" element={<InvitationAcceptPage />} />
      </Route>
      <Route element={<PublicLayout />}>
        <Route path="/sign-in/two-factor" element={<SignInEnrolPage />} />
        <Route path="/apply/:programId" element={<ApplyPage />} />
        <Route path="/assess/:programId" element={<AssessmentLinkPage />} />
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
          <Route path="/account/security" element={<SecurityPage />} />
          <Route path="/crisis-help" element={<CrisisHelpPage />} />
        </Route>
        <Route path="/programs/:programId" element={<ProgramRoute />}>
          <Route index element={<ProgramHomeRedirect />} />
          {programPages.map(({ path, page: Page, action, when }) => (
            <Route
              key={path}
              path={path}
              element={
                <Allow {...(action ? { action } : {})} {...(when ? { when } : {})}>
                  <Page />
                </Allow>
              }
            />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route element={<AppLayout />}>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
