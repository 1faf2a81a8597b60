import { useProgram } from '../../app/program';
import { QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { Stats } from '../../ui/Stats';
import { useReport } from './assessments.api';
import { stateLabels } from './labels';
import { DistributionChart } from './ScoreCharts';

/** Program-level results: per timepoint how many were completed or missed, and each instrument's scores. */
export function AssessmentReportPage() {
  const program = useProgram();
  const report = useReport(program.programId);
  return (
    <Page
      title="Assessment report"
      intro={<p>Counts and score distributions by timepoint. No names: safe to share with evaluators.</p>}
    >
      <QueryView query={report} loadingLabel="Loading the report…">
        {(r) => {
          const ids = [...new Set(r.timepoints.flatMap((t) => t.instruments.map((i) => i.id)))];
          return (
            <>
              <Section title="Completed and missed" id="report-counts">
                {r.timepoints.map((t) => (
                  <div key={t.key}>
                    <h3>{t.label}</h3>
                    <Stats
                      label={`${t.label}: assessments by state`}
                      items={(['completed', 'missed', 'overdue', 'due', 'upcoming'] as const).map((s) => ({
                        label: stateLabels[s],
                        value: t.counts[s] ?? 0,
                      }))}
                    />
                    {(t.counts.missed ?? 0) > 0 ? (
                      <p>
                        {t.missesRecorded} of {t.counts.missed} missed recorded for good (they stay missed if the windows change
                        later).
                      </p>
                    ) : null}
                  </div>
                ))}
              </Section>
              <Section title="Scores by timepoint" id="report-scores">
                {ids.map((id) => {
                  const rows = r.timepoints.flatMap((t) => {
                    const instrument = t.instruments.find((i) => i.id === id);
                    return instrument ? [{ label: t.label, instrument }] : [];
                  });
                  return <DistributionChart key={id} title={rows[0]?.instrument.title ?? id} timepoints={rows} />;
                })}
              </Section>
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}
