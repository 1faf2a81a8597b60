import { useProgram } from '../../app/program';
import { QueryView } from '../../ui/feedback';
import { useProgramDetail } from '../programs/programs.api';
import { useParticipantContacts } from './contacts.api';
import { ContactList } from './ContactList';

/** One participant's contacts (for the participant record). */
export function ParticipantContacts({ participantId }: { participantId: string }) {
  const program = useProgram();
  const contacts = useParticipantContacts(program.programId, participantId);
  const detail = useProgramDetail(program.programId);
  return (
    <QueryView query={contacts} loadingLabel="Loading contacts…">
      {(list) => <ContactList contacts={list} topics={detail.data?.topics ?? []} />}
    </QueryView>
  );
}
