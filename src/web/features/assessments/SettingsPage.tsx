import { useState, type ChangeEvent, type FormEvent } from 'react';
import { TIMEPOINT_LABEL_MAX, type AssessmentSettings, type InstrumentSummary, type Timepoint } from '../../../core/assessments';
import { useProgram } from '../../app/program';
import { Badge, Button, TableScroll } from '../../ui/controls';
import { Notice, QueryView } from '../../ui/feedback';
import { CheckboxGroup, FormActions, FormErrors, RadioGroup, TextArea, TextField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import {
  fileProblemsOf,
  useAssessmentSettings,
  useImportInstrument,
  useInstruments,
  useLoadLicensedText,
  useSaveAssessmentSettings,
} from './assessments.api';

/** Timepoints, windows and instruments; the program's own instruments; licensed item text. */
export function AssessmentSettingsPage() {
  const program = useProgram();
  const settings = useAssessmentSettings(program.programId);
  const instruments = useInstruments(program.programId);
  return (
    <Page title="Assessment settings">
      <QueryView query={instruments} loadingLabel="Loading instruments…">
        {(list) => (
          <>
            <QueryView query={settings} loadingLabel="Loading timepoints…">
              {(s) => <TimepointsForm initial={s} instruments={list} />}
            </QueryView>
            <InstrumentList instruments={list} />
            <ImportForm />
            <LicensedTextForm instruments={list.filter((i) => i.origin === 'built_in' && !i.hasItemText)} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

interface TimepointValues {
  key: string;
  label: string;
  months: string;
  isBaseline: boolean;
  windowBeforeDays: string;
  windowAfterDays: string;
  instruments: string[];
}

const valuesOf = (t: Timepoint): TimepointValues => ({
  key: t.key,
  label: t.label,
  months: String(t.months),
  isBaseline: t.isBaseline,
  windowBeforeDays: String(t.windowBeforeDays),
  windowAfterDays: String(t.windowAfterDays),
  instruments: [...t.instruments],
});

const bodyOf = (v: TimepointValues[]): AssessmentSettings => ({
  timepoints: v.map((t) => ({
    key: t.key.trim(),
    label: t.label.trim(),
    months: Number(t.months),
    isBaseline: t.isBaseline,
    windowBeforeDays: Number(t.windowBeforeDays),
    windowAfterDays: Number(t.windowAfterDays),
    instruments: t.instruments,
  })),
});

function TimepointsForm({ initial, instruments }: { initial: AssessmentSettings; instruments: readonly InstrumentSummary[] }) {
  const program = useProgram();
  const save = useSaveAssessmentSettings(program.programId);
  const [rows, setRows] = useState<TimepointValues[]>(() => initial.timepoints.map(valuesOf));
  const [saved, setSaved] = useState(false);
  const set = (i: number, patch: Partial<TimepointValues>) => {
    setSaved(false);
    setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(bodyOf(rows), { onSuccess: () => setSaved(true) });
  };
  const options = instruments.map((i) => ({
    value: i.id,
    label: i.title,
    hint: i.hasItemText ? undefined : 'No item text: staff entry only',
  }));
  return (
    <Section title="Timepoints" id="assessment-timepoints">
      <form onSubmit={submit} noValidate>
        <p role="status" className={saved ? 'notice' : 'visually-hidden'}>
          {saved ? 'Timepoints saved.' : ''}
        </p>
        <FormErrors error={save.error} title="Could not save the timepoints" />
        {rows.map((t, i) => (
          <fieldset key={i} className="fieldset">
            <legend>{t.label || `Timepoint ${i + 1}`}</legend>
            <TextField
              label={`Name of timepoint ${i + 1}`}
              value={t.label}
              onChange={(v) => set(i, { label: v })}
              maxLength={TIMEPOINT_LABEL_MAX}
            />
            <TextField
              label={`Key of timepoint ${i + 1}`}
              maxLength={40}
              hint="Lower-case letters, digits and _; stored with each answer, so it cannot change once answers or misses exist."
              value={t.key}
              onChange={(v) => set(i, { key: v })}
            />
            {t.isBaseline ? (
              <p>Baseline: opens on the enrolment date, due after the days below, and open as many days again after that.</p>
            ) : (
              <>
                <TextField
                  label={`Months after enrolment (timepoint ${i + 1})`}
                  type="number"
                  inputMode="numeric"
                  className="field--short"
                  value={t.months}
                  onChange={(v) => set(i, { months: v })}
                />
                <TextField
                  label={`Days the window opens before (timepoint ${i + 1})`}
                  type="number"
                  inputMode="numeric"
                  className="field--short"
                  value={t.windowBeforeDays}
                  onChange={(v) => set(i, { windowBeforeDays: v })}
                />
              </>
            )}
            <TextField
              label={
                t.isBaseline
                  ? `Days due before overdue (timepoint ${i + 1})`
                  : `Days the window stays open after (timepoint ${i + 1})`
              }
              type="number"
              inputMode="numeric"
              className="field--short"
              value={t.windowAfterDays}
              onChange={(v) => set(i, { windowAfterDays: v })}
            />
            <CheckboxGroup
              legend={`Instruments at timepoint ${i + 1}`}
              options={options}
              values={t.instruments}
              onChange={(v) => set(i, { instruments: v })}
            />
            {rows.length > 1 ? (
              <Button type="button" variant="secondary" onClick={() => setRows((r) => r.filter((_, j) => j !== i))}>
                Remove timepoint {i + 1}
              </Button>
            ) : null}
          </fieldset>
        ))}
        <FormActions>
          <Button
            type="button"
            variant="secondary"
            onClick={() =>
              setRows((r) => [
                ...r,
                {
                  key: `month_${12}`,
                  label: '12 months',
                  months: '12',
                  isBaseline: false,
                  windowBeforeDays: '30',
                  windowAfterDays: '30',
                  instruments: r.at(-1)?.instruments ?? [],
                },
              ])
            }
          >
            Add a timepoint
          </Button>
          <Button type="submit" disabled={save.isPending}>
            Save timepoints
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

function InstrumentList({ instruments }: { instruments: readonly InstrumentSummary[] }) {
  return (
    <Section title="Instruments" id="assessment-instruments">
      <TableScroll label="Instruments table">
        <table className="table">
          <caption className="visually-hidden">Instruments this program can use</caption>
          <thead>
            <tr>
              <th scope="col">Instrument</th>
              <th scope="col">Where from</th>
              <th scope="col">Item text</th>
              <th scope="col">Scoring</th>
            </tr>
          </thead>
          <tbody>
            {instruments.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  {i.title} <span className="muted">({i.id})</span>
                </th>
                <td>{i.origin === 'built_in' ? 'Shipped with Kindred' : 'Imported by the program'}</td>
                <td>{i.hasItemText ? <Badge tone="good">Yes</Badge> : <Badge tone="warning">Needs a licensed file</Badge>}</td>
                <td>{i.scoringRule}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

/** Reads a chosen file's text into the form (nothing is uploaded until the form is sent). */
function useFileText(setText: (text: string) => void) {
  return (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) void file.text().then(setText);
  };
}

function Problems({ error }: { error: unknown }) {
  const problems = fileProblemsOf(error);
  if (problems.length === 0) return <FormErrors error={error} title="Could not use the file" />;
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">The file cannot be used; nothing was changed</p>
      <ul className="alert__list">
        {problems.map((p, i) => (
          <li key={i}>
            {p.where}: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ImportForm() {
  const program = useProgram();
  const importer = useImportInstrument(program.programId);
  const [format, setFormat] = useState<'fhir' | 'redcap'>('fhir');
  const [content, setContent] = useState('');
  const onFile = useFileText(setContent);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    importer.mutate({ format, content }, { onSuccess: () => setContent('') });
  };
  return (
    <Section title="Import an instrument" id="assessment-import">
      <form onSubmit={submit} noValidate>
        {importer.error ? <Problems error={importer.error} /> : null}
        {importer.data ? (
          <Notice>
            Imported “{importer.data.title}” ({importer.data.itemCount} items).
          </Notice>
        ) : null}
        <RadioGroup
          legend="File format"
          name="import-format"
          options={[
            { value: 'fhir', label: 'FHIR Questionnaire (JSON)' },
            { value: 'redcap', label: 'REDCap data dictionary (CSV)' },
          ]}
          value={format}
          onChange={setFormat}
        />
        <div className="field">
          <label htmlFor="import-file" className="field__label">
            Choose a file
          </label>
          <input id="import-file" type="file" accept=".json,.csv,application/json,text/csv" onChange={onFile} />
        </div>
        <TextArea
          label="Or paste the file’s contents"
          hint="The score is declared in the file (see docs/decisions/0005): @KINDRED-SCORE=sum or mean in REDCap, the scoring extension in FHIR."
          rows={8}
          value={content}
          onChange={setContent}
        />
        <FormActions>
          <Button type="submit" disabled={importer.isPending || content.trim() === ''}>
            Import instrument
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

function LicensedTextForm({ instruments }: { instruments: readonly InstrumentSummary[] }) {
  const program = useProgram();
  const load = useLoadLicensedText(program.programId);
  const [instrumentId, setInstrumentId] = useState(instruments[0]?.id ?? '');
  const [content, setContent] = useState('');
  const [notJson, setNotJson] = useState(false);
  const onFile = useFileText(setContent);
  if (instruments.length === 0) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let texts: unknown;
    try {
      texts = JSON.parse(content) as unknown;
    } catch {
      setNotJson(true);
      return;
    }
    setNotJson(false);
    load.mutate({ instrumentId, texts }, { onSuccess: () => setContent('') });
  };
  return (
    <Section title="Licensed item text" id="assessment-licensed">
      <p>
        For a program holding the licence: a JSON object of item id → item text, exactly as the licence holder supplies it. Until
        then these instruments can be entered by staff but not sent by link.
      </p>
      <form onSubmit={submit} noValidate>
        {notJson ? (
          <div role="alert" className="alert alert--error">
            <p>The file is not valid JSON.</p>
          </div>
        ) : null}
        {load.error ? <Problems error={load.error} /> : null}
        {load.data ? <Notice>Item text loaded for {load.data.title}.</Notice> : null}
        <RadioGroup
          legend="Instrument"
          name="licensed-instrument"
          options={instruments.map((i) => ({ value: i.id, label: i.title }))}
          value={instrumentId}
          onChange={setInstrumentId}
        />
        <div className="field">
          <label htmlFor="licensed-file" className="field__label">
            Choose the licensed file
          </label>
          <input id="licensed-file" type="file" accept=".json,application/json" onChange={onFile} />
        </div>
        <TextArea label="Or paste the licensed text (JSON)" rows={6} value={content} onChange={setContent} />
        <FormActions>
          <Button type="submit" disabled={load.isPending || content.trim() === ''}>
            Load item text
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
