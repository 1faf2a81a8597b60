import { useParams } from 'react-router';
import type { SampleView, StudyView, ThemeView } from '../../../core/interviews';
import { useProgram } from '../../app/program';
import { useWhen } from '../../app/when';
import { Button, ButtonLink } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { useInterviewStudy, useSample, useSamples, useThemes } from './interviews.api';
import { CellsTable, DeclineReasons } from './SamplingPage';
import { exclusionLabels } from './sampling.labels';
import './interviews.css';

/**
 * The study's printable report (issue #13): how people were chosen (the latest drawn sample's
 * table, who was invited, who declined and why) and the themes with their exemplar quotes, to print
 * or save as a PDF for a methods section or a team meeting.
 */
export function InterviewStudyReportPage() {
  const program = useProgram();
  const { studyId = '' } = useParams();
  const study = useInterviewStudy(program.programId, studyId);
  const samples = useSamples(program.programId, studyId);
  const themes = useThemes(program.programId, studyId);
  // The list comes newest first: the report describes the latest draw.
  const latest = samples.data?.[0] ?? null;
  const sample = useSample(program.programId, studyId, latest?.id ?? null);
  return (
    <Page
      title="Study report"
      intro="How people were chosen, and the themes with their quotes. Print it, or save it as a PDF from the print window."
      actions={
        <>
          <Button variant="secondary" className="print-hide" onClick={() => window.print()}>
            Print the report
          </Button>
          <ButtonLink variant="secondary" className="print-hide" to={program.to(`interviews/${studyId}`)}>
            Back to the study
          </ButtonLink>
        </>
      }
    >
      <QueryView query={study} loadingLabel="Loading the study…">
        {(s) => (
          <>
            <Section title={s.title} id="study">
              {s.aims ? <p>{s.aims}</p> : null}
              <p>
                {s.transcripts.length} {s.transcripts.length === 1 ? 'transcript' : 'transcripts'}; target {s.targetCount}{' '}
                {s.targetCount === 1 ? 'interview' : 'interviews'}.
              </p>
            </Section>
            <Section title="How people were chosen" id="report-sampling">
              <QueryView query={samples} loadingLabel="Loading the samples…">
                {() =>
                  latest === null ? (
                    <Empty>No sample has been drawn for this study.</Empty>
                  ) : (
                    <QueryView query={sample} loadingLabel="Loading the sample…">
                      {(drawn) => <SampleReport sample={drawn} draws={samples.data?.length ?? 1} />}
                    </QueryView>
                  )
                }
              </QueryView>
            </Section>
            <Section title="Themes" id="report-themes">
              <QueryView query={themes} loadingLabel="Loading the themes…">
                {(list) => (list.length === 0 ? <Empty>No themes yet.</Empty> : <ThemesReport themes={list} study={s} />)}
              </QueryView>
            </Section>
          </>
        )}
      </QueryView>
    </Page>
  );
}

function SampleReport({ sample: s, draws }: { sample: SampleView; draws: number }) {
  const when = useWhen();
  const count = (state: SampleView['members'][number]['state']) => s.members.filter((m) => m.state === state).length;
  // Agreed: consented, with or without a time yet (ADR 0050); recording is a consent of its own.
  const agreed = count('consented') + count('scheduled');
  const recorded = s.members.filter((m) => (m.state === 'consented' || m.state === 'scheduled') && m.consent?.recording).length;
  return (
    <>
      <p>
        Drawn {when.dateTime(s.drawnAt)}
        {s.drawnBy ? ` by ${s.drawnBy}` : ''}, draw number {s.seed}
        {draws > 1 ? ` (the latest of ${draws} draws)` : ''}. The values are as they were at the draw.
      </p>
      <CellsTable sample={s} />
      {s.excluded.length > 0 ? (
        <p>Not asked: {s.excluded.map((x) => `${exclusionLabels[x.reason] ?? x.reason} (${x.count})`).join(', ')}.</p>
      ) : null}
      <p>
        {s.members.length} proposed: {count('invited')} invited
        {agreed > 0
          ? `, ${agreed} agreed (${recorded} also to audio recording; ${count('scheduled')} with an interview booked)`
          : ''}
        , {count('declined')} declined, {count('proposed')} not asked yet.
      </p>
      {s.declineReasons.length > 0 ? (
        <>
          <h3>Why people declined</h3>
          <DeclineReasons reasons={s.declineReasons} />
        </>
      ) : null}
    </>
  );
}

function ThemesReport({ themes, study }: { themes: readonly ThemeView[]; study: StudyView }) {
  const codeName = new Map(study.codes.map((c) => [c.id, c.name]));
  const transcriptLabel = new Map(study.transcripts.map((t) => [t.id, t.label]));
  return (
    <>
      {themes.map((theme) => (
        <article key={theme.id} className="report-theme" aria-label={`Theme: ${theme.name}`}>
          <h3>{theme.name}</h3>
          {theme.summary ? <p>{theme.summary}</p> : null}
          <p>Codes: {theme.codeIds.map((id) => codeName.get(id) ?? 'A removed code').join(', ')}.</p>
          {theme.exemplars.length === 0 ? (
            <p>No quotes marked as exemplars yet.</p>
          ) : (
            <ul className="report-quotes">
              {theme.exemplars.map((q) => (
                <li key={q.codingId}>
                  <blockquote>“{q.text}”</blockquote>
                  <p className="report-quotes__source">{transcriptLabel.get(q.transcriptId) ?? 'A transcript'}</p>
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </>
  );
}
