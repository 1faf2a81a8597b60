import { useState } from 'react';
import { useWhen } from '../../app/when';
import { Link } from 'react-router';
import type { ApplicantSummary, PipelineState, TrainingSummary, VolunteerSettings } from '../../../core/volunteers';
import { useProgram } from '../../app/program';
import { optionsOf } from '../../app/vocab';
import { Badge, Button, TableScroll } from '../../ui/controls';
import { Empty, ErrorAlert, QueryView } from '../../ui/feedback';
import { Choice, FormActions, FormErrors, SelectField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { stateLabels, stateTones } from './labels';
import { useApplicants, useUpdateVolunteerSettings, useVolunteerSettings } from './volunteers.api';
import './volunteers.css';

/** A coach's training in a few words: modules passed and the agreement. */
export function trainingWords(t: TrainingSummary | null): string {
  if (!t) return 'Not started';
  if (t.isComplete) return 'Complete';
  return `${t.modulesPassed} of ${t.modulesTotal} modules passed · agreement ${t.isAgreementSigned ? 'signed' : 'not signed yet'}`;
}

/** The public address of the program's application form. */
export function applicationFormUrl(programId: string): string {
  return `${window.location.origin}/apply/${programId}`;
}

/**
 * Volunteers: everyone who offered to coach, where each stands on the journey (applied, screened,
 * in training, active, paused, retired) and each coach's training; the link to share for
 * recruiting; and what the application form asks.
 */
export function VolunteersPage() {
  const program = useProgram();
  const [stage, setStage] = useState<PipelineState | ''>('');
  const applicants = useApplicants(program.programId, stage);
  const url = applicationFormUrl(program.programId);
  return (
    <Page
      title="Volunteers"
      intro={
        <p>
          Veterans who offered to coach, from their application to training and coaching. Open a name to screen the applicant,
          start training or change where he or she stands.
        </p>
      }
    >
      <Section title="Recruit coaches" id="volunteers-recruit">
        <p>Share this address: anyone can apply there without an account.</p>
        <p className="share-link">
          <Link to={`/apply/${program.programId}`}>Open the public application form</Link>
          <br />
          <span>{url}</span>
        </p>
      </Section>
      <Section title="Applicants" id="volunteers-list">
        <SelectField label="Stage" value={stage} options={optionsOf(stateLabels)} onChange={setStage} placeholder="All stages" />
        <QueryView query={applicants} loadingLabel="Loading volunteers…">
          {(list) =>
            list.length === 0 ? (
              <Empty>No volunteers {stage ? 'at this stage' : 'yet'}.</Empty>
            ) : (
              <>
                <ApplicantTable list={list} />
                {applicants.hasNextPage ? (
                  <Button
                    variant="secondary"
                    busy={applicants.isFetchingNextPage}
                    busyLabel="Loading more…"
                    onClick={() => void applicants.fetchNextPage()}
                  >
                    Show more
                  </Button>
                ) : null}
                {applicants.isFetchNextPageError ? <ErrorAlert error={applicants.error} title="Could not load more" /> : null}
              </>
            )
          }
        </QueryView>
      </Section>
      {program.can('volunteer:settings') ? (
        <Section title="What the application form asks" id="volunteers-settings">
          <SettingsForm />
        </Section>
      ) : null}
    </Page>
  );
}

function ApplicantTable({ list }: { list: readonly ApplicantSummary[] }) {
  const when = useWhen();
  const program = useProgram();
  return (
    <TableScroll label="Volunteers table" cards>
      <table className="table">
        <caption className="visually-hidden">Volunteers</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Stage</th>
            <th scope="col">Since</th>
            <th scope="col">Training</th>
            <th scope="col">Applied</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <Link to={program.to(`volunteers/${a.id}`)}>
                  {a.givenName} {a.familyName}
                </Link>
              </th>
              <td>
                <Badge tone={stateTones[a.state]}>{stateLabels[a.state]}</Badge>
                {a.pausedUntil ? <span className="muted"> until {when.dateOn(a.pausedUntil)}</span> : null}
              </td>
              <td>{when.dateTime(a.stateChangedAt)}</td>
              <td>{trainingWords(a.training)}</td>
              <td>{when.dateTime(a.appliedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function SettingsForm() {
  const program = useProgram();
  const settings = useVolunteerSettings(program.programId);
  return (
    <QueryView query={settings} loadingLabel="Loading the settings…">
      {(s) => <SettingsFields initial={s} />}
    </QueryView>
  );
}

function SettingsFields({ initial }: { initial: VolunteerSettings }) {
  const program = useProgram();
  const update = useUpdateVolunteerSettings(program.programId);
  const [values, setValues] = useState(initial);
  const set = (key: keyof VolunteerSettings) => (on: boolean) => setValues((v) => ({ ...v, [key]: on }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate(values);
      }}
    >
      <FormErrors error={update.error} />
      <fieldset className="field fieldset">
        <legend className="field__label">Ask applicants</legend>
        <div className="choices">
          <Choice label="Their service branch" checked={values.asksServiceBranch} onChange={set('asksServiceBranch')} />
          <Choice label="Their service era" checked={values.asksServiceEra} onChange={set('asksServiceEra')} />
          <Choice
            label="To agree to a background check"
            hint="Screening then needs the check cleared."
            checked={values.requiresBackgroundCheck}
            onChange={set('requiresBackgroundCheck')}
          />
        </div>
      </fieldset>
      <FormActions>
        <Button type="submit" variant="secondary" busy={update.isPending} busyLabel="Saving…">
          Save form settings
        </Button>
      </FormActions>
      <div role="status">{update.isSuccess ? <p className="notice">Saved. New applications use these settings.</p> : null}</div>
    </form>
  );
}
