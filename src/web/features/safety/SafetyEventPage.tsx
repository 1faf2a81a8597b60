import { useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { Link, useParams } from 'react-router';
import { dialString, safetyTriggerWords, type SafetyEventView } from '../../../core/safety';
import { useProgram } from '../../app/program';
import { Badge, Button, DetailList } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, TextArea, TextField, useServerRefusal } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { durationWords, followUpStatusLabels, followUpStatusTones, safetyCategoryLabels, safetyStateLabels } from './labels';
import { useAcknowledge, useCloseEvent, useRecordFollowUp, useSafetyEvent } from './safety.api';
import './safety.css';

const roleWords = { coach: 'coach', staff: 'staff', participant: 'participant', system: 'found by Kindred' } as const;

/** One safety event for staff: the facts, then acknowledge, record follow-ups, close. */
export function SafetyEventPage() {
  const program = useProgram();
  const { eventId = '' } = useParams();
  const event = useSafetyEvent(program.programId, eventId);
  const [status, setStatus] = useState('');
  return (
    <Page title="Safety event" width="narrow">
      <p role="status" className={status ? 'notice' : 'visually-hidden'}>
        {status}
      </p>
      <QueryView query={event} loadingLabel="Loading the safety event…">
        {(e) => <EventBody event={e} onDone={setStatus} />}
      </QueryView>
    </Page>
  );
}

function EventBody({ event: e, onDone }: { event: SafetyEventView; onDone: (status: string) => void }) {
  const when = useWhen();
  const program = useProgram();
  const acknowledge = useAcknowledge(program.programId, e.id);
  const raisedBy =
    e.raisedByRole === 'system'
      ? roleWords.system
      : `${e.raisedByName ?? 'Someone without an account'} (${roleWords[e.raisedByRole]})`;
  return (
    <>
      <p className="page__intro">
        <Badge tone={e.state === 'closed' ? 'good' : e.state === 'open' ? 'bad' : 'warning'}>{safetyStateLabels[e.state]}</Badge>{' '}
        {e.state !== 'closed' || e.timings.followUpStatus !== 'pending' ? (
          <Badge tone={followUpStatusTones[e.timings.followUpStatus]}>{followUpStatusLabels[e.timings.followUpStatus]}</Badge>
        ) : null}
      </p>
      {e.participantPhone ? (
        <p className="safety-call">
          <a className="button button--primary crisis__action" href={`tel:${dialString(e.participantPhone)}`}>
            Call {e.participantName}: {e.participantPhone}
          </a>
        </p>
      ) : (
        <p className="safety-call">No phone number on file for {e.participantName}.</p>
      )}
      <div className="safety-facts">
        <DetailList
          items={[
            ['What happened', safetyTriggerWords(e)],
            ['Participant', <Link to={program.to(`participants/${e.participantId}`)}>{e.participantName}</Link>],
            ['Code', e.participantCode],
            ['Coach', e.coachId ? <Link to={program.to(`coaches/${e.coachId}`)}>{e.coachName}</Link> : 'No coach'],
            ['Raised', `${when.dateTime(e.raisedAt)}, ${raisedBy}`],
            ['What they said happened', e.category ? safetyCategoryLabels[e.category] : undefined],
            ['Note', e.note || undefined],
            [
              'Pressed by mistake',
              e.details.mistakeReportedAt
                ? `The participant told us at ${when.dateTime(e.details.mistakeReportedAt)} that it was pressed by mistake. Check in with them.`
                : undefined,
            ],
            [
              'Acknowledged',
              e.acknowledgedAt
                ? `${when.dateTime(e.acknowledgedAt)} by ${e.acknowledgedByName ?? 'staff'} (after ${durationWords(e.timings.minutesToAcknowledge)})`
                : 'Not yet',
            ],
            ['Follow-up due by', when.dateTime(e.timings.followUpDueAt)],
            [
              'Closed',
              e.closedAt
                ? `${when.dateTime(e.closedAt)} by ${e.closedByName ?? 'staff'}${e.closeNote ? `: ${e.closeNote}` : ''}`
                : undefined,
            ],
          ]}
        />
      </div>
      {e.steps.includes('acknowledge') ? (
        <Section title="Acknowledge" id="safety-acknowledge">
          <p>Acknowledge to let others know you are handling this. The time to acknowledgement is recorded.</p>
          <FormErrors error={acknowledge.error} title="Could not acknowledge" />
          <Button
            busy={acknowledge.isPending}
            busyLabel="Acknowledging…"
            onClick={() =>
              acknowledge.mutate(undefined, { onSuccess: () => onDone('Acknowledged. Record the follow-up when it is done.') })
            }
          >
            Acknowledge
          </Button>
        </Section>
      ) : null}
      <Section title="Follow-ups" id="safety-follow-ups">
        {e.followUps.length === 0 ? (
          <p className="muted">No follow-up recorded yet.</p>
        ) : (
          <ul className="safety-timeline">
            {e.followUps.map((f) => (
              <li key={f.id} className="card">
                <p className="card__meta">
                  {when.dateTime(f.doneAt)}, recorded by {f.recordedByName}
                </p>
                <p>{f.action}</p>
                {f.referredTo ? <p>Referred to: {f.referredTo}</p> : null}
              </li>
            ))}
          </ul>
        )}
        {e.steps.includes('follow_up') ? <FollowUpForm eventId={e.id} onDone={onDone} /> : null}
      </Section>
      {e.steps.includes('close') ? <CloseForm eventId={e.id} onDone={onDone} /> : null}
    </>
  );
}

function FollowUpForm({ eventId, onDone }: { eventId: string; onDone: (status: string) => void }) {
  const program = useProgram();
  // The "When" field is on the program's clock (issue #16), named when the device is elsewhere.
  const clock = useWhen();
  const save = useRecordFollowUp(program.programId, eventId);
  const [when, setWhen] = useState(() => clock.toInput(new Date()));
  const [action, setAction] = useState('');
  const [referredTo, setReferredTo] = useState('');
  const [problem, setProblem] = useState<Record<string, string>>({});
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(save.error);
  const editing =
    (key: string, setter: (value: string) => void) =>
    (value: string): void => {
      server.edited(key);
      setter(value);
    };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const missing: Record<string, string> = {};
    const doneAt = clock.fromInput(when);
    if (!doneAt) missing['doneAt'] = 'Say when it was done';
    if (action.trim().length < 3) missing['action'] = 'Say what was done';
    setProblem(missing);
    if (!doneAt || Object.keys(missing).length > 0) return;
    void save.mutateAsync({ doneAt, action: action.trim(), referredTo: referredTo.trim() }).then(
      () => {
        setAction('');
        setReferredTo('');
        onDone('Follow-up saved.');
      },
      () => undefined,
    );
  };
  const fields = { ...server.fields, ...problem };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="safety-follow-up-form">
      <h3 id="safety-follow-up-form">Record a follow-up</h3>
      <FormErrors
        error={server.error}
        title="Could not save the follow-up"
        labels={{ doneAt: 'When', action: 'What was done', referredTo: 'Referred to' }}
      />
      <TextField
        label="When"
        type="datetime-local"
        value={when}
        onChange={editing('doneAt', setWhen)}
        error={fields['doneAt']}
        {...(clock.zoneElsewhere ? { hint: `In ${clock.zoneElsewhere}.` } : {})}
      />
      <TextArea
        label="What was done"
        hint="For example: who called whom, what they agreed, whether the person is safe."
        value={action}
        onChange={editing('action', setAction)}
        maxLength={2000}
        error={fields['action']}
      />
      <TextField
        label="Referred to (optional)"
        hint="For example: the Veterans Crisis Line, the VA Suicide Prevention Coordinator, primary care."
        value={referredTo}
        onChange={editing('referredTo', setReferredTo)}
        maxLength={200}
        error={fields['referredTo']}
      />
      <FormActions>
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save follow-up
        </Button>
      </FormActions>
    </form>
  );
}

function CloseForm({ eventId, onDone }: { eventId: string; onDone: (status: string) => void }) {
  const program = useProgram();
  const close = useCloseEvent(program.programId, eventId);
  const [note, setNote] = useState('');
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    close.mutate(note.trim(), { onSuccess: () => onDone('Safety event closed.') });
  };
  return (
    <Section title="Close" id="safety-close">
      <form onSubmit={submit} noValidate>
        <p>Close the event once the follow-up is done and nothing more is needed.</p>
        <FormErrors error={close.error} title="Could not close" />
        <TextArea label="Closing note (optional)" value={note} onChange={setNote} maxLength={2000} />
        <FormActions>
          <Button type="submit" busy={close.isPending} busyLabel="Closing…">
            Close the event
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
