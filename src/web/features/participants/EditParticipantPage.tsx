import { useNavigate, useParams } from 'react-router';
import { useProgram } from '../../app/program';
import { ErrorAlert, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { participantUpdateBody, valuesOf } from './participant-form';
import { ParticipantForm } from './ParticipantForm';
import { participantName, useParticipant, useUpdateParticipant, type FullParticipant } from './participants.api';

export function EditParticipantPage() {
  const program = useProgram();
  const { participantId = '' } = useParams();
  const participant = useParticipant(program.programId, participantId);
  const title = participant.data ? `Edit ${participantName(participant.data)}` : 'Edit participant';
  return (
    <Page title={title} width="narrow">
      <QueryView query={participant}>
        {(p) =>
          p.view === 'full' ? (
            <EditForm participant={p} />
          ) : (
            <ErrorAlert error={{ message: 'You cannot edit this record.' }} title="Not available" />
          )
        }
      </QueryView>
    </Page>
  );
}

function EditForm({ participant }: { participant: FullParticipant }) {
  const program = useProgram();
  const navigate = useNavigate();
  const update = useUpdateParticipant(program.programId, participant.id);
  const recordPath = program.to(`participants/${participant.id}`);
  return (
    <ParticipantForm
      mode="edit"
      initial={valuesOf(participant)}
      busy={update.isPending}
      error={update.error}
      cancelTo={recordPath}
      onSubmit={(values) =>
        update.mutate(participantUpdateBody(values), {
          onSuccess: () => void navigate(recordPath, { state: { notice: 'Changes saved.' } }),
        })
      }
    />
  );
}
