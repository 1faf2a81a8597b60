import { useNavigate, useParams } from 'react-router';
import type { CoachView } from '../../../core/coaches';
import { useProgram } from '../../app/program';
import { QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { coachBody, coachValuesOf } from './coach-form';
import { CoachForm } from './CoachForm';
import { coachName, useCoach, useUpdateCoach } from './coaches.api';

export function EditCoachPage() {
  const program = useProgram();
  const { coachId = '' } = useParams();
  const coach = useCoach(program.programId, coachId);
  return (
    <Page title={coach.data ? `Edit ${coachName(coach.data)}` : 'Edit coach'} width="narrow">
      <QueryView query={coach}>{(c) => <EditForm coach={c} />}</QueryView>
    </Page>
  );
}

function EditForm({ coach }: { coach: CoachView }) {
  const program = useProgram();
  const navigate = useNavigate();
  const update = useUpdateCoach(program.programId, coach.id);
  const recordPath = program.to(`coaches/${coach.id}`);
  return (
    <CoachForm
      mode="edit"
      initial={coachValuesOf(coach)}
      busy={update.isPending}
      error={update.error}
      cancelTo={recordPath}
      onSubmit={(v) =>
        update.mutate(coachBody(v), { onSuccess: () => void navigate(recordPath, { state: { notice: 'Changes saved.' } }) })
      }
    />
  );
}
