import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatScore, type CheckInQuestion } from '../../../core/plans';
import { useProgram } from '../../app/program';
import { Button, ButtonLink } from '../../ui/controls';
import { formatDateOn, formatDateTime } from '../../ui/dates';
import { ErrorAlert, Notice, QueryView } from '../../ui/feedback';
import { Choice, FormActions, FormErrors, TextArea } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { Stats } from '../../ui/Stats';
import { PegChart } from './PegChart';
import { PlanCard } from './PlanCard';
import {
  useCheckInQuestions,
  useProgress,
  useRecordPainCheckIn,
  useRecordPractice,
  useSetSharing,
  type ProgressView,
} from './plans.api';
import { PracticeWeek } from './PracticeWeek';
import { ScaleField } from './ScaleField';
import './plans.css';

/** The participant's own id in this program ('' for someone who is not a participant). */
function useOwnId(): string {
  return useProgram().membership.participantId ?? '';
}

/** "Your weekly check-in is due", on the participant's pages until this week's check-in is in. */
export function CheckInDueNotice() {
  const program = useProgram();
  const participantId = useOwnId();
  const progress = useProgress(program.programId, participantId, program.can('checkin:record'));
  if (!progress.data?.checkIn?.isDue) return null;
  return (
    <div className="alert alert--info check-in-due">
      <p>
        <strong>Your weekly check-in is due.</strong> Three quick questions about your pain this week.{' '}
        <Link to={program.to('check-in')}>Check in now</Link>
      </p>
    </div>
  );
}

/** "My plan": the current plan in large type, "did it today / not today", and the week so far. */
export function MyPlanPage() {
  const program = useProgram();
  const progress = useProgress(program.programId, useOwnId());
  return (
    <Page title="My plan" width="narrow">
      <CheckInDueNotice />
      <QueryView query={progress} loadingLabel="Loading your plan…">
        {(p) =>
          p.currentPlan ? (
            <>
              <PlanCard plan={p.currentPlan} headingLevel={2} showMaker={false}>
                <ButtonLink variant="secondary" to={program.to(`plans/${p.currentPlan.id}/print`)}>
                  Print my plan
                </ButtonLink>
              </PlanCard>
              <PracticeToday progress={p} />
            </>
          ) : (
            <p>You do not have a plan right now. You and your coach will make one when you next talk.</p>
          )
        }
      </QueryView>
      <p>
        <Link to={program.to('my-progress')}>See my progress</Link>
      </p>
    </Page>
  );
}

function PracticeToday({ progress: p }: { progress: ProgressView }) {
  const program = useProgram();
  const record = useRecordPractice(program.programId);
  const [saved, setSaved] = useState<boolean | null>(null);
  const plan = p.currentPlan!;
  const today = p.practice?.find((e) => e.on === p.today)?.did ?? null;
  const log = (did: boolean) => {
    setSaved(null);
    void record.mutateAsync({ planId: plan.id, on: p.today, did }).then(
      () => setSaved(did),
      () => undefined,
    );
  };
  return (
    <Section title="Did you do it today?" id="practice-today">
      {record.error ? <ErrorAlert error={record.error} title="Could not save" /> : null}
      {saved !== null ? (
        <Notice>{saved ? 'Saved: you did it today. Well done.' : 'Saved: not today. Tomorrow is another day.'}</Notice>
      ) : today !== null ? (
        <p>Today so far: {today ? 'you did it.' : 'not today.'} You can change it.</p>
      ) : null}
      <div className="practice-buttons">
        <Button onClick={() => log(true)} busy={record.isPending && record.variables?.did === true} busyLabel="Saving…">
          Yes, I did it today
        </Button>
        <Button
          variant="secondary"
          onClick={() => log(false)}
          busy={record.isPending && record.variables?.did === false}
          busyLabel="Saving…"
        >
          Not today
        </Button>
      </div>
      {p.practice ? <PracticeWeek entries={p.practice} today={p.today} label="My last 7 days" /> : null}
    </Section>
  );
}

/** The words in brackets of an answer's label, e.g. "No pain" from "0 (No pain)". */
function anchorOf(label: string | undefined, fallback: string): string {
  return label?.match(/\((.+)\)/)?.[1] ?? fallback;
}

/** "Weekly check-in": the three PEG questions about the past week, and a note for the coach. */
export function WeeklyCheckInPage() {
  const program = useProgram();
  const participantId = useOwnId();
  const questions = useCheckInQuestions(program.programId);
  const progress = useProgress(program.programId, participantId);
  return (
    <Page
      title="Weekly check-in"
      width="narrow"
      intro="Three questions about your pain over the past week. Choose a number from 0 to 10 for each."
    >
      <QueryView query={questions} loadingLabel="Loading the questions…">
        {(qs) => <CheckInForm questions={qs} progress={progress.data} participantId={participantId} />}
      </QueryView>
    </Page>
  );
}

function CheckInForm({
  questions,
  progress,
  participantId,
}: {
  questions: CheckInQuestion[];
  progress: ProgressView | undefined;
  participantId: string;
}) {
  const program = useProgram();
  const navigate = useNavigate();
  const record = useRecordPainCheckIn(program.programId, participantId);
  const [answers, setAnswers] = useState<Record<string, number | null>>({ pain: null, enjoyment: null, activity: null });
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const gaps = questions.filter((q) => answers[q.field] === null || answers[q.field] === undefined).map((q) => q.field);
    setMissing(gaps);
    if (gaps.length > 0) return;
    void record
      .mutateAsync({ pain: answers['pain']!, enjoyment: answers['enjoyment']!, activity: answers['activity']!, note })
      .then(
        (saved) =>
          void navigate(program.to('my-progress'), {
            state: { notice: `Check-in saved. Your pain score this week is ${formatScore(saved.score)}.` },
          }),
        () => undefined,
      );
  };
  const last = progress?.checkIn;
  return (
    <form onSubmit={submit} noValidate>
      {last && !last.isDue && last.lastOn ? (
        <p>
          You checked in {formatDateOn(last.lastOn)}. The next one is due {formatDateOn(last.dueOn)}; checking in again today
          replaces today’s answers.
        </p>
      ) : null}
      <FormErrors
        error={
          missing.length > 0
            ? {
                message: 'Please answer all three questions.',
                fields: missing.map((f) => ({ path: f, message: 'Choose a number from 0 to 10' })),
              }
            : record.error
        }
        title="Could not save the check-in"
        labels={{ pain: 'Pain', enjoyment: 'Enjoyment of life', activity: 'General activity' }}
      />
      {questions.map((q) => (
        <ScaleField
          key={q.field}
          legend={`${q.prefix ? `${q.prefix} ` : ''}${q.text}`}
          name={q.field}
          value={answers[q.field] ?? null}
          onChange={(n) => setAnswers((a) => ({ ...a, [q.field]: n }))}
          low={anchorOf(q.options[0]?.label, 'None')}
          high={anchorOf(q.options.at(-1)?.label, 'Worst')}
          error={missing.includes(q.field) ? 'Choose a number from 0 to 10' : undefined}
        />
      ))}
      <TextArea
        label="A note for your coach (optional)"
        hint={
          progress && !progress.shareWithCoach
            ? 'You chose not to share check-ins with your coach, so only the program team sees it.'
            : 'Your coach sees it before your next talk.'
        }
        value={note}
        onChange={setNote}
        maxLength={1000}
      />
      <p>
        Notes are read before your next talk, not straight away. If you need to talk to someone now, call the Veterans Crisis
        Line: dial 988, then press 1, or text 838255.
      </p>
      <FormActions>
        <Button type="submit" busy={record.isPending} busyLabel="Saving…">
          Save check-in
        </Button>
      </FormActions>
    </form>
  );
}

/**
 * "My progress": what changed in plain words, PEG over time with the plans marked (and as a table),
 * plans completed, skills tried, notes from the coach, and who sees the check-ins.
 */
export function MyProgressPage() {
  const program = useProgram();
  const progress = useProgress(program.programId, useOwnId());
  return (
    <Page title="My progress" width="narrow">
      <CheckInDueNotice />
      <QueryView query={progress} loadingLabel="Loading your progress…">
        {(p) => (
          <>
            <Section title="What changed" id="progress-change">
              {p.change ? <p className="check-in-due">{p.change.words}</p> : null}
              {p.checkIns && p.checkIns.length > 0 ? (
                <PegChart
                  checkIns={p.checkIns}
                  marks={p.planMarks}
                  summary={p.change?.words ?? ''}
                  title="Your pain score by week"
                />
              ) : (
                <p>
                  <Link to={program.to('check-in')}>Do your first weekly check-in</Link>
                </p>
              )}
            </Section>
            <Section title="My plans" id="progress-plans">
              <Stats
                label="My plans in numbers"
                items={[
                  { label: 'plans made', value: p.plans.made },
                  { label: 'done', value: p.plans.done },
                  { label: 'partly done', value: p.plans.partly },
                ]}
              />
              {p.currentPlan ? (
                <p>
                  Now: {p.currentPlan.what}. <Link to={program.to('my-plan')}>Go to my plan</Link>
                </p>
              ) : null}
            </Section>
            <Section title="Skills I have tried" id="progress-skills">
              {p.skillsTried.length === 0 ? (
                <p>Your coach will go through skills with you when you talk.</p>
              ) : (
                <ul className="plain-list">
                  {p.skillsTried.map((s) => (
                    <li key={s.key}>
                      <Link to={program.to(`curriculum/${s.key}`)}>{s.title}</Link>: {s.skill}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section title="Notes from my coach" id="progress-notes">
              {p.notes.length === 0 ? (
                <p>No notes yet.</p>
              ) : (
                <ul className="plain-list">
                  {p.notes.map((n) => (
                    <li key={n.id}>
                      “{n.text}”{' '}
                      <span className="muted">
                        ({n.authorName}, {formatDateTime(n.writtenAt)})
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <SharingForm share={p.shareWithCoach} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

function SharingForm({ share }: { share: boolean }) {
  const program = useProgram();
  const setSharing = useSetSharing(program.programId, useOwnId());
  const [value, setValue] = useState(share);
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void setSharing.mutateAsync(value).then(
      () => setSaved(true),
      () => undefined,
    );
  };
  return (
    <Section title="Who sees my check-ins" id="progress-sharing">
      <form onSubmit={submit} noValidate>
        <FormErrors error={setSharing.error} title="Could not save" />
        {saved ? (
          <Notice>
            {value ? 'Saved. Your coach sees your check-ins.' : 'Saved. Your check-ins are no longer shared with your coach.'}
          </Notice>
        ) : null}
        <Choice
          label="Share my check-ins with my coach"
          hint="Your coach sees your weekly check-ins, your notes and your practice log before you talk. The program team always can."
          checked={value}
          onChange={setValue}
        />
        <FormActions>
          <Button type="submit" variant="secondary" busy={setSharing.isPending} busyLabel="Saving…">
            Save my choice
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
