import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { PairingEndReason } from '../../../core/pairings';
import { useProgram } from '../../app/program';
import { optionsOf } from '../../app/vocab';
import { Button } from '../../ui/controls';
import { Disclosure } from '../../ui/Disclosure';
import { FormActions, FormErrors, SelectField, TextArea, useServerRefusal } from '../../ui/form';
import { endReasonLabels, useEndPairing } from './pairings.api';

/** Ends the current pairing with a recorded reason (so re-matching can learn from it). */
export function EndPairingForm({ pairingId, coachName }: { pairingId: string; coachName: string }) {
  const program = useProgram();
  const end = useEndPairing(program.programId);
  const navigate = useNavigate();
  const location = useLocation();
  const [reason, setReason] = useState<PairingEndReason | ''>('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(end.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason) {
      setProblem('Choose why the pairing ends');
      return;
    }
    setProblem(undefined);
    // mutateAsync: this form unmounts as soon as the refreshed record shows no coach.
    void end.mutateAsync({ pairingId, reason, note: note.trim() }).then(
      () => navigate(location.pathname, { replace: true, state: { notice: `The pairing with ${coachName} has ended.` } }),
      () => undefined, // The error is on end.error and shown above the form.
    );
  };

  const fields = server.fields;

  return (
    <Disclosure className="panel" label={`End the pairing with ${coachName}`}>
      <form onSubmit={submit} noValidate>
        <FormErrors error={server.error} title="Could not end the pairing" labels={{ reason: 'Reason', note: 'Note' }} />
        <SelectField
          label="Why does the pairing end?"
          value={reason}
          placeholder="Choose a reason"
          options={optionsOf(endReasonLabels)}
          onChange={(r) => {
            server.edited('reason');
            setReason(r);
          }}
          error={problem ?? fields['reason']}
        />
        <TextArea
          label="Note (optional)"
          value={note}
          onChange={(text) => {
            server.edited('note');
            setNote(text);
          }}
          maxLength={500}
          error={fields['note']}
        />
        <FormActions>
          <Button type="submit" variant="danger" busy={end.isPending} busyLabel="Ending…">
            End pairing
          </Button>
        </FormActions>
      </form>
    </Disclosure>
  );
}
