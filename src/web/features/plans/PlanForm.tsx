import { newClientKey } from '../../ui/client-key';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { daysWord, needsSmallerPlan, planAdvice, readinessAdvice, type PlanDraft, type PlanKind } from '../../../core/plans';
import { Button, ButtonLink } from '../../ui/controls';
import { FormActions, FormErrors, RadioGroup, SelectField, TextField, useServerRefusal } from '../../ui/form';
import { draftOf, emptyPlanForm, planBody, planFieldLabels, planProblems, type PlanFormValues } from './plan-form';
import { useCreatePlan, type PlanBody, type PlanView } from './plans.api';
import { ScaleField } from './ScaleField';
import './plans.css';

const sameDraft = (a: PlanDraft, b: PlanDraft) =>
  a.what === b.what &&
  a.howMuch === b.howMuch &&
  a.when === b.when &&
  a.daysPerWeek === b.daysPerWeek &&
  a.confidence === b.confidence;

const dayOptions = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: n === 7 ? '7 days (every day)' : daysWord(n) }));

/**
 * Makes an action plan with the participant: what, how much, when, how many days, and how sure he
 * or she is of doing all of it. Below 7, Kindred suggests a smaller or easier plan before saving;
 * the coach can make it smaller (the original is kept as an earlier version) or keep it. "Not ready
 * to set a goal" is a valid answer: the readiness ruler and a smaller step instead.
 */
export function PlanForm({
  programId,
  participantId,
  name,
  cancelTo,
  onSaved,
  onDraft,
}: {
  programId: string;
  participantId: string;
  /** The participant's given name, for the questions. */
  name: string;
  /** Without it there is no Cancel link (the session guide has its own Back). */
  cancelTo?: string;
  onSaved?: (plan: PlanView) => void;
  /**
   * The session guide: hand the agreed plan (with its earlier drafts) back instead of saving it; the
   * guide saves it with the contact when the session is finished.
   */
  onDraft?: (body: PlanBody) => void;
}) {
  const create = useCreatePlan(programId, participantId);
  // One key per plan, made once and reused on every retry of this form.
  const [clientKey] = useState(newClientKey);
  const [v, setV] = useState<PlanFormValues>(emptyPlanForm);
  const [problems, setProblems] = useState<Record<string, string>>({});
  /** Drafts the coach chose to make smaller, oldest first. */
  const [earlierDrafts, setEarlierDrafts] = useState<PlanDraft[]>([]);
  /** The draft Kindred suggested making smaller, while the suggestion is shown. */
  const [prompted, setPrompted] = useState<PlanDraft | null>(null);
  const [isRevising, setIsRevising] = useState(false);
  const adviceHeading = useRef<HTMLHeadingElement>(null);
  const revisingNote = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (prompted) adviceHeading.current?.focus();
  }, [prompted]);
  useEffect(() => {
    if (isRevising) revisingNote.current?.focus();
  }, [isRevising]);

  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(create.error);
  const set =
    <K extends keyof PlanFormValues>(key: K) =>
    (value: PlanFormValues[K]) => {
      server.edited(key);
      // Changing the plan while the suggestion shows is making it smaller: keep the draft it was for.
      if (prompted) {
        setEarlierDrafts((d) => [...d, prompted]);
        setPrompted(null);
      }
      setV((prev) => ({ ...prev, [key]: value }));
    };

  const save = (draft: PlanDraft | null) => {
    // A suggestion that led to a changed plan is a revision: keep the draft it was made for.
    const drafts = prompted && draft && !sameDraft(prompted, draft) ? [...earlierDrafts, prompted] : earlierDrafts;
    const body = planBody(v, clientKey, drafts);
    if (onDraft) {
      setPrompted(null);
      onDraft(body);
      return;
    }
    void create.mutateAsync(body).then(onSaved, () => undefined);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = planProblems(v);
    setProblems(p);
    if (Object.keys(p).length > 0) return;
    const draft = draftOf(v);
    if (draft && needsSmallerPlan(draft.confidence) && !prompted) {
      setIsRevising(false);
      setPrompted(draft);
      return;
    }
    save(draft);
  };

  const makeSmaller = () => {
    if (prompted) setEarlierDrafts((d) => [...d, prompted]);
    setPrompted(null);
    setIsRevising(true);
  };

  const hasLocal = Object.keys(problems).length > 0;
  const fields = hasLocal ? problems : server.fields;
  const localError = {
    message: 'Some answers need attention.',
    fields: Object.entries(problems).map(([path, message]) => ({ path, message })),
  };
  const advice = prompted ? planAdvice(prompted) : null;
  const draftNow = draftOf(v);
  const readiness = v.readiness === null ? null : readinessAdvice(v.readiness);

  return (
    <form onSubmit={submit} noValidate>
      <FormErrors error={hasLocal ? localError : server.error} title="Could not save the plan" labels={planFieldLabels} />
      <RadioGroup<PlanKind>
        legend={`Is ${name} ready to set a goal?`}
        name="kind"
        value={v.kind}
        onChange={(kind) => {
          server.edited('kind');
          setPrompted(null);
          setV((prev) => ({ ...prev, kind }));
        }}
        options={[
          { value: 'action_plan', label: 'Yes: make an action plan' },
          { value: 'small_step', label: 'Not yet: agree on a smaller step', hint: 'Not being ready is fine. Nothing is forced.' },
        ]}
      />
      {v.kind === 'action_plan' ? (
        <>
          {isRevising ? (
            <p ref={revisingNote} tabIndex={-1} className="notice">
              Change the plan with {name} so it feels doable: fewer days, less each time or an easier step. Then ask again how
              sure {name} is, and save.
            </p>
          ) : null}
          <TextField
            label={`What will ${name} do?`}
            hint="Something specific that they want to do, e.g. walk around the block."
            value={v.what}
            onChange={set('what')}
            maxLength={200}
            error={fields['what']}
          />
          <TextField
            label="How much?"
            hint="For example 10 minutes, 2 laps, 5 pages."
            value={v.howMuch}
            onChange={set('howMuch')}
            maxLength={120}
            error={fields['howMuch']}
          />
          <TextField
            label="When?"
            hint="For example after lunch, before bed."
            value={v.when}
            onChange={set('when')}
            maxLength={120}
            error={fields['when']}
          />
          <SelectField
            label="How many days this week?"
            value={v.daysPerWeek}
            placeholder="Choose…"
            options={dayOptions}
            onChange={set('daysPerWeek')}
            error={fields['daysPerWeek']}
          />
          {draftNow && draftNow.daysPerWeek === 7 ? (
            <p className="plan-warning">{planAdvice(draftNow).warnings[0]?.text}</p>
          ) : null}
          <ScaleField
            legend={`How sure is ${name} of doing the whole plan?`}
            name="confidence"
            value={v.confidence}
            onChange={set('confidence')}
            low="Not at all sure"
            high="Completely sure"
            error={fields['confidence']}
          />
          {earlierDrafts.length > 0 ? (
            <p className="plan-versions">
              Earlier version{earlierDrafts.length > 1 ? 's' : ''}:{' '}
              {earlierDrafts
                .map((d) => `${d.howMuch}, ${daysWord(d.daysPerWeek)} a week, ${d.confidence} out of 10 sure`)
                .join('; ')}
              .
            </p>
          ) : null}
          {advice && prompted ? (
            <section className="plan-advice" aria-labelledby="plan-advice-heading">
              <h2 id="plan-advice-heading" ref={adviceHeading} tabIndex={-1}>
                Kindred suggests a smaller plan
              </h2>
              <p>
                {name} is {prompted.confidence} out of 10 sure. Plans work best when the person is at least 7 sure, so try making
                it smaller or easier:
              </p>
              <ul>
                {advice.suggestions.map((s) => (
                  <li key={s.kind}>{s.text}</li>
                ))}
              </ul>
              <div className="form-actions">
                <Button onClick={makeSmaller}>Make it smaller</Button>
                <Button variant="secondary" onClick={() => save(prompted)} busy={create.isPending} busyLabel="Saving…">
                  Keep this plan
                </Button>
              </div>
            </section>
          ) : null}
        </>
      ) : (
        <>
          <ScaleField
            legend={`How ready is ${name} to set a goal?`}
            name="readiness"
            value={v.readiness}
            onChange={set('readiness')}
            low="Not ready at all"
            high="Completely ready"
            error={fields['readiness']}
          />
          {readiness ? (
            <p className="plan-advice" aria-live="polite">
              {readiness.text}
            </p>
          ) : null}
          <TextField
            label="A smaller step"
            hint="Something small to do or think about before you next talk, e.g. read the pacing handout."
            value={v.step}
            onChange={set('step')}
            maxLength={200}
            error={fields['what']}
          />
          <TextField label="When? (optional)" value={v.stepWhen} onChange={set('stepWhen')} maxLength={120} />
        </>
      )}
      {prompted ? null : (
        <FormActions>
          <Button type="submit" busy={create.isPending} busyLabel="Saving…">
            {v.kind === 'action_plan' ? 'Save plan' : 'Save small step'}
          </Button>
          {cancelTo ? (
            <ButtonLink to={cancelTo} variant="secondary">
              Cancel
            </ButtonLink>
          ) : null}
        </FormActions>
      )}
    </form>
  );
}
