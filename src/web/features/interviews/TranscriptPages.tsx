import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { ConsensusView, StudyView, TranscriptView } from '../../../core/interviews';
import { decisionOn } from '../../../core/interviews/consensus';
import { useProgram } from '../../app/program';
import { useMe } from '../../app/session';
import { Button, ButtonLink, TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, SelectField, TextArea } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { AudioPanel, clock, RecordingScope, usePlayFrom } from './AudioPanel';
import { DeidentificationReview } from './DeidentificationReview';
import {
  useAddCoding,
  useAddMemo,
  useAgreement,
  useConfirmDeidentification,
  useConsensus,
  useDecideConsensus,
  useInterviewStudy,
  useRemoveCoding,
  useStartConsensus,
  useTranscript,
} from './interviews.api';
import { pieces, selectedSpan, type Span } from './selection';
import { codeTree } from './StudyPages';
import './interviews.css';

type Turn = TranscriptView['turns'][number];
type Coding = TranscriptView['codings'][number];

export { clock };

/** The transcript, turn by turn, with the given passages highlighted; every piece carries its offset. */
export function TranscriptText({
  text,
  turns,
  highlights = [],
  label,
  containerRef,
}: {
  text: string;
  turns: readonly Turn[];
  highlights?: readonly (Span & { title: string })[];
  label: string;
  containerRef?: React.Ref<HTMLDivElement>;
}) {
  // The study's lead, with a recording attached, can start it at any timed turn (ADR 0056).
  const playFrom = usePlayFrom();
  return (
    <div ref={containerRef} className="transcript" role="region" aria-label={label} tabIndex={0}>
      {turns.map((t) => (
        <p key={t.start} className="transcript__turn">
          {t.startMs !== null ? (
            <span className="transcript__time" aria-label={`at ${clock(t.startMs)}`}>
              {clock(t.startMs)}{' '}
            </span>
          ) : null}
          {t.startMs !== null && playFrom ? (
            <button
              type="button"
              className="transcript__play"
              aria-label={`Play from here (${clock(t.startMs)})`}
              onClick={() => playFrom(t.startMs!)}
            >
              Play from here
            </button>
          ) : null}
          {t.textStart > t.start ? (
            <strong className="transcript__speaker" data-start={t.start}>
              {text.slice(t.start, t.textStart)}
            </strong>
          ) : null}
          {pieces(t.textStart, t.end, highlights).map((p) =>
            p.covering.length > 0 ? (
              <mark key={p.start} data-start={p.start} title={p.covering.map((h) => h.title).join(', ')}>
                {text.slice(p.start, p.end)}
              </mark>
            ) : (
              <span key={p.start} data-start={p.start}>
                {text.slice(p.start, p.end)}
              </span>
            ),
          )}
        </p>
      ))}
    </div>
  );
}

/** A transcript: the de-identification review while pending, then the coding view. */
export function InterviewTranscriptPage() {
  const program = useProgram();
  const { studyId = '', transcriptId = '' } = useParams();
  const study = useInterviewStudy(program.programId, studyId);
  const transcript = useTranscript(program.programId, studyId, transcriptId);
  return (
    <QueryView query={transcript} loadingLabel="Loading the transcript…">
      {(t) => (
        <Page
          title={t.state === 'pending' ? `De-identify ${t.label}` : t.label}
          actions={
            <ButtonLink variant="secondary" to={program.to(`interviews/${studyId}`)}>
              Back to the study
            </ButtonLink>
          }
        >
          {/* The recording is the lead's alone (ADR 0056): only those who may run the study see it. */}
          <RecordingScope enabled={study.data?.can.manage === true} studyId={studyId} transcriptId={t.id} label={t.label}>
            {study.data?.can.manage ? <AudioPanel studyId={studyId} transcriptId={t.id} /> : null}
            {t.state === 'pending' ? (
              <Review transcript={t} studyId={studyId} />
            ) : (
              <QueryView query={study} loadingLabel="Loading the codebook…">
                {(s) => <Coding transcript={t} study={s} />}
              </QueryView>
            )}
          </RecordingScope>
        </Page>
      )}
    </QueryView>
  );
}

function Review({ transcript, studyId }: { transcript: TranscriptView; studyId: string }) {
  const program = useProgram();
  const confirm = useConfirmDeidentification(program.programId, studyId, transcript.id);
  const navigate = useNavigate();
  const here = useLocation().pathname;
  return (
    <>
      <DeidentificationReview
        text={transcript.text}
        proposals={transcript.proposals ?? []}
        onConfirm={(r) =>
          confirm.mutate(r, {
            onSuccess: () =>
              void navigate(here, {
                replace: true,
                state: { notice: 'De-identification confirmed. This copy, with the replacements, is the one that is coded.' },
              }),
          })
        }
        busy={confirm.isPending}
        error={confirm.error}
      />
      <Section title="The transcript as imported" id="original-transcript">
        <TranscriptText text={transcript.text} turns={transcript.turns} label="Transcript as imported" />
      </Section>
    </>
  );
}

function Coding({ transcript, study }: { transcript: TranscriptView; study: StudyView }) {
  const program = useProgram();
  const me = useMe();
  const myId = me.id;
  const ref = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<Span | null>(null);
  const [codeId, setCodeId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const add = useAddCoding(program.programId, study.id, transcript.id);
  const remove = useRemoveCoding(program.programId, study.id);
  const codeName = new Map(study.codes.map((c) => [c.id, c.name]));
  const mine = transcript.codings.filter((c) => c.coderId === myId).sort((a, b) => a.start - b.start);

  // The last selection made in the transcript (mouse, touch or keyboard), kept when focus moves to the button.
  useEffect(() => {
    const onChange = () => {
      const container = ref.current;
      if (!container) return;
      const span = selectedSpan(container, document.getSelection());
      if (span) setSelection(span);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);

  const codeSelection = () => {
    const span = (ref.current && selectedSpan(ref.current, document.getSelection())) ?? selection;
    if (!span) return setNotice('Select some words in the transcript first.');
    if (!codeId) return setNotice('Choose a code first.');
    add.mutate(
      { codeId, start: span.start, end: span.end },
      {
        onSuccess: () => {
          setNotice(`Coded “${excerpt(transcript.text, span)}” as ${codeName.get(codeId) ?? 'the code'}.`);
          setSelection(null);
          document.getSelection()?.removeAllRanges();
        },
      },
    );
  };

  const codeOptions = codeTree(study.codes).map(({ code, depth }) => ({
    value: code.id,
    label: `${'— '.repeat(depth)}${code.name}`,
  }));
  return (
    <>
      <p>
        Select words in the transcript (drag, or press and hold on a phone), choose a code and press “Code this selection”.
        {study.can.manage && transcript.original ? ' The original is kept for study staff.' : ''}
      </p>
      <div className="coding-bar">
        <SelectField label="Code" value={codeId} placeholder="Choose a code" options={codeOptions} onChange={setCodeId} />
        <p className="coding-bar__selection">
          {selection ? <>Selected: “{excerpt(transcript.text, selection)}”</> : 'Nothing selected yet.'}
        </p>
        <Button onClick={codeSelection} busy={add.isPending} busyLabel="Coding…">
          Code this selection
        </Button>
        <FormErrors error={add.error ?? remove.error} title="Could not code" />
        <p role="status">{notice}</p>
      </div>
      {study.codes.length === 0 ? <Empty>Add codes to the study’s codebook before coding.</Empty> : null}
      <TranscriptText
        text={transcript.text}
        turns={transcript.turns}
        highlights={mine.map((c) => ({ start: c.start, end: c.end, title: codeName.get(c.codeId) ?? '' }))}
        label="De-identified transcript"
        containerRef={ref}
      />
      <Section title="My codings" id="my-codings">
        {mine.length === 0 ? <Empty>You have not coded this transcript yet.</Empty> : null}
        <ul className="codings">
          {mine.map((c) => (
            <li key={c.id}>
              <strong>{codeName.get(c.codeId)}</strong>: “{excerpt(transcript.text, c)}”{' '}
              <Button variant="quiet" onClick={() => remove.mutate(c.id)}>
                Remove “{codeName.get(c.codeId)}” from “{excerpt(transcript.text, c, 30)}”
              </Button>
            </li>
          ))}
        </ul>
      </Section>
      <Memos transcript={transcript} studyId={study.id} selection={selection} />
      {transcript.coders.length >= 2 ? (
        <ButtonLink variant="secondary" to={program.to(`interviews/${study.id}/transcripts/${transcript.id}/agreement`)}>
          Coders’ agreement
        </ButtonLink>
      ) : (
        <p>The coders’ agreement can be seen once two people have coded this transcript.</p>
      )}
    </>
  );
}

function excerpt(text: string, span: Span, max = 80): string {
  const s = text.slice(span.start, span.end).replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function Memos({ transcript, studyId, selection }: { transcript: TranscriptView; studyId: string; selection: Span | null }) {
  const when = useWhen();
  const program = useProgram();
  const add = useAddMemo(program.programId, studyId);
  const [text, setText] = useState('');
  const [onPassage, setOnPassage] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') return;
    const passage = onPassage && selection ? { start: selection.start, end: selection.end } : {};
    add.mutate({ text: text.trim(), transcriptId: transcript.id, ...passage }, { onSuccess: () => setText('') });
  };
  return (
    <Section title="Memos" id="memos">
      {transcript.memos.length === 0 ? <Empty>No memos yet.</Empty> : null}
      <ul className="memos">
        {transcript.memos.map((m) => (
          <li key={m.id}>
            {m.start !== null && m.end !== null ? (
              <blockquote>{excerpt(transcript.text, { start: m.start, end: m.end })}</blockquote>
            ) : null}
            <p>{m.text}</p>
            <p className="memos__meta">
              {transcript.coders.find((c) => c.id === m.authorId)?.name ?? 'A colleague'}, {when.dateTime(m.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate aria-label="Write a memo">
        <FormErrors error={add.error} />
        <TextArea label="Memo" value={text} onChange={setText} maxLength={20000} />
        {selection ? (
          <label className="choice">
            <input type="checkbox" checked={onPassage} onChange={(e) => setOnPassage(e.target.checked)} /> On the selected words
          </label>
        ) : null}
        <FormActions>
          <Button type="submit" variant="secondary" busy={add.isPending} busyLabel="Saving…">
            Save the memo
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

const pct = (n: number | null) => (n === null ? 'Not enough coded' : `${Math.round(n * 1000) / 10}%`);
const stat = (n: number | null) => (n === null ? 'Not enough coded' : n.toFixed(2));

/** Two coders' agreement on one transcript, per code, at the character level and by speaker turn. */
export function InterviewAgreementPage() {
  const program = useProgram();
  const { studyId = '', transcriptId = '' } = useParams();
  const transcript = useTranscript(program.programId, studyId, transcriptId);
  const coders = transcript.data?.coders ?? [];
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const a = first || coders[0]?.id || '';
  const b = second || coders.find((c) => c.id !== a)?.id || '';
  const agreement = useAgreement(program.programId, studyId, transcriptId, a, b);
  const options = coders.map((c) => ({ value: c.id, label: c.name }));
  return (
    <Page
      title="Coders’ agreement"
      intro="Counted character by character, and again turn by turn: for each code, how much both coders coded, one did and the other did not, or neither."
      actions={
        <ButtonLink variant="secondary" to={program.to(`interviews/${studyId}/transcripts/${transcriptId}`)}>
          Back to the transcript
        </ButtonLink>
      }
    >
      <QueryView query={transcript} loadingLabel="Loading the transcript…">
        {(t) =>
          t.coders.length < 2 ? (
            <Empty>Only one person has coded {t.label} so far.</Empty>
          ) : (
            <>
              <p>Transcript: {t.label}</p>
              <div className="coder-pick">
                <SelectField label="First coder" value={a} options={options} onChange={setFirst} />
                <SelectField label="Second coder" value={b} options={options} onChange={setSecond} />
              </div>
              {a === b ? <p role="alert">Choose two different coders.</p> : null}
              {a !== b ? (
                <QueryView query={agreement} loadingLabel="Counting…">
                  {(g) => <AgreementBody agreement={g} ids={{ programId: program.programId, studyId, transcriptId }} />}
                </QueryView>
              ) : null}
            </>
          )
        }
      </QueryView>
    </Page>
  );
}

type Agreement = NonNullable<ReturnType<typeof useAgreement>['data']>;
type TranscriptIds = { programId: string; studyId: string; transcriptId: string };

type CodeRow = Agreement['codes'][number];

/**
 * Per code: percent agreement, kappa, alpha and the counts, in one unit (characters or turns). On a
 * phone each code is a card, so kappa and alpha are on the screen without scrolling sideways (#16).
 */
function AgreementTable({
  agreement: g,
  unit,
  label,
  counts,
}: {
  agreement: Agreement;
  unit: 'Characters' | 'Turns';
  label: string;
  counts: (c: CodeRow) => CodeRow['byTurn'];
}) {
  return (
    <TableScroll label={label} cards>
      <table className="table agreement-table">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Percent agreement</th>
            <th scope="col">Kappa</th>
            <th scope="col">Alpha</th>
            <th scope="col">{unit} both coded</th>
            <th scope="col">Only {g.first.name}</th>
            <th scope="col">Only {g.second.name}</th>
          </tr>
        </thead>
        <tbody>
          {g.codes.map((c) => {
            const n = counts(c);
            return (
              <tr key={c.codeId}>
                <th scope="row">{c.name}</th>
                <td>{pct(n.percentAgreement)}</td>
                <td>{stat(n.kappa)}</td>
                <td>{stat(n.alpha)}</td>
                <td>{n.bothCoded}</td>
                <td>{n.firstOnly}</td>
                <td>{n.secondOnly}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function AgreementBody({ agreement: g, ids }: { agreement: Agreement; ids: TranscriptIds }) {
  const consensus = useConsensus(ids.programId, ids.studyId, ids.transcriptId);
  const decide = useDecideConsensus(ids.programId, ids.studyId, ids.transcriptId);
  const c = consensus.data?.consensus ?? null;
  // The consensus version answers for these two coders only (in either order).
  const reconciling = c !== null && [c.first.id, c.second.id].sort().join() === [g.first.id, g.second.id].sort().join();
  return (
    <>
      <Section title="Agreement per code" id="agreement-table">
        <p>
          {g.characters.toLocaleString('en-US')} characters compared between {g.first.name} and {g.second.name}. Kappa is Cohen’s
          kappa; alpha is Krippendorff’s alpha; both at the character level.
        </p>
        <AgreementTable agreement={g} unit="Characters" label="Agreement per code table" counts={(c) => c} />
      </Section>
      <Section title="Agreement per code, by speaker turn" id="agreement-by-turn">
        <p>
          {g.turns} speaker {g.turns === 1 ? 'turn' : 'turns'} compared. A coder coded a turn with a code when any part of the
          turn has it. Statistics at this level suit codes applied to whole answers; the character level suits codes applied to a
          few words.
        </p>
        <AgreementTable agreement={g} unit="Turns" label="Agreement per code by speaker turn table" counts={(c) => c.byTurn} />
      </Section>
      <Section title="Where they differ" id="disagreements">
        {g.codes.every((code) => code.disagreements.length === 0) ? <Empty>The two coders agree everywhere.</Empty> : null}
        <FormErrors error={decide.error} title="Could not save the decision" />
        {g.codes
          .filter((code) => code.disagreements.length > 0)
          .map((code) => (
            <section key={code.codeId} aria-label={`Differences on ${code.name}`} className="disagreement">
              <h3>{code.name}</h3>
              <div className="disagreement__sides">
                {(['first', 'second'] as const).map((side) => (
                  <div key={side}>
                    <h4>Only {g[side].name}</h4>
                    {code.disagreements.every((d) => d.codedBy !== side) ? <p>Nothing.</p> : null}
                    <ul>
                      {code.disagreements
                        .filter((d) => d.codedBy === side)
                        .map((d) => (
                          <li key={d.start}>
                            “{d.text}”
                            {reconciling ? (
                              <DifferenceDecision
                                state={decisionOn(c.decisions, code.codeId, d)}
                                busy={
                                  decide.isPending &&
                                  decide.variables?.start === d.start &&
                                  decide.variables.codeId === code.codeId
                                }
                                onDecide={(keep) => decide.mutate({ codeId: code.codeId, start: d.start, end: d.end, keep })}
                              />
                            ) : null}
                          </li>
                        ))}
                    </ul>
                  </div>
                ))}
              </div>
            </section>
          ))}
      </Section>
      <QueryView query={consensus} loadingLabel="Loading the consensus version…">
        {() => <ConsensusSection agreement={g} consensus={c} reconciling={reconciling} ids={ids} />}
      </QueryView>
    </>
  );
}

/** Keep or leave out one difference in the consensus version, saying what was decided. */
function DifferenceDecision({
  state,
  busy,
  onDecide,
}: {
  state: 'kept' | 'left_out' | null;
  busy: boolean;
  onDecide: (keep: boolean) => void;
}) {
  return (
    <span className="difference-decision">
      <span className="difference-decision__state">
        {state === 'kept' ? 'Kept in the consensus.' : state === 'left_out' ? 'Left out of the consensus.' : 'Not decided yet.'}
      </span>
      <Button variant="secondary" aria-pressed={state === 'kept'} busy={busy} busyLabel="Saving…" onClick={() => onDecide(true)}>
        Keep
      </Button>
      <Button variant="quiet" aria-pressed={state === 'left_out'} disabled={busy} onClick={() => onDecide(false)}>
        Leave out
      </Button>
    </span>
  );
}

/** The consensus version: how to start it, how far it has come, and what it holds per code. */
function ConsensusSection({
  agreement: g,
  consensus: c,
  reconciling,
  ids,
}: {
  agreement: Agreement;
  consensus: ConsensusView | null;
  reconciling: boolean;
  ids: TranscriptIds;
}) {
  const start = useStartConsensus(ids.programId, ids.studyId, ids.transcriptId);
  const when = useWhen();
  const differences = g.codes.flatMap((code) => code.disagreements.map((d) => ({ codeId: code.codeId, ...d })));
  const decided = c ? differences.filter((d) => decisionOn(c.decisions, d.codeId, d) !== null).length : 0;
  return (
    <Section title="Consensus version" id="consensus">
      {c === null ? (
        <>
          <p>
            A consensus version starts with what both {g.first.name} and {g.second.name} coded. You then decide, for each
            difference above, whether it stays in. Each coder’s own coding is kept as it was.
          </p>
          <Button
            onClick={() => start.mutate({ first: g.first.id, second: g.second.id })}
            busy={start.isPending}
            busyLabel="Starting…"
          >
            Start the consensus version
          </Button>
          <FormErrors error={start.error} title="Could not start the consensus version" />
        </>
      ) : !reconciling ? (
        <p>
          This transcript’s consensus version reconciles {c.first.name} and {c.second.name}. Choose them above to decide its
          differences.
        </p>
      ) : (
        <>
          <p role="status">
            {decided} of {differences.length} {differences.length === 1 ? 'difference' : 'differences'} decided. Started by{' '}
            {c.startedBy}, {when.dateTime(c.startedAt)}.
          </p>
          {c.codes.length === 0 ? <Empty>Nothing is coded in the consensus version yet.</Empty> : null}
          {c.codes.map((code) => (
            <section key={code.codeId} aria-label={`Consensus on ${code.name}`} className="consensus-code">
              <h3>{code.name}</h3>
              <ul>
                {code.spans.map((span) => (
                  <li key={span.start}>“{span.text}”</li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </Section>
  );
}
