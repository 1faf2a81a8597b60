import { useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { Link, useParams } from 'react-router';
import {
  requiredScreeningItems,
  screeningItems,
  type ApplicantView,
  type RetireReason,
  type ScreeningItem,
  type StepInput,
} from '../../../core/volunteers';
import { useProgram } from '../../app/program';
import { channelLabels, genderLabels, listOf, optionsOf, painLocationLabels, timeOfDayLabels } from '../../app/vocab';
import { Badge, Button, DetailList, TableScroll } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { CheckboxGroup, FormActions, FormErrors, SelectField, TextArea, TextField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import {
  dayLabels,
  retireReasonLabels,
  screeningLabels,
  serviceBranchLabels,
  serviceEraLabels,
  stateLabels,
  stateTones,
} from './labels';
import { useApplicant, useMoveApplicant, useTrainingState } from './volunteers.api';
import { trainingWords } from './VolunteersPage';
import './volunteers.css';

/** One volunteer: the application, the next step to take, the coach's training and the history of the journey. */
export function ApplicantPage() {
  const when = useWhen();
  const program = useProgram();
  const { applicationId = '' } = useParams();
  const applicant = useApplicant(program.programId, applicationId);
  const [notice, setNotice] = useState('');
  return (
    <Page title={applicant.data ? `${applicant.data.givenName} ${applicant.data.familyName}` : 'Volunteer'}>
      <p>
        <Link to={program.to('volunteers')}>All volunteers</Link>
      </p>
      <div role="status">{notice ? <p className="notice">{notice}</p> : null}</div>
      <QueryView query={applicant} loadingLabel="Loading the volunteer…">
        {(a) => (
          <>
            <Section title="Where things stand" id="applicant-stage">
              <DetailList
                items={[
                  [
                    'Stage',
                    <Badge key="s" tone={stateTones[a.state]}>
                      {stateLabels[a.state]}
                    </Badge>,
                  ],
                  ['Since', when.dateTime(a.stateChangedAt)],
                  ['Paused until', a.pausedUntil ? when.dateOn(a.pausedUntil) : undefined],
                  ['Why retired', a.retiredReason ? retireReasonLabels[a.retiredReason] : undefined],
                  ['Training', a.coachId ? trainingWords(a.training) : undefined],
                  [
                    'Coach record',
                    a.coachId ? (
                      <Link key="c" to={program.to(`coaches/${a.coachId}`)}>
                        Open the coach record
                      </Link>
                    ) : undefined,
                  ],
                ]}
              />
            </Section>
            {program.can('volunteer:move') && a.state !== 'retired' ? (
              <NextStep
                applicant={a}
                onMoved={(to) => setNotice(`Moved to “${stateLabels[to]}”. The volunteer has been told by e-mail.`)}
              />
            ) : null}
            {a.coachId ? <TrainingSection coachId={a.coachId} /> : null}
            <ApplicationDetails applicant={a} />
            <History applicant={a} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

function NextStep({ applicant: a, onMoved }: { applicant: ApplicantView; onMoved: (to: StepInput['to']) => void }) {
  return (
    <Section title="Next step" id="applicant-next">
      {a.state === 'applied' ? <ScreeningForm applicant={a} onMoved={onMoved} /> : null}
      {a.state === 'screened' ? (
        <StepForm
          applicant={a}
          onMoved={onMoved}
          to="in_training"
          label="Start training"
          explain="Creates the coach record and e-mails the volunteer an invitation to a Kindred account, where the training modules and the agreement are."
        />
      ) : null}
      {a.state === 'in_training' ? (
        <StepForm
          applicant={a}
          onMoved={onMoved}
          to="active"
          label="Mark as active"
          explain="Kindred does this by itself when the coach has passed every module and signed the agreement. Until then the coach cannot be paired."
        />
      ) : null}
      {a.state === 'active' ? <PauseForm applicant={a} onMoved={onMoved} /> : null}
      {a.state === 'paused' ? (
        <StepForm applicant={a} onMoved={onMoved} to="active" label="Resume coaching" explain="The coach can be matched again." />
      ) : null}
      <RetireForm applicant={a} onMoved={onMoved} />
    </Section>
  );
}

interface StepProps {
  applicant: ApplicantView;
  onMoved: (to: StepInput['to']) => void;
}

function useStep({ applicant, onMoved }: StepProps) {
  const program = useProgram();
  const move = useMoveApplicant(program.programId, applicant.id);
  const send = (step: StepInput) => move.mutate(step, { onSuccess: () => onMoved(step.to) });
  return { move, send };
}

function ScreeningForm(props: StepProps) {
  const { move, send } = useStep(props);
  const required = requiredScreeningItems(props.applicant.requiresBackgroundCheck);
  const [ticked, setTicked] = useState<ScreeningItem[]>([]);
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checklist = Object.fromEntries(screeningItems.map((k) => [k, ticked.includes(k)])) as Record<ScreeningItem, boolean>;
    send({ to: 'screened', checklist, note });
  };
  return (
    <form onSubmit={submit} aria-label="Screening">
      <FormErrors error={move.error} title="Could not mark as screened" />
      <CheckboxGroup
        legend="Screening checklist"
        hint="Tick each item once it is done. All are needed."
        options={required.map((k) => ({ value: k, label: screeningLabels[k] }))}
        values={ticked}
        onChange={setTicked}
      />
      <TextArea label="Screening notes (optional)" maxLength={2000} value={note} onChange={setNote} rows={3} />
      <FormActions>
        <Button type="submit" busy={move.isPending} busyLabel="Saving…">
          Mark as screened
        </Button>
      </FormActions>
    </form>
  );
}

function StepForm(props: StepProps & { to: 'in_training' | 'active'; label: string; explain: string }) {
  const { move, send } = useStep(props);
  const [note, setNote] = useState('');
  return (
    <form
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        send({ to: props.to, note });
      }}
    >
      <FormErrors error={move.error} title={`Could not ${props.label.toLowerCase()}`} />
      <p>{props.explain}</p>
      <TextArea label={`Note for “${props.label}” (optional)`} maxLength={2000} value={note} onChange={setNote} rows={2} />
      <FormActions>
        <Button type="submit" busy={move.isPending} busyLabel="Saving…">
          {props.label}
        </Button>
      </FormActions>
    </form>
  );
}

function PauseForm(props: StepProps) {
  const { move, send } = useStep(props);
  const [until, setUntil] = useState('');
  const [note, setNote] = useState('');
  return (
    <form
      aria-label="Pause coaching"
      onSubmit={(e) => {
        e.preventDefault();
        send({ to: 'paused', until, note });
      }}
    >
      <FormErrors error={move.error} title="Could not pause" labels={{ until: 'Paused until' }} />
      <TextField
        label="Paused until"
        type="date"
        value={until}
        onChange={setUntil}
        hint="The coach is not matched with anyone new until then."
      />
      <TextArea label="Note for the pause (optional)" maxLength={2000} value={note} onChange={setNote} rows={2} />
      <FormActions>
        <Button type="submit" variant="secondary" busy={move.isPending} busyLabel="Saving…">
          Pause coaching
        </Button>
      </FormActions>
    </form>
  );
}

function RetireForm(props: StepProps) {
  const { move, send } = useStep(props);
  const [reason, setReason] = useState<RetireReason | ''>('');
  const [note, setNote] = useState('');
  return (
    <form
      aria-label="Retire"
      className="retire-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason) send({ to: 'retired', reason, note });
      }}
    >
      <h3>Retire</h3>
      <p>Ends the volunteer’s journey, at any stage. A coach who still coaches someone is re-paired first.</p>
      <FormErrors error={move.error} title="Could not retire" />
      <SelectField
        label="Why does the journey end?"
        value={reason}
        options={optionsOf(retireReasonLabels)}
        onChange={setReason}
        placeholder="Choose…"
      />
      <TextArea label="Note for retiring (optional)" maxLength={2000} value={note} onChange={setNote} rows={2} />
      <FormActions>
        <Button type="submit" variant="danger" disabled={!reason} busy={move.isPending} busyLabel="Saving…">
          Retire
        </Button>
      </FormActions>
    </form>
  );
}

function TrainingSection({ coachId }: { coachId: string }) {
  const when = useWhen();
  const program = useProgram();
  const training = useTrainingState(program.programId, coachId);
  return (
    <Section title="Training" id="applicant-training">
      <QueryView query={training} loadingLabel="Loading training…">
        {(t) => (
          <>
            <p>
              {t.isComplete && t.modulesPassed < t.modules.length
                ? `Recorded as complete by staff (${t.modulesPassed} of ${t.modules.length} quizzes taken in Kindred).`
                : `${t.modulesPassed} of ${t.modules.length} modules passed.`}{' '}
              Agreement: {t.agreement.signedAt ? `signed ${when.dateTime(t.agreement.signedAt)}` : 'not signed yet'}.
              {t.isComplete
                ? ' Training is complete: the coach can be paired.'
                : ' The coach cannot be paired until both are done.'}
            </p>
            <TableScroll label="Training modules table">
              <table className="table">
                <caption className="visually-hidden">Training modules</caption>
                <thead>
                  <tr>
                    <th scope="col">Module</th>
                    <th scope="col">Passed</th>
                    <th scope="col" className="num">
                      Attempts
                    </th>
                    <th scope="col">Last attempt</th>
                  </tr>
                </thead>
                <tbody>
                  {t.modules.map((m) => (
                    <tr key={m.key}>
                      <th scope="row">{m.title}</th>
                      <td>{m.isPassed ? 'Yes' : t.isComplete ? 'Recorded by staff' : 'Not yet'}</td>
                      <td className="num">{m.attempts}</td>
                      <td>
                        {m.lastAttempt
                          ? `${m.lastAttempt.correct} of ${m.lastAttempt.total} right, ${when.dateTime(m.lastAttempt.at)}`
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
      </QueryView>
    </Section>
  );
}

function ApplicationDetails({ applicant: a }: { applicant: ApplicantView }) {
  return (
    <Section title="Application" id="applicant-application">
      <DetailList
        items={[
          [
            'E-mail',
            <a key="e" href={`mailto:${a.email}`}>
              {a.email}
            </a>,
          ],
          ['Phone', a.phone],
          ['Gender', genderLabels[a.gender]],
          ['About me', a.aboutMe],
          ['My own pain and how I manage it', a.ownPain],
          ['Where the pain is', listOf(painLocationLabels, a.painLocations)],
          ['Days', listOf(dayLabels, a.availableDays)],
          ['Times of day', listOf(timeOfDayLabels, a.availableTimes)],
          ['Ways to meet', listOf(channelLabels, a.modalities)],
          ['Service branch', a.serviceBranch ? serviceBranchLabels[a.serviceBranch] : null],
          ['Service era', a.serviceEra ? serviceEraLabels[a.serviceEra] : null],
          ['Year of birth', a.birthYear === null ? null : String(a.birthYear)],
          ['Town', a.town],
          ['Languages', a.languages.length ? a.languages.join(', ') : null],
          [
            'Background check',
            a.backgroundCheckConsent === null ? undefined : a.backgroundCheckConsent ? 'Agreed' : 'Not agreed',
          ],
          ['Screening notes', a.screening ? a.screeningNote : undefined],
        ]}
      />
    </Section>
  );
}

function History({ applicant: a }: { applicant: ApplicantView }) {
  const when = useWhen();
  return (
    <Section title="History" id="applicant-history">
      <ol>
        {a.history.map((h, i) => (
          <li key={i}>
            {when.dateTime(h.at)}: {h.from ? `${stateLabels[h.from]} → ` : ''}
            {stateLabels[h.to]}
            {h.byName ? `, by ${h.byName}` : h.from === null ? ', on the public form' : ', after the coach’s own training'}
            {h.note ? `. ${h.note}` : ''}
          </li>
        ))}
      </ol>
    </Section>
  );
}
