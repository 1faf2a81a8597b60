import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useWhen } from '../../app/when';
import type { ScheduledSessionView } from '../../../core/engagement';
import type { TaskView } from '../../../core/tasks';
import { useProgram } from '../../app/program';
import { channelLabels, listOf, timeOfDayLabels } from '../../app/vocab';
import { labelsOf, useLocale, useT } from '../../i18n/i18n';
import { ButtonLink, VisuallyHidden, telHref } from '../../ui/controls';
import { Disclosure } from '../../ui/Disclosure';
import { Empty, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { CoachReminders } from '../coaches';
import { sessionWhen, smsHref } from '../engagement';
import { PainAlerts } from './PainAlerts';
import { TaskDue } from './TaskBadges';
import { taskKindLabels, useToday, type CoachingParticipant } from './tasks.api';

/** The coach's day on a phone: what to do next and why, and everyone he or she coaches. */
export function TodayPage() {
  const program = useProgram();
  const today = useToday(program.programId);
  const tr = useT();
  return (
    <Page
      title={tr('staff.coach.today.title')}
      actions={<ButtonLink to={program.to('contacts/new')}>{tr('staff.coach.today.logContact')}</ButtonLink>}
    >
      <QueryView query={today} loadingLabel={tr('staff.coach.today.loading')}>
        {(t) => {
          const byId = new Map(t.participants.map((p) => [p.id, p]));
          return (
            <>
              <PainAlerts alerts={t.painAlerts} />
              <Section title={tr('staff.coach.today.tasks')} id="today-tasks">
                {t.tasks.length === 0 ? (
                  <Empty>{tr('staff.coach.today.noTasks')}</Empty>
                ) : (
                  <ol className="cards">
                    {t.tasks.map((task) => (
                      <TaskCard
                        key={`${task.kind}-${task.pairingId}`}
                        task={task}
                        participant={byId.get(task.participantId ?? '')}
                      />
                    ))}
                  </ol>
                )}
              </Section>
              <Section title={tr('staff.coach.today.sessions')} id="today-sessions">
                {t.sessions.length === 0 ? (
                  <Empty>{tr('staff.coach.today.noSessions')}</Empty>
                ) : (
                  <ol className="cards">
                    {t.sessions.map((s) => (
                      <SessionCard key={s.id} session={s} />
                    ))}
                  </ol>
                )}
              </Section>
              <CoachReminders />
              <Section title={tr('staff.coach.today.participants')} id="today-participants">
                {t.participants.length === 0 ? (
                  <Empty>{tr('staff.coach.today.noParticipants')}</Empty>
                ) : (
                  <ul className="cards">
                    {t.participants.map((p) => (
                      <ParticipantCard key={p.id} participant={p} />
                    ))}
                  </ul>
                )}
              </Section>
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}

/** The session guide for a due contact (issue #4): check in, review, topic, plan, next contact. */
function GuideLink({ participantId, name }: { participantId: string; name: string }) {
  const program = useProgram();
  const t = useT();
  if (!program.can('guide:run')) return null;
  return (
    <ButtonLink to={program.to(`participants/${participantId}/guide`)}>
      {t.rich('staff.coach.today.startGuide', { name, hidden })}
    </ButtonLink>
  );
}

function LogLink({ participantId, name }: { participantId: string; name: string }) {
  const program = useProgram();
  const t = useT();
  return (
    <ButtonLink to={program.to(`contacts/new?participant=${participantId}`)}>
      {t.rich('staff.coach.today.logContactWith', { name, hidden })}
    </ButtonLink>
  );
}

function CallLink({ phone, name }: { phone: string; name: string }) {
  const t = useT();
  return (
    <>
      <a className="button button--secondary" href={telHref(phone)}>
        {t.rich('staff.coach.today.call', { phone, name, hidden })}
      </a>
      <a className="button button--secondary" href={smsHref(phone)}>
        {t.rich('staff.coach.today.text', { name, hidden })}
      </a>
    </>
  );
}

/** A session coming up: when (in the program's time), with whom, how, the link or place, and the guide. */
function SessionCard({ session: s }: { session: ScheduledSessionView }) {
  const program = useProgram();
  const t = useT();
  const locale = useLocale();
  const modalities = { ...labelsOf(t, 'vocab.channel', channelLabels), text: t('vocab.sessionModality.text') };
  const name = s.participantName ?? '';
  return (
    <li className="card">
      <h3 className="card__title">
        {t.rich('staff.coach.today.sessionWith', {
          when: sessionWhen(s, locale),
          name,
          link: (chunks) => <Link to={program.to(`participants/${s.participantId}`)}>{chunks}</Link>,
        })}
      </h3>
      <p className="card__meta">
        {t('staff.coach.today.sessionMeta', { modality: modalities[s.modality], minutes: s.durationMinutes })}
      </p>
      {s.modality === 'video' && s.videoLink ? (
        <p>
          <a href={s.videoLink} rel="noopener noreferrer" target="_blank">
            {t.rich('staff.coach.today.joinVideo', { name, hidden })}
          </a>
        </p>
      ) : null}
      {s.modality === 'video' && !s.videoLink ? <p>{t('staff.coach.today.noVideoLink', { name })}</p> : null}
      {s.modality === 'in_person' && s.place ? <p>{t('staff.coach.today.where', { place: s.place })}</p> : null}
      <div className="card__actions">
        <GuideLink participantId={s.participantId} name={name} />
      </div>
    </li>
  );
}

function TaskCard({ task, participant }: { task: TaskView; participant: CoachingParticipant | undefined }) {
  const t = useT();
  return (
    <li className={`card ${task.isOverdue ? 'card--alert' : ''}`}>
      <h3 className="card__title">{task.participantName}</h3>
      <p className="card__meta">
        <strong>{labelsOf(t, 'staff.task.kind', taskKindLabels)[task.kind]}</strong> · <TaskDue task={task} />
      </p>
      {/* The reason and tips are the server's words (English until they carry codes). */}
      <p>{task.reason}</p>
      {task.tips.length > 0 ? (
        <Disclosure label={t.rich('staff.coach.today.tips', { name: task.participantName, hidden })}>
          <ul>
            {task.tips.map((tip) => (
              <li key={tip}>{tip}</li>
            ))}
          </ul>
        </Disclosure>
      ) : null}
      <div className="card__actions">
        {task.participantId ? <GuideLink participantId={task.participantId} name={task.participantName} /> : null}
        {task.participantId ? <LogLink participantId={task.participantId} name={task.participantName} /> : null}
        {participant?.phone ? <CallLink phone={participant.phone} name={task.participantName} /> : null}
      </div>
    </li>
  );
}

/**
 * One participant: how long since the last talk and how to reach them. Logging starts from the task
 * (or the page's "Log a contact"), so each "Log a contact with …" link stands for an open task.
 */
function ParticipantCard({ participant: p }: { participant: CoachingParticipant }) {
  const when = useWhen();
  const program = useProgram();
  const t = useT();
  const name = `${p.givenName} ${p.familyName}`;
  const channel = labelsOf(t, 'vocab.channel', channelLabels)[p.preferredChannel].toLowerCase();
  const times = listOf(labelsOf(t, 'vocab.timeOfDay', timeOfDayLabels), p.preferredTimes).toLowerCase();
  const reached = p.lastReachedAt
    ? t('staff.coach.today.lastTalked', { ago: when.ago(p.lastReachedAt) })
    : t('staff.coach.today.notReached');
  const next =
    p.pairState === 'paused' && p.contactPausedUntil
      ? t('staff.coach.today.pausedUntil', { date: when.dateOn(p.contactPausedUntil) })
      : p.nextContactDueOn
        ? t('staff.coach.today.nextContact', { when: when.nextContact(p.nextContactDueOn, p.nextContactBasis) })
        : null;
  return (
    <li className="card">
      <h3 className="card__title">
        <Link to={program.to(`participants/${p.id}`)}>{name}</Link>
      </h3>
      <p className="card__meta">{next ? `${reached} · ${next}` : reached}</p>
      <p>
        {p.preferredTimes.length > 0
          ? t('staff.coach.today.prefersAt', { channel, times })
          : t('staff.coach.today.prefers', { channel })}
        {p.contactNotes ? ` ${p.contactNotes}` : ''}
      </p>
      {p.email ? (
        <p className="contact-line">
          <a href={`mailto:${p.email}`}>
            {p.email}
            <VisuallyHidden> {t('staff.coach.today.emailWho', { name })}</VisuallyHidden>
          </a>
        </p>
      ) : null}
      {p.phone ? (
        <div className="card__actions">
          <CallLink phone={p.phone} name={name} />
        </div>
      ) : null}
    </li>
  );
}

/** The part of a message only screen readers read (`<hidden>…</hidden>` in the catalog). */
function hidden(chunks: ReactNode[]) {
  return <VisuallyHidden>{chunks}</VisuallyHidden>;
}
