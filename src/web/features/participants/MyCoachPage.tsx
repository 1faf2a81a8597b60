import { Link } from 'react-router';
import { useWhen } from '../../app/when';
import { useProgram } from '../../app/program';
import { ButtonLink, telHref } from '../../ui/controls';
import { daysFromToday, formatDateOn } from '../../ui/dates';
import { ErrorAlert, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { CheckInDueNotice } from '../plans';
import { ThanksForm } from '../coaches';
import { MyNextSession } from '../engagement';
// The notice alone, not the interviews feature's index: the staff's study pages stay out of this page's download.
import { InterviewInvitationNotice } from '../interviews/MyInterviewPage';
import { useParticipant, type SelfParticipant } from './participants.api';
import type { Locale } from '../../../core/shared/locale';
import { englishT, useLocale, useT, type Translate } from '../../i18n/i18n';

/** The participant's own page: who the coach is, how to reach him or her, and when they next talk. */
export function MyCoachPage() {
  const program = useProgram();
  const participantId = program.membership.participantId ?? '';
  const me = useParticipant(program.programId, participantId);
  const t = useT();
  return (
    <Page title={t('participants.myCoach.title')} width="narrow">
      <CheckInDueNotice />
      <InterviewInvitationNotice />
      <QueryView query={me}>
        {(p) =>
          p.view === 'self' ? (
            <CoachCard participant={p} />
          ) : (
            <ErrorAlert error={{ message: t('ui.forParticipants') }} title={t('ui.notAvailable')} />
          )
        }
      </QueryView>
    </Page>
  );
}

/**
 * When the participant next talks with the coach, by the same rule as the coach's record and Today
 * (issue #16): the scheduled session when there is one, else the day agreed, else the coach's promise.
 * "Soon" once the day has passed where the program is (`timeZone`), else on the device.
 */
export function nextTalkWords(
  on: string,
  basis: SelfParticipant['nextContactBasis'],
  now: Date = new Date(),
  t: Translate = englishT,
  locale: Locale = 'en',
  timeZone?: string,
): string {
  if (daysFromToday(on, now, timeZone) < 0) return t('participants.myCoach.soon');
  const day = formatDateOn(on, now, locale, timeZone);
  if (basis === 'session') return t('participants.myCoach.nextSession', { day });
  if (basis === 'agreed') return t('participants.myCoach.nextAgreed', { day });
  return t('participants.myCoach.nextCadence', { day });
}

function CoachCard({ participant: p }: { participant: SelfParticipant }) {
  const when = useWhen();
  const program = useProgram();
  const t = useT();
  const locale = useLocale();
  if (!p.coach) {
    return (
      <>
        <p>
          {p.status === 'completed' || p.status === 'withdrawn'
            ? t('participants.myCoach.noLonger')
            : t('participants.myCoach.notYet')}
        </p>
        <p>
          <Link to={program.to('my-preferences')}>{t('participants.myCoach.tellUs')}</Link>
        </p>
      </>
    );
  }
  const c = p.coach;
  return (
    <>
      <section className="card coach-card" aria-labelledby="coach-name">
        <h2 id="coach-name" className="card__title">
          {c.name}
        </h2>
        <p>{t('participants.myCoach.volunteer')}</p>
        {c.phone ? (
          <p className="contact-line">
            {t.rich('participants.myCoach.phone', { phone: <a href={telHref(c.phone)}>{c.phone}</a> })}
          </p>
        ) : null}
        {c.email ? (
          <p className="contact-line">
            {t.rich('participants.myCoach.email', { email: <a href={`mailto:${c.email}`}>{c.email}</a> })}
          </p>
        ) : null}
        {!c.phone && !c.email ? <p>{t('participants.myCoach.willGetInTouch')}</p> : null}
      </section>
      <MyNextSession participantId={p.id} />
      <Section title={t('participants.myCoach.whenYouTalk')} id="when-you-talk">
        <p>
          {p.lastReachedAt
            ? t('participants.myCoach.lastTalked', { ago: when.ago(p.lastReachedAt) })
            : t('participants.myCoach.notTalked')}
        </p>
        {p.nextContactDueOn ? (
          <p>{nextTalkWords(p.nextContactDueOn, p.nextContactBasis, new Date(), t, locale, when.timeZone)}</p>
        ) : null}
      </Section>
      <Section title={t('participants.myCoach.howReaches')} id="how-to-reach">
        <p>{t('participants.myCoach.usesYourChoices')}</p>
        <ButtonLink variant="secondary" to={program.to('my-preferences')}>
          {t('participants.myCoach.changeHowToReach')}
        </ButtonLink>
      </Section>
      {program.can('thanks:send') ? <ThanksForm participantId={p.id} coachName={c.name} /> : null}
    </>
  );
}
