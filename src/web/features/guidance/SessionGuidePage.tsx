import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useWhen } from '../../app/when';
import { Link, useNavigate, useParams } from 'react-router';
import type { EssentialElement } from '../../../core/contacts';
import { addDaysOn } from '../../../core/shared/time';
import {
  deriveEssentialElements,
  draftKeptMessage,
  suggestTopic,
  type GuideDraftAnswers,
  type GuideDraftView,
  type GuideStartView,
} from '../../../core/guidance';
import { daysWord, formatScore, readinessAdvice, type ReviewOutcome } from '../../../core/plans';
import type { Channel } from '../../../core/shared/vocab';
import { useProgram } from '../../app/program';
import { queuedNow } from '../../app/send-queue';
import { useOptionalMe } from '../../app/session';
import { channelLabels, optionsOf } from '../../app/vocab';
import { newClientKey } from '../../ui/client-key';
import { Button, ButtonLink } from '../../ui/controls';
import { Disclosure } from '../../ui/Disclosure';
import { Loading, QueryView } from '../../ui/feedback';
import { CheckboxGroup, Choice, FormActions, FormErrors, RadioGroup, SelectField, TextArea, TextField } from '../../ui/form';
import { Page } from '../../ui/Page';
import { elementLabels } from '../contacts/labels';
import { Markdown } from '../curriculum';
import { PlanCard, PlanForm, ScaleField, type PlanBody } from '../plans';
import {
  useDiscardGuideDraft,
  useFinishGuide,
  useGuide,
  useGuideDraft,
  useSaveGuideDraft,
  useTopicGuide,
  type GuideFinishBody,
} from './guidance.api';
import './guidance.css';

const STEPS = ['Check in', 'Review the last plan', "Today's topic", 'Make a new plan', 'Agree the next contact'] as const;
type StepIndex = 0 | 1 | 2 | 3 | 4;

const outcomeOptions: { value: ReviewOutcome; label: string; hint: string }[] = [
  { value: 'done', label: 'Done', hint: 'Did the whole plan.' },
  { value: 'partly', label: 'Partly', hint: 'Did some of it.' },
  { value: 'not_done', label: 'Not done', hint: 'That is useful to know too.' },
];

/**
 * Everything the guide records while the call goes on. It lives in this page until "Finish session"
 * and is saved on the server as a draft as the coach goes (ADR 0035).
 */
interface GuideState {
  openedAt: string;
  pain: number | null;
  mood: number | null;
  outcome: ReviewOutcome | '';
  barrier: string;
  change: string;
  encouraged: boolean;
  topics: string[];
  /** Step 4: the plan agreed, "none" for no plan this time, or null while undecided. */
  plan: PlanBody | 'none' | null;
  /** The coach's corrections of the derived elements. */
  overrides: Partial<Record<EssentialElement, boolean>>;
  channel: Channel;
  minutes: string;
  note: string;
  nextOn: string;
  nextTime: string;
  nextHow: Channel;
  nextMinutes: string;
  nextPlace: string;
}

/** How long after the last keystroke the draft is saved; a step change saves at once. */
export const DRAFT_SAVE_DELAY_MS = 2000;

/**
 * The latest answers not yet on the server, by person, program and participant: kept in this tab's
 * memory only (never on the device's storage), so that a save or "Finish" refused because the
 * session ended is not lost when the coach signs in again in the same tab.
 */
const unsaved = new Map<string, { clientKey: string; step: StepIndex; answers: GuideState; at: number }>();

/**
 * The session guide (issue #4): a call in five steps on the coach's phone, with bridge prompts and
 * "what if" help always at hand. "Finish session" logs the contact, reviews the last plan, saves
 * the new one and the next contact in one request (one client key, so a retry saves it once).
 * Until then what is entered is saved as a draft as the coach goes, and opening the guide again
 * (after signing in again, or on another device) carries on from it, with "Start over" (ADR 0035).
 */
export function SessionGuidePage() {
  const program = useProgram();
  const { participantId = '' } = useParams();
  const me = useOptionalMe();
  const guide = useGuide(program.programId, participantId);
  const draft = useGuideDraft(program.programId, participantId);
  // Online the guide opens with fresh answers (the last plan, the topics covered), not a copy kept
  // from an earlier opening; offline (the question held back) the copy serves (ADR 0042).
  const isKeptCopy = guide.data !== undefined && !guide.isFetchedAfterMount && guide.fetchStatus === 'fetching';
  return (
    <Page title="Session guide" width="narrow">
      <QueryView
        query={isKeptCopy ? { ...guide, isPending: true, fetchStatus: 'fetching' } : guide}
        loadingLabel="Opening the guide…"
      >
        {(g) =>
          // Offline the draft cannot be asked for (the query waits, "paused"): the device's copy serves.
          draft.isPending && draft.fetchStatus !== 'paused' ? (
            <Loading label="Opening the guide…" />
          ) : (
            // A draft that cannot be read does not stop the call: the guide starts afresh.
            <Guide g={g} draft={newerDraft(draft.data ?? null, queuedDraft(me?.id, program.programId, participantId))} />
          )
        }
      </QueryView>
    </Page>
  );
}

/** A draft saved on this device while offline and not sent yet (ADR 0042), as the server would give it. */
function queuedDraft(personId: string | undefined, programId: string, participantId: string): GuideDraftView | null {
  if (!personId) return null;
  const entry = queuedNow(personId).find(
    (e) => e.kind === 'guide_draft' && e.programId === programId && e.participantId === participantId && e.refusal === undefined,
  );
  if (!entry) return null;
  return { ...(entry.body as GuideDraftView), savedAt: new Date(entry.queuedAt).toISOString() };
}

function newerDraft(a: GuideDraftView | null, b: GuideDraftView | null): GuideDraftView | null {
  if (!a || !b) return a ?? b;
  return Date.parse(b.savedAt) > Date.parse(a.savedAt) ? b : a;
}

function freshState(g: GuideStartView): GuideState {
  return {
    openedAt: new Date().toISOString(),
    pain: null,
    mood: null,
    outcome: '',
    barrier: '',
    change: '',
    encouraged: false,
    topics: [],
    plan: null,
    overrides: {},
    channel: g.preferredChannel === 'text' ? 'phone' : g.preferredChannel,
    minutes: '',
    note: '',
    nextOn: addDaysOn(g.today, g.cadenceDays),
    nextTime: '',
    nextMinutes: '30',
    nextPlace: '',
    nextHow: g.preferredChannel === 'text' ? 'phone' : g.preferredChannel,
  };
}

/** The time zone of the coach's device: "6:42 PM" as on the coach's own clock. */
const deviceZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function Guide({ g, draft }: { g: GuideStartView; draft: GuideDraftView | null }) {
  const when = useWhen();
  const program = useProgram();
  const me = useOptionalMe();
  const navigate = useNavigate();
  const sender = { personId: me?.id ?? '', name: `${g.givenName} ${g.familyName}` };
  const finish = useFinishGuide(program.programId, g.participantId, sender);
  const saveDraft = useSaveGuideDraft(program.programId, g.participantId, sender);
  const discardDraft = useDiscardGuideDraft(program.programId, g.participantId);
  const memoryKey = `${me?.id ?? ''}|${program.programId}|${g.participantId}`;
  // Where to carry on from: this tab's unsaved answers (the same session, or newer than the server's
  // draft), else the draft. The memory copy is dropped once a save begun after it succeeds, so it is
  // never older than what this tab saved; the server's time is not compared with it (a save in
  // flight is stamped after the keys typed while it travelled).
  const [start] = useState(() => {
    const mem = unsaved.get(memoryKey);
    const draftAt = draft ? Date.parse(draft.savedAt) : 0;
    if (mem && (!draft || mem.clientKey === draft.clientKey || mem.at > draftAt)) {
      return { ...mem, resumedAt: mem.at, saveNow: true };
    }
    if (draft) {
      return {
        clientKey: draft.clientKey,
        step: draft.step as StepIndex,
        answers: draft.answers as GuideState,
        resumedAt: draftAt,
        saveNow: false,
      };
    }
    return null;
  });
  const [clientKey, setClientKey] = useState(() => start?.clientKey ?? newClientKey());
  const [step, setStep] = useState<StepIndex>(start?.step ?? 0);
  const [s, setS] = useState<GuideState>(() => start?.answers ?? freshState(g));
  const [resumedAt, setResumedAt] = useState<number | null>(start?.resumedAt ?? null);
  const [savedAt, setSavedAt] = useState<string | null>(draft?.savedAt ?? null);
  // The last save is kept on this device, waiting for the connection (ADR 0042).
  const [isSaveQueued, setSaveQueued] = useState(false);
  const latest = useRef({ clientKey, step, s });
  latest.current = { clientKey, step, s };
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const done = useRef(false);
  const { mutateAsync: saveDraftAsync } = saveDraft;

  /** Saves what is entered now; the tab's memory copy goes once the server has it. */
  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (done.current) return;
    const at = Date.now();
    const now = latest.current;
    try {
      const saved = await saveDraftAsync({ clientKey: now.clientKey, step: now.step, answers: now.s as GuideDraftAnswers });
      setSavedAt(saved.savedAt);
      setSaveQueued(saved.isQueued);
      const mem = unsaved.get(memoryKey);
      if (mem && mem.at <= at) unsaved.delete(memoryKey);
    } catch {
      // Shown beside the steps; a session that ended sends the coach to sign in (the memory copy stays).
    }
  }, [saveDraftAsync, memoryKey]);

  const isFirstSave = useRef(true);
  const lastStep = useRef(step);
  useEffect(() => {
    if (isFirstSave.current) {
      isFirstSave.current = false;
      if (start?.saveNow) void flush();
      return;
    }
    unsaved.set(memoryKey, { clientKey, step, answers: s, at: Date.now() });
    const stepChanged = lastStep.current !== step;
    lastStep.current = step;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), stepChanged ? 0 : DRAFT_SAVE_DELAY_MS);
  }, [s, step, clientKey, memoryKey, flush, start]);
  // Leaving the page (a link, the back button) saves what is still waiting.
  useEffect(
    () => () => {
      if (timer.current !== undefined) void flush();
    },
    [flush],
  );

  const startOver = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    unsaved.delete(memoryKey);
    discardDraft.mutate();
    isFirstSave.current = true;
    setClientKey(newClientKey());
    setStep(0);
    lastStep.current = 0;
    setS(freshState(g));
    setResumedAt(null);
    setSavedAt(null);
  };
  const set =
    <K extends keyof GuideState>(key: K) =>
    (value: GuideState[K]) =>
      setS((prev) => ({ ...prev, [key]: value }));
  const heading = useRef<HTMLHeadingElement>(null);
  const isFirst = useRef(true);
  useEffect(() => {
    if (isFirst.current) {
      isFirst.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const name = g.givenName;
  const review = g.lastPlan && s.outcome ? { outcome: s.outcome, barrier: s.barrier.trim(), change: s.change.trim() } : null;
  // Today's topic follows what the coach hears in step 2: a barrier just said can change it.
  const barrier = review?.barrier ?? '';
  const change = review?.change ?? '';
  const hasReview = review !== null;
  const suggestion = useMemo(
    () =>
      g.lastPlan
        ? suggestTopic({
            programTopics: g.topics,
            covered: g.topics.filter((t) => t.isCovered).map((t) => t.key),
            lastPlan: { what: g.lastPlan.what, review: hasReview ? { barrier, change } : null },
          }).suggested
        : g.suggestion,
    [g, hasReview, barrier, change],
  );
  const plan = s.plan === 'none' ? null : s.plan;
  const derived = deriveEssentialElements({
    review,
    encouraged: s.encouraged,
    topics: s.topics,
    plan: plan
      ? plan.kind === 'action_plan'
        ? { kind: 'action_plan', confidence: plan.confidence, earlierDrafts: plan.earlierDrafts?.length ?? 0 }
        : { kind: 'small_step', readiness: plan.readiness }
      : null,
  });
  const elements = Object.fromEntries(
    (Object.keys(elementLabels) as EssentialElement[]).map((k) => [k, s.overrides[k] ?? derived[k].isMet]),
  ) as Record<EssentialElement, boolean>;

  const go = (to: StepIndex) => setStep(to);
  const next = (
    <Button onClick={() => go(Math.min(step + 1, 4) as StepIndex)}>Next: {STEPS[Math.min(step + 1, 4)]!.toLowerCase()}</Button>
  );
  const back =
    step > 0 ? (
      <Button variant="secondary" onClick={() => go((step - 1) as StepIndex)}>
        Back
      </Button>
    ) : null;

  const submit = () => {
    const minutes = s.minutes.trim() === '' ? null : Number(s.minutes);
    const body: GuideFinishBody = {
      clientKey,
      occurredAt: s.openedAt,
      channel: s.channel,
      minutes: minutes !== null && Number.isFinite(minutes) ? Math.round(minutes) : null,
      check: { pain: s.pain, mood: s.mood },
      review: g.lastPlan && review ? { planId: g.lastPlan.id, ...review } : null,
      encouraged: s.encouraged,
      topics: s.topics,
      suggestedTopic: suggestion?.key ?? null,
      plan: plan ? stripKey(plan) : null,
      elements,
      note: s.note,
      nextContactOn: s.nextTime ? null : s.nextOn || null,
      schedule:
        s.nextTime && s.nextOn
          ? {
              date: s.nextOn,
              time: s.nextTime,
              modality: s.nextHow,
              durationMinutes: Number(s.nextMinutes),
              place: s.nextHow === 'in_person' ? s.nextPlace.trim() : '',
            }
          : null,
    };
    // Anything still waiting is part of this request; the draft is deleted with the finished session.
    clearTimeout(timer.current);
    timer.current = undefined;
    void finish.mutateAsync(body).then(
      (r) => {
        done.current = true;
        unsaved.delete(memoryKey);
        void navigate(program.to(`participants/${g.participantId}`), {
          state: {
            notice: r.isQueued
              ? `Session with ${name} is waiting to send: you are offline, so it is kept on this device and sent when you are back online.`
              : `Session with ${name} saved: the contact is logged${plan ? ' with the new plan' : ''}.`,
          },
        });
      },
      () => undefined,
    );
  };

  return (
    <div className="guide">
      <p className="guide__who">
        With {g.givenName} {g.familyName}
      </p>
      {resumedAt !== null ? (
        <div className="notice guide__resumed">
          <p role="status">
            {draftKeptMessage(new Date(resumedAt), new Date(), deviceZone())} Carry on where you were, or start over.
          </p>
          <Button variant="secondary" onClick={startOver}>
            Start over
          </Button>
        </div>
      ) : null}
      <ol className="guide__steps" aria-label="Steps of the session">
        {STEPS.map((label, i) => (
          <li key={label} aria-current={i === step ? 'step' : undefined} className={i === step ? 'is-current' : ''}>
            {i + 1}. {label}
          </li>
        ))}
      </ol>
      <p className="guide__saved">
        {saveDraft.isError
          ? 'Could not save as you go just now. Carry on: Kindred tries again with your next change.'
          : isSaveQueued && savedAt
            ? `Saved on this device at ${timeOf(savedAt)}, waiting to send: you are offline.`
            : savedAt
              ? `Saved as you go, last at ${timeOf(savedAt)}.`
              : 'What you enter is saved as you go.'}
      </p>
      <section className="guide__step" aria-labelledby="guide-step-heading">
        <h2 id="guide-step-heading" ref={heading} tabIndex={-1}>
          Step {step + 1} of 5: {STEPS[step]}
        </h2>
        {step === 0 ? (
          <>
            <p>Catch up first: how has the week been? Then one quick line on pain and mood.</p>
            <p className="guide__note">
              No answer? <Link to={program.to(`contacts/new?participant=${g.participantId}`)}>Log the attempt instead</Link>.
            </p>
            {g.lastCheckIn ? (
              <p className="guide__note">
                {name}’s last weekly check-in: pain score {formatScore(g.lastCheckIn.score)} on {when.dateOn(g.lastCheckIn.on)}.
              </p>
            ) : null}
            {g.lastCheck && (g.lastCheck.pain !== null || g.lastCheck.mood !== null) ? (
              <p className="guide__note">
                Last session ({when.dateTime(g.lastCheck.at)}):{' '}
                {[
                  g.lastCheck.pain !== null ? `pain ${g.lastCheck.pain}` : null,
                  g.lastCheck.mood !== null ? `mood ${g.lastCheck.mood}` : null,
                ]
                  .filter(Boolean)
                  .join(', ')}{' '}
                out of 10.
              </p>
            ) : null}
            <ScaleField
              legend={`${name}'s pain right now`}
              name="guide-pain"
              value={s.pain}
              onChange={set('pain')}
              low="No pain"
              high="As bad as you can imagine"
            />
            <ScaleField
              legend={`${name}'s mood right now`}
              name="guide-mood"
              value={s.mood}
              onChange={set('mood')}
              low="Very low"
              high="Very good"
            />
            <RadioGroup<Channel>
              legend="How are you talking?"
              name="guide-channel"
              value={s.channel}
              onChange={set('channel')}
              options={optionsOf(channelLabels).filter((o) => o.value !== 'text')}
              columns
            />
            <FormActions>{next}</FormActions>
          </>
        ) : null}
        {step === 1 ? (
          <>
            {g.lastPlan ? (
              <>
                <PlanCard plan={g.lastPlan} headingLevel={3} showMaker={false} />
                <RadioGroup<ReviewOutcome>
                  legend="How did it go?"
                  name="guide-outcome"
                  value={s.outcome}
                  onChange={set('outcome')}
                  options={outcomeOptions}
                />
                <TextArea
                  label="What got in the way? (optional)"
                  hint="For example a flare-up, the weather, forgetting."
                  value={s.barrier}
                  onChange={set('barrier')}
                  maxLength={500}
                />
                <TextArea
                  label="What to change next time? (optional)"
                  value={s.change}
                  onChange={set('change')}
                  maxLength={500}
                />
              </>
            ) : (
              <p>There is no plan to review yet. Ask what {name} would like to get back to doing.</p>
            )}
            <Choice
              label={`I praised the effort or encouraged ${name}`}
              hint="Whatever happened with the plan, trying counts."
              checked={s.encouraged}
              onChange={set('encouraged')}
            />
            <FormActions>
              {next}
              {back}
            </FormActions>
          </>
        ) : null}
        {step === 2 ? (
          <TopicStep g={g} suggestion={suggestion} topics={s.topics} onTopics={set('topics')}>
            <FormActions>
              {next}
              {back}
            </FormActions>
          </TopicStep>
        ) : null}
        {step === 3 ? (
          <>
            {s.plan === null ? (
              <>
                <p>
                  Ask what {name} would like to do this week. Not ready is fine: choose a smaller step, or just talk this time.
                </p>
                <PlanForm
                  programId={program.programId}
                  participantId={g.participantId}
                  name={name}
                  onDraft={(body) => {
                    set('plan')(body);
                    go(4);
                  }}
                />
                <FormActions>
                  <Button variant="secondary" onClick={() => (set('plan')('none'), go(4))}>
                    No plan this time
                  </Button>
                  {back}
                </FormActions>
              </>
            ) : (
              <>
                <AgreedPlan plan={s.plan} name={name} />
                <FormActions>
                  {next}
                  <Button variant="secondary" onClick={() => set('plan')(null)}>
                    Change the plan
                  </Button>
                </FormActions>
              </>
            )}
          </>
        ) : null}
        {step === 4 ? (
          <>
            <TextField
              label="Next contact"
              type="date"
              hint={`The program asks for a contact every ${daysWord(g.cadenceDays)}.`}
              value={s.nextOn}
              onChange={set('nextOn')}
              min={addDaysOn(g.today, 1)}
            />
            <TextField
              label="Time (optional)"
              type="time"
              hint="With a time, the session is scheduled and both of you get a calendar invitation."
              value={s.nextTime}
              onChange={set('nextTime')}
            />
            {s.nextTime ? (
              <>
                <RadioGroup<Channel>
                  legend="How will you meet?"
                  name="guide-next-how"
                  value={s.nextHow}
                  onChange={set('nextHow')}
                  options={optionsOf({ ...channelLabels, text: 'Text check-in' })}
                  columns
                />
                {s.nextHow === 'in_person' ? (
                  <TextField label="Where will you meet?" value={s.nextPlace} onChange={set('nextPlace')} maxLength={200} />
                ) : null}
                <SelectField
                  label="How long?"
                  value={s.nextMinutes}
                  onChange={set('nextMinutes')}
                  options={['15', '20', '30', '45', '60', '90'].map((d) => ({ value: d, label: `${d} minutes` }))}
                />
              </>
            ) : null}
            <h3>What you did in this session</h3>
            <p>Kindred ticked these from the steps above. Change them if they are not right.</p>
            <CheckboxGroup<EssentialElement>
              legend="What you did"
              options={(Object.keys(elementLabels) as EssentialElement[]).map((k) => ({
                value: k,
                label: elementLabels[k],
                hint: derived[k].why ?? undefined,
              }))}
              values={(Object.keys(elements) as EssentialElement[]).filter((k) => elements[k])}
              onChange={(values) =>
                set('overrides')(
                  Object.fromEntries((Object.keys(elementLabels) as EssentialElement[]).map((k) => [k, values.includes(k)])),
                )
              }
            />
            <TextField
              label="Minutes (optional)"
              type="number"
              inputMode="numeric"
              min={0}
              max={600}
              value={s.minutes}
              onChange={set('minutes')}
            />
            <TextArea label="Private note (optional)" value={s.note} onChange={set('note')} maxLength={4000} />
            <FormErrors error={saveError(finish.error)} title="Could not save the session" />
            <FormActions>
              <Button onClick={submit} busy={finish.isPending} busyLabel="Saving…">
                Finish session
              </Button>
              {back}
            </FormActions>
          </>
        ) : null}
      </section>
      <Help g={g} />
    </div>
  );
}

/** "6:42 PM" on the coach's clock. */
function timeOf(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: true }).format(new Date(iso));
}

/** Says plainly that a failed save can be retried without being saved twice. */
function saveError(error: unknown): unknown {
  if (error && typeof error === 'object' && 'status' in error && error.status === 0) {
    return {
      message:
        'Could not reach Kindred, so the session is not saved yet. Select Finish session again to retry: it will be saved only once.',
    };
  }
  return error;
}

function stripKey(plan: PlanBody): NonNullable<GuideFinishBody['plan']> {
  const { clientKey: _key, ...rest } = plan;
  return rest;
}

function AgreedPlan({ plan, name }: { plan: PlanBody | 'none'; name: string }) {
  if (plan === 'none') return <p className="notice">No plan this time. That is fine: ask again next time.</p>;
  if (plan.kind === 'small_step') {
    return (
      <p className="notice">
        Smaller step agreed: {plan.what}
        {plan.when ? `, ${plan.when}` : ''} (ready {plan.readiness} out of 10). {readinessAdvice(plan.readiness).text}
      </p>
    );
  }
  return (
    <p className="notice">
      Plan agreed: {plan.what}, {plan.howMuch}, {plan.when}, {daysWord(plan.daysPerWeek)} a week. {name} is {plan.confidence} out
      of 10 sure.
      {(plan.earlierDrafts?.length ?? 0) > 0 ? ' Made smaller on the way.' : ''}
    </p>
  );
}

function TopicStep({
  g,
  suggestion,
  topics,
  onTopics,
  children,
}: {
  g: GuideStartView;
  suggestion: GuideStartView['suggestion'];
  topics: string[];
  onTopics: (topics: string[]) => void;
  children: ReactNode;
}) {
  const program = useProgram();
  const shown = topics[0] ?? suggestion?.key ?? null;
  const topic = useTopicGuide(program.programId, shown);
  return (
    <>
      {suggestion ? (
        <div className="guide__suggestion">
          <p>
            <strong>Suggested: {suggestion.title}.</strong> {suggestion.reason}
          </p>
          {!topics.includes(suggestion.key) ? (
            <Button variant="secondary" onClick={() => onTopics([...topics, suggestion.key])}>
              Talk about {suggestion.title}
            </Button>
          ) : null}
        </div>
      ) : (
        <p>Every topic has been covered. Pick one to go back to, or talk about what matters today.</p>
      )}
      <CheckboxGroup<string>
        legend="Topics you talked about"
        options={g.topics.map((t) => ({ value: t.key, label: t.isCovered ? `${t.title} (covered before)` : t.title }))}
        values={topics}
        onChange={onTopics}
      />
      {topic.data && topic.data.view === 'guide' ? (
        <Disclosure label={`Talking points: ${topic.data.title}`}>
          <p>
            <strong>Skill to try: {topic.data.skill}.</strong>
          </p>
          <Markdown source={topic.data.skillSteps} />
          <h3>Talking points</h3>
          <Markdown source={topic.data.talkingPoints} />
          <h3>Questions to ask</h3>
          <Markdown source={topic.data.questions} />
        </Disclosure>
      ) : null}
      {children}
    </>
  );
}

/** Bridge prompts and "what if" help, under every step; the crisis item leads to the safety protocol. */
function Help({ g }: { g: GuideStartView }) {
  const program = useProgram();
  return (
    <section className="guide__help" aria-labelledby="guide-help-heading">
      <h2 id="guide-help-heading">Help during the call</h2>
      <Disclosure label="Bridges back to the topic">
        {g.bridges.map((b) => (
          <div key={b.key} className="guide__prompt">
            <h3>{b.title}</h3>
            <Markdown source={b.body} />
          </div>
        ))}
      </Disclosure>
      {g.whatIfs.map((w) => (
        <Disclosure key={w.key} label={`What if: ${w.title.charAt(0).toLowerCase()}${w.title.slice(1)}`}>
          <Markdown source={w.body} />
          {w.link === 'safety' ? (
            <p>
              <ButtonLink to={program.to(`safety/concern?participant=${g.participantId}`)}>Open the safety protocol</ButtonLink>
            </p>
          ) : null}
        </Disclosure>
      ))}
    </section>
  );
}
