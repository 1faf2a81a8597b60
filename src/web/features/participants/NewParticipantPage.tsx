import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useProgram } from '../../app/program';
import { todayOn } from '../../ui/dates';
import { Page } from '../../ui/Page';
import { emptyParticipant, newParticipantBody } from './participant-form';
import { ParticipantForm } from './ParticipantForm';
import { useCreateParticipant } from './participants.api';

export function NewParticipantPage() {
  const program = useProgram();
  const navigate = useNavigate();
  const create = useCreateParticipant(program.programId);
  const [initial] = useState(() => emptyParticipant(todayOn()));
  return (
    <Page title="Add a participant" width="narrow">
      <ParticipantForm
        mode="create"
        initial={initial}
        busy={create.isPending}
        error={create.error}
        cancelTo={program.to('participants')}
        onSubmit={(values) =>
          create.mutate(newParticipantBody(values), {
            onSuccess: (p) => void navigate(program.to(`participants/${p.id}`), { state: { notice: 'Participant added.' } }),
          })
        }
      />
    </Page>
  );
}
