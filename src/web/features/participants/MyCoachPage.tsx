import { Link } from 'react-router';
import { useProgram } from '../../app/program';
import { ButtonLink, telHref } from '../../ui/controls';
import { calendarDaysBetween, formatDateOn, instantAgo, parseDateOn } from '../../ui/dates';
import { ErrorAlert, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { CheckInDueNotice } from '../plans';
import { ThanksForm } from '../coaches';
import { MyNextSession } from '../engagement';
import { useParticipant, type SelfParticipant } from './participants.api';

/** The participant's own page: who the coach is, how to reach him or her, and when they next talk. */
export function MyCoachPage() {
  const program = useProgram();
  const participantId = program.membership.participantId ?? '';
  const me = useParticipant(program.programId, participantId);
  return (
    <Page title="My coach" width="narrow">
      <CheckInDueNotice />
      <QueryView query={me}>
        {(p) =>
          p.view === 'self' ? (
            <CoachCard participant={p} />
          ) : (
            <ErrorAlert error={{ message: 'This page is for participants.' }} title="Not available" />
          )
        }
      </QueryView>
    </Page>
  );
}

/**
 * When the participant next talks with the coach, by the same rule as the coach's record and Today
 * (issue #16): the scheduled session when there is one, else the day agreed, else the coach's promise.
 */
export function nextTalkWords(on: string, basis: SelfParticipant['nextContactBasis'], now: Date = new Date()): string {
  if (calendarDaysBetween(now, parseDateOn(on)) < 0) return 'Your coach will be in touch soon.';
  const day = formatDateOn(on, now);
  if (basis === 'session') return `Your next talk is your session on ${day}.`;
  if (basis === 'agreed') return `You and your coach agreed to talk next on ${day}.`;
  return `Your coach will be in touch by ${day}.`;
}

function CoachCard({ participant: p }: { participant: SelfParticipant }) {
  const program = useProgram();
  if (!p.coach) {
    return (
      <>
        <p>
          {p.status === 'completed' || p.status === 'withdrawn'
            ? 'You are no longer in the program, so you do not have a coach.'
            : 'You do not have a coach yet. The program team will pair you with one soon and let you know.'}
        </p>
        <p>
          <Link to={program.to('my-preferences')}>Tell us how and when to reach you</Link>
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
        <p>Your coach is a volunteer who also lives with pain.</p>
        {c.phone ? (
          <p className="contact-line">
            Phone: <a href={telHref(c.phone)}>{c.phone}</a>
          </p>
        ) : null}
        {c.email ? (
          <p className="contact-line">
            E-mail: <a href={`mailto:${c.email}`}>{c.email}</a>
          </p>
        ) : null}
        {!c.phone && !c.email ? <p>Your coach will get in touch with you.</p> : null}
      </section>
      <MyNextSession participantId={p.id} />
      <Section title="When you talk" id="when-you-talk">
        <p>{p.lastReachedAt ? `You last talked ${instantAgo(p.lastReachedAt)}.` : 'You have not talked yet.'}</p>
        {p.nextContactDueOn ? <p>{nextTalkWords(p.nextContactDueOn, p.nextContactBasis)}</p> : null}
      </Section>
      <Section title="How your coach reaches you" id="how-to-reach">
        <p>Your coach uses the ways and times you chose.</p>
        <ButtonLink variant="secondary" to={program.to('my-preferences')}>
          Change how to reach me
        </ButtonLink>
      </Section>
      {program.can('thanks:send') ? <ThanksForm participantId={p.id} coachName={c.name} /> : null}
    </>
  );
}
