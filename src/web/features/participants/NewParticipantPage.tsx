import { useState } from 'react';
import { useWhen } from '../../app/when';
import { useNavigate } from 'react-router';
import { useProgram } from '../../app/program';
import { Page } from '../../ui/Page';
import { DuplicateWarning, likelyDuplicatesOf } from './DuplicateWarning';
import { emptyParticipant, newParticipantBody } from './participant-form';
import { ParticipantForm } from './ParticipantForm';
import { useCreateParticipant, type NewParticipantBody } from './participants.api';

export function NewParticipantPage() {
  const when = useWhen();
  const program = useProgram();
  const navigate = useNavigate();
  const create = useCreateParticipant(program.programId);
  const [initial] = useState(() => emptyParticipant(when.today()));
  // The body last sent: "Add anyway" sends it again, confirmed.
  const [sent, setSent] = useState<NewParticipantBody | null>(null);
  const send = (body: NewParticipantBody) => {
    setSent(body);
    create.mutate(body, {
      onSuccess: (p) => void navigate(program.to(`participants/${p.id}`), { state: { notice: 'Participant added.' } }),
    });
  };
  const duplicates = likelyDuplicatesOf(create.error);
  return (
    <Page title="Add a participant" width="narrow">
      {duplicates && sent ? (
        <DuplicateWarning
          matches={duplicates}
          busy={create.isPending}
          onConfirm={() => send({ ...sent, confirmDuplicate: true })}
        />
      ) : null}
      <ParticipantForm
        mode="create"
        initial={initial}
        busy={create.isPending}
        error={duplicates ? null : create.error}
        cancelTo={program.to('participants')}
        onSubmit={(values) => send(newParticipantBody(values))}
      />
    </Page>
  );
}
