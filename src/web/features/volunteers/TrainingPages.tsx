import { useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { Link, useParams } from 'react-router';
import type { AgreementView, AttemptResult, ModuleView, TrainingState } from '../../../core/volunteers';
import { useProgram } from '../../app/program';
import { Badge, Button } from '../../ui/controls';
import { Notice, QueryView } from '../../ui/feedback';
import { Choice, FormActions, FormErrors, RadioGroup, TextField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { Markdown } from '../curriculum';
import { useAgreement, useSignAgreement, useSubmitQuiz, useTrainingModule, useTrainingState } from './volunteers.api';
import './volunteers.css';

/** The caller's own coach record in this program (the training pages are the coach's own). */
function useOwnCoachId(): string {
  return useProgram().membership.coachId ?? '';
}

/**
 * The coach's training: each module with its quiz, and the scope-and-boundaries agreement. Once all
 * are done the coach can be matched with a participant.
 */
export function TrainingPage() {
  const program = useProgram();
  const coachId = useOwnCoachId();
  const state = useTrainingState(program.programId, coachId);
  return (
    <Page
      title="Training"
      intro={
        <p>
          Read each short module and answer its quiz, then sign the scope and boundaries agreement. When everything is done you
          can be matched with a participant. You can come back to any module at any time.
        </p>
      }
    >
      <QueryView query={state} loadingLabel="Loading your training…">
        {(s) => <TrainingOverview state={s} />}
      </QueryView>
    </Page>
  );
}

/**
 * A module's status, consistent with the training as a whole (issue #16): when staff recorded the
 * training as complete, a module without a passed quiz is not "Not passed yet" but completed, as
 * staff recorded it; the quiz stays there as a refresher.
 */
export function moduleStatus(
  m: Pick<TrainingState['modules'][number], 'isPassed'>,
  training: Pick<TrainingState, 'isComplete'>,
): { words: string; tone: 'good' | 'info' } {
  if (m.isPassed) return { words: 'Passed', tone: 'good' };
  if (training.isComplete) return { words: 'Completed (recorded by staff)', tone: 'good' };
  return { words: 'Not passed yet', tone: 'info' };
}

function TrainingOverview({ state: s }: { state: TrainingState }) {
  const when = useWhen();
  const program = useProgram();
  return (
    <>
      {s.isComplete && s.modulesPassed < s.modules.length ? (
        <Notice>
          The program recorded your training as complete, so you can be matched with participants. The modules are here whenever
          you want a refresher.
        </Notice>
      ) : s.isComplete ? (
        <Notice>Your training is complete and the agreement signed. You can now be matched with a participant.</Notice>
      ) : (
        <p>
          <strong>
            {s.modulesPassed} of {s.modules.length} modules passed
          </strong>
          {' · '}agreement {s.agreement.signedAt ? 'signed' : 'not signed yet'}
        </p>
      )}
      <Section title="Modules" id="training-modules">
        <ul className="cards">
          {s.modules.map((m) => {
            const status = moduleStatus(m, s);
            return (
              <li key={m.key} className="card">
                <h3 className="card__title">
                  <Link to={program.to(`training/${m.key}`)}>{m.title}</Link>
                </h3>
                <p className="card__meta">
                  <Badge tone={status.tone}>{status.words}</Badge> {m.questions} questions
                  {s.isComplete && !m.isPassed ? ', a quiz to take as a refresher if you like' : `, ${m.passMark} right to pass`}
                  {m.lastAttempt && !m.isPassed && !s.isComplete
                    ? ` · last try ${m.lastAttempt.correct} of ${m.lastAttempt.total} right`
                    : ''}
                </p>
                <p>{m.summary}</p>
              </li>
            );
          })}
        </ul>
      </Section>
      <Section title="Agreement" id="training-agreement">
        <p>
          <Link to={program.to('training/agreement')}>{s.agreement.title}</Link>:{' '}
          {s.agreement.signedAt ? `signed ${when.dateTime(s.agreement.signedAt)}` : 'read it and sign it in Kindred.'}
        </p>
      </Section>
    </>
  );
}

/** One module: the text, then its quiz, scored on the server. */
export function TrainingModulePage() {
  const program = useProgram();
  const { moduleKey = '' } = useParams();
  const module = useTrainingModule(program.programId, moduleKey);
  return (
    <Page title={module.data?.title ?? 'Training module'} width="narrow" intro={module.data?.summary}>
      <p>
        <Link to={program.to('training')}>All training</Link>
      </p>
      <QueryView query={module} loadingLabel="Loading the module…">
        {(m) => (
          <>
            <Section title="Read" id="module-text">
              <div className="prose">
                <Markdown source={m.content} />
              </div>
            </Section>
            <Quiz key={m.key} module={m} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

function Quiz({ module: m }: { module: ModuleView }) {
  const program = useProgram();
  const coachId = useOwnCoachId();
  const submitQuiz = useSubmitQuiz(program.programId, coachId, m.key);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<AttemptResult | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const isComplete = m.questions.every((q) => answers[q.id]);
    setMissing(!isComplete);
    if (isComplete) submitQuiz.mutate(answers, { onSuccess: setResult });
  };
  const wrong = new Set(result?.results.filter((r) => !r.isCorrect).map((r) => r.questionId));
  return (
    <Section title="Quiz" id="module-quiz">
      <p>
        {m.questions.length} questions; {m.passMark} right to pass. You can try as often as you like.
      </p>
      <form onSubmit={submit} noValidate aria-label={`Quiz: ${m.title}`}>
        <FormErrors
          error={missing ? { message: 'Answer every question first.' } : submitQuiz.error}
          title="Could not send the answers"
        />
        {m.questions.map((q, i) => (
          <div key={q.id} className="quiz__question">
            <RadioGroup
              legend={`${i + 1}. ${q.text}`}
              name={q.id}
              options={q.options.map((o) => ({ value: o.id, label: o.text }))}
              value={answers[q.id] ?? ''}
              onChange={(v) => {
                setAnswers((a) => ({ ...a, [q.id]: v }));
                setResult(null);
              }}
              error={wrong.has(q.id) ? 'Not right: read the module again and choose another answer.' : undefined}
            />
          </div>
        ))}
        <FormActions>
          <Button type="submit" busy={submitQuiz.isPending} busyLabel="Checking…">
            Submit answers
          </Button>
        </FormActions>
      </form>
      <div role="status">
        {result ? (
          <p className={result.isPassed ? 'notice' : 'notice quiz__result--wrong'}>
            {result.isPassed
              ? `Passed: ${result.correct} of ${result.total} right.${result.isTrainingComplete ? ' Your training is complete.' : ''}`
              : `${result.correct} of ${result.total} right; ${result.passMark} are needed to pass. The questions marked “Not right” need another look.`}
          </p>
        ) : null}
      </div>
      {result?.isPassed ? (
        <p>
          <Link to={program.to('training')}>Back to training</Link>
        </p>
      ) : null}
    </Section>
  );
}

/** The scope-and-boundaries agreement: read it, type your name, tick the box. */
export function AgreementPage() {
  const program = useProgram();
  const coachId = useOwnCoachId();
  const agreement = useAgreement(program.programId, coachId);
  return (
    <Page title={agreement.data?.title ?? 'Agreement'} width="narrow">
      <p>
        <Link to={program.to('training')}>All training</Link>
      </p>
      <QueryView query={agreement} loadingLabel="Loading the agreement…">
        {(a) => <AgreementBody agreement={a} />}
      </QueryView>
    </Page>
  );
}

function AgreementBody({ agreement: a }: { agreement: AgreementView }) {
  const when = useWhen();
  const program = useProgram();
  const coachId = useOwnCoachId();
  const sign = useSignAgreement(program.programId, coachId);
  const [name, setName] = useState('');
  const [agrees, setAgrees] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const isSigned = a.signedVersion === a.version;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = name.trim().length < 2 ? 'Type your full name.' : !agrees ? 'Tick the box to agree.' : null;
    setProblem(p);
    if (!p) sign.mutate({ signedName: name.trim(), agrees: true, version: a.version });
  };
  return (
    <>
      <Section title="What you agree to" id="agreement-text">
        <div className="prose">
          <Markdown source={a.text} />
        </div>
        <p className="muted">Version {a.version}</p>
      </Section>
      <Section title="Sign" id="agreement-sign">
        {isSigned && a.signedAt ? (
          <Notice>You signed this agreement on {when.dateTime(a.signedAt)}. Thank you.</Notice>
        ) : (
          <form onSubmit={submit} noValidate aria-label="Sign the agreement">
            <FormErrors
              error={problem ? { message: problem } : sign.error}
              title="Could not sign"
              labels={{ signedName: 'Your full name', agrees: 'Agreement' }}
            />
            <TextField label="Type your full name" maxLength={120} value={name} onChange={setName} autoComplete="name" />
            <Choice label={a.statement} checked={agrees} onChange={setAgrees} />
            <FormActions>
              <Button type="submit" busy={sign.isPending} busyLabel="Signing…">
                Sign the agreement
              </Button>
            </FormActions>
          </form>
        )}
      </Section>
    </>
  );
}
