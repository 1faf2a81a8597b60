import { useNavigate } from 'react-router';
import { useProgram } from '../../app/program';
import { Page } from '../../ui/Page';
import { coachBody, emptyCoach } from './coach-form';
import { CoachForm } from './CoachForm';
import { useCreateCoach } from './coaches.api';

export function NewCoachPage() {
  const program = useProgram();
  const navigate = useNavigate();
  const create = useCreateCoach(program.programId);
  return (
    <Page title="Add a coach" width="narrow">
      <CoachForm
        mode="create"
        initial={emptyCoach}
        busy={create.isPending}
        error={create.error}
        cancelTo={program.to('coaches')}
        onSubmit={(v) =>
          create.mutate(coachBody(v), {
            onSuccess: (c) => void navigate(program.to(`coaches/${c.id}`), { state: { notice: 'Coach added.' } }),
          })
        }
      />
    </Page>
  );
}
