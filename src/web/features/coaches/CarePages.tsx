import { useWhen } from '../../app/when';
import { monthWords } from '../../../core/shared/time';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { BoosterView, CoachCareRow, CoachCheckInView, CoachingFeeling, CoachWellbeingView } from '../../../core/coaches';
import { useProgram } from '../../app/program';
import { Badge, Button, TableScroll, VisuallyHidden } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { CheckboxGroup, FormActions, FormErrors, TextArea, TextField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { Stats } from '../../ui/Stats';
import { ScaleField } from '../plans/ScaleField';
import {
  feelingLabels,
  useBoosters,
  useFollowUp,
  useImpact,
  useRecordAttendance,
  useRecordWellbeing,
  useScheduleBooster,
  useSendThanks,
  useWellbeing,
} from './care.api';
import './care.css';
import { labelsOf, useLocale, useT } from '../../i18n/i18n';
import { optionsOf } from '../../app/vocab';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// Boosters and training (staff)

/** Boosters (/boosters): schedule monthly sessions, record who came, and see each coach's training state. */
export function BoostersPage() {
  const program = useProgram();
  const boosters = useBoosters(program.programId);
  const [notice, setNotice] = useState('');
  return (
    <Page
      title="Boosters and training"
      intro={
        <p>
          Monthly booster sessions keep coaches’ skills fresh. Record who attended once a session has been held: a coach who
          misses two in a row gets a “Booster due” task on the Tasks list, which clears when he or she attends a later session (a
          catch-up counts).
        </p>
      }
    >
      <div role="status">{notice ? <p className="notice">{notice}</p> : null}</div>
      {program.can('booster:manage') ? <ScheduleForm onDone={setNotice} /> : null}
      <QueryView query={boosters} loadingLabel="Loading boosters…">
        {(view) => (
          <>
            <Section title="Coaches’ training and boosters" id="care-coaches">
              <CareTable rows={view.coaches} />
            </Section>
            <Section title="Sessions" id="care-sessions">
              {view.sessions.length === 0 ? (
                <Empty>No booster sessions yet.</Empty>
              ) : (
                <ul className="cards">
                  {view.sessions.map((s) => (
                    <li key={s.id} className="card">
                      <SessionCard session={s} coaches={view.coaches} onDone={setNotice} />
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </>
        )}
      </QueryView>
    </Page>
  );
}

function ScheduleForm({ onDone }: { onDone: (notice: string) => void }) {
  const when = useWhen();
  const program = useProgram();
  const schedule = useScheduleBooster(program.programId);
  const [heldOn, setHeldOn] = useState('');
  const [topic, setTopic] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    schedule.mutate(
      { heldOn, topic },
      {
        onSuccess: (b) => {
          onDone(`Booster on ${when.dateOn(b.heldOn)} scheduled.`);
          setHeldOn('');
          setTopic('');
        },
      },
    );
  };
  return (
    <Section title="Schedule a booster" id="care-schedule">
      <form onSubmit={submit} noValidate>
        <FormErrors error={schedule.error} labels={{ heldOn: 'Date', topic: 'Topic' }} />
        <TextField label="Date" type="date" value={heldOn} onChange={setHeldOn} required />
        <TextField
          label="Topic"
          maxLength={200}
          value={topic}
          onChange={setTopic}
          hint="For example: listening when it is hard"
          required
        />
        <FormActions>
          <Button type="submit" busy={schedule.isPending} busyLabel="Scheduling…">
            Schedule booster
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

function SessionCard({
  session: s,
  coaches,
  onDone,
}: {
  session: BoosterView;
  coaches: CoachCareRow[];
  onDone: (notice: string) => void;
}) {
  const when = useWhen();
  const program = useProgram();
  const record = useRecordAttendance(program.programId, s.id);
  const [attended, setAttended] = useState<string[]>(s.attendedCoachIds);
  const expected = coaches.filter((c) => c.status !== 'retired' || s.attendedCoachIds.includes(c.coachId));
  return (
    <>
      <h3>
        {when.dateOn(s.heldOn)}: {s.topic}
      </h3>
      <p className="muted">
        {s.isRecorded ? `${plural(s.attendedCoachIds.length, 'coach', 'coaches')} attended.` : 'Attendance not recorded yet.'}
      </p>
      {program.can('booster:manage') ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate({ coachIds: attended }, { onSuccess: () => onDone(`Attendance for ${when.dateOn(s.heldOn)} saved.`) });
          }}
        >
          <FormErrors error={record.error} />
          <CheckboxGroup
            legend={`Who attended on ${when.dateOn(s.heldOn)}?`}
            options={expected.map((c) => ({ value: c.coachId, label: c.name }))}
            values={attended}
            onChange={setAttended}
            columns
          />
          <FormActions>
            <Button type="submit" variant="secondary" busy={record.isPending} busyLabel="Saving…">
              Save attendance<VisuallyHidden> for {when.dateOn(s.heldOn)}</VisuallyHidden>
            </Button>
          </FormActions>
        </form>
      ) : null}
    </>
  );
}

function CareTable({ rows }: { rows: CoachCareRow[] }) {
  const when = useWhen();
  const program = useProgram();
  if (rows.length === 0) return <Empty>No coaches yet.</Empty>;
  return (
    <TableScroll label="Coaches’ training table" cards>
      <table className="table">
        <caption className="visually-hidden">Each coach’s training, boosters and last well-being check-in</caption>
        <thead>
          <tr>
            <th scope="col">Coach</th>
            <th scope="col">Training</th>
            <th scope="col">Boosters attended</th>
            <th scope="col">Last booster</th>
            <th scope="col">Well-being</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.coachId}>
              <th scope="row">
                <Link to={program.to(`coaches/${c.coachId}`)}>{c.name}</Link>
                {c.status !== 'active' ? <> ({c.status})</> : null}
              </th>
              <td>
                {c.isTrained ? (
                  <Badge tone="good">Complete</Badge>
                ) : (
                  <>
                    {c.modulesPassed} of {c.modulesTotal} modules; agreement {c.agreementSigned ? 'signed' : 'not signed'}
                  </>
                )}
              </td>
              <td>
                {c.boostersAttended} of {c.boostersExpected}
                {c.isBoosterDue ? (
                  <>
                    {' '}
                    <Badge tone="warning">Booster due</Badge>
                  </>
                ) : null}
              </td>
              <td>{c.lastBoosterOn ? when.dateOn(c.lastBoosterOn) : <span className="muted">None yet</span>}</td>
              <td>
                <Link to={program.to(`coaches/${c.coachId}/wellbeing`)}>
                  {c.lastCheckInMonth ? `Last check-in ${c.lastCheckInMonth}` : 'No check-in yet'}
                  <VisuallyHidden> for {c.name}</VisuallyHidden>
                </Link>
                {c.needsCall ? (
                  <>
                    {' '}
                    <Badge tone="bad">Call the coach</Badge>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

// ---------------------------------------------------------------------------------------------
// Well-being (the coach's own; staff for any coach)

/** The coach's own id in this program, or the one in the address for staff. */
function useCoachIdFromRoute(): string {
  const { coachId } = useParams();
  const program = useProgram();
  return coachId ?? program.membership.coachId ?? '';
}

/** Well-being (/my-wellbeing for a coach, /coaches/:coachId/wellbeing for staff). */
export function WellbeingPage() {
  const program = useProgram();
  const coachId = useCoachIdFromRoute();
  const wellbeing = useWellbeing(program.programId, coachId);
  const isOwn = program.membership.coachId === coachId;
  const t = useT();
  return (
    <Page
      title={
        isOwn
          ? t('staff.coach.wellbeing.title')
          : t('staff.coach.wellbeing.titleFor', { name: wellbeing.data?.coachName ?? t('staff.coach.wellbeing.someCoach') })
      }
      intro={<p>{t(isOwn ? 'staff.coach.wellbeing.intro' : 'staff.coach.wellbeing.introStaff')}</p>}
    >
      <QueryView query={wellbeing} loadingLabel={t('staff.coach.wellbeing.loading')}>
        {(view) => (
          <>
            {isOwn && program.can('wellbeing:record') ? <CheckInSection view={view} /> : null}
            <Section title={t('staff.coach.wellbeing.checkIns')} id="wellbeing-history">
              {view.checkIns.length === 0 ? (
                <Empty>{t('staff.coach.wellbeing.none')}</Empty>
              ) : (
                <ul className="cards">
                  {view.checkIns.map((c) => (
                    <li key={c.id} className="card">
                      <CheckInCard checkIn={c} coachId={view.coachId} isOwn={isOwn} />
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </>
        )}
      </QueryView>
    </Page>
  );
}

function CheckInSection({ view }: { view: CoachWellbeingView }) {
  const program = useProgram();
  const record = useRecordWellbeing(program.programId, view.coachId);
  const t = useT();
  const [pain, setPain] = useState<number | null>(null);
  const [enjoyment, setEnjoyment] = useState<number | null>(null);
  const [activity, setActivity] = useState<number | null>(null);
  const [stress, setStress] = useState<number | null>(null);
  const [feelings, setFeelings] = useState<CoachingFeeling[]>([]);
  const [note, setNote] = useState('');
  const [local, setLocal] = useState('');
  const [saved, setSaved] = useState('');
  if (!view.isDue) {
    return (
      <Section title={t('staff.coach.wellbeing.thisMonth')} id="wellbeing-now">
        <div role="status">
          <p>{saved || t('staff.coach.wellbeing.done')}</p>
        </div>
      </Section>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (pain === null || enjoyment === null || activity === null || stress === null) {
      setLocal(t('staff.coach.wellbeing.answerAll'));
      return;
    }
    setLocal('');
    record.mutate(
      { pegPain: pain, pegEnjoyment: enjoyment, pegActivity: activity, stress, feelings, note },
      {
        onSuccess: (c) => setSaved(t(c.worsening.length > 0 ? 'staff.coach.wellbeing.savedCall' : 'staff.coach.wellbeing.saved')),
      },
    );
  };
  return (
    <Section title={t('staff.coach.wellbeing.thisMonth')} id="wellbeing-now">
      <form onSubmit={submit} noValidate>
        {local ? (
          <div role="alert" className="alert alert--error">
            <p>{local}</p>
          </div>
        ) : null}
        <FormErrors error={record.error} labels={{ note: t('staff.coach.wellbeing.noteName') }} />
        <ScaleField
          legend={t('staff.coach.wellbeing.pain')}
          name="peg-pain"
          value={pain}
          onChange={setPain}
          low={t('staff.coach.wellbeing.noPain')}
          high={t('staff.coach.wellbeing.worstPain')}
        />
        <ScaleField
          legend={t('staff.coach.wellbeing.enjoyment')}
          name="peg-enjoyment"
          value={enjoyment}
          onChange={setEnjoyment}
          low={t('staff.coach.wellbeing.notAtAll')}
          high={t('staff.coach.wellbeing.completely')}
        />
        <ScaleField
          legend={t('staff.coach.wellbeing.activity')}
          name="peg-activity"
          value={activity}
          onChange={setActivity}
          low={t('staff.coach.wellbeing.notAtAll')}
          high={t('staff.coach.wellbeing.completely')}
        />
        <ScaleField
          legend={t('staff.coach.wellbeing.stress')}
          name="stress"
          value={stress}
          onChange={setStress}
          low={t('staff.coach.wellbeing.notAtAll')}
          high={t('staff.coach.wellbeing.extremely')}
        />
        <CheckboxGroup
          legend={t('staff.coach.wellbeing.feelings')}
          options={optionsOf(labelsOf(t, 'staff.coach.wellbeing.feeling', feelingLabels))}
          values={feelings}
          onChange={setFeelings}
        />
        <TextArea label={t('staff.coach.wellbeing.note')} maxLength={1000} value={note} onChange={setNote} />
        <FormActions>
          <Button type="submit" busy={record.isPending} busyLabel={t('staff.coach.wellbeing.saving')}>
            {t('staff.coach.wellbeing.save')}
          </Button>
        </FormActions>
      </form>
      <div role="status">{saved ? <p className="notice">{saved}</p> : null}</div>
    </Section>
  );
}

function CheckInCard({ checkIn: c, coachId, isOwn }: { checkIn: CoachCheckInView; coachId: string; isOwn: boolean }) {
  const program = useProgram();
  const t = useT();
  const feelings = labelsOf(t, 'staff.coach.wellbeing.feeling', feelingLabels);
  const when = useWhen();
  const locale = useLocale();
  return (
    <>
      <h3>{monthWords(c.month, locale)}</h3>
      <p>
        {t('staff.coach.wellbeing.scores', { peg: c.pegScore.toFixed(1), stress: c.stress })}
        {c.feelings.length > 0
          ? t('staff.coach.wellbeing.feels', { feelings: c.feelings.map((f) => feelings[f].toLowerCase()).join(', ') })
          : ''}
      </p>
      {c.note ? <p>“{c.note}”</p> : null}
      {c.worsening.length > 0 ? (
        <p>
          {/* The reasons are the server's words (English until they carry codes). */}
          <Badge tone="warning">{t('staff.coach.wellbeing.harder')}</Badge> {c.worsening.join('; ')}.
        </p>
      ) : null}
      {c.followedUpAt ? (
        <p className="muted">
          {!isOwn && c.followUpNote
            ? t('staff.coach.wellbeing.calledNote', { date: when.day(c.followedUpAt), note: c.followUpNote })
            : t('staff.coach.wellbeing.called', { date: when.day(c.followedUpAt) })}
        </p>
      ) : c.worsening.length > 0 && program.can('wellbeing:follow_up') ? (
        <FollowUpForm coachId={coachId} checkIn={c} />
      ) : null}
    </>
  );
}

function FollowUpForm({ coachId, checkIn }: { coachId: string; checkIn: CoachCheckInView }) {
  const program = useProgram();
  const followUp = useFollowUp(program.programId, coachId, checkIn.id);
  const t = useT();
  const locale = useLocale();
  const [note, setNote] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        followUp.mutate({ note });
      }}
      noValidate
    >
      <FormErrors error={followUp.error} labels={{ note: t('staff.coach.wellbeing.agreedName') }} />
      <TextArea
        label={t('staff.coach.wellbeing.agreed', { month: monthWords(checkIn.month, locale) })}
        maxLength={1000}
        value={note}
        onChange={setNote}
      />
      <FormActions>
        <Button type="submit" variant="secondary" busy={followUp.isPending} busyLabel={t('staff.coach.wellbeing.saving')}>
          {t('staff.coach.wellbeing.recordCall')}
        </Button>
      </FormActions>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Impact (the coach's own; staff for any coach)

/** The difference a coach is making (/my-impact for a coach, /coaches/:coachId/impact for staff). */
export function ImpactPage() {
  const program = useProgram();
  const coachId = useCoachIdFromRoute();
  const impact = useImpact(program.programId, coachId);
  const isOwn = program.membership.coachId === coachId;
  return (
    <Page
      title={isOwn ? 'The difference I make' : `The difference ${impact.data?.coachName ?? 'the coach'} makes`}
      intro={
        <p>
          Every call counts, including the ones that did not get through. These numbers come from your logged contacts and plans.
        </p>
      }
    >
      <QueryView query={impact} loadingLabel="Loading…">
        {(v) => (
          <>
            <Stats
              label="Coaching so far"
              items={[
                { label: 'participants coached', value: v.participantsCoached },
                { label: 'coaching now', value: v.participantsNow },
                { label: 'talks (reached contacts)', value: v.reachedContacts },
                { label: 'contacts tried in all', value: v.contacts },
                { label: 'minutes talking', value: v.minutesTogether },
                { label: 'plans made', value: v.plansMade },
                { label: 'plans kept (done or partly done)', value: v.plansKept },
                { label: 'thanks received', value: v.thanksReceived },
              ]}
            />
            {v.plansReviewed > 0 ? (
              <p>
                Of {plural(v.plansReviewed, 'plan')} reviewed, {v.plansKept} were done or partly done.
              </p>
            ) : null}
            <Section title="Thanks received" id="impact-thanks">
              {v.recentThanks.length === 0 ? (
                <Empty>No thanks yet. They will show here when a participant sends one.</Empty>
              ) : (
                <ul className="cards">
                  {v.recentThanks.map((t) => (
                    <li key={t.id} className="card">
                      <blockquote>{t.message}</blockquote>
                      <p className="muted">{t.createdAt.slice(0, 10)}</p>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </>
        )}
      </QueryView>
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------
// Thanks (a participant to his or her coach)

/** A short thank-you or encouragement from a participant to his or her coach (on "My coach"). */
export function ThanksForm({ participantId, coachName }: { participantId: string; coachName: string }) {
  const program = useProgram();
  const send = useSendThanks(program.programId, participantId);
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState('');
  const t = useT();
  return (
    <Section title={t('coaches.thanks.title')} id="thanks">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate(
            { message },
            {
              onSuccess: () => {
                setSent(t('coaches.thanks.sent', { name: coachName }));
                setMessage('');
              },
            },
          );
        }}
        noValidate
      >
        <FormErrors error={send.error} labels={{ message: t('coaches.thanks.messageName') }} />
        <TextArea
          label={t('coaches.thanks.label', { name: coachName })}
          value={message}
          onChange={setMessage}
          hint={t('coaches.thanks.hint')}
          maxLength={280}
        />
        <FormActions>
          <Button type="submit" busy={send.isPending} busyLabel={t('coaches.thanks.sending')}>
            {t('coaches.thanks.send')}
          </Button>
        </FormActions>
      </form>
      <div role="status">{sent ? <p className="notice">{sent}</p> : null}</div>
    </Section>
  );
}
