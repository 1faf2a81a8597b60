import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { samplingDimensions, type JointDisplayView, type SamplingDimension, type StudyView } from '../../../core/interviews';
import { useProgram } from '../../app/program';
import { Badge, Button, ButtonLink, TableScroll, VisuallyHidden } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { CheckboxGroup, FormActions, FormErrors, SelectField, TextArea, TextField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import {
  jointDisplayCsvHref,
  useCreateTheme,
  useInterviewStudy,
  useJointDisplay,
  useThemes,
  useUpdateTheme,
} from './interviews.api';
import { dimensionLabels, valueLabel } from './sampling.labels';
import './interviews.css';

const QUOTES = 3;

/** Themes and the joint display (ADR 0044): themes × a grouping of the people interviewed. */
export function InterviewJointDisplayPage() {
  const program = useProgram();
  const { studyId = '' } = useParams();
  const study = useInterviewStudy(program.programId, studyId);
  const [by, setBy] = useState<SamplingDimension>('adherent');
  const display = useJointDisplay(program.programId, studyId, by, QUOTES);
  const themes = useThemes(program.programId, studyId);
  const update = useUpdateTheme(program.programId, studyId);
  // A quote in the matrix can become its theme's exemplar: the theme is saved with it added.
  const markExemplar = (themeId: string, codingId: string) => {
    const t = themes.data?.find((x) => x.id === themeId);
    if (!t) return;
    update.mutate({
      themeId,
      name: t.name,
      summary: t.summary,
      codeIds: t.codeIds,
      exemplarCodingIds: [...t.exemplars.map((e) => e.codingId), codingId],
    });
  };
  return (
    <QueryView query={study} loadingLabel="Loading the study…">
      {(s) => (
        <Page
          title="Themes and numbers"
          intro={`“${s.title}”: each theme beside the people it came from, grouped by what Kindred knows of them now.`}
          actions={
            <ButtonLink variant="secondary" to={program.to(`interviews/${studyId}`)}>
              Back to the study
            </ButtonLink>
          }
        >
          <Themes study={s} />
          <Section
            title="Joint display"
            id="joint-display"
            actions={
              s.can.export ? (
                <a
                  className="button button--secondary"
                  href={jointDisplayCsvHref(program.programId, studyId, by, QUOTES)}
                  download
                >
                  Download the joint display (CSV)
                </a>
              ) : null
            }
          >
            <SelectField
              label="Group people by"
              hint="Each person’s group as it is now, not as when a sample was drawn."
              value={by}
              options={samplingDimensions.map((d) => ({ value: d, label: dimensionLabels[d] }))}
              onChange={setBy}
            />
            <FormErrors error={update.error} />
            <QueryView query={display} loadingLabel="Building the joint display…">
              {(d) => <JointDisplayTable display={d} onMarkExemplar={s.can.code ? markExemplar : undefined} />}
            </QueryView>
          </Section>
        </Page>
      )}
    </QueryView>
  );
}

/** The matrix: a row per theme, a column per group; each cell people, segments and quotes. */
export function JointDisplayTable({
  display,
  onMarkExemplar,
}: {
  display: JointDisplayView;
  onMarkExemplar?: ((themeId: string, codingId: string) => void) | undefined;
}) {
  if (display.rows.length === 0) return <Empty>No themes yet: add one above.</Empty>;
  const groupWords = (g: string) => valueLabel(display.by, g);
  return (
    <>
      <TableScroll label="Joint display, scrolls sideways" cards>
        <table className="table joint-display">
          <caption>Themes by {dimensionLabels[display.by].toLowerCase()}: people, coded passages and quotes</caption>
          <thead>
            <tr>
              <th scope="col">Theme</th>
              {display.groups.map((g) => (
                <th key={g} scope="col">
                  {groupWords(g)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {display.rows.map((r) => (
              <tr key={r.themeId}>
                <th scope="row">
                  {r.theme}
                  <br />
                  <span>
                    {r.people} {r.people === 1 ? 'person' : 'people'}, {r.segments} {r.segments === 1 ? 'passage' : 'passages'}
                  </span>
                </th>
                {r.cells.map((c) => (
                  <td key={c.group}>
                    <p>
                      {c.people} {c.people === 1 ? 'person' : 'people'}, {c.segments} {c.segments === 1 ? 'passage' : 'passages'}
                    </p>
                    {c.quotes.map((q) => (
                      <blockquote key={`${q.transcriptId}:${q.codingId ?? q.text}`}>
                        {q.isExemplar ? (
                          <>
                            <Badge tone="good">Exemplar</Badge>{' '}
                          </>
                        ) : null}
                        “{q.text}”{/* A stretch only the consensus version holds is no coding, so it cannot be an exemplar. */}
                        {onMarkExemplar && !q.isExemplar && q.codingId ? (
                          <>
                            {' '}
                            <Button type="button" variant="secondary" onClick={() => onMarkExemplar(r.themeId, q.codingId!)}>
                              Mark as exemplar<VisuallyHidden>: “{q.text.slice(0, 40)}”</VisuallyHidden>
                            </Button>
                          </>
                        ) : null}
                      </blockquote>
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {display.unlinkedSegments > 0 ? (
        <p>
          {display.unlinkedSegments} coded {display.unlinkedSegments === 1 ? 'passage comes' : 'passages come'} from transcripts
          not linked to a participant, so {display.unlinkedSegments === 1 ? 'it is' : 'they are'} not in the table.
        </p>
      ) : null}
    </>
  );
}

function Themes({ study }: { study: StudyView }) {
  const program = useProgram();
  const themes = useThemes(program.programId, study.id);
  const codeName = new Map(study.codes.map((c) => [c.id, c.name]));
  return (
    <Section title="Themes" id="themes">
      <QueryView query={themes} loadingLabel="Loading the themes…">
        {(list) =>
          list.length === 0 ? (
            <Empty>No themes yet.</Empty>
          ) : (
            <ul className="themes">
              {list.map((t) => (
                <li key={t.id} className="theme">
                  <h3>{t.name}</h3>
                  {t.summary ? <p>{t.summary}</p> : null}
                  <p>Codes: {t.codeIds.map((id) => codeName.get(id) ?? 'Removed code').join(', ') || 'none yet'}</p>
                  {t.exemplars.map((e) => (
                    <blockquote key={e.codingId}>“{e.text}”</blockquote>
                  ))}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {study.can.code ? <ThemeForm study={study} /> : null}
    </Section>
  );
}

function ThemeForm({ study }: { study: StudyView }) {
  const program = useProgram();
  const create = useCreateTheme(program.programId, study.id);
  const [name, setName] = useState('');
  const [summary, setSummary] = useState('');
  const [codeIds, setCodeIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') return setProblem('Give the theme a name.');
    if (codeIds.length === 0) return setProblem('Choose the codes the theme groups.');
    setProblem(null);
    create.mutate({ name: name.trim(), summary, codeIds }, { onSuccess: () => (setName(''), setSummary(''), setCodeIds([])) });
  };
  if (study.codes.length === 0) return <Empty>Add codes to the codebook first; a theme groups codes.</Empty>;
  return (
    <form onSubmit={submit} noValidate aria-label="Add a theme">
      <h3>Add a theme</h3>
      {problem ? (
        <p role="alert" className="alert alert--error">
          {problem}
        </p>
      ) : null}
      <FormErrors error={create.error} />
      <TextField label="Theme name" value={name} onChange={setName} maxLength={120} />
      <TextArea label="Summary" value={summary} onChange={setSummary} maxLength={4000} />
      <CheckboxGroup
        legend="Codes in this theme"
        options={study.codes.map((c) => ({ value: c.id, label: c.name }))}
        values={codeIds}
        onChange={setCodeIds}
        columns
      />
      <FormActions>
        <Button type="submit" busy={create.isPending} busyLabel="Adding…">
          Add the theme
        </Button>
      </FormActions>
    </form>
  );
}
