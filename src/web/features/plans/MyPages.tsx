import { useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { Link, useNavigate } from 'react-router';
import { formatScore, type CheckInQuestion } from '../../../core/plans';
import { useProgram } from '../../app/program';
import { Button, ButtonLink } from '../../ui/controls';
import { ErrorAlert, Notice, QueryView } from '../../ui/feedback';
import { Choice, FormActions, FormErrors, TextArea } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { Stats } from '../../ui/Stats';
import { pegChangeWords } from './change-words';
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
import { useT } from '../../i18n/i18n';

/** The participant's own id in this program ('' for someone who is not a participant). */
function useOwnId(): string {
  return useProgram().membership.participantId ?? '';
}

/** "Your weekly check-in is due", on the participant's pages until this week's check-in is in. */
export function CheckInDueNotice() {
  const program = useProgram();
  const participantId = useOwnId();
  const progress = useProgress(program.programId, participantId, program.can('checkin:record'));
  const t = useT();
  if (!progress.data?.checkIn?.isDue) return null;
  return (
    <div className="alert alert--info check-in-due">
      <p>
        <strong>{t('plans.due.title')}</strong> {t('plans.due.body')}{' '}
        <Link to={program.to('check-in')}>{t('plans.due.link')}</Link>
      </p>
    </div>
  );
}

/** "My plan": the current plan in large type, "did it today / not today", and the week so far. */
export function MyPlanPage() {
  const program = useProgram();
  const progress = useProgress(program.programId, useOwnId());
  const t = useT();
  return (
    <Page title={t('plans.myPlan.title')} width="narrow">
      <CheckInDueNotice />
      <QueryView query={progress} loadingLabel={t('plans.myPlan.loading')}>
        {(p) =>
          p.currentPlan ? (
            <>
              <PlanCard plan={p.currentPlan} headingLevel={2} showMaker={false}>
                <ButtonLink variant="secondary" to={program.to(`plans/${p.currentPlan.id}/print`)}>
                  {t('plans.myPlan.print')}
                </ButtonLink>
              </PlanCard>
              <PracticeToday progress={p} />
            </>
          ) : (
            <p>{t('plans.myPlan.none')}</p>
          )
        }
      </QueryView>
      <p>
        <Link to={program.to('my-progress')}>{t('plans.myPlan.seeProgress')}</Link>
      </p>
    </Page>
  );
}

function PracticeToday({ progress: p }: { progress: ProgressView }) {
  const program = useProgram();
  const record = useRecordPractice(program.programId);
  const [saved, setSaved] = useState<boolean | null>(null);
  const t = useT();
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
    <Section title={t('plans.practice.title')} id="practice-today">
      {record.error ? <ErrorAlert error={record.error} title={t('ui.couldNotSave')} /> : null}
      {saved !== null ? (
        <Notice>{saved ? t('plans.practice.savedYes') : t('plans.practice.savedNo')}</Notice>
      ) : today !== null ? (
        <p>{t('plans.practice.soFar', { did: today ? 'yes' : 'no' })}</p>
      ) : null}
      <div className="practice-buttons">
        <Button onClick={() => log(true)} busy={record.isPending && record.variables?.did === true} busyLabel={t('ui.saving')}>
          {t('plans.practice.yes')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => log(false)}
          busy={record.isPending && record.variables?.did === false}
          busyLabel={t('ui.saving')}
        >
          {t('plans.practice.no')}
        </Button>
      </div>
      {p.practice ? <PracticeWeek entries={p.practice} today={p.today} label={t('plans.practice.week')} /> : null}
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
  const t = useT();
  return (
    <Page title={t('plans.checkIn.title')} width="narrow" intro={t('plans.checkIn.intro')}>
      <QueryView query={questions} loadingLabel={t('plans.checkIn.loading')}>
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
  const when = useWhen();
  const program = useProgram();
  const navigate = useNavigate();
  const record = useRecordPainCheckIn(program.programId, participantId);
  const [answers, setAnswers] = useState<Record<string, number | null>>({ pain: null, enjoyment: null, activity: null });
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const t = useT();
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
            state: { notice: t('plans.checkIn.saved', { score: formatScore(saved.score) }) },
          }),
        () => undefined,
      );
  };
  const last = progress?.checkIn;
  return (
    <form onSubmit={submit} noValidate>
      {last && !last.isDue && last.lastOn ? (
        <p>
          {t('plans.checkIn.already', {
            last: when.dateOn(last.lastOn),
            next: when.dateOn(last.dueOn),
          })}
        </p>
      ) : null}
      <FormErrors
        error={
          missing.length > 0
            ? {
                message: t('plans.checkIn.answerAll'),
                fields: missing.map((f) => ({ path: f, message: t('plans.checkIn.chooseNumber') })),
              }
            : record.error
        }
        title={t('plans.checkIn.couldNotSave')}
        labels={{
          pain: t('plans.checkIn.painName'),
          enjoyment: t('plans.checkIn.enjoymentName'),
          activity: t('plans.checkIn.activityName'),
        }}
      />
      {questions.map((q) => (
        <ScaleField
          key={q.field}
          legend={`${q.prefix ? `${q.prefix} ` : ''}${q.text}`}
          name={q.field}
          value={answers[q.field] ?? null}
          onChange={(n) => setAnswers((a) => ({ ...a, [q.field]: n }))}
          low={anchorOf(q.options[0]?.label, t('plans.checkIn.none'))}
          high={anchorOf(q.options.at(-1)?.label, t('plans.checkIn.worst'))}
          error={missing.includes(q.field) ? t('plans.checkIn.chooseNumber') : undefined}
        />
      ))}
      <TextArea
        label={t('plans.checkIn.note')}
        hint={progress && !progress.shareWithCoach ? t('plans.checkIn.noteNotShared') : t('plans.checkIn.noteShared')}
        value={note}
        onChange={setNote}
        maxLength={1000}
      />
      <p>{t('plans.checkIn.notesLater')}</p>
      <FormActions>
        <Button type="submit" busy={record.isPending} busyLabel={t('ui.saving')}>
          {t('plans.checkIn.save')}
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
  const when = useWhen();
  const program = useProgram();
  const progress = useProgress(program.programId, useOwnId());
  const t = useT();
  return (
    <Page title={t('plans.progress.title')} width="narrow">
      <CheckInDueNotice />
      <QueryView query={progress} loadingLabel={t('plans.progress.loading')}>
        {(p) => (
          <>
            <Section title={t('plans.progress.changed')} id="progress-change">
              {p.change ? <p className="check-in-due">{pegChangeWords(p.change, t)}</p> : null}
              {p.checkIns && p.checkIns.length > 0 ? (
                <PegChart
                  checkIns={p.checkIns}
                  marks={p.planMarks.map((m, i) => ({ ...m, label: t('plans.progress.planMark', { number: i + 1 }) }))}
                  summary={p.change ? pegChangeWords(p.change, t) : ''}
                  title={t('plans.progress.chartTitle')}
                />
              ) : (
                <p>
                  <Link to={program.to('check-in')}>{t('plans.progress.first')}</Link>
                </p>
              )}
            </Section>
            <Section title={t('plans.progress.plans')} id="progress-plans">
              <Stats
                label={t('plans.progress.inNumbers')}
                items={[
                  { label: t('plans.progress.made'), value: p.plans.made },
                  { label: t('plans.progress.done'), value: p.plans.done },
                  { label: t('plans.progress.partly'), value: p.plans.partly },
                ]}
              />
              {p.currentPlan ? (
                <p>
                  {t('plans.progress.now', { what: p.currentPlan.what })}{' '}
                  <Link to={program.to('my-plan')}>{t('plans.progress.goToPlan')}</Link>
                </p>
              ) : null}
            </Section>
            <Section title={t('plans.progress.skills')} id="progress-skills">
              {p.skillsTried.length === 0 ? (
                <p>{t('plans.progress.noSkills')}</p>
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
            <Section title={t('plans.progress.notes')} id="progress-notes">
              {p.notes.length === 0 ? (
                <p>{t('plans.progress.noNotes')}</p>
              ) : (
                <ul className="plain-list">
                  {p.notes.map((n) => (
                    <li key={n.id}>
                      “{n.text}”{' '}
                      <span className="muted">
                        {t('plans.progress.noteBy', {
                          name: n.authorName,
                          when: when.dateTime(n.writtenAt),
                        })}
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
  const t = useT();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void setSharing.mutateAsync(value).then(
      () => setSaved(true),
      () => undefined,
    );
  };
  return (
    <Section title={t('plans.sharing.title')} id="progress-sharing">
      <form onSubmit={submit} noValidate>
        <FormErrors error={setSharing.error} title={t('ui.couldNotSave')} />
        {saved ? <Notice>{value ? t('plans.sharing.savedYes') : t('plans.sharing.savedNo')}</Notice> : null}
        <Choice label={t('plans.sharing.label')} hint={t('plans.sharing.hint')} checked={value} onChange={setValue} />
        <FormActions>
          <Button type="submit" variant="secondary" busy={setSharing.isPending} busyLabel={t('ui.saving')}>
            {t('plans.sharing.save')}
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
