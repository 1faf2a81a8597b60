import { useNavigate, useSearchParams } from 'react-router';
import { useProgram } from '../../app/program';
import { useT } from '../../i18n/i18n';
import { Empty, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { BestTimes } from '../engagement';
import { SafetyConcernLink } from '../safety';
import { useProgramDetail } from '../programs/programs.api';
import { useLoggableParticipants } from './contacts.api';
import { ContactForm } from './ContactForm';

/**
 * "Log a contact": a coach returns to Today afterwards, where the task has gone; staff (who log for
 * any active participant) return to the participant's record.
 */
export function LogContactPage() {
  const program = useProgram();
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Staff log for anyone active; a coach who is also staff is treated as staff here.
  const isStaff = program.can('participant:update');
  const loggable = useLoggableParticipants(program.programId, isStaff);
  const detail = useProgramDetail(program.programId);
  const participantId = params.get('participant') ?? '';
  return (
    <Page
      title={t('staff.coach.contactForm.title')}
      width="narrow"
      actions={<SafetyConcernLink participantId={participantId || undefined} />}
    >
      <QueryView query={loggable} loadingLabel={t('staff.coach.contactForm.loading')}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t(isStaff ? 'staff.coach.contactForm.noneForStaff' : 'staff.coach.contactForm.noneForCoach')}</Empty>
          ) : (
            <QueryView query={detail}>
              {(d) => {
                const people = list.flatMap((p) =>
                  p.view === 'full' || p.view === 'coaching'
                    ? [
                        {
                          id: p.id,
                          name: `${p.givenName} ${p.familyName}`,
                          preferredChannel: p.preferredChannel,
                        },
                      ]
                    : [],
                );
                const chosen = people.find((p) => p.id === participantId);
                return (
                  <>
                    <ContactForm
                      programId={program.programId}
                      people={people}
                      topics={d.topics}
                      initialParticipantId={participantId}
                      cancelTo={
                        isStaff
                          ? program.to(participantId ? `participants/${participantId}` : 'participants')
                          : program.to('today')
                      }
                      onSaved={(c) => {
                        const id = c.isQueued ? c.participantId : c.contact.participantId;
                        const name = people.find((p) => p.id === id)?.name ?? t('staff.coach.contactForm.theParticipant');
                        const back = isStaff ? program.to(`participants/${id}`) : program.to('today');
                        const notice = c.isQueued
                          ? t('staff.coach.contactForm.queued', { name })
                          : t('staff.coach.contactForm.saved', { name });
                        void navigate(back, { state: { notice } });
                      }}
                    />
                    {chosen && program.can('outreach:suggest') ? (
                      <BestTimes programId={program.programId} participantId={chosen.id} name={chosen.name} />
                    ) : null}
                  </>
                );
              }}
            </QueryView>
          )
        }
      </QueryView>
    </Page>
  );
}
