import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { StudyRole, TeamView } from '../../../core/interviews';
import { useProgram } from '../../app/program';
import { Button, ButtonLink } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, SelectField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { useAddTeamMember, useChangeTeamRole, useInterviewStudies, useRemoveTeamMember, useStudyTeam } from './interviews.api';
import './interviews.css';

/** What each role on a study's team means, in a coordinator's words (ADR 0052). */
export const studyRoleWords: Record<StudyRole, { label: string; means: string }> = {
  lead: { label: 'Lead', means: 'runs the study: imports and de-identifies transcripts, samples, invites' },
  coder: { label: 'Coder', means: 'codes the de-identified transcripts' },
  reader: { label: 'Reader', means: 'reads the de-identified transcripts, the codes and the reports' },
};
const roles = Object.keys(studyRoleWords) as StudyRole[];
const roleOptions = (canLead: boolean) =>
  roles.filter((r) => canLead || r !== 'lead').map((r) => ({ value: r, label: studyRoleWords[r].label }));

/**
 * The people on a study's team, for program staff: change a role, take someone off, add someone of
 * the program's staff or evaluators. A study always keeps one lead (the server refuses otherwise).
 */
export function StudyTeam({ studyId, title = 'Study team' }: { studyId: string; title?: string }) {
  const program = useProgram();
  const team = useStudyTeam(program.programId, studyId);
  return (
    <Section title={title} id="interview-team">
      <p>
        Only the people on the team see this study’s transcripts, codes and reports. Evaluators see de-identified copies only.
      </p>
      <QueryView query={team} loadingLabel="Loading the study team…">
        {(t) => <TeamBody studyId={studyId} team={t} />}
      </QueryView>
    </Section>
  );
}

function TeamBody({ studyId, team }: { studyId: string; team: TeamView }) {
  const program = useProgram();
  const change = useChangeTeamRole(program.programId, studyId);
  const remove = useRemoveTeamMember(program.programId, studyId);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      <FormErrors error={change.error ?? remove.error} />
      <ul className="interview-team">
        {team.members.map((m) => (
          <li key={m.personId} className="interview-team__member">
            <strong>{m.name}</strong>
            <span>
              {studyRoleWords[m.role].label}: {studyRoleWords[m.role].means}
            </span>
            <div className="interview-team__actions">
              <SelectField
                label={`Role of ${m.name}`}
                value={m.role}
                options={roleOptions(m.canLead || m.role === 'lead')}
                onChange={(role) => {
                  remove.reset();
                  change.mutate(
                    { personId: m.personId, role },
                    { onSuccess: () => setStatus(`${m.name} is now ${studyRoleWords[role].label.toLowerCase()}.`) },
                  );
                }}
              />
              <Button
                variant="secondary"
                busy={remove.isPending && remove.variables === m.personId}
                busyLabel="Taking off…"
                onClick={() => {
                  change.reset();
                  remove.mutate(m.personId, { onSuccess: () => setStatus(`${m.name} is off the team.`) });
                }}
              >
                Take {m.name} off the team
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {status ? <p role="status">{status}</p> : null}
      <AddMemberForm
        studyId={studyId}
        team={team}
        onAdded={(words) => {
          change.reset();
          remove.reset();
          setStatus(words);
        }}
      />
    </>
  );
}

function AddMemberForm({ studyId, team, onAdded }: { studyId: string; team: TeamView; onAdded: (s: string) => void }) {
  const program = useProgram();
  const add = useAddTeamMember(program.programId, studyId);
  const [personId, setPersonId] = useState('');
  const [role, setRole] = useState<StudyRole>('coder');
  if (team.candidates.length === 0) return <p>Everyone on the program’s staff and every evaluator is on the team.</p>;
  const person = team.candidates.find((c) => c.personId === personId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!person) return;
    add.mutate(
      { personId, role },
      {
        onSuccess: () => {
          onAdded(`${person.name} joined the team as ${studyRoleWords[role].label.toLowerCase()}.`);
          setPersonId('');
          setRole('coder');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add someone to the team">
      <h3>Add someone to the team</h3>
      <FormErrors error={add.error} />
      <SelectField
        label="Person"
        value={personId}
        placeholder="Choose a person"
        options={team.candidates.map((c) => ({ value: c.personId, label: c.canLead ? c.name : `${c.name} (evaluator)` }))}
        onChange={(id) => {
          setPersonId(id);
          if (role === 'lead' && !team.candidates.find((c) => c.personId === id)?.canLead) setRole('coder');
        }}
      />
      <SelectField
        label="Role on the team"
        value={role}
        options={roleOptions(person?.canLead ?? true)}
        hint="Only a coordinator or administrator can lead."
        onChange={setRole}
      />
      <FormActions>
        <Button type="submit" busy={add.isPending} busyLabel="Adding…" disabled={!person}>
          Add to the team
        </Button>
      </FormActions>
    </form>
  );
}

/** The team alone, for program staff not on the study (they see its title and its team only). */
export function InterviewStudyTeamPage() {
  const program = useProgram();
  const { studyId = '' } = useParams();
  const studies = useInterviewStudies(program.programId);
  const study = studies.data?.find((s) => s.id === studyId);
  return (
    <Page
      title="Study team"
      intro={study ? `“${study.title}”: who may read and code its transcripts.` : undefined}
      actions={
        <ButtonLink variant="secondary" to={program.to('interviews')}>
          All interview studies
        </ButtonLink>
      }
    >
      <StudyTeam studyId={studyId} title="Who is on the team" />
    </Page>
  );
}
