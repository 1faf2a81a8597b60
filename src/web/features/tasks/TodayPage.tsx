import { Link } from 'react-router';
import { useWhen } from '../../app/when';
import type { ScheduledSessionView } from '../../../core/engagement';
import type { TaskView } from '../../../core/tasks';
import { useProgram } from '../../app/program';
import { channelLabels, listOf, timeOfDayLabels } from '../../app/vocab';
import { ButtonLink, VisuallyHidden, telHref } from '../../ui/controls';
import { Disclosure } from '../../ui/Disclosure';
import { Empty, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { CoachReminders } from '../coaches';
import { sessionModalityLabels, sessionWhen, smsHref } from '../engagement';
import { PainAlerts } from './PainAlerts';
import { TaskDue } from './TaskBadges';
import { taskKindLabels, useToday, type CoachingParticipant } from './tasks.api';

/** The coach's day on a phone: what to do next and why, and everyone he or she coaches. */
export function TodayPage() {
  const program = useProgram();
  const today = useToday(program.programId);
  return (
    <Page title="Today" actions={<ButtonLink to={program.to('contacts/new')}>Log a contact</ButtonLink>}>
      <QueryView query={today} loadingLabel="Loading your day…">
        {(t) => {
          const byId = new Map(t.participants.map((p) => [p.id, p]));
          return (
            <>
              <PainAlerts alerts={t.painAlerts} />
              <Section title="My tasks" id="today-tasks">
                {t.tasks.length === 0 ? (
                  <Empty>Nothing is due. Thank you for keeping in touch.</Empty>
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
              <Section title="Upcoming sessions" id="today-sessions">
                {t.sessions.length === 0 ? (
                  <Empty>No session is scheduled in the next two weeks.</Empty>
                ) : (
                  <ol className="cards">
                    {t.sessions.map((s) => (
                      <SessionCard key={s.id} session={s} />
                    ))}
                  </ol>
                )}
              </Section>
              <CoachReminders />
              <Section title="My participants" id="today-participants">
                {t.participants.length === 0 ? (
                  <Empty>You are not coaching anyone yet. The program team will let you know when you are paired.</Empty>
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
  if (!program.can('guide:run')) return null;
  return (
    <ButtonLink to={program.to(`participants/${participantId}/guide`)}>
      Start session guide<VisuallyHidden> with {name}</VisuallyHidden>
    </ButtonLink>
  );
}

function LogLink({ participantId, name }: { participantId: string; name: string }) {
  const program = useProgram();
  return (
    <ButtonLink to={program.to(`contacts/new?participant=${participantId}`)}>
      Log a contact<VisuallyHidden> with {name}</VisuallyHidden>
    </ButtonLink>
  );
}

function CallLink({ phone, name }: { phone: string; name: string }) {
  return (
    <>
      <a className="button button--secondary" href={telHref(phone)}>
        Call {phone}
        <VisuallyHidden>, {name}</VisuallyHidden>
      </a>
      <a className="button button--secondary" href={smsHref(phone)}>
        Text<VisuallyHidden> {name}</VisuallyHidden>
      </a>
    </>
  );
}

/** A session coming up: when (in the program's time), with whom, how, the link or place, and the guide. */
function SessionCard({ session: s }: { session: ScheduledSessionView }) {
  const program = useProgram();
  const name = s.participantName ?? '';
  return (
    <li className="card">
      <h3 className="card__title">
        {sessionWhen(s)} with <Link to={program.to(`participants/${s.participantId}`)}>{name}</Link>
      </h3>
      <p className="card__meta">
        {sessionModalityLabels[s.modality]} · {s.durationMinutes} minutes
      </p>
      {s.modality === 'video' && s.videoLink ? (
        <p>
          <a href={s.videoLink} rel="noopener noreferrer" target="_blank">
            Join the video call<VisuallyHidden> with {name}</VisuallyHidden>
          </a>
        </p>
      ) : null}
      {s.modality === 'video' && !s.videoLink ? <p>No video link from Kindred: send {name} one.</p> : null}
      {s.modality === 'in_person' && s.place ? <p>Where: {s.place}</p> : null}
      <div className="card__actions">
        <GuideLink participantId={s.participantId} name={name} />
      </div>
    </li>
  );
}

function TaskCard({ task, participant }: { task: TaskView; participant: CoachingParticipant | undefined }) {
  return (
    <li className={`card ${task.isOverdue ? 'card--alert' : ''}`}>
      <h3 className="card__title">{task.participantName}</h3>
      <p className="card__meta">
        <strong>{taskKindLabels[task.kind]}</strong> · <TaskDue task={task} />
      </p>
      <p>{task.reason}</p>
      {task.tips.length > 0 ? (
        <Disclosure
          label={
            <>
              Tips for reaching people<VisuallyHidden> ({task.participantName})</VisuallyHidden>
            </>
          }
        >
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
  const name = `${p.givenName} ${p.familyName}`;
  return (
    <li className="card">
      <h3 className="card__title">
        <Link to={program.to(`participants/${p.id}`)}>{name}</Link>
      </h3>
      <p className="card__meta">
        {p.lastReachedAt ? `Last talked ${when.ago(p.lastReachedAt)}` : 'Not reached yet'}
        {p.pairState === 'paused' && p.contactPausedUntil
          ? ` · paused until ${when.dateOn(p.contactPausedUntil)}`
          : p.nextContactDueOn
            ? ` · next contact ${when.nextContact(p.nextContactDueOn, p.nextContactBasis)}`
            : ''}
      </p>
      <p>
        Prefers {channelLabels[p.preferredChannel].toLowerCase()}
        {p.preferredTimes.length > 0 ? `, ${listOf(timeOfDayLabels, p.preferredTimes).toLowerCase()}` : ''}.
        {p.contactNotes ? ` ${p.contactNotes}` : ''}
      </p>
      {p.email ? (
        <p className="contact-line">
          <a href={`mailto:${p.email}`}>
            {p.email}
            <VisuallyHidden> (e-mail {name})</VisuallyHidden>
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
