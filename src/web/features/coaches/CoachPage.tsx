import { Link, useParams } from 'react-router';
import { useWhen } from '../../app/when';
import type { CoachView } from '../../../core/coaches';
import { useProgram } from '../../app/program';
import { channelLabels, genderLabels, listOf, painLocationLabels } from '../../app/vocab';
import { ButtonLink, DetailList } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { InviteForm } from '../accounts';
import { StaffCoachPreferences } from '../engagement';
import { CoachStatusBadge } from './CoachBadges';
import { coachName, openPlaces, useCoach, useCoachParticipants } from './coaches.api';

export function CoachPage() {
  const program = useProgram();
  const { coachId = '' } = useParams();
  const coach = useCoach(program.programId, coachId);
  return (
    <Page
      title={coach.data ? coachName(coach.data) : 'Coach'}
      actions={
        coach.data && program.can('coach:update') ? (
          <ButtonLink variant="secondary" to={program.to(`coaches/${coachId}/edit`)}>
            Edit coach
          </ButtonLink>
        ) : null
      }
    >
      <QueryView query={coach}>{(c) => <CoachRecord coach={c} />}</QueryView>
    </Page>
  );
}

function CoachRecord({ coach: c }: { coach: CoachView }) {
  const program = useProgram();
  return (
    <>
      <Section title="Details" id="coach-details">
        <DetailList
          items={[
            ['Status', <CoachStatusBadge key="s" status={c.status} />],
            [
              'Caseload',
              `${c.activePairings} of ${c.caseload} participants${c.status === 'active' ? `, ${openPlaces(c)} open` : ''}`,
            ],
            ['Gender', genderLabels[c.gender]],
            ['Their own pain', listOf(painLocationLabels, c.painLocations)],
            ['Ways they can meet', listOf(channelLabels, c.modalities)],
            ['Phone', c.phone],
            ['E-mail', c.email],
            ['Reached contacts in the last 30 days', String(c.recentReached)],
            ['Kindred account', c.hasAccount ? 'Yes' : 'Not yet'],
            ['Training and agreement', c.isTrained ? 'Complete' : 'Not complete yet: the coach cannot be paired'],
            ['Year of birth', c.birthYear === null ? null : String(c.birthYear)],
            ['Town', c.town],
            ['Languages', c.languages.join(', ')],
          ]}
        />
      </Section>
      {program.can('wellbeing:follow_up') ? (
        <p>
          <Link to={program.to(`coaches/${c.id}/wellbeing`)}>Well-being check-ins</Link> ·{' '}
          <Link to={program.to(`coaches/${c.id}/impact`)}>The difference {coachName(c)} makes</Link>
        </p>
      ) : null}
      {program.isStaff && program.can('coach:preferences') ? <StaffCoachPreferences coachId={c.id} name={coachName(c)} /> : null}
      <Section title="Participants now" id="coach-participants">
        <CoachParticipants coachId={c.id} />
      </Section>
      {program.can('invitation:create') && !c.hasAccount ? (
        <Section title="Invite to Kindred" id="coach-invite">
          <p>The coach gets an e-mail with a link to choose a password and see his or her participants.</p>
          <InviteForm role="coach" subjectId={c.id} defaultEmail={c.email ?? ''} defaultName={coachName(c)} />
        </Section>
      ) : null}
    </>
  );
}

function CoachParticipants({ coachId }: { coachId: string }) {
  const when = useWhen();
  const program = useProgram();
  const list = useCoachParticipants(program.programId, coachId);
  return (
    <QueryView query={list}>
      {(ps) =>
        ps.length === 0 ? (
          <Empty>Not coaching anyone at the moment.</Empty>
        ) : (
          <ul>
            {ps.map((p) =>
              p.view === 'full' || p.view === 'coaching' ? (
                <li key={p.id}>
                  <Link to={program.to(`participants/${p.id}`)}>
                    {p.givenName} {p.familyName}
                  </Link>{' '}
                  — {p.lastReachedAt ? `last reached ${when.ago(p.lastReachedAt)}` : 'not reached yet'}
                </li>
              ) : null,
            )}
          </ul>
        )
      }
    </QueryView>
  );
}
