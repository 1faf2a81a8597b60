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
import { languageTag, useLocale, usePageLocale, useT, type MessageId } from '../../i18n/i18n';

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
  // Nobody may be signed in here: the link knows the participant's language (ADR 0041).
  usePageLocale(view.data?.locale);
  if (done) return <ThankYou result={done} />;
  if (!token) return <Refused message={{ id: 'assessments.link.missingCode' }} />;
  if (view.isPending) return <LinkLoading />;
  if (view.error || !view.data) return <Refused message={{ error: view.error }} />;
  return <Questionnaires programId={programId} token={token} view={view.data} onDone={setDone} />;
}

function LinkLoading() {
  return <Loading label={useT()('assessments.link.loading')} />;
}

function Refused({ message }: { message: { id: MessageId } | { error: unknown } }) {
  const t = useT();
  return (
    <Page title={t('assessments.link.cannotUse')} width="narrow">
      <p>{'id' in message ? t(message.id) : errorMessage(message.error, t)}</p>
    </Page>
  );
}

function ThankYou({ result }: { result: LinkSubmitted }) {
  const t = useT();
  return (
    <Page title={t('assessments.link.thanks')} width="narrow">
      <p role="status" className="notice">
        {t('assessments.link.sent')}
      </p>
      {result.crisis ? (
        <Section title={t('assessments.link.talkNow')} id="link-crisis">
          <p>{t('assessments.link.talkNowBody')}</p>
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
  const t = useT();
  const tag = languageTag(useLocale());
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
        onSuccess: () =>
          setSavedAt(new Date().toLocaleTimeString(`${tag}-US`, { hour: 'numeric', minute: '2-digit', hour12: true })),
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
  const expires = new Date(view.expiresAt).toLocaleDateString(tag === 'es' ? 'es-US' : [], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return (
    <Page
      title={t('assessments.link.title')}
      width="narrow"
      intro={<p>{t('assessments.link.intro', { program: view.programName, timepoint: view.timepointLabel, expires })}</p>}
    >
      <form className="assessment-form" onSubmit={send} noValidate>
        <FormErrors error={submit.error} title={t('assessments.link.couldNotSend')} />
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
          {t('assessments.link.progress', { answered, total })}
          {savedAt ? ` ${t('assessments.link.savedAt', { time: savedAt })}` : ''}
        </p>
        {saveDraft.error ? (
          <p className="field__error">{t('assessments.link.notSaved', { reason: errorMessage(saveDraft.error, t) })}</p>
        ) : null}
        <FormActions>
          <Button type="submit" disabled={submit.isPending || answered === 0}>
            {t('assessments.link.send')}
          </Button>
        </FormActions>
      </form>
    </Page>
  );
}
