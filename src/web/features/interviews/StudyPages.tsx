import { useWhen } from '../../app/when';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { GuideInput, ImportFormat, InterviewAudience, StudyView } from '../../../core/interviews';
import { useProgram } from '../../app/program';
import { useParticipants } from '../participants';
import { Badge, Button, ButtonLink, DetailList } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { Choice, CheckboxGroup, FormActions, FormErrors, SelectField, TextArea, TextField, useFormState } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import {
  exportHref,
  useAddGuide,
  useCreateCode,
  useCreateInterviewStudy,
  useImportCodebook,
  useImportTranscript,
  useInterviewStudies,
  useInterviewStudy,
} from './interviews.api';
import { CodebookVersions } from './CodebookVersions';
import { ProjectImport } from './ProjectImport';
import { base64Of } from './upload';
import { StudyTeam, studyRoleWords } from './StudyTeam';
import './interviews.css';

export const audienceWords: Record<InterviewAudience, string> = {
  participants: 'Participants',
  coaches: 'Coaches',
  staff: 'Staff',
};
const audienceOptions = (Object.keys(audienceWords) as InterviewAudience[]).map((a) => ({ value: a, label: audienceWords[a] }));

/** Interview studies: the list, and a form for study staff to start one. */
export function InterviewStudiesPage() {
  const program = useProgram();
  const studies = useInterviewStudies(program.programId);
  return (
    <Page
      title="Interviews"
      intro="Interview studies: the guide, the de-identified transcripts, their coding and the coders' agreement."
    >
      <QueryView query={studies} loadingLabel="Loading the interview studies…">
        {(list) =>
          list.length === 0 ? (
            <Empty>No interview studies yet.</Empty>
          ) : (
            <ul className="interview-studies">
              {list.map((s) => (
                <li key={s.id}>
                  <h2 className="interview-studies__title">
                    {s.myRole ? <Link to={program.to(`interviews/${s.id}`)}>{s.title}</Link> : s.title}
                  </h2>
                  <p>
                    {s.audiences.map((a) => audienceWords[a]).join(', ')}; aiming for {s.targetCount} interviews.
                  </p>
                  {s.myRole ? (
                    <p>You are on the team: {studyRoleWords[s.myRole].label.toLowerCase()}.</p>
                  ) : (
                    <p>
                      You are not on this study’s team, so its transcripts are closed to you.{' '}
                      <Link to={program.to(`interviews/${s.id}/team`)}>See or change the team of “{s.title}”</Link>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {program.can('interview:manage') ? <NewStudyForm /> : null}
    </Page>
  );
}

interface StudyValues {
  title: string;
  aims: string;
  audiences: InterviewAudience[];
  targetCount: string;
  keepsOriginals: boolean;
}

function NewStudyForm() {
  const program = useProgram();
  const navigate = useNavigate();
  const create = useCreateInterviewStudy(program.programId);
  const form = useFormState<StudyValues>(
    { title: '', aims: '', audiences: ['participants'], targetCount: '12', keepsOriginals: false },
    (v) => {
      const m: Record<string, string> = {};
      if (v.title.trim() === '') m.title = 'Give the study a title.';
      if (v.audiences.length === 0) m.audiences = 'Choose whom you will interview.';
      const n = Number(v.targetCount);
      if (!Number.isInteger(n) || n < 1 || n > 1000) m.targetCount = 'Write a whole number from 1 to 1,000.';
      return m;
    },
    (v) =>
      create.mutate(
        {
          title: v.title,
          aims: v.aims,
          audiences: v.audiences,
          targetCount: Number(v.targetCount),
          keepsOriginals: v.keepsOriginals,
        },
        {
          onSuccess: (s) => void navigate(program.to(`interviews/${s.id}`), { state: { notice: `Study “${s.title}” started.` } }),
        },
      ),
    create.error,
  );
  return (
    <Section title="Start an interview study" id="new-interview-study">
      <form onSubmit={form.submit} noValidate aria-label="Start an interview study">
        <FormErrors error={form.error} />
        <TextField
          label="Study title"
          value={form.values.title}
          onChange={form.set('title')}
          maxLength={200}
          error={form.fields.title}
        />
        <TextArea label="Aims" value={form.values.aims} onChange={form.set('aims')} maxLength={4000} />
        <CheckboxGroup
          legend="Whom will you interview?"
          options={audienceOptions}
          values={form.values.audiences}
          onChange={form.set('audiences')}
          error={form.fields.audiences}
        />
        <TextField
          label="How many interviews are planned"
          inputMode="numeric"
          value={form.values.targetCount}
          onChange={form.set('targetCount')}
          error={form.fields.targetCount}
        />
        <Choice
          type="checkbox"
          name="keepsOriginals"
          label="Keep the original transcripts after de-identification"
          hint="Only study staff can read them. Without this, the original is deleted once the replacements are confirmed."
          checked={form.values.keepsOriginals}
          onChange={form.set('keepsOriginals')}
        />
        <FormActions>
          <Button type="submit" busy={create.isPending} busyLabel="Starting…">
            Start the study
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

/** One study: its guide, transcripts, codebook and downloads. */
export function InterviewStudyPage() {
  const program = useProgram();
  const { studyId = '' } = useParams();
  const study = useInterviewStudy(program.programId, studyId);
  return (
    <QueryView query={study} loadingLabel="Loading the study…">
      {(s) => (
        <Page
          title={s.title}
          actions={
            <ButtonLink variant="secondary" to={program.to('interviews')}>
              All interview studies
            </ButtonLink>
          }
        >
          <DetailList
            items={[
              ['Aims', s.aims || 'Not written yet'],
              ['Whom', s.audiences.map((a) => audienceWords[a]).join(', ')],
              ['Planned interviews', String(s.targetCount)],
              ['Originals', s.keepsOriginals ? 'Kept, for study staff only' : 'Deleted once de-identified'],
            ]}
          />
          <Section title="Sampling and analysis" id="interview-analysis">
            <ul className="interview-exports">
              <li>
                <Link to={program.to(`interviews/${s.id}/sampling`)}>Whom to interview: draw a sample</Link>
              </li>
              <li>
                <Link to={program.to(`interviews/${s.id}/joint-display`)}>Themes and numbers: the joint display</Link>
              </li>
              <li>
                <Link to={program.to(`interviews/${s.id}/report`)}>
                  Study report to print: the sampling table and the themes with quotes
                </Link>
              </li>
            </ul>
          </Section>
          <Transcripts study={s} />
          <Guides study={s} />
          <Codebook study={s} />
          {s.can.manage ? <ProjectImport study={s} audienceWords={audienceWords} /> : null}
          {s.can.export ? <Downloads study={s} /> : null}
          {s.can.team ? <StudyTeam studyId={s.id} /> : null}
        </Page>
      )}
    </QueryView>
  );
}

function Transcripts({ study }: { study: StudyView }) {
  const when = useWhen();
  const program = useProgram();
  return (
    <Section title="Transcripts" id="interview-transcripts">
      {study.transcripts.length === 0 ? <Empty>No transcripts yet.</Empty> : null}
      <ul className="interview-transcripts">
        {study.transcripts.map((t) => (
          <li key={t.id}>
            <Link to={program.to(`interviews/${study.id}/transcripts/${t.id}`)}>{t.label}</Link>{' '}
            {t.state === 'pending' ? <Badge tone="warning">To de-identify</Badge> : <Badge tone="good">De-identified</Badge>}{' '}
            <span>
              {audienceWords[t.audience]}
              {t.interviewedOn ? `, interviewed ${when.dateOn(t.interviewedOn)}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {study.can.manage ? <ImportForm study={study} /> : null}
    </Section>
  );
}

/** The format a file or pasted text is in, from its name or its first line. */
export function formatOf(fileName: string | null, content: string): ImportFormat {
  const ext = fileName?.toLowerCase().split('.').pop();
  if (ext === 'vtt') return 'vtt';
  if (ext === 'srt') return 'srt';
  if (ext === 'docx') return 'docx';
  if (/^\uFEFF?WEBVTT/.test(content)) return 'vtt';
  if (/^\uFEFF?\s*\d+\s*\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->/.test(content)) return 'srt';
  return 'text';
}

function ImportForm({ study }: { study: StudyView }) {
  const program = useProgram();
  const navigate = useNavigate();
  const importing = useImportTranscript(program.programId, study.id);
  const [label, setLabel] = useState('');
  const [audience, setAudience] = useState<InterviewAudience>(study.audiences[0] ?? 'participants');
  const [interviewedOn, setInterviewedOn] = useState('');
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [pasted, setPasted] = useState('');
  const [participantId, setParticipantId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const people = useParticipants(program.programId);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return setFile(null);
    const content = f.name.toLowerCase().endsWith('.docx') ? base64Of(await f.arrayBuffer()) : await f.text();
    setFile({ name: f.name, content });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const content = file?.content ?? pasted;
    if (label.trim() === '') return setProblem('Give the transcript a name, for example “Interview 3”.');
    if (content.trim() === '') return setProblem('Choose a file or paste the transcript.');
    setProblem(null);
    importing.mutate(
      {
        label: label.trim(),
        audience,
        interviewedOn: interviewedOn || null,
        format: formatOf(file?.name ?? null, content),
        content,
        participantId: audience === 'participants' && participantId !== '' ? participantId : null,
      },
      {
        onSuccess: (t) =>
          void navigate(program.to(`interviews/${study.id}/transcripts/${t.id}`), {
            state: { notice: 'Transcript added. Check the replacements before it is coded.' },
          }),
      },
    );
  };
  return (
    <Section title="Add a transcript" id="import-transcript" level={3}>
      <form onSubmit={submit} noValidate aria-label="Add a transcript">
        {problem ? (
          <p role="alert" className="alert alert--error">
            {problem}
          </p>
        ) : null}
        <FormErrors error={importing.error} />
        <TextField
          label="Transcript name"
          value={label}
          onChange={setLabel}
          maxLength={120}
          hint="Not the person's name: for example “Interview 3”."
        />
        <SelectField
          label="Who was interviewed"
          value={audience}
          options={audienceOptions.filter((o) => study.audiences.includes(o.value))}
          onChange={setAudience}
        />
        {audience === 'participants' ? (
          <SelectField
            label="The participant interviewed (optional)"
            hint="Seen by study staff only: it places the transcript's themes in the joint display."
            placeholder="Not linked"
            value={participantId}
            options={(people.data ?? []).flatMap((p) =>
              'familyName' in p ? [{ value: p.id, label: `${p.givenName} ${p.familyName}` }] : [],
            )}
            onChange={setParticipantId}
          />
        ) : null}
        <TextField label="Interview date (optional)" type="date" value={interviewedOn} onChange={setInterviewedOn} />
        <FilePicker
          id="transcript-file"
          label="Choose a file"
          hint="A video call’s captions (.vtt), subtitles (.srt), a text file (.txt) or a Word document (.docx)."
          accept=".vtt,.srt,.txt,.docx,text/vtt,text/plain"
          onChange={(e) => void choose(e)}
        />
        <TextArea
          label="Or paste the transcript"
          value={pasted}
          onChange={setPasted}
          rows={6}
          hint="Start each speaker’s turn with their name and a colon, for example “Interviewer: How was your week?”"
        />
        <FormActions>
          <Button type="submit" busy={importing.isPending} busyLabel="Adding…">
            Add the transcript
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

/** A file input with its label and hint. */
function FilePicker(props: {
  id: string;
  label: string;
  hint: string;
  accept: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id} className="field__label">
        {props.label}
      </label>
      <p id={`${props.id}-hint`} className="field__hint">
        {props.hint}
      </p>
      <input
        id={props.id}
        type="file"
        className="input"
        accept={props.accept}
        aria-describedby={`${props.id}-hint`}
        onChange={props.onChange}
      />
    </div>
  );
}

/** The guide as lines: a question per line, its probes below it starting with a dash. */
export function guideFromLines(lines: string): GuideInput['questions'] {
  const questions: GuideInput['questions'] = [];
  for (const raw of lines.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const probe = /^[-–•*]\s*(.+)$/.exec(line);
    const last = questions[questions.length - 1];
    if (probe && last) last.probes.push(probe[1]!.trim());
    else questions.push({ text: probe ? probe[1]!.trim() : line, probes: [] });
  }
  return questions;
}

function Guides({ study }: { study: StudyView }) {
  const program = useProgram();
  const add = useAddGuide(program.programId, study.id);
  const [audience, setAudience] = useState<InterviewAudience>(study.audiences[0] ?? 'participants');
  const [lines, setLines] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const latest = new Map<InterviewAudience, StudyView['guides'][number]>();
  for (const g of study.guides) if ((latest.get(g.audience)?.version ?? 0) < g.version) latest.set(g.audience, g);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const questions = guideFromLines(lines);
    if (questions.length === 0) return;
    add.mutate(
      { audience, questions },
      {
        onSuccess: () => {
          setSaved(`Guide for ${audienceWords[audience].toLowerCase()} saved.`);
          setLines('');
        },
      },
    );
  };
  return (
    <Section title="Interview guide" id="interview-guide">
      {latest.size === 0 ? <Empty>No guide yet.</Empty> : null}
      {[...latest.values()].map((g) => (
        <div key={g.id}>
          <h3>
            {audienceWords[g.audience]} (version {g.version})
          </h3>
          <ol className="interview-guide">
            {g.questions.map((q, i) => (
              <li key={i}>
                {q.text}
                {q.probes.length > 0 ? (
                  <ul>
                    {q.probes.map((p, j) => (
                      <li key={j}>{p}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
      {study.can.manage ? (
        <form onSubmit={submit} noValidate aria-label="Write the guide">
          <FormErrors error={add.error} />
          <SelectField
            label="Guide for"
            value={audience}
            options={audienceOptions.filter((o) => study.audiences.includes(o.value))}
            onChange={setAudience}
          />
          <TextArea
            label="Questions and probes"
            value={lines}
            onChange={(v) => {
              setLines(v);
              setSaved(null);
            }}
            rows={6}
            hint="One question per line. Put each probe on its own line under its question, starting with a dash (-). Saving makes a new version; earlier ones are kept."
          />
          <FormActions>
            <Button type="submit" busy={add.isPending} busyLabel="Saving…">
              Save the guide
            </Button>
          </FormActions>
          {saved ? <p role="status">{saved}</p> : null}
        </form>
      ) : null}
    </Section>
  );
}

type Code = StudyView['codes'][number];

/** The codes in tree order, each with its depth. */
export function codeTree(codes: readonly Code[]): { code: Code; depth: number }[] {
  const out: { code: Code; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const c of codes.filter((x) => x.parentId === parentId).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ code: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function Codebook({ study }: { study: StudyView }) {
  const tree = codeTree(study.codes);
  return (
    <Section title="Codebook" id="interview-codebook">
      {tree.length === 0 ? <Empty>No codes yet.</Empty> : null}
      <ul className="codebook">
        {tree.map(({ code, depth }) => (
          <li key={code.id} style={{ marginInlineStart: `${depth * 1.25}rem` }}>
            <details>
              <summary>
                {code.color ? <span className="code-swatch" style={{ background: code.color }} aria-hidden="true" /> : null}
                {code.name}
              </summary>
              <DetailList
                items={[
                  ['Definition', code.definition ?? '—'],
                  ['When to use', code.whenToUse ?? '—'],
                  ['When not to use', code.whenNotToUse ?? '—'],
                  ['Example', code.example ?? '—'],
                ]}
              />
            </details>
          </li>
        ))}
      </ul>
      {study.can.code ? <NewCodeForm study={study} /> : null}
      {study.can.manage ? <ImportCodebookForm study={study} /> : null}
      <CodebookVersions study={study} />
    </Section>
  );
}

/** What an import did, in a sentence or two. */
export function importSummary(result: { created: unknown[]; alreadyThere: string[] }): string {
  const added =
    result.created.length === 0
      ? 'No new codes were added.'
      : result.created.length === 1
        ? '1 code was added.'
        : `${result.created.length} codes were added.`;
  if (result.alreadyThere.length === 0) return added;
  return `${added} Already in the codebook and left as they were: ${result.alreadyThere.join('; ')}.`;
}

/** The lead imports a codebook from NVivo, ATLAS.ti, MAXQDA, QualCoder or another Kindred study (.qdc). */
function ImportCodebookForm({ study }: { study: StudyView }) {
  const program = useProgram();
  const importing = useImportCodebook(program.programId, study.id);
  const [content, setContent] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setDone(null);
    if (!f) return setContent(null);
    // The server refuses anything over about 1 MB too; this spares the upload.
    if (f.size > 1_000_000) {
      setContent(null);
      return setProblem('This file is too large for a codebook (the limit is about 1 MB).');
    }
    setProblem(null);
    setContent(await f.text());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (content === null) return setProblem('Choose a codebook file (.qdc) first.');
    setProblem(null);
    importing.mutate(content, { onSuccess: (result) => setDone(importSummary(result)) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Import a codebook">
      <h3>Import a codebook</h3>
      {problem ? (
        <p role="alert" className="alert alert--error">
          {problem}
        </p>
      ) : null}
      <FormErrors error={importing.error} />
      <FilePicker
        id="codebook-file"
        label="Codebook file (.qdc)"
        hint="Exported from NVivo, ATLAS.ti, MAXQDA, QualCoder or another study here. New codes are added; a code whose name is already there stays as it is."
        accept=".qdc,application/xml,text/xml"
        onChange={(e) => void choose(e)}
      />
      <FormActions>
        <Button type="submit" busy={importing.isPending} busyLabel="Importing…">
          Import the codebook
        </Button>
      </FormActions>
      {done ? <p role="status">{done}</p> : null}
    </form>
  );
}

function NewCodeForm({ study }: { study: StudyView }) {
  const program = useProgram();
  const create = useCreateCode(program.programId, study.id);
  const empty = { name: '', parentId: '', definition: '', whenToUse: '', whenNotToUse: '', example: '' };
  const [v, setV] = useState(empty);
  const [saved, setSaved] = useState<string | null>(null);
  const set = (k: keyof typeof empty) => (value: string) => setV((p) => ({ ...p, [k]: value }));
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (v.name.trim() === '') return;
    create.mutate(
      {
        name: v.name.trim(),
        parentId: v.parentId || null,
        definition: orNull(v.definition),
        whenToUse: orNull(v.whenToUse),
        whenNotToUse: orNull(v.whenNotToUse),
        example: orNull(v.example),
      },
      {
        onSuccess: () => {
          setSaved(`Code “${v.name.trim()}” added.`);
          setV(empty);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a code">
      <h3>Add a code</h3>
      <FormErrors error={create.error} />
      <TextField label="Code name" value={v.name} onChange={set('name')} maxLength={120} />
      <SelectField
        label="Under"
        value={v.parentId}
        placeholder="Top level"
        options={codeTree(study.codes).map(({ code, depth }) => ({ value: code.id, label: `${'— '.repeat(depth)}${code.name}` }))}
        onChange={set('parentId')}
      />
      <TextArea label="Definition (optional)" value={v.definition} onChange={set('definition')} />
      <TextArea label="When to use (optional)" value={v.whenToUse} onChange={set('whenToUse')} />
      <TextArea label="When not to use (optional)" value={v.whenNotToUse} onChange={set('whenNotToUse')} />
      <TextArea label="Example (optional)" value={v.example} onChange={set('example')} />
      <FormActions>
        <Button type="submit" busy={create.isPending} busyLabel="Adding…">
          Add the code
        </Button>
      </FormActions>
      {saved ? <p role="status">{saved}</p> : null}
    </form>
  );
}

function Downloads({ study }: { study: StudyView }) {
  const program = useProgram();
  const files = [
    { format: 'qdpx' as const, label: 'Download the project for NVivo, ATLAS.ti, MAXQDA (.qdpx)' },
    { format: 'qdc' as const, label: 'Download the codebook (.qdc)' },
    { format: 'csv' as const, label: 'Download the coded passages (CSV)' },
  ];
  return (
    <Section title="Download" id="interview-downloads">
      <p>De-identified transcripts only.</p>
      <ul className="interview-exports">
        {files.map((f) => (
          <li key={f.format}>
            <a className="button button--secondary" href={exportHref(program.programId, study.id, f.format)} download>
              {f.label}
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}
