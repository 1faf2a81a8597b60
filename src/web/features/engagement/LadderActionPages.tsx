import { useState, type FormEvent, type ReactNode } from 'react';
import { useWhen } from '../../app/when';
import { useNavigate, useParams } from 'react-router';
import type { CheckInFinding, DecisionInput, PairHelpView } from '../../../core/engagement';
import type { WithdrawalReason } from '../../../core/participants';
import { useProgram } from '../../app/program';
import { optionsOf } from '../../app/vocab';
import { Button, ButtonLink, DetailList, telHref } from '../../ui/controls';
import { ErrorAlert, QueryView } from '../../ui/feedback';
import {
  CheckboxGroup,
  FormActions,
  FormErrors,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  useServerRefusal,
} from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { withdrawalReasonLabels } from '../participants/labels';
import { useCheckInCall, useLadderEvents, usePair, useRecordCheckInCall, useRecordDecision } from './engagement.api';
import { findingLabels, ladderStateLabels, rePairReasonLabels, type LadderStateKey } from './labels';
import './engagement.css';

/** Loads the pair named in the address from "Pairs that need help". */
function WithPair({ title, children }: { title: string; children: (pair: PairHelpView) => ReactNode }) {
  const program = useProgram();
  const { pairingId = '' } = useParams();
  const pair = usePair(program.programId, pairingId);
  return (
    <Page title={title} width="narrow">
      <QueryView query={pair} loadingLabel="Loading the pair…">
        {(pair) => {
          return pair ? (
            children(pair)
          ) : (
            <ErrorAlert error={{ message: 'This pair is no longer active.' }} title="Not available" />
          );
        }}
      </QueryView>
    </Page>
  );
}

function PairSummary({ pair: p }: { pair: PairHelpView }) {
  const when = useWhen();
  return (
    <DetailList
      items={[
        ['Participant', p.participantName],
        ['Coach', p.coachName],
        ['Step', ladderStateLabels[p.step as LadderStateKey]],
        ['Last reached', p.lastReachedAt ? when.dateTime(p.lastReachedAt) : 'Never'],
        ['Days quiet', String(p.daysQuiet)],
        ['Attempts since', String(p.attemptsSince)],
      ]}
    />
  );
}

/**
 * Step 3 of the ladder: staff call the participant and the coach (their numbers are on the page,
 * as call links), and write down whom they reached, or that they reached no one, and what they learnt.
 */
export function CheckInCallPage() {
  return <WithPair title="Record a check-in call">{(pair) => <CheckInForm pair={pair} />}</WithPair>;
}

/** The two people to call, each with a call link, or a plain word when no number is on record. */
function NumbersToCall({ pairingId }: { pairingId: string }) {
  const program = useProgram();
  const call = useCheckInCall(program.programId, pairingId);
  return (
    <Section title="Numbers to call" id="check-in-numbers">
      <QueryView query={call} loadingLabel="Loading the phone numbers…">
        {(c) => (
          <ul className="plain-list call-list">
            {[
              { who: c.participant, role: 'Participant' },
              { who: c.coach, role: 'Coach' },
            ].map(({ who, role }) => (
              <li key={who.id} className="call-list__item">
                <span>
                  {role}: <strong>{who.name}</strong>
                </span>
                {who.phone ? (
                  <a className="button button--secondary" href={telHref(who.phone)}>
                    Call {who.name} on <span className="call-list__number">{who.phone}</span>
                  </a>
                ) : (
                  <span>No phone number on record.</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Section>
  );
}

type Reached = 'both' | 'participant' | 'coach' | 'no_one';

/** A setter that also drops the server's refusal of its field, once the answer changes (issue #16). */
function clearing<V>(server: { edited: (key: string) => void }, key: string, set: (value: V) => void) {
  return (value: V) => {
    server.edited(key);
    set(value);
  };
}

function CheckInForm({ pair }: { pair: PairHelpView }) {
  const program = useProgram();
  const navigate = useNavigate();
  const save = useRecordCheckInCall(program.programId, pair.pairingId);
  const [reached, setReached] = useState<Reached | ''>('');
  const [findings, setFindings] = useState<CheckInFinding[]>([]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Record<string, string>>({});
  const server = useServerRefusal(save.error);
  const reachedNoOne = reached === 'no_one';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!reached) missing['reached'] = 'Choose whom you reached, or "Reached no one"';
    if (reached && !reachedNoOne && findings.length === 0) missing['findings'] = 'Choose at least one';
    if (findings.includes('other') && !note.trim()) missing['note'] = 'Say what "something else" was';
    setProblem(missing);
    if (Object.keys(missing).length > 0 || !reached) return;
    const body = {
      reachedParticipant: reached === 'both' || reached === 'participant',
      reachedCoach: reached === 'both' || reached === 'coach',
      findings,
      note: note.trim(),
    };
    void save.mutateAsync(body).then(
      () =>
        navigate(program.to('pairs'), {
          state: {
            notice: reachedNoOne
              ? `Check-in call for ${pair.participantName} recorded: no one reached.`
              : `Check-in call for ${pair.participantName} recorded.`,
          },
        }),
      () => undefined,
    );
  };
  const fields = { ...server.fields, ...problem };
  const reachedOptions: { value: Reached; label: string; hint?: string }[] = [
    { value: 'both', label: `Both ${pair.participantName} and ${pair.coachName}` },
    { value: 'participant', label: `Only ${pair.participantName}` },
    { value: 'coach', label: `Only ${pair.coachName}` },
    {
      value: 'no_one',
      label: 'Reached no one',
      hint: 'The call is recorded as tried; if the pair stays quiet, the decision comes on its date.',
    },
  ];
  return (
    <>
      <PairSummary pair={pair} />
      <NumbersToCall pairingId={pair.pairingId} />
      <form onSubmit={submit} noValidate>
        <FormErrors
          error={server.error}
          title="Could not record the call"
          labels={{ reached: 'Whom you reached', findings: 'What you learnt', note: 'Note' }}
        />
        <RadioGroup<Reached>
          legend="Whom did you reach?"
          name="reached"
          options={reachedOptions}
          value={reached}
          onChange={clearing(server, 'reached', setReached)}
          error={fields['reached']}
        />
        <CheckboxGroup
          legend={reachedNoOne ? 'What did you learn? (optional)' : 'What did you learn?'}
          options={optionsOf(findingLabels)}
          values={findings}
          onChange={clearing(server, 'findings', setFindings)}
          error={fields['findings']}
          columns
        />
        <TextArea
          label="Note (optional)"
          value={note}
          onChange={clearing(server, 'note', setNote)}
          maxLength={2000}
          error={fields['note']}
        />
        <FormActions>
          <Button type="submit" busy={save.isPending} busyLabel="Saving…">
            Save check-in call
          </Button>
          <ButtonLink variant="quiet" to={program.to('pairs')}>
            Cancel
          </ButtonLink>
        </FormActions>
      </form>
    </>
  );
}

const outcomeLabels = {
  re_pair: 'Find a new coach (re-pair)',
  pause: 'Pause the pair until a date',
  withdraw: 'Withdraw the participant',
} as const;
type Outcome = keyof typeof outcomeLabels;

/** Step 4 of the ladder: staff decide what happens to a pair that stayed quiet, with a reason. */
export function DecisionPage() {
  return <WithPair title="Decide for a quiet pair">{(pair) => <DecisionForm pair={pair} />}</WithPair>;
}

function DecisionForm({ pair }: { pair: PairHelpView }) {
  const when = useWhen();
  const program = useProgram();
  const navigate = useNavigate();
  const save = useRecordDecision(program.programId, pair.pairingId);
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [rePairReason, setRePairReason] = useState<keyof typeof rePairReasonLabels | ''>('');
  const [withdrawReason, setWithdrawReason] = useState<WithdrawalReason | ''>('');
  const [until, setUntil] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Record<string, string>>({});
  const server = useServerRefusal(save.error);

  const body = (): DecisionInput | null => {
    if (outcome === 're_pair' && rePairReason) return { outcome, reason: rePairReason, note: note.trim() };
    if (outcome === 'pause' && until && note.trim().length >= 3) return { outcome, until, note: note.trim() };
    if (outcome === 'withdraw' && withdrawReason) return { outcome, reason: withdrawReason, note: note.trim() };
    return null;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!outcome) missing['outcome'] = 'Choose what happens next';
    if (outcome === 're_pair' && !rePairReason) missing['reason'] = 'Choose a reason';
    if (outcome === 'withdraw' && !withdrawReason) missing['reason'] = 'Choose a reason';
    if (outcome === 'pause' && !until) missing['until'] = 'Choose the date the pause ends';
    if (outcome === 'pause' && note.trim().length < 3) missing['note'] = 'Say why the pair pauses';
    setProblem(missing);
    const b = body();
    if (Object.keys(missing).length > 0 || !b) return;
    const done = {
      re_pair: `${pair.participantName} is waiting for a new coach.`,
      pause: `The pair is paused until ${when.dateOn(until)}.`,
      withdraw: `${pair.participantName} has been withdrawn.`,
    }[b.outcome];
    void save.mutateAsync(b).then(
      () => navigate(program.to('pairs'), { state: { notice: done } }),
      () => undefined,
    );
  };
  const fields = { ...server.fields, ...problem };
  return (
    <>
      <PairSummary pair={pair} />
      <CheckInHistory pairingId={pair.pairingId} />
      <form onSubmit={submit} noValidate>
        <FormErrors
          error={server.error}
          title="Could not record the decision"
          labels={{ outcome: 'What happens next', reason: 'Reason', until: 'Pause until', note: 'Note' }}
        />
        <RadioGroup
          legend="What happens next?"
          name="outcome"
          options={optionsOf(outcomeLabels)}
          value={outcome}
          onChange={clearing(server, 'outcome', setOutcome)}
          error={fields['outcome']}
        />
        {outcome === 're_pair' ? (
          <SelectField
            label="Why a new coach?"
            value={rePairReason}
            placeholder="Choose a reason"
            options={optionsOf(rePairReasonLabels)}
            onChange={clearing(server, 'reason', setRePairReason)}
            error={fields['reason']}
          />
        ) : null}
        {outcome === 'withdraw' ? (
          <SelectField
            label="Why withdraw?"
            value={withdrawReason}
            placeholder="Choose a reason"
            options={optionsOf(withdrawalReasonLabels)}
            onChange={clearing(server, 'reason', setWithdrawReason)}
            error={fields['reason']}
          />
        ) : null}
        {outcome === 'pause' ? (
          <TextField
            label="Pause until"
            type="date"
            value={until}
            onChange={clearing(server, 'until', setUntil)}
            error={fields['until']}
          />
        ) : null}
        <TextArea
          label={outcome === 'pause' ? 'Why does the pair pause?' : 'Note (optional)'}
          value={note}
          onChange={clearing(server, 'note', setNote)}
          maxLength={2000}
          error={fields['note']}
        />
        <FormActions>
          <Button type="submit" busy={save.isPending} busyLabel="Saving…">
            Save decision
          </Button>
          <ButtonLink variant="quiet" to={program.to('pairs')}>
            Cancel
          </ButtonLink>
        </FormActions>
      </form>
    </>
  );
}

/** What earlier check-in calls on this pair found, to decide with. */
function CheckInHistory({ pairingId }: { pairingId: string }) {
  const when = useWhen();
  const program = useProgram();
  const events = useLadderEvents(program.programId, pairingId);
  const calls = (events.data ?? []).filter((e) => e.step === 'check_in' && e.actedAt);
  if (calls.length === 0) return null;
  return (
    <Section title="Check-in calls" id="decision-check-ins">
      <ul className="plain-list">
        {calls.map((c) => (
          <li key={c.id}>
            {when.dateTime(c.actedAt!)}: {c.findings.map((f) => findingLabels[f]).join(', ')}
            {c.reachedParticipant === false && c.reachedCoach === false
              ? `${c.findings.length > 0 ? ' ' : ''}(reached no one)`
              : `${c.reachedParticipant === false ? ' (participant not reached)' : ''}${c.reachedCoach === false ? ' (coach not reached)' : ''}`}
            {c.note ? ` — ${c.note}` : ''}
          </li>
        ))}
      </ul>
    </Section>
  );
}
