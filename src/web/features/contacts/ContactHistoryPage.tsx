import { useProgram } from '../../app/program';
import { useT } from '../../i18n/i18n';
import { ButtonLink } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { useProgramDetail } from '../programs/programs.api';
import { useToday } from '../tasks/tasks.api';
import { useRecentContacts } from './contacts.api';
import { ContactList } from './ContactList';

/** The coach's own contact history, newest first. */
export function ContactHistoryPage() {
  const program = useProgram();
  const t = useT();
  const contacts = useRecentContacts(program.programId, 200);
  const today = useToday(program.programId);
  const detail = useProgramDetail(program.programId);
  const names = new Map((today.data?.participants ?? []).map((p) => [p.id, `${p.givenName} ${p.familyName}`]));
  return (
    <Page
      title={t('staff.coach.contacts.title')}
      actions={<ButtonLink to={program.to('contacts/new')}>{t('staff.coach.contactForm.title')}</ButtonLink>}
    >
      <QueryView query={contacts} loadingLabel={t('staff.coach.contacts.loading')}>
        {(list) => (
          <ContactList
            contacts={list}
            topics={detail.data?.topics ?? []}
            nameOf={(id) => names.get(id) ?? t('staff.coach.contacts.formerParticipant')}
            headingLevel={2}
          />
        )}
      </QueryView>
    </Page>
  );
}
