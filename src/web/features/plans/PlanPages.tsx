import { useWhen } from '../../app/when';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ReviewOutcome } from '../../../core/plans';
import { useProgram } from '../../app/program';
import { Button, ButtonLink, DetailList, TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, RadioGroup, TextArea } from '../../ui/form';
import { Page } from '../../ui/Page';
import { Stats } from '../../ui/Stats';
import { PlanCard, reviewOutcomeLabels } from './PlanCard';
import { PlanForm } from './PlanForm';
import { usePlan, usePlanSummary, useProgress, useReviewPlan } from './plans.api';
import './plans.css';
import { useLocale, useT } from '../../i18n/i18n';

/** Make an action plan (or a smaller step) with a participant; back to the record when saved. */
export function NewPlanPage() {
  const program = useProgram();
  const { participantId = '' } = useParams();
  const navigate = useNavigate();
  const progress = useProgress(program.programId, participantId);
  const back = program.to(`participants/${participantId}`);
  return (
    <Page title="Make an action plan" width="narrow">
      <QueryView query={progress} loadingLabel="Loading…">
        {(p) => (
          <>
            {p.currentPlan && !p.currentPlan.review && program.can('plan:review') ? (
              <div className="alert alert--info">
                <p>
                  The last plan, “{p.currentPlan.what}”, has not been reviewed yet. Ask how it went first:{' '}
                  <Link to={program.to(`plans/${p.currentPlan.id}/review`)}>review the last plan</Link>.
                </p>
              </div>
            ) : null}
            <PlanForm
              programId={program.programId}
              participantId={participantId}
              name={p.givenName}
              cancelTo={back}
              onSaved={(plan) =>
                void navigate(back, {
                  state: { notice: plan.kind === 'action_plan' ? 'Action plan saved.' : 'Small step saved.' },
                })
              }
            />
          </>
        )}
      </QueryView>
    </Page>
  );
}

/** Review a plan at the next contact: done, partly or not done, what got in the way, what to change. */
export function ReviewPlanPage() {
  const program = useProgram();
  const { planId = '' } = useParams();
  const plan = usePlan(program.programId, planId);
  return (
    <Page title="Review the plan" width="narrow">
      <QueryView query={plan} loadingLabel="Loading the plan…">
        {(p) => (
          <>
            <PlanCard plan={p} headingLevel={2} />
            {p.review ? <p>This plan has been reviewed.</p> : <ReviewForm planId={p.id} participantId={p.participantId} />}
          </>
        )}
      </QueryView>
    </Page>
  );
}

function ReviewForm({ planId, participantId }: { planId: string; participantId: string }) {
  const program = useProgram();
  const navigate = useNavigate();
  const review = useReviewPlan(program.programId, planId);
  const [outcome, setOutcome] = useState<ReviewOutcome | ''>('');
  const [barrier, setBarrier] = useState('');
  const [change, setChange] = useState('');
  const [missing, setMissing] = useState(false);
  const back = program.to(`participants/${participantId}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!outcome);
    if (!outcome) return;
    void review.mutateAsync({ outcome, barrier, change }).then(
      () => void navigate(back, { state: { notice: 'Review saved.' } }),
      () => undefined,
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors
        error={
          missing
            ? { message: 'Some answers need attention.', fields: [{ path: 'outcome', message: 'Say how it went' }] }
            : review.error
        }
        title="Could not save the review"
        labels={{ outcome: 'How did it go?' }}
      />
      <RadioGroup<ReviewOutcome>
        legend="How did it go?"
        name="outcome"
        value={outcome}
        onChange={setOutcome}
        options={[
          { value: 'done', label: reviewOutcomeLabels.done, hint: 'Did the whole plan.' },
          { value: 'partly', label: reviewOutcomeLabels.partly, hint: 'Did some of it.' },
          { value: 'not_done', label: reviewOutcomeLabels.not_done, hint: 'That is useful to know too.' },
        ]}
        error={missing ? 'Say how it went' : undefined}
      />
      <TextArea
        label="What got in the way? (optional)"
        hint="For example a flare-up, the weather, forgetting."
        value={barrier}
        onChange={setBarrier}
        maxLength={500}
      />
      <TextArea
        label="What to change next time? (optional)"
        hint="For example fewer days, a reminder, an easier step."
        value={change}
        onChange={setChange}
        maxLength={500}
      />
      <FormActions>
        <Button type="submit" busy={review.isPending} busyLabel="Saving…">
          Save review
        </Button>
        <ButtonLink to={back} variant="secondary">
          Cancel
        </ButtonLink>
      </FormActions>
    </form>
  );
}

/**
 * The one-page action plan to print, in large type: what, how much, when, how often, how sure, a
 * box to tick for each day, and who the coach is. The print stylesheet keeps only the plan.
 */
export function PrintPlanPage() {
  const when = useWhen();
  const program = useProgram();
  const { planId = '' } = useParams();
  const plan = usePlan(program.programId, planId);
  const t = useT();
  const locale = useLocale();
  const isOwn = plan.data ? plan.data.participantId === program.membership.participantId : false;
  const title =
    plan.data?.kind === 'small_step'
      ? isOwn
        ? t('plans.print.mySmallStep')
        : 'Next small step'
      : isOwn
        ? t('plans.print.myPlan')
        : t('plans.card.actionPlan');
  const what = isOwn ? t('plans.print.whatIWillDo') : 'What';
  // The week's boxes start on Monday: 2024-01-01 was one.
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) =>
    new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-GB', { weekday: 'short', timeZone: 'UTC' }).format(
      Date.UTC(2024, 0, d),
    ),
  );
  return (
    <Page
      title={title}
      width="narrow"
      actions={
        plan.data ? (
          <Button variant="secondary" onClick={() => window.print()}>
            {t('plans.print.print')}
          </Button>
        ) : null
      }
    >
      <p className="print-hide">
        <Link to={isOwn ? program.to('my-plan') : program.to(`participants/${plan.data?.participantId ?? ''}`)}>
          {isOwn ? t('plans.print.back') : 'Back to the participant'}
        </Link>
      </p>
      <QueryView query={plan} loadingLabel={t('plans.print.loading')}>
        {(p) => (
          <div className="plan-print">
            <DetailList
              items={
                p.kind === 'small_step'
                  ? [
                      [what, p.what],
                      [t('plans.card.when'), p.when || undefined],
                    ]
                  : [
                      [what, p.what],
                      [t('plans.card.howMuch'), p.howMuch],
                      [t('plans.card.when'), p.when],
                      [
                        t('plans.print.howManyDays'),
                        p.daysPerWeek === null ? undefined : t('plans.print.days', { days: p.daysPerWeek }),
                      ],
                      [
                        isOwn ? t('plans.print.howSureIAm') : 'How sure',
                        p.confidence === null ? undefined : t('plans.card.outOf10', { n: p.confidence }),
                      ],
                    ]
              }
            />
            <h2>{t('plans.print.tick')}</h2>
            <ol className="plan-print__week" aria-label={t('plans.print.weekLabel')}>
              {weekdays.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ol>
            <p>
              {p.coachName ? `${t('plans.print.coach', { name: p.coachName })} ` : ''}
              {t('plans.print.made', { day: when.dateOn(p.madeOn) })}
            </p>
            <p className="plan-print__footer">{t('curriculum.crisisFooter')}</p>
          </div>
        )}
      </QueryView>
    </Page>
  );
}

/**
 * Plans made and reviewed per pair, for coordinators (names) and evaluators (codes only). Goal
 * setting was the essential element coaches skipped most in ECLIPSE (34%), so pairs without a plan
 * are listed too.
 */
export function PlanSummaryPage() {
  const when = useWhen();
  const program = useProgram();
  const summary = usePlanSummary(program.programId);
  return (
    <Page
      title="Action plans"
      intro="Plans made and reviewed for each active pair. Setting goals was the part of coaching skipped most often in earlier programs, so pairs without a plan are listed too."
    >
      <QueryView query={summary} loadingLabel="Loading the plans…">
        {(rows) => {
          // Evaluators get participant codes only, and no coach names.
          const isPseudonymous = rows.every((r) => r.participantName === null);
          return rows.length === 0 ? (
            <Empty>No active pairs yet.</Empty>
          ) : (
            <>
              <Stats
                label="Action plans in numbers"
                items={[
                  { label: 'active pairs', value: rows.length },
                  { label: 'pairs with a plan', value: rows.filter((r) => r.plansMade > 0).length },
                  { label: 'plans made', value: rows.reduce((n, r) => n + r.plansMade, 0) },
                  { label: 'reviewed', value: rows.reduce((n, r) => n + r.reviewed, 0) },
                ]}
              />
              <TableScroll label="Plans per pair">
                <table className="table">
                  <caption>Plans per pair</caption>
                  <thead>
                    <tr>
                      <th scope="col">Participant</th>
                      {isPseudonymous ? null : <th scope="col">Coach</th>}
                      <th scope="col" className="num">
                        Plans
                      </th>
                      <th scope="col" className="num">
                        Small steps
                      </th>
                      <th scope="col" className="num">
                        Reviewed
                      </th>
                      <th scope="col" className="num">
                        Done
                      </th>
                      <th scope="col" className="num">
                        Partly
                      </th>
                      <th scope="col" className="num">
                        Not done
                      </th>
                      <th scope="col">Last plan</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.participantId}>
                        <th scope="row">
                          {r.participantName ? (
                            <Link to={program.to(`participants/${r.participantId}`)}>{r.participantName}</Link>
                          ) : (
                            r.code
                          )}
                        </th>
                        {isPseudonymous ? null : <td>{r.coachName}</td>}
                        <td className="num">{r.plansMade}</td>
                        <td className="num">{r.smallSteps}</td>
                        <td className="num">{r.reviewed}</td>
                        <td className="num">{r.done}</td>
                        <td className="num">{r.partly}</td>
                        <td className="num">{r.notDone}</td>
                        <td>{r.lastMadeOn ? when.dateOn(r.lastMadeOn) : 'None yet'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}
