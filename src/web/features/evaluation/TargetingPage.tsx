import { EXPLORATORY_WARNING, formatP } from '../../../core/evaluation/targeting';
import { useProgram } from '../../app/program';
import { Button, TableScroll } from '../../ui/controls';
import { downloadCsv, toCsv } from '../../ui/csv';
import { Notice, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { useOutcomeReport } from './evaluation.api';
import { InstrumentChooser, useInstrument, withCi, type Report } from './shared';
import './evaluation.css';

const verdictWords: Record<string, string> = {
  too_few: 'Too few to say',
  no_clear_difference: 'No clear difference',
  may_differ: 'May differ',
};

function Findings({ r }: { r: Report }) {
  const rows = r.targeting.rows;
  const csv = () =>
    downloadCsv(
      'whom-to-target.csv',
      toCsv(
        [
          'characteristic',
          'benefit_verdict',
          'benefit_interaction',
          'benefit_ci_low',
          'benefit_ci_high',
          'benefit_p_holm',
          'engagement_verdict',
          'engagement_odds_ratio',
          'engagement_ci_low',
          'engagement_ci_high',
          'engagement_p_holm',
          'summary',
        ],
        rows.map((x) => [
          x.label,
          x.benefit?.verdict ?? null,
          x.benefit?.term.estimate ?? null,
          x.benefit?.term.ci_low ?? null,
          x.benefit?.term.ci_high ?? null,
          x.benefit?.pAdjusted ?? null,
          x.engagement?.verdict ?? null,
          x.engagement ? Math.exp(x.engagement.term.estimate) : null,
          x.engagement ? Math.exp(x.engagement.term.ci_low) : null,
          x.engagement ? Math.exp(x.engagement.term.ci_high) : null,
          x.engagement?.pAdjusted ?? null,
          x.summary,
        ]),
      ),
    );
  return (
    <>
      <Section title="In plain words" id="words">
        <ul className="targeting-list">
          {rows.map((x) => (
            <li key={x.key}>
              <strong>{x.label}.</strong> {x.summary}
              <ul>
                <li>
                  <em>Who benefits:</em> {x.benefit ? x.benefit.sentence : 'Cannot be estimated yet.'}
                </li>
                <li>
                  <em>Who engages:</em>{' '}
                  {x.engagement ? x.engagement.sentence : (r.targeting.engagementNote ?? 'Cannot be estimated yet.')}
                </li>
              </ul>
            </li>
          ))}
        </ul>
      </Section>
      <Section
        title="The numbers"
        id="numbers"
        actions={
          <Button variant="secondary" className="print-hide" onClick={csv}>
            Download whom to target (CSV)
          </Button>
        }
      >
        <p>
          Who benefits: the arm × characteristic interaction on {r.instrument.title} (95% CI). Who engages: the odds ratio of
          reaching the program’s target of contacts in the coached arm (95% CI). Holm-adjusted p-values. At least{' '}
          {r.targeting.minPerCell} people are needed in every group before anything is said.
        </p>
        <TableScroll label="Whom to target table">
          <table className="table">
            <caption className="visually-hidden">Each characteristic: who benefits and who engages, with intervals</caption>
            <thead>
              <tr>
                <th scope="col">Characteristic</th>
                <th scope="col">Who benefits (95% CI)</th>
                <th scope="col">Holm p</th>
                <th scope="col">Who engages: odds ratio (95% CI)</th>
                <th scope="col">Holm p</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => (
                <tr key={x.key}>
                  <th scope="row">{x.label}</th>
                  <td>{x.benefit ? `${verdictWords[x.benefit.verdict]}: ${withCi(x.benefit.term)}` : '–'}</td>
                  <td>{x.benefit ? formatP(x.benefit.pAdjusted) : '–'}</td>
                  <td>{x.engagement ? `${verdictWords[x.engagement.verdict]}: ${withCi(x.engagement.term, Math.exp)}` : '–'}</td>
                  <td>{x.engagement ? formatP(x.engagement.pAdjusted) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
    </>
  );
}

export function TargetingPage() {
  const program = useProgram();
  const [instrument, setInstrument] = useInstrument();
  const report = useOutcomeReport(program.programId, instrument);
  return (
    <Page
      title="Whom to target"
      intro={<p>Who seemed to gain more from coaching, and who kept in touch with a coach, side by side.</p>}
      actions={
        <Button variant="secondary" className="print-hide" onClick={() => window.print()}>
          Print
        </Button>
      }
    >
      <div className="outcome-report">
        <QueryView query={report} loadingLabel="Loading…">
          {(r) => (
            <>
              <InstrumentChooser r={r} onChange={setInstrument} />
              <p className="notice">
                <strong>Exploratory.</strong> {EXPLORATORY_WARNING}
              </p>
              {r.unavailable ? (
                <Notice focus={false}>{r.unavailable}</Notice>
              ) : r.targeting.rows.length === 0 ? (
                <Notice focus={false}>No characteristic varies enough among the participants to look at yet.</Notice>
              ) : (
                <Findings r={r} />
              )}
            </>
          )}
        </QueryView>
      </div>
    </Page>
  );
}
