import { useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { useLocation, useNavigate } from 'react-router';
import { checkStatusChange, type ParticipantStatus, type StatusChange, type WithdrawalReason } from '../../../core/participants';
import { useProgram } from '../../app/program';
import { optionsOf, participantStatusLabels } from '../../app/vocab';
import { Button } from '../../ui/controls';
import { FormActions, FormErrors, RadioGroup, SelectField, TextField, useServerRefusal } from '../../ui/form';
import { withdrawalReasonLabels } from './labels';
import { useChangeStatus, type FullParticipant } from './participants.api';

type Target = StatusChange['status'];

const targetOptions = {
  enrolled: { label: 'Enrolled', hint: 'Has agreed to take part and can be paired with a coach.' },
  completed: { label: 'Completed', hint: 'Has finished the program.' },
  withdrawn: { label: 'Withdrawn', hint: 'Has left the program before the end.' },
} as const satisfies Record<Target, { label: string; hint: string }>;

/** The status changes the program's rules allow from here (the same pure rule the server applies). */
export function allowedTargets(from: ParticipantStatus): Target[] {
  return (Object.keys(targetOptions) as Target[]).filter((to) => {
    try {
      checkStatusChange(from, to);
      return true;
    } catch {
      return false;
    }
  });
}

export function StatusChangeForm({ participant }: { participant: FullParticipant }) {
  const when = useWhen();
  const program = useProgram();
  const change = useChangeStatus(program.programId, participant.id);
  const navigate = useNavigate();
  const location = useLocation();
  const targets = allowedTargets(participant.status);
  const [to, setTo] = useState<Target | ''>('');
  const [on, setOn] = useState(when.today());
  const [reason, setReason] = useState<WithdrawalReason | ''>('');
  const [problem, setProblem] = useState<Record<string, string>>({});
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(change.error);

  if (targets.length === 0) {
    return <p>{participantStatusLabels[participant.status]}: the status cannot change any more.</p>;
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p: Record<string, string> = {};
    if (!to) p['status'] = 'Choose the new status';
    if (!on) p['on'] = 'Enter the date of the change';
    if (to === 'withdrawn' && !reason) p['reason'] = 'Choose a reason';
    setProblem(p);
    if (Object.keys(p).length > 0 || !to) return;
    const body: StatusChange = to === 'withdrawn' ? { status: to, on, reason: reason as WithdrawalReason } : { status: to, on };
    // The form may unmount when the new status allows no further change, so confirm with a page notice.
    void change.mutateAsync(body).then(
      (p) => {
        setTo('');
        setReason('');
        void navigate(location.pathname, {
          replace: true,
          state: { notice: `Status changed to ${participantStatusLabels[p.status]}.` },
        });
      },
      () => undefined,
    );
  };
  const fields = { ...server.fields, ...problem };

  return (
    <form onSubmit={submit} noValidate>
      <FormErrors
        error={server.error}
        title="Could not change the status"
        labels={{ status: 'New status', on: 'Date', reason: 'Reason' }}
      />
      <RadioGroup
        legend="New status"
        name="new-status"
        options={targets.map((t) => ({ value: t, ...targetOptions[t] }))}
        value={to}
        onChange={(t) => {
          server.edited('status');
          setTo(t);
        }}
        error={fields['status']}
      />
      <TextField
        label="Date of the change"
        type="date"
        className="field--short"
        value={on}
        max={when.today()}
        onChange={(d) => {
          server.edited('on');
          setOn(d);
        }}
        error={fields['on']}
      />
      {to === 'withdrawn' ? (
        <SelectField
          label="Reason for leaving"
          value={reason}
          placeholder="Choose a reason"
          options={optionsOf(withdrawalReasonLabels)}
          onChange={(r) => {
            server.edited('reason');
            setReason(r);
          }}
          error={fields['reason']}
        />
      ) : null}
      <FormActions>
        <Button type="submit" variant={to === 'withdrawn' ? 'danger' : 'secondary'} busy={change.isPending} busyLabel="Saving…">
          Change status
        </Button>
      </FormActions>
    </form>
  );
}
