import { useWhen } from '../../app/when';
import type { ReactNode } from 'react';
import type { ReviewOutcome } from '../../../core/plans';
import { Badge, DetailList } from '../../ui/controls';
import type { PlanView } from './plans.api';
import './plans.css';
import { labelsOf, useT, type Translate } from '../../i18n/i18n';

export const reviewOutcomeLabels: Record<ReviewOutcome, string> = {
  done: 'Done',
  partly: 'Partly',
  not_done: 'Not done',
};

const outcomeTone = { done: 'good', partly: 'info', not_done: 'warning' } as const;

/** "5 minutes, 3 days a week, 8 out of 10 sure". */
function versionWords(v: PlanView['versions'][number], t: Translate): string {
  return t('plans.card.version', { howMuch: v.howMuch, days: v.daysPerWeek, confidence: v.confidence });
}

/**
 * One action plan or small step in plain words: what, how much, when, how often and how sure; the
 * earlier versions when it was made smaller; the practice log's count; and how it went.
 */
export function PlanCard({
  plan,
  headingLevel = 3,
  children,
  showMaker = true,
}: {
  plan: PlanView;
  headingLevel?: 2 | 3;
  /** Links or buttons for the plan. */
  children?: ReactNode;
  showMaker?: boolean;
}) {
  const when = useWhen();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const isStep = plan.kind === 'small_step';
  const t = useT();
  const outcomes = labelsOf(t, 'plans.outcome', reviewOutcomeLabels);
  return (
    <article className="card plan-card" aria-labelledby={`plan-${plan.id}`}>
      <p className="card__meta">
        {isStep ? <Badge tone="info">{t('plans.card.smallStep')}</Badge> : <Badge>{t('plans.card.actionPlan')}</Badge>}{' '}
        {plan.isCurrent ? <Badge tone="good">{t('plans.card.current')}</Badge> : null}{' '}
        {plan.review ? (
          <Badge tone={outcomeTone[plan.review.outcome]}>
            {t('plans.card.reviewed', { outcome: outcomes[plan.review.outcome] })}
          </Badge>
        ) : null}
      </p>
      <Heading id={`plan-${plan.id}`} className="plan-card__what">
        {plan.what}
      </Heading>
      <DetailList
        items={
          isStep
            ? [
                [t('plans.card.when'), plan.when || undefined],
                [t('plans.card.ready'), plan.readiness === null ? undefined : t('plans.card.outOf10', { n: plan.readiness })],
              ]
            : [
                [t('plans.card.howMuch'), plan.howMuch],
                [t('plans.card.when'), plan.when],
                [
                  t('plans.card.howOften'),
                  plan.daysPerWeek === null ? undefined : t('plans.card.daysAWeek', { days: plan.daysPerWeek }),
                ],
                [t('plans.card.howSure'), plan.confidence === null ? undefined : t('plans.card.outOf10', { n: plan.confidence })],
              ]
        }
      />
      {plan.versions.length > 1 ? (
        <p className="plan-versions">
          {t('plans.card.madeSmaller', {
            confidence: plan.versions[0]!.confidence,
            first: versionWords(plan.versions[0]!, t),
            rest: plan.versions
              .slice(1)
              .map((v) => t('plans.card.then', { version: versionWords(v, t) }))
              .join(''),
          })}
        </p>
      ) : null}
      {plan.practice && plan.practice.daysLogged > 0 ? (
        <p>{t('plans.card.practiceLog', { done: plan.practice.daysDone, logged: plan.practice.daysLogged })}</p>
      ) : null}
      {plan.review ? (
        <div className="plan-review">
          <p>
            <strong>{t('plans.card.howItWent')}</strong> {outcomes[plan.review.outcome]}
            {plan.review.barrier ? (
              <>
                . <strong>{t('plans.card.whatInWay')}</strong> {plan.review.barrier}
              </>
            ) : null}
            {plan.review.change ? (
              <>
                . <strong>{t('plans.card.whatToChange')}</strong> {plan.review.change}
              </>
            ) : null}
          </p>
        </div>
      ) : null}
      {showMaker ? (
        <p className="card__meta">{t('plans.card.madeBy', { day: when.dateOn(plan.madeOn), name: plan.madeBy })}</p>
      ) : null}
      {children ? <div className="card__actions">{children}</div> : null}
    </article>
  );
}
