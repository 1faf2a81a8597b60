import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { LinkSubmitted, PublicLinkView } from '../../../core/assessments';
import { Button } from '../../ui/controls';
import { errorMessage, Loading } from '../../ui/feedback';
import { FormActions, FormErrors } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { CrisisNumbers } from '../safety';
import { useLinkView, useSaveDraft, useSubmitLink, type DraftAnswers } from './assessments.api';
import {
  answeredCount,
  answerErrorsOf,
  answersToSend,
  formAnswersOf,
  InstrumentFields,
  type FormAnswers,
} from './InstrumentFields';
import './assessments.css';

/** The token lives in the address's fragment, which browsers never send to a server or put in logs. */
function tokenFromHash(): string {
  return typeof window === 'undefined' ? '' : window.location.hash.replace(/^#/, '');
}

/**
 * The participant's one-time link (/assess/<programId>#<token>): no account, works on a phone,
 * answers are kept as they are given so the person can stop and come back, and sent once.
 */
export function AssessmentLinkPage() {
  const { programId = '' } = useParams();
  const [token] = useState(tokenFromHash);
  const view = useLinkView(programId, token);
  const [done, setDone] = useState<LinkSubmitted | null>(null);
  if (done) return <ThankYou result={done} />;
  if (!token) return <Refused message="This address is missing its code. Open the link exactly as you received it." />;
  if (view.isPending) return <Loading label="Loading your questionnaires…" />;
  if (view.error || !view.data) return <Refused message={errorMessage(view.error)} />;
  return <Questionnaires programId={programId} token={token} view={view.data} onDone={setDone} />;
}

function Refused({ message }: { message: string }) {
  return (
    <Page title="This link cannot be used" width="narrow">
      <p>{message}</p>
    </Page>
  );
}

function ThankYou({ result }: { result: LinkSubmitted }) {
  return (
    <Page title="Thank you" width="narrow">
      <p role="status" className="notice">
        Your answers were sent. Nothing more is needed.
      </p>
      {result.crisis ? (
        <Section title="Please talk to someone now" id="link-crisis">
          <p>
            One of your answers says you may have thoughts of harming yourself. You do not have to go through this alone: the
            people below are there for you right now. Your program has also been told, and someone will be in touch.
          </p>
          <CrisisNumbers crisis={result.crisis} level={3} />
        </Section>
      ) : null}
    </Page>
  );
}

function Questionnaires({
  programId,
  token,
  view,
  onDone,
}: {
  programId: string;
  token: string;
  view: PublicLinkView;
  onDone: (r: LinkSubmitted) => void;
}) {
  const saveDraft = useSaveDraft(programId, token);
  const submit = useSubmitLink(programId, token);
  const [answers, setAnswers] = useState<Record<string, FormAnswers>>(() =>
    Object.fromEntries(view.instruments.map((f) => [f.id, formAnswersOf(f, view.draft[f.id])])),
  );
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const latest = useRef(answers);
  latest.current = answers;

  const toSend = (a: Record<string, FormAnswers>): DraftAnswers =>
    Object.fromEntries(view.instruments.map((f) => [f.id, answersToSend(f, a[f.id] ?? {})]));

  // Keep answers as they are given, a moment after the last change, so nothing is lost if the page closes.
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => {
      setDirty(false);
      saveDraft.mutate(toSend(latest.current), {
        onSuccess: () => setSavedAt(new Date().toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', hour12: true })),
      });
    }, 1200);
    return () => clearTimeout(timer);
  }, [dirty, answers]);

  const total = view.instruments.reduce((n, f) => n + f.items.length, 0);
  const answered = view.instruments.reduce((n, f) => n + answeredCount(f, answers[f.id] ?? {}), 0);
  const send = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate(toSend(answers), { onSuccess: onDone });
  };
  const expires = new Date(view.expiresAt).toLocaleDateString([], { day: 'numeric', month: 'long', year: 'numeric' });
  return (
    <Page
      title="Your questionnaires"
      width="narrow"
      intro={
        <p>
          {view.programName} asks you these questions ({view.timepointLabel}). Your answers are saved as you go: you can stop and
          come back with the same link until {expires}. Skip any question you would rather not answer.
        </p>
      }
    >
      <form className="assessment-form" onSubmit={send} noValidate>
        <FormErrors error={submit.error} title="Could not send your answers" />
        {view.instruments.map((f) => (
          <Section key={f.id} title={f.title} id={`link-${f.id}`}>
            <InstrumentFields
              form={f}
              answers={answers[f.id] ?? {}}
              onChange={(linkId, v) => {
                setAnswers((a) => ({ ...a, [f.id]: { ...a[f.id], [linkId]: v } }));
                setDirty(true);
              }}
              errors={answerErrorsOf(submit.error ?? saveDraft.error, f)}
            />
            {f.copyright ? <p className="muted">{f.copyright}</p> : null}
          </Section>
        ))}
        <p className="assessment-progress" role="status">
          {answered} of {total} questions answered.{savedAt ? ` Saved at ${savedAt}.` : ''}
        </p>
        {saveDraft.error ? (
          <p className="field__error">Your latest answers could not be saved: {errorMessage(saveDraft.error)}</p>
        ) : null}
        <FormActions>
          <Button type="submit" disabled={submit.isPending || answered === 0}>
            Send my answers
          </Button>
        </FormActions>
      </form>
    </Page>
  );
}
