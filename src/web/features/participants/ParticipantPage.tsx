import { Navigate, useParams } from 'react-router';
import { useWhen } from '../../app/when';
import { useProgram } from '../../app/program';
import { clockWords } from '../../../core/shared/time';
import { channelLabels, genderLabels, listOf, painLocationLabels, pairStateLabels, timeOfDayLabels } from '../../app/vocab';
import { ButtonLink, DetailList, telHref } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { InviteForm } from '../accounts';
import { ParticipantContacts } from '../contacts';
import { BestTimes, NextSessionSection, ReachLinks, weekdayLabels } from '../engagement';
import { LastSessionsSection } from '../guidance';
import { PairingHistorySection, PairingPanel } from '../pairings';
import { SafetyConcernLink } from '../safety';
import { BetweenCallsSection, PlansSection } from '../plans';
import { withdrawalReasonLabels } from './labels';
import { StatusBadge } from './ParticipantBadges';
import { TextingStatus } from '../mail';
import { backgroundWords } from '../volunteers';
import {
  participantName,
  useParticipant,
  type CoachingParticipant,
  type FullParticipant,
  type PseudonymousParticipant,
} from './participants.api';
import { StatusChangeForm } from './StatusChangeForm';

/** A participant's record, in the view the server gave: full for staff, coaching, or pseudonymous. */
export function ParticipantPage() {
  const program = useProgram();
  const { participantId = '' } = useParams();
  const participant = useParticipant(program.programId, participantId);
  const p = participant.data;
  return (
    <Page
      title={p ? participantName(p) : 'Participant'}
      actions={
        p?.view === 'full' && program.can('participant:update') ? (
          <>
            {p.status === 'active' && program.can('contact:log') ? (
              <ButtonLink to={program.to(`contacts/new?participant=${participantId}`)}>Log a contact</ButtonLink>
            ) : null}
            <ButtonLink variant="secondary" to={program.to(`participants/${participantId}/edit`)}>
              Edit details
            </ButtonLink>
            {program.can('assessment:view') && p.enrolledOn ? (
              <ButtonLink variant="secondary" to={program.to(`participants/${participantId}/assessments`)}>
                Assessments
              </ButtonLink>
            ) : null}
            <SafetyConcernLink participantId={participantId} />
          </>
        ) : p?.view === 'coaching' && program.isCoach ? (
          <>
            {program.can('guide:run') ? (
              <ButtonLink to={program.to(`participants/${participantId}/guide`)}>Start session guide</ButtonLink>
            ) : null}
            <ButtonLink variant="secondary" to={program.to(`contacts/new?participant=${participantId}`)}>
              Log a contact
            </ButtonLink>
            <SafetyConcernLink participantId={participantId} />
          </>
        ) : null
      }
    >
      <QueryView query={participant}>
        {(view) => {
          switch (view.view) {
            case 'full':
              return <StaffRecord participant={view} />;
            case 'coaching':
              return <CoachingRecord participant={view} />;
            case 'pseudonymous':
              return <PseudonymousRecord participant={view} />;
            case 'self':
              return <Navigate to={program.to('my-coach')} replace />;
          }
        }}
      </QueryView>
    </Page>
  );
}

function Summary({ code, status }: { code: string; status: FullParticipant['status'] }) {
  return (
    <p className="page__intro">
      Code {code} · <StatusBadge status={status} />
    </p>
  );
}

function StaffRecord({ participant: p }: { participant: FullParticipant }) {
  const when = useWhen();
  const program = useProgram();
  return (
    <>
      <Summary code={p.code} status={p.status} />
      <PairingPanel participant={p} />
      <Section title="Contacts" id="participant-contacts">
        <p>
          {p.reachedCount} reached of {p.attemptCount} attempts
          {p.lastReachedAt ? `; last reached ${when.ago(p.lastReachedAt)}` : ''}.
        </p>
        <ParticipantContacts participantId={p.id} />
      </Section>
      {program.can('guide:run') ? <LastSessionsSection participantId={p.id} givenName={p.givenName} /> : null}
      {program.can('plan:list') ? <PlansSection participantId={p.id} givenName={p.givenName} /> : null}
      {program.can('progress:view') ? <BetweenCallsSection participantId={p.id} givenName={p.givenName} /> : null}
      {program.can('participant:status') ? (
        <Section title="Status" id="participant-status">
          <StatusChangeForm participant={p} />
        </Section>
      ) : null}
      {p.status === 'active' && program.can('session:schedule') ? (
        <NextSessionSection participantId={p.id} givenName={p.givenName} />
      ) : null}
      {p.status === 'active' && program.can('outreach:suggest') ? (
        <BestTimes programId={program.programId} participantId={p.id} name={p.givenName} />
      ) : null}
      <Section
        title="Details"
        id="participant-details"
        actions={
          program.can('participant:update') ? (
            <ButtonLink variant="secondary" to={program.to(`participants/${p.id}/preferences`)}>
              Edit how to reach them
            </ButtonLink>
          ) : null
        }
      >
        <DetailList
          items={[
            ['Gender', genderLabels[p.gender]],
            ['Year of birth', p.birthYear === null ? null : String(p.birthYear)],
            ['Where it hurts', listOf(painLocationLabels, p.painLocations)],
            ['Phone', p.phone ? <a href={telHref(p.phone)}>{p.phone}</a> : null],
            ['Text messages', p.phone && program.can('mail:view') ? <TextingStatus participantId={p.id} /> : undefined],
            ['E-mail', p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : null],
            ['Best way to reach them', channelLabels[p.preferredChannel]],
            ['How they would like to meet', channelLabels[p.preferredModality]],
            ['Best times', listOf(timeOfDayLabels, p.preferredTimes)],
            ['Good days', p.preferredDays.length > 0 ? listOf(weekdayLabels, p.preferredDays) : 'Any day'],
            ['Not before / not after', windowWords(p.notBefore, p.notAfter)],
            ['Contact paused until', p.contactPausedUntil ? when.dateOn(p.contactPausedUntil) : undefined],
            ['Notes about reaching them', p.contactNotes],
            ['Contact details may be shared with a coach', p.canShareContact ? 'Yes' : 'No'],
            ['A coach of the same gender matters', p.genderMatters ? 'Yes' : 'No'],
            ['Service', backgroundWords(p.serviceBranch, p.serviceEra)],
            ['Town', p.town],
            ['Languages', p.languages.join(', ')],
            ['Referred', when.dateOn(p.referredOn)],
            ['Enrolled', p.enrolledOn ? when.dateOn(p.enrolledOn) : undefined],
            ['Ended', p.endedOn ? when.dateOn(p.endedOn) : undefined],
            ['Reason for leaving', p.withdrawalReason ? withdrawalReasonLabels[p.withdrawalReason] : undefined],
          ]}
        />
      </Section>
      <PairingHistorySection participantId={p.id} />
      {program.can('invitation:create') ? (
        <Section title="Invite to Kindred" id="participant-invite">
          <p>The participant gets an e-mail with a link to choose a password, see the coach and say how to be reached.</p>
          <InviteForm
            role="participant"
            subjectId={p.id}
            defaultEmail={p.email ?? ''}
            defaultName={`${p.givenName} ${p.familyName}`}
          />
        </Section>
      ) : null}
    </>
  );
}

function CoachingRecord({ participant: p }: { participant: CoachingParticipant }) {
  const when = useWhen();
  const program = useProgram();
  return (
    <>
      <Section title="How to reach them" id="participant-reach">
        {p.contactPausedUntil && p.pairState === 'paused' ? (
          <p className="notice">
            {p.givenName} asked not to be contacted before {when.dateOn(p.contactPausedUntil)}.
          </p>
        ) : null}
        <ReachLinks phone={p.phone} name={`${p.givenName} ${p.familyName}`} />
        <DetailList
          items={[
            ['Phone', p.phone ? <a href={telHref(p.phone)}>{p.phone}</a> : null],
            ['E-mail', p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : null],
            ['Best way to reach them', channelLabels[p.preferredChannel]],
            ['How they would like to meet', channelLabels[p.preferredModality]],
            ['Best times', listOf(timeOfDayLabels, p.preferredTimes)],
            ['Good days', p.preferredDays.length > 0 ? listOf(weekdayLabels, p.preferredDays) : 'Any day'],
            ['Not before / not after', windowWords(p.notBefore, p.notAfter)],
            ['Notes', p.contactNotes],
            ['Where it hurts', listOf(painLocationLabels, p.painLocations)],
            ['Last talked', p.lastReachedAt ? when.ago(p.lastReachedAt) : 'Not reached yet'],
            ['Next contact', p.nextContactDueOn ? when.nextContact(p.nextContactDueOn, p.nextContactBasis) : null],
          ]}
        />
      </Section>
      {program.can('session:schedule') ? <NextSessionSection participantId={p.id} givenName={p.givenName} /> : null}
      {program.can('outreach:suggest') ? (
        <BestTimes programId={program.programId} participantId={p.id} name={p.givenName} />
      ) : null}
      {program.can('plan:list') ? <PlansSection participantId={p.id} givenName={p.givenName} /> : null}
      {program.can('progress:view') ? <BetweenCallsSection participantId={p.id} givenName={p.givenName} /> : null}
      {program.can('guide:run') ? <LastSessionsSection participantId={p.id} givenName={p.givenName} /> : null}
      <Section title="Contacts" id="participant-contacts">
        <ParticipantContacts participantId={p.id} />
      </Section>
    </>
  );
}

/** "5:30 PM to 8:00 PM", "Not before 5:30 PM", "Not after 8:00 PM", or "Any time" (no 24-hour clock, #16). */
export function windowWords(notBefore: string | null, notAfter: string | null): string | null {
  const from = notBefore ? clockWords(notBefore, 'en') : null;
  const to = notAfter ? clockWords(notAfter, 'en') : null;
  if (from && to) return `${from} to ${to}`;
  if (from) return `Not before ${from}`;
  if (to) return `Not after ${to}`;
  return 'Any time';
}

function PseudonymousRecord({ participant: p }: { participant: PseudonymousParticipant }) {
  const when = useWhen();
  return (
    <>
      <Summary code={p.code} status={p.status} />
      <Section title="Research data" id="participant-research">
        <DetailList
          items={[
            ['Gender', genderLabels[p.gender]],
            ['Year of birth', p.birthYear === null ? null : String(p.birthYear)],
            ['Where it hurts', listOf(painLocationLabels, p.painLocations)],
            ['How they would like to meet', channelLabels[p.preferredModality]],
            ['Referred', when.dateOn(p.referredOn)],
            ['Enrolled', p.enrolledOn ? when.dateOn(p.enrolledOn) : undefined],
            ['Ended', p.endedOn ? when.dateOn(p.endedOn) : undefined],
            ['Reason for leaving', p.withdrawalReason ? withdrawalReasonLabels[p.withdrawalReason] : undefined],
            ['Coach', p.coachId ? 'Paired' : 'Not paired'],
            ['Contacts', `${p.reachedCount} reached of ${p.attemptCount} attempts`],
            ['Pair', p.pairState ? pairStateLabels[p.pairState] : null],
          ]}
        />
      </Section>
    </>
  );
}
