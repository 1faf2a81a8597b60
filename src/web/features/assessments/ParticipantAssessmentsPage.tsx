import { useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { useParams } from 'react-router';
import type { InstrumentForm, ParticipantAssessments, ResponseView, ScheduleRowView } from '../../../core/assessments';
import { useProgram } from '../../app/program';
import { Badge, Button, DetailList, telHref } from '../../ui/controls';
import { Disclosure } from '../../ui/Disclosure';
import { Notice, QueryView } from '../../ui/feedback';
import { Choice, FormActions, FormErrors, RadioGroup } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { CrisisHelpLink } from '../safety';
import { useCreateLink, useEnterResponse, useParticipantAssessments, useResponseHistory } from './assessments.api';
import { answerErrorsOf, answersToSend, formAnswersOf, InstrumentFields, type FormAnswers } from './InstrumentFields';
import { bandLabel, formatNumber, methodLabels, stateLabels, stateTones } from './labels';
import { ScoreChart } from './ScoreCharts';
import './assessments.css';

/**
 * One participant's assessments for staff and assessors: the schedule with each timepoint's state,
 * entry of answers during a call, one-time links, scores over time against bands. Nothing about
 * coaching is shown (an assessor may be blind to the trial arm).
 */
export function ParticipantAssessmentsPage() {
  const { participantId = '' } = useParams();
  const program = useProgram();
  const data = useParticipantAssessments(program.programId, participantId);
  return (
    <QueryView query={data} loadingLabel="Loading assessments…">
      {(d) => <Assessments data={d} />}
    </QueryView>
  );
}

function Assessments({ data }: { data: ParticipantAssessments }) {
  const when = useWhen();
  const p = data.participant;
  const timepoints = data.schedule.map((s) => ({ key: s.key, label: s.label }));
  const scored = data.series.filter((s) => s.points.length > 0);
  return (
    <Page title={`Assessments: ${p.name}`}>
      <DetailList
        items={[
          ['Code', p.code],
          ['Phone', p.phone ? <a href={telHref(p.phone)}>{p.phone}</a> : null],
          ['E-mail', p.email],
          ['Enrolled', p.enrolledOn ? when.dateOn(p.enrolledOn) : null],
        ]}
      />
      {data.schedule.length === 0 ? <p>No assessments are scheduled before enrolment.</p> : null}
      {data.schedule.map((s) => (
        <TimepointSection
          key={s.key}
          participantId={p.id}
          row={s}
          forms={data.forms}
          hasEmail={p.email !== null}
          hasPhone={p.phone !== null}
        />
      ))}
      <Section title="Scores over time" id="assessment-scores">
        {scored.length === 0 ? (
          <p>No scores yet.</p>
        ) : (
          scored.map((s) => <ScoreChart key={s.instrumentId} series={s} timepoints={timepoints} />)
        )}
      </Section>
    </Page>
  );
}

const isOpen = (s: ScheduleRowView) => s.state === 'due' || s.state === 'overdue';

function windowWords(s: ScheduleRowView, dateOn: (on: string) => string): string {
  const closes = `to ${dateOn(s.closesOn)}`;
  return `Due ${dateOn(s.dueOn)}; open from ${dateOn(s.opensOn)} ${closes}.`;
}

function TimepointSection({
  participantId,
  row,
  forms,
  hasEmail,
  hasPhone,
}: {
  participantId: string;
  row: ScheduleRowView;
  forms: readonly InstrumentForm[];
  hasEmail: boolean;
  hasPhone: boolean;
}) {
  const when = useWhen();
  const id = `timepoint-${row.key}`;
  const canEnter = isOpen(row) || row.state === 'completed';
  return (
    <Section title={row.label} id={id}>
      <p>
        <Badge tone={stateTones[row.state]}>{stateLabels[row.state]}</Badge> {windowWords(row, when.dateOn)}
      </p>
      {row.state === 'missed' ? (
        <p>
          {row.missRecorded
            ? 'The window closed before every questionnaire was answered: recorded as missed. It stays missed even if the windows change, and late answers are not accepted.'
            : 'The window closed before every questionnaire was answered: it will be recorded as missed within a few minutes.'}
        </p>
      ) : null}
      <ul className="timepoint-list">
        {row.instruments.map((i) => {
          const form = forms.find((f) => f.id === i.id);
          return (
            <li key={i.id}>
              <h3>{i.title}</h3>
              {i.response ? <ResponseSummary participantId={participantId} response={i.response} /> : <p>Not answered yet.</p>}
              {form && (i.response ? true : canEnter && row.state !== 'completed') ? (
                <Disclosure label={`${i.response ? 'Correct' : 'Enter'} the ${i.title} answers`}>
                  <EntryForm participantId={participantId} timepointKey={row.key} form={form} response={i.response} />
                </Disclosure>
              ) : null}
            </li>
          );
        })}
      </ul>
      {isOpen(row) ? <LinkForm participantId={participantId} row={row} hasEmail={hasEmail} hasPhone={hasPhone} /> : null}
    </Section>
  );
}

function ResponseSummary({ participantId, response: r }: { participantId: string; response: ResponseView }) {
  const when = useWhen();
  const program = useProgram();
  const history = useResponseHistory(program.programId, participantId, r.id, r.version > 1);
  return (
    <>
      <p>
        Score <strong>{formatNumber(r.total)}</strong>
        {r.severity ? ` (${bandLabel(r.severity).toLowerCase()})` : ''}
        {r.total === null ? ': too many questions unanswered to score' : ''}. Entered {methodLabels[r.method]}
        {r.enteredByName ? ` by ${r.enteredByName}` : ''}, {when.dateTime(r.enteredAt)}
        {r.version > 1 ? ` (version ${r.version})` : ''}.
      </p>
      {r.version > 1 ? (
        <Disclosure label={`Earlier versions of the ${r.instrumentId} answers`}>
          <QueryView query={history} loadingLabel="Loading versions…">
            {(versions) => (
              <ol>
                {versions.map((v) => (
                  <li key={v.version}>
                    Version {v.version}: score {formatNumber(v.total)}, entered {methodLabels[v.method]}
                    {v.enteredByName ? ` by ${v.enteredByName}` : ''}, {when.dateTime(v.enteredAt)}.
                  </li>
                ))}
              </ol>
            )}
          </QueryView>
        </Disclosure>
      ) : null}
    </>
  );
}

function EntryForm({
  participantId,
  timepointKey,
  form,
  response,
}: {
  participantId: string;
  timepointKey: string;
  form: InstrumentForm;
  response: ResponseView | null;
}) {
  const program = useProgram();
  const enter = useEnterResponse(program.programId, participantId);
  const [answers, setAnswers] = useState<FormAnswers>(() => formAnswersOf(form, response?.answers));
  const [method, setMethod] = useState<'phone' | 'in_person'>('phone');
  const [saved, setSaved] = useState<{ total: number | null; severity: string | null; flagged: boolean } | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    enter.mutate(
      { timepointKey, instrumentId: form.id, method, answers: answersToSend(form, answers) },
      {
        onSuccess: (r) => setSaved({ total: r.response.total, severity: r.response.severity, flagged: r.safetyEventRaised }),
      },
    );
  };
  return (
    <form className="assessment-form" onSubmit={submit} noValidate aria-label={`${form.title} answers`}>
      <FormErrors error={enter.error} title={`Could not save the ${form.title} answers`} />
      {saved?.flagged ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__title">A safety event was raised</p>
          <p>
            An answer needs a person now. The coordinators were alerted. Stay with the participant, give the crisis line and tell
            the coordinator what was said. <CrisisHelpLink />
          </p>
        </div>
      ) : null}
      <p role="status" className={saved ? 'notice' : 'visually-hidden'}>
        {saved
          ? `Saved. Score ${formatNumber(saved.total)}${saved.severity ? ` (${bandLabel(saved.severity).toLowerCase()})` : ''}.`
          : ''}
      </p>
      <RadioGroup
        legend="How are the answers given?"
        name={`method-${timepointKey}-${form.id}`}
        options={[
          { value: 'phone', label: 'By phone' },
          { value: 'in_person', label: 'In person' },
        ]}
        value={method}
        onChange={setMethod}
      />
      {form.copyright ? <p className="muted">{form.copyright}</p> : null}
      <InstrumentFields
        form={form}
        answers={answers}
        onChange={(linkId, v) => setAnswers((a) => ({ ...a, [linkId]: v }))}
        errors={answerErrorsOf(enter.error, form)}
      />
      <FormActions>
        <Button type="submit" disabled={enter.isPending}>
          Save the {form.title} answers
        </Button>
      </FormActions>
    </form>
  );
}

function LinkForm({
  participantId,
  row,
  hasEmail,
  hasPhone,
}: {
  participantId: string;
  row: ScheduleRowView;
  hasEmail: boolean;
  hasPhone: boolean;
}) {
  const when = useWhen();
  const program = useProgram();
  const create = useCreateLink(program.programId, participantId);
  const [sendEmail, setSendEmail] = useState(hasEmail);
  const [sendText, setSendText] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ timepointKey: row.key, sendEmail, sendText });
  };
  const sent = create.data
    ? [create.data.emailed ? 'e-mailed' : null, create.data.texted ? 'texted' : null].filter(Boolean).join(' and ')
    : '';
  return (
    <form onSubmit={submit} noValidate aria-label={`One-time link for ${row.label}`}>
      <h3>Or let the participant answer on his or her own</h3>
      {row.linkExpiresAt ? (
        <p>A link sent earlier works until {when.dateTime(row.linkExpiresAt)}; a new one replaces it.</p>
      ) : null}
      <FormErrors error={create.error} title="Could not make the link" />
      {create.data ? (
        <Notice>
          {sent ? `The link was ${sent} to the participant. ` : 'Give the participant this link (read it out or send it). '}
          It works once, until {when.dateTime(create.data.expiresAt)}: <span className="assessment-link">{create.data.url}</span>
        </Notice>
      ) : null}
      {hasEmail ? <Choice label="E-mail the link to the participant" checked={sendEmail} onChange={setSendEmail} /> : null}
      {hasPhone ? <Choice label="Text the link to the participant’s phone" checked={sendText} onChange={setSendText} /> : null}
      <FormActions>
        <Button type="submit" variant="secondary" disabled={create.isPending}>
          Make a one-time link for {row.label}
        </Button>
      </FormActions>
    </form>
  );
}
