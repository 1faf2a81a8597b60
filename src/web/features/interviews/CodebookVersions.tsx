import { useState, type FormEvent } from 'react';
import type { CodebookDiffView, CodebookVersionSummary, StudyView } from '../../../core/interviews';
import { useProgram } from '../../app/program';
import { useWhen } from '../../app/when';
import { Button } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, SelectField, TextField } from '../../ui/form';
import { Section } from '../../ui/Page';
import { codebookVersionHref, useCodebookDiff, useCodebookVersions, usePublishCodebook } from './interviews.api';

const fieldWords: Record<CodebookDiffView['changed'][number]['fields'][number], string> = {
  definition: 'definition',
  whenToUse: 'when to use',
  whenNotToUse: 'when not to use',
  example: 'example',
  color: 'color',
};

const andList = (words: string[]) =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;

/** The changes between two versions as sentences, in the order added, removed, renamed, moved, changed. */
export function diffLines(d: CodebookDiffView): string[] {
  const place = (path: string) => (path === '' ? 'the top level' : `“${path}”`);
  return [
    ...d.added.map((a) => `Added “${a.path}”.`),
    ...d.removed.map((r) => `Removed “${r.path}”.`),
    ...d.renamed.map((r) => `Renamed “${r.from}” to “${r.to}”.`),
    ...d.moved.map((m) => `Moved a code from ${place(m.from)} to ${place(m.to)}.`),
    ...d.changed.map((c) => `Changed the ${andList(c.fields.map((f) => fieldWords[f]))} of “${c.path}”.`),
  ];
}

/**
 * The codebook's published versions (ADR 0053): each frozen, with its note and its .qdc; the lead
 * publishes the current codebook as the next one; anyone on the team compares two.
 */
export function CodebookVersions({ study }: { study: StudyView }) {
  const program = useProgram();
  const versions = useCodebookVersions(program.programId, study.id);
  return (
    <Section title="Codebook versions" id="codebook-versions" level={3}>
      <QueryView query={versions} loadingLabel="Loading the codebook versions…">
        {(list) => (
          <>
            {list.length === 0 ? <Empty>No version published yet.</Empty> : <VersionList study={study} versions={list} />}
            {list.length >= 2 ? <Compare study={study} versions={list} /> : null}
            {study.can.manage ? <PublishForm study={study} next={(list[0]?.version ?? 0) + 1} /> : null}
          </>
        )}
      </QueryView>
    </Section>
  );
}

function VersionList({ study, versions }: { study: StudyView; versions: CodebookVersionSummary[] }) {
  const program = useProgram();
  const when = useWhen();
  return (
    <ul className="codebook-versions">
      {versions.map((v) => (
        <li key={v.version}>
          <strong>Version {v.version}</strong>: {v.note}{' '}
          <span className="muted">
            ({v.codeCount === 1 ? '1 code' : `${v.codeCount} codes`}, published {when.day(v.publishedAt)} by {v.publishedBy})
          </span>{' '}
          {study.can.export ? (
            <a href={codebookVersionHref(program.programId, study.id, v.version)} download>
              Download version {v.version} (.qdc)
            </a>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Compare({ study, versions }: { study: StudyView; versions: CodebookVersionSummary[] }) {
  const program = useProgram();
  const options = versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }));
  const [from, setFrom] = useState(String(versions[1]!.version));
  const [to, setTo] = useState(String(versions[0]!.version));
  const diff = useCodebookDiff(program.programId, study.id, Number(from), Number(to));
  return (
    <div className="codebook-compare">
      <h4>What changed</h4>
      <SelectField label="From" value={from} options={options} onChange={setFrom} />
      <SelectField label="To" value={to} options={options} onChange={setTo} />
      {from === to ? (
        <p>Choose two different versions.</p>
      ) : (
        <QueryView query={diff} loadingLabel="Comparing the versions…">
          {(d) => {
            const lines = diffLines(d);
            return lines.length === 0 ? (
              <p>No changes between these versions.</p>
            ) : (
              <ul aria-label={`Changes from version ${d.from} to version ${d.to}`}>
                {lines.map((line, k) => (
                  <li key={k}>{line}</li>
                ))}
              </ul>
            );
          }}
        </QueryView>
      )}
    </div>
  );
}

function PublishForm({ study, next }: { study: StudyView; next: number }) {
  const program = useProgram();
  const publish = usePublishCodebook(program.programId, study.id);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim() === '') return;
    publish.mutate(note.trim(), {
      onSuccess: (v) => {
        setDone(`Version ${v.version} published.`);
        setNote('');
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Publish the codebook">
      <FormErrors error={publish.error} />
      <TextField
        label="What changed in this version"
        value={note}
        onChange={setNote}
        maxLength={1000}
        hint="For example “Split Barriers into Transport and Work after the first five interviews”."
      />
      <FormActions>
        <Button type="submit" busy={publish.isPending} busyLabel="Publishing…">
          Publish as version {next}
        </Button>
      </FormActions>
      {done ? <p role="status">{done}</p> : null}
    </form>
  );
}
