import type { ReactNode } from 'react';
import { daysWord, type ReviewOutcome } from '../../../core/plans';
import { Badge, DetailList } from '../../ui/controls';
import { formatDateOn } from '../../ui/dates';
import type { PlanView } from './plans.api';
import './plans.css';

export const reviewOutcomeLabels: Record<ReviewOutcome, string> = {
  done: 'Done',
  partly: 'Partly',
  not_done: 'Not done',
};

const outcomeTone = { done: 'good', partly: 'info', not_done: 'warning' } as const;

/** "5 minutes, 3 days a week, 8 out of 10 sure". */
function versionWords(v: PlanView['versions'][number]): string {
  return `${v.howMuch}, ${daysWord(v.daysPerWeek)} a week, ${v.confidence} out of 10 sure`;
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
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const isStep = plan.kind === 'small_step';
  return (
    <article className="card plan-card" aria-labelledby={`plan-${plan.id}`}>
      <p className="card__meta">
        {isStep ? <Badge tone="info">Small step</Badge> : <Badge>Action plan</Badge>}{' '}
        {plan.isCurrent ? <Badge tone="good">Current</Badge> : null}{' '}
        {plan.review ? (
          <Badge tone={outcomeTone[plan.review.outcome]}>{`Reviewed: ${reviewOutcomeLabels[plan.review.outcome]}`}</Badge>
        ) : null}
      </p>
      <Heading id={`plan-${plan.id}`} className="plan-card__what">
        {plan.what}
      </Heading>
      <DetailList
        items={
          isStep
            ? [
                ['When', plan.when || undefined],
                ['Ready to set a goal', plan.readiness === null ? undefined : `${plan.readiness} out of 10`],
              ]
            : [
                ['How much', plan.howMuch],
                ['When', plan.when],
                ['How often', plan.daysPerWeek === null ? undefined : `${daysWord(plan.daysPerWeek)} a week`],
                ['How sure', plan.confidence === null ? undefined : `${plan.confidence} out of 10`],
              ]
        }
      />
      {plan.versions.length > 1 ? (
        <p className="plan-versions">
          Made smaller after a confidence of {plan.versions[0]!.confidence}: first {versionWords(plan.versions[0]!)}
          {plan.versions.slice(1).map((v) => `; then ${versionWords(v)}`)}.
        </p>
      ) : null}
      {plan.practice && plan.practice.daysLogged > 0 ? (
        <p>
          Practice log: done on {plan.practice.daysDone} of {daysWord(plan.practice.daysLogged)} logged.
        </p>
      ) : null}
      {plan.review ? (
        <div className="plan-review">
          <p>
            <strong>How it went:</strong> {reviewOutcomeLabels[plan.review.outcome]}
            {plan.review.barrier ? (
              <>
                . <strong>What got in the way:</strong> {plan.review.barrier}
              </>
            ) : null}
            {plan.review.change ? (
              <>
                . <strong>What to change:</strong> {plan.review.change}
              </>
            ) : null}
          </p>
        </div>
      ) : null}
      {showMaker ? (
        <p className="card__meta">
          Made {formatDateOn(plan.madeOn)} by {plan.madeBy}
        </p>
      ) : null}
      {children ? <div className="card__actions">{children}</div> : null}
    </article>
  );
}
