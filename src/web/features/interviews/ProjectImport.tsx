import { useState, type ChangeEvent, type FormEvent } from 'react';
import {
  projectImportSummary,
  type InterviewAudience,
  type ProjectImportInput,
  type ProjectImportResult,
  type StudyView,
} from '../../../core/interviews';
import { useProgram } from '../../app/program';
import { Button } from '../../ui/controls';
import { FormActions, FormErrors, SelectField } from '../../ui/form';
import { Section } from '../../ui/Page';
import { useImportProject } from './interviews.api';
import { base64Of } from './upload';

/** The archive's size limit on the server (ADR 0055), checked here to spare the upload. */
const MAX_BYTES = 20 * 1024 * 1024;
const NOBODY = 'nobody';

const workOf = (u: ProjectImportResult['users'][number]) =>
  [
    u.codings ? `${u.codings} coded passage${u.codings === 1 ? '' : 's'}` : '',
    u.memos ? `${u.memos} memo${u.memos === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ') || 'no work';

/**
 * Importing a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA or QualCoder (ADR 0055): the
 * file is read first and what it holds is shown; the lead says whose work each of the file's users
 * is (someone who codes on the team, or nobody), then imports. `send` posts to the server.
 */
export function ProjectImportForm(props: {
  audiences: readonly InterviewAudience[];
  audienceWords: Record<InterviewAudience, string>;
  send: (input: ProjectImportInput) => Promise<ProjectImportResult>;
  busy: boolean;
  error: unknown;
}) {
  const [content, setContent] = useState<string | null>(null);
  const [audience, setAudience] = useState<InterviewAudience>(props.audiences[0] ?? 'participants');
  const [preview, setPreview] = useState<ProjectImportResult | null>(null);
  const [whose, setWhose] = useState<Record<string, string>>({});
  const [done, setDone] = useState<ProjectImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // A new key clears the file input once the file is imported, so it cannot be sent twice by mistake.
  const [formKey, setFormKey] = useState(0);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setPreview(null);
    setDone(null);
    if (!f) return setContent(null);
    if (f.size > MAX_BYTES) {
      setContent(null);
      return setProblem('This file is too large to import (the limit is 20 MB).');
    }
    setProblem(null);
    setContent(base64Of(await f.arrayBuffer()));
  };
  const read = async (e: FormEvent) => {
    e.preventDefault();
    if (content === null) return setProblem('Choose a project file (.qdpx) first.');
    setProblem(null);
    const p = await props.send({ content, audience, users: {}, preview: true }).catch(() => null);
    if (!p) return;
    setPreview(p);
    // A file user with the same name as someone coding on the team is taken to be that person.
    setWhose(
      Object.fromEntries(
        p.users.map((u) => [
          u.guid,
          p.team.find((m) => m.name.trim().toLowerCase() === u.name.trim().toLowerCase())?.personId ?? NOBODY,
        ]),
      ),
    );
  };
  const confirm = async () => {
    if (content === null || !preview) return;
    const users = Object.fromEntries(Object.entries(whose).map(([g, p]) => [g, p === NOBODY ? null : p]));
    const r = await props.send({ content, audience, users, preview: false }).catch(() => null);
    if (!r) return;
    setDone(r);
    setPreview(null);
    setContent(null);
    setFormKey((k) => k + 1);
  };

  return (
    <div className="project-import">
      <form key={formKey} onSubmit={(e) => void read(e)} noValidate aria-label="Read a project file">
        {problem ? (
          <p role="alert" className="alert alert--error">
            {problem}
          </p>
        ) : null}
        <FormErrors error={props.error} />
        <div className="field">
          <label htmlFor="project-file" className="field__label">
            Project file (.qdpx)
          </label>
          <p id="project-file-hint" className="field__hint">
            Exported from NVivo, ATLAS.ti, MAXQDA, QualCoder or another study here. Nothing is saved until you have checked what
            the file holds.
          </p>
          <input
            id="project-file"
            type="file"
            className="input"
            accept=".qdpx,application/zip"
            aria-describedby="project-file-hint"
            onChange={(e) => void choose(e)}
          />
        </div>
        {props.audiences.length > 1 ? (
          <SelectField
            label="Whom were these interviews with?"
            value={audience}
            options={props.audiences.map((a) => ({ value: a, label: props.audienceWords[a] }))}
            onChange={(v) => setAudience(v)}
          />
        ) : null}
        <FormActions>
          <Button type="submit" variant="secondary" busy={props.busy && !preview} busyLabel="Reading…">
            Read the file
          </Button>
        </FormActions>
      </form>
      {preview ? (
        <section aria-label="What the file holds" className="project-import__preview">
          <h3>What “{preview.projectName}” holds</h3>
          <ul>
            {projectImportSummary(preview).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {preview.users.length ? (
            <>
              <p>Say whose work each person in the file is. Work you give to nobody is not imported.</p>
              {preview.users.map((u) => (
                <SelectField
                  key={u.guid}
                  label={`${u.name} (${workOf(u)}) is`}
                  value={whose[u.guid] ?? NOBODY}
                  options={[
                    ...preview.team.map((m) => ({ value: m.personId, label: m.name })),
                    { value: NOBODY, label: 'Nobody: leave this work out' },
                  ]}
                  onChange={(v) => setWhose((w) => ({ ...w, [u.guid]: v }))}
                />
              ))}
            </>
          ) : null}
          <p>Each transcript comes in waiting for de-identification: nobody codes it until a person confirms it.</p>
          <FormActions>
            <Button type="button" onClick={() => void confirm()} busy={props.busy} busyLabel="Importing…">
              Import the project
            </Button>
          </FormActions>
        </section>
      ) : null}
      {done ? (
        <div role="status">
          <p>Imported {projectImportSummary(done)[0]}</p>
          {projectImportSummary(done)
            .slice(1)
            .map((line) => (
              <p key={line}>{line}</p>
            ))}
        </div>
      ) : null}
    </div>
  );
}

/** The study page's section for the lead. */
export function ProjectImport({ study, audienceWords }: { study: StudyView; audienceWords: Record<InterviewAudience, string> }) {
  const program = useProgram();
  const importing = useImportProject(program.programId, study.id);
  return (
    <Section title="Import a project (.qdpx)" id="interview-project-import">
      <ProjectImportForm
        audiences={study.audiences}
        audienceWords={audienceWords}
        send={(input) => importing.mutateAsync(input)}
        busy={importing.isPending}
        error={importing.error}
      />
    </Section>
  );
}
