import { useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { countReviews, formatScore } from '../../../core/plans';
import { useProgram } from '../../app/program';
import { Button, ButtonLink, VisuallyHidden } from '../../ui/controls';
import { Empty, Notice, QueryView } from '../../ui/feedback';
import { FormErrors, TextArea } from '../../ui/form';
import { Section } from '../../ui/Page';
import { PegChart } from './PegChart';
import { PlanCard } from './PlanCard';
import { useProgress, usePlans, useWriteNote } from './plans.api';
import { PracticeWeek } from './PracticeWeek';

/**
 * A participant's action plans on the record, for staff and the participant's coach: plans made
 * and reviewed, each with its review or a link to review it, and a printable page.
 */
export function PlansSection({ participantId, givenName }: { participantId: string; givenName: string }) {
  const program = useProgram();
  const plans = usePlans(program.programId, participantId);
  return (
    <Section
      title="Action plans"
      id="participant-plans"
      actions={
        program.can('plan:create') ? (
          <ButtonLink to={program.to(`participants/${participantId}/plans/new`)}>Make an action plan</ButtonLink>
        ) : null
      }
    >
      <QueryView query={plans} loadingLabel="Loading the plans…">
        {(list) => {
          if (list.length === 0) return <Empty>No action plans with {givenName} yet.</Empty>;
          const c = countReviews(list);
          return (
            <>
              <p>
                {c.made} made, {c.reviewed} reviewed
                {c.reviewed > 0 ? `: ${c.done} done, ${c.partly} partly, ${c.notDone} not done` : ''}.
              </p>
              <div className="cards">
                {list.map((plan) => (
                  <PlanCard key={plan.id} plan={plan}>
                    {!plan.review && program.can('plan:review') ? (
                      <ButtonLink variant="secondary" to={program.to(`plans/${plan.id}/review`)}>
                        Review this plan<VisuallyHidden>: {plan.what}</VisuallyHidden>
                      </ButtonLink>
                    ) : null}
                    <ButtonLink variant="quiet" to={program.to(`plans/${plan.id}/print`)}>
                      Print<VisuallyHidden> the plan: {plan.what}</VisuallyHidden>
                    </ButtonLink>
                  </PlanCard>
                ))}
              </div>
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

/**
 * What the coach (or staff) sees of the participant between calls: the weekly check-ins and what
 * changed, the practice log of the current plan, the participant's notes, and notes of
 * encouragement to send. Check-ins and the practice log show only when the participant shares them.
 */
export function BetweenCallsSection({ participantId, givenName }: { participantId: string; givenName: string }) {
  const when = useWhen();
  const program = useProgram();
  const progress = useProgress(program.programId, participantId);
  return (
    <Section title="Between calls" id="participant-between-calls">
      <QueryView query={progress} loadingLabel="Loading check-ins…">
        {(p) => {
          // Check-ins that came by text message rather than in the app (ADR 0040), by day, oldest first.
          const byText = new Set((p.checkIns ?? []).filter((c) => c.source === 'text').map((c) => c.on));
          return (
            <>
              {p.isHiddenFromCaller ? (
                <p>{givenName} chose not to share weekly check-ins and the practice log with the coach.</p>
              ) : (
                <>
                  {p.checkIn ? (
                    <p>
                      {p.checkIn.lastOn
                        ? `Last check-in ${when.dateOn(p.checkIn.lastOn)}${byText.has(p.checkIn.lastOn) ? ', by text message' : ''}; ${p.checkIn.isDue ? 'this week’s is due' : `next due ${when.dateOn(p.checkIn.dueOn)}`}.`
                        : `${givenName} has not checked in yet.`}
                    </p>
                  ) : null}
                  {p.change && p.change.kind !== 'none' ? <p>{p.change.words}</p> : null}
                  {p.checkIns && p.checkIns.length > 0 ? (
                    <PegChart checkIns={p.checkIns} marks={p.planMarks} summary={p.change?.words ?? ''} showSource />
                  ) : null}
                  {p.checkIns?.some((c) => c.note) ? (
                    <>
                      <h3>Notes from {givenName}</h3>
                      <ul className="plain-list">
                        {p.checkIns
                          .filter((c) => c.note)
                          .slice(-3)
                          .reverse()
                          .map((c) => (
                            <li key={c.on}>
                              {when.dateOn(c.on)} (score {formatScore(c.score)}
                              {c.source === 'text' ? ', by text message' : ''}): {c.note}
                            </li>
                          ))}
                      </ul>
                    </>
                  ) : null}
                  {p.currentPlan && p.practice ? (
                    <>
                      <h3>Practice log: {p.currentPlan.what}</h3>
                      <PracticeWeek entries={p.practice} today={p.today} label={`${givenName}’s last 7 days`} />
                    </>
                  ) : null}
                </>
              )}
              <h3>Notes to {givenName}</h3>
              {p.notes.length === 0 ? (
                <p>No notes yet.</p>
              ) : (
                <ul className="plain-list">
                  {p.notes.map((n) => (
                    <li key={n.id}>
                      {n.text}{' '}
                      <span className="muted">
                        ({n.authorName}, {when.dateTime(n.writtenAt)})
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {program.can('encouragement:write') ? <NoteForm participantId={participantId} givenName={givenName} /> : null}
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

function NoteForm({ participantId, givenName }: { participantId: string; givenName: string }) {
  const program = useProgram();
  const write = useWriteNote(program.programId, participantId);
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setSent(false);
    void write.mutateAsync(text.trim()).then(
      () => {
        setText('');
        setSent(true);
      },
      () => undefined,
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors error={write.error} title="Could not send the note" />
      {sent ? <Notice>Note sent. {givenName} sees it on the progress page.</Notice> : null}
      <TextArea
        label={`Write a note to ${givenName}`}
        hint="A few words of encouragement. They appear on the participant’s progress page."
        value={text}
        onChange={setText}
        maxLength={500}
      />
      <Button type="submit" variant="secondary" busy={write.isPending} busyLabel="Sending…">
        Send note
      </Button>
    </form>
  );
}
