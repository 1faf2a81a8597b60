import { useNavigate, useSearchParams } from 'react-router';
import { useProgram } from '../../app/program';
import { Empty, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { useProgramDetail } from '../programs';
import { useToday } from '../tasks';
import { ContactForm } from './ContactForm';

/** The coach's "Log a contact" page; after saving it returns to Today, where the task has gone. */
export function LogContactPage() {
  const program = useProgram();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const today = useToday(program.programId);
  const detail = useProgramDetail(program.programId);
  const participantId = params.get('participant') ?? '';
  return (
    <Page title="Log a contact" width="narrow">
      <QueryView query={today} loadingLabel="Loading your participants…">
        {(t) =>
          t.participants.length === 0 ? (
            <Empty>You have no participants to log a contact for.</Empty>
          ) : (
            <QueryView query={detail}>
              {(d) => {
                const people = t.participants.map((p) => ({
                  id: p.id,
                  name: `${p.givenName} ${p.familyName}`,
                  preferredChannel: p.preferredChannel,
                }));
                return (
                  <ContactForm
                    programId={program.programId}
                    people={people}
                    topics={d.topics}
                    initialParticipantId={participantId}
                    cancelTo={program.to('today')}
                    onSaved={(c) => {
                      const name = people.find((p) => p.id === c.participantId)?.name ?? 'the participant';
                      void navigate(program.to('today'), { state: { notice: `Contact with ${name} saved.` } });
                    }}
                  />
                );
              }}
            </QueryView>
          )
        }
      </QueryView>
    </Page>
  );
}
