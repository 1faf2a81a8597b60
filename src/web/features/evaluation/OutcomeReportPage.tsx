import { formatP } from '../../../core/evaluation/targeting';
import { useProgram } from '../../app/program';
import { Button, TableScroll } from '../../ui/controls';
import { downloadCsv, toCsv } from '../../ui/csv';
import { Empty, Notice, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { useOutcomeReport } from './evaluation.api';
import { ForestPlot, InstrumentChooser, num, useInstrument, withCi, type Report } from './shared';
import './evaluation.css';

const csvButton = (label: string, onClick: () => void) => (
  <Button variant="secondary" className="print-hide" onClick={onClick}>
    {label}
  </Button>
);
const tpLabel = (r: Report, key: string) => r.timepoints.find((t) => t.key === key)?.label ?? key;

function Descriptives({ r }: { r: Report }) {
  const csv = () =>
    downloadCsv(
      'outcomes-by-arm.csv',
      toCsv(
        ['timepoint', 'arm', 'n', 'mean', 'sd', 'change_n', 'change_mean', 'change_sd'],
        r.descriptives.map((d) => [
          d.timepoint,
          d.arm,
          d.score.n,
          d.score.mean,
          d.score.sd,
          d.change?.n ?? null,
          d.change?.mean ?? null,
          d.change?.sd ?? null,
        ]),
      ),
    );
  return (
    <Section title="Scores by arm" id="by-arm" actions={csvButton('Download scores by arm (CSV)', csv)}>
      <p>
        Mean and standard deviation (SD) of the {r.instrument.title} total at each timepoint, and the change from baseline among
        those with both.
        {r.instrument.better ? ` Lower is ${r.instrument.better === 'lower' ? 'better' : 'worse'}.` : ''}
      </p>
      <TableScroll label="Scores by arm table">
        <table className="table">
          <caption className="visually-hidden">Scores and change from baseline by timepoint and arm</caption>
          <thead>
            <tr>
              <th scope="col">Timepoint</th>
              <th scope="col">Arm</th>
              <th scope="col">People</th>
              <th scope="col">Mean (SD)</th>
              <th scope="col">Change from baseline (SD)</th>
            </tr>
          </thead>
          <tbody>
            {r.descriptives.map((d) => (
              <tr key={`${d.timepoint}-${d.arm}`}>
                <th scope="row">{tpLabel(r, d.timepoint)}</th>
                <td>{d.arm}</td>
                <td>{d.score.n}</td>
                <td>
                  {num(d.score.mean)} ({num(d.score.sd)})
                </td>
                <td>{d.change ? `${num(d.change.mean)} (${num(d.change.sd)}), ${d.change.n} people` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

type TermLike = { estimate: number; ci_low: number; ci_high: number; p: number };
type ModelRow =
  | { model: string; error: string }
  | { model: string; comparison: string; n: number; term: TermLike; robust: Omit<TermLike, 'estimate'> | null };

function Models({ r }: { r: Report }) {
  const rows: ModelRow[] = [
    ...r.ancova.flatMap((a): ModelRow[] => {
      const fit = a.fit;
      return 'error' in fit
        ? [{ model: `ANCOVA at ${tpLabel(r, a.timepoint)}`, error: fit.error }]
        : fit.effects.map((e) => ({
            model: `ANCOVA at ${tpLabel(r, a.timepoint)}`,
            comparison: `${e.arm} vs ${e.reference}`,
            n: fit.n,
            term: e.term,
            robust: e.clustered,
          }));
    }),
    ...('error' in r.mixed
      ? [{ model: 'Mixed model (all follow-ups)', error: r.mixed.error }]
      : r.mixed.effects.map((e): ModelRow => ({
          model: 'Mixed model (all follow-ups)',
          comparison: `${e.arm} vs ${e.reference}`,
          n: 'error' in r.mixed ? 0 : r.mixed.participants,
          term: e.term,
          robust: null,
        }))),
  ];
  const csv = () =>
    downloadCsv(
      'outcome-models.csv',
      toCsv(
        [
          'model',
          'comparison',
          'n',
          'estimate',
          'ci_low',
          'ci_high',
          'p',
          'clustered_ci_low',
          'clustered_ci_high',
          'clustered_p',
          'note',
        ],
        rows.map((x) =>
          'error' in x
            ? [x.model, null, null, null, null, null, null, null, null, null, x.error]
            : [
                x.model,
                x.comparison,
                x.n,
                x.term.estimate,
                x.term.ci_low,
                x.term.ci_high,
                x.term.p,
                x.robust?.ci_low ?? null,
                x.robust?.ci_high ?? null,
                x.robust?.p ?? null,
                null,
              ],
        ),
      ),
    );
  return (
    <Section title="Difference between arms" id="models" actions={csvButton('Download models (CSV)', csv)}>
      <p>
        ANCOVA: the score at each follow-up, adjusted for the baseline score, with 95% confidence intervals; the second interval
        allows for participants sharing a coach. Mixed model: all follow-ups together with a random intercept per participant (ADR
        0022).
      </p>
      <TableScroll label="Models table">
        <table className="table">
          <caption className="visually-hidden">Adjusted differences between arms with 95% confidence intervals</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Comparison</th>
              <th scope="col">People</th>
              <th scope="col">Difference (95% CI)</th>
              <th scope="col">p</th>
              <th scope="col">Allowing for coaches (95% CI)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x, i) =>
              'error' in x ? (
                <tr key={i}>
                  <th scope="row">{x.model}</th>
                  <td colSpan={5}>{plainError(x.error)}</td>
                </tr>
              ) : (
                <tr key={i}>
                  <th scope="row">{x.model}</th>
                  <td>{x.comparison}</td>
                  <td>{x.n}</td>
                  <td>{withCi(x.term)}</td>
                  <td>{formatP(x.term.p)}</td>
                  <td>{x.robust ? withCi({ ...x.robust, estimate: x.term.estimate }) : '–'}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

/** "cannot be fitted: 3 observations are too few for 3 coefficients" → a sentence. */
export function plainError(e: string): string {
  const text = e.replace(/^cannot be fitted: /, 'Cannot be fitted yet: ');
  return text.endsWith('.') ? text : `${text}.`;
}

type ModeratorRow = { label: string; error: string } | { label: string; term: TermLike; n: number; p: number; holm: number };

function Moderators({ r }: { r: Report }) {
  const rows = r.moderators.flatMap((m): ModeratorRow[] => {
    const fit = m.fit;
    if ('error' in fit) return [{ label: m.label, error: fit.error }];
    const arms = new Set(fit.effects.map((e) => e.arm)).size;
    return fit.effects.map((e) => ({
      label: `${m.label}${e.level === undefined ? '' : `: ${e.level}`}${arms > 1 ? ` (${e.arm})` : ''}`,
      term: e.term,
      n: fit.n,
      p: fit.pInteraction,
      holm: fit.pAdjusted,
    }));
  });
  const fitted = rows.filter((x): x is Exclude<ModeratorRow, { error: string }> => !('error' in x));
  const csv = () =>
    downloadCsv(
      'moderators.csv',
      toCsv(
        ['moderator', 'n', 'interaction', 'ci_low', 'ci_high', 'p', 'p_holm', 'note'],
        rows.map((x) =>
          'error' in x
            ? [x.label, null, null, null, null, null, null, x.error]
            : [x.label, x.n, x.term.estimate, x.term.ci_low, x.term.ci_high, x.p, x.holm, null],
        ),
      ),
    );
  return (
    <Section title="Moderators" id="moderators" actions={csvButton('Download moderators (CSV)', csv)}>
      <p>
        At {r.primaryTimepoint ? tpLabel(r, r.primaryTimepoint) : 'the first follow-up'}: how much the difference between arms
        changes with each characteristic (the arm × characteristic interaction, 95% CI). The dashed line is no change. P-values
        are Holm-adjusted across the characteristics. Exploratory.
      </p>
      <ForestPlot
        label="Moderators: interaction estimates with 95% confidence intervals"
        rows={fitted.map((x) => ({ name: x.label, term: x.term }))}
      />
      <TableScroll label="Moderators table">
        <table className="table">
          <caption className="visually-hidden">Each moderator's interaction with 95% CI, p and Holm-adjusted p</caption>
          <thead>
            <tr>
              <th scope="col">Characteristic</th>
              <th scope="col">People</th>
              <th scope="col">Interaction (95% CI)</th>
              <th scope="col">p</th>
              <th scope="col">Holm-adjusted p</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) =>
              'error' in x ? (
                <tr key={x.label}>
                  <th scope="row">{x.label}</th>
                  <td colSpan={4}>{plainError(x.error)}</td>
                </tr>
              ) : (
                <tr key={x.label}>
                  <th scope="row">{x.label}</th>
                  <td>{x.n}</td>
                  <td>{withCi(x.term)}</td>
                  <td>{formatP(x.p)}</td>
                  <td>{formatP(x.holm)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </TableScroll>
      {r.moderators.map((m) =>
        'error' in m.fit || !m.fit.categorical ? null : <LevelEffects key={m.key} label={m.label} fit={m.fit} />,
      )}
    </Section>
  );
}

type ModeratorFit = Exclude<Report['moderators'][number]['fit'], { error: string }>;

/** A characteristic with three or more levels: the difference between arms within each level. */
function LevelEffects({ label, fit }: { label: string; fit: ModeratorFit }) {
  const c = fit.categorical!;
  const arms = new Set(c.levels.flatMap((l) => l.effects.map((e) => e.arm))).size;
  const csv = () =>
    downloadCsv(
      `moderator-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-by-group.csv`,
      toCsv(
        [label.toLowerCase(), 'arm', 'reference', 'n', 'difference', 'ci_low', 'ci_high', 'p'],
        c.levels.flatMap((l) =>
          l.effects.map((e) => [l.level, e.arm, e.reference, l.n, e.term.estimate, e.term.ci_low, e.term.ci_high, e.term.p]),
        ),
      ),
    );
  return (
    <>
      <h3>{label}: the difference between arms in each group</h3>
      <p>
        Compared with {c.referenceLevel}. Whether the difference changes across the {c.levels.length} groups, tested together: p{' '}
        {formatP(fit.pInteraction)}, Holm-adjusted {formatP(fit.pAdjusted)}.
      </p>
      <TableScroll label={`${label}: difference between arms in each group`}>
        <table className="table">
          <caption className="visually-hidden">{label}: the difference between arms in each group with 95% CI and p</caption>
          <thead>
            <tr>
              <th scope="col">{label}</th>
              <th scope="col">People</th>
              <th scope="col">Difference (95% CI)</th>
              <th scope="col">p</th>
            </tr>
          </thead>
          <tbody>
            {c.levels.flatMap((l) =>
              l.effects.map((e) => (
                <tr key={`${l.level}|${e.arm}`}>
                  <th scope="row">
                    {l.level}
                    {arms > 1 ? ` (${e.arm} vs ${e.reference})` : ''}
                  </th>
                  <td>{l.n}</td>
                  <td>{withCi(e.term)}</td>
                  <td>{formatP(e.term.p)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </TableScroll>
      <p>{csvButton(`Download ${label} by group (CSV)`, csv)}</p>
    </>
  );
}

function DoseResponse({ r }: { r: Report }) {
  const d = r.doseResponse;
  if (d === null)
    return (
      <Section title="Dose–response" id="dose">
        <p>{r.targeting.engagementNote}</p>
      </Section>
    );
  if ('error' in d)
    return (
      <Section title="Dose–response" id="dose">
        <p>{plainError(d.error)}</p>
      </Section>
    );
  const csv = () =>
    downloadCsv(
      'dose-response.csv',
      toCsv(
        ['reached_contacts', 'n', 'mean_change'],
        d.bands.map((b) => [b.band, b.n, b.meanChange]),
      ),
    );
  return (
    <Section title="Dose–response" id="dose" actions={csvButton('Download dose–response (CSV)', csv)}>
      <p>
        In the coached arm: change from baseline to {tpLabel(r, d.timepoint)} by reached contacts in the program’s months. Not
        randomized: people who meet more may differ in other ways.
      </p>
      <TableScroll label="Dose–response table">
        <table className="table">
          <caption className="visually-hidden">Mean change by band of reached contacts</caption>
          <thead>
            <tr>
              <th scope="col">Reached contacts</th>
              <th scope="col">People</th>
              <th scope="col">Mean change</th>
            </tr>
          </thead>
          <tbody>
            {d.bands.map((b) => (
              <tr key={b.band}>
                <th scope="row">{b.band}</th>
                <td>{b.n}</td>
                <td>{num(b.meanChange)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        {'error' in d.slope
          ? `Slope: ${plainError(d.slope.error)}`
          : `Slope: ${withCi(d.slope.term)} points of change per reached contact (95% CI; p ${formatP(d.slope.term.p)}; ${d.slope.n} people).`}
      </p>
    </Section>
  );
}

function MissingData({ r }: { r: Report }) {
  const csv = () =>
    downloadCsv(
      'missing-data.csv',
      toCsv(
        ['timepoint', 'arm', 'allocated', 'expected', 'completed', 'missed', 'withdrawn', 'still_open'],
        r.missing.map((m) => [m.timepoint, m.arm, m.allocated, m.expected, m.completed, m.missed, m.withdrawn, m.open]),
      ),
    );
  return (
    <Section title="Missing data" id="missing" actions={csvButton('Download missing data (CSV)', csv)}>
      <p>
        Expected: the window has opened. Withdrawn: withdrew from follow-up or from use of data, or left the program before the
        window. Missed: the window closed without a score.
      </p>
      <TableScroll label="Missing data table">
        <table className="table">
          <caption className="visually-hidden">Expected, completed, missed and withdrawn by timepoint and arm</caption>
          <thead>
            <tr>
              <th scope="col">Timepoint</th>
              <th scope="col">Arm</th>
              <th scope="col">Allocated</th>
              <th scope="col">Expected</th>
              <th scope="col">Completed</th>
              <th scope="col">Missed</th>
              <th scope="col">Withdrawn</th>
              <th scope="col">Still open</th>
            </tr>
          </thead>
          <tbody>
            {r.missing.map((m) => (
              <tr key={`${m.timepoint}-${m.arm}`}>
                <th scope="row">{tpLabel(r, m.timepoint)}</th>
                <td>{m.arm}</td>
                <td>{m.allocated}</td>
                <td>{m.expected}</td>
                <td>{m.completed}</td>
                <td>{m.missed}</td>
                <td>{m.withdrawn}</td>
                <td>{m.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

export function OutcomeReportPage() {
  const program = useProgram();
  const [instrument, setInstrument] = useInstrument();
  const report = useOutcomeReport(program.programId, instrument);
  return (
    <Page
      title="Outcome report"
      intro={<p>How participants’ scores changed in each arm of the study, and what may explain the difference.</p>}
      actions={
        <Button variant="secondary" className="print-hide" onClick={() => window.print()}>
          Print
        </Button>
      }
    >
      <div className="outcome-report">
        <QueryView query={report} loadingLabel="Loading the outcome report…">
          {(r) => (
            <>
              <InstrumentChooser r={r} onChange={setInstrument} />
              <p>
                Outcome: <strong>{r.instrument.title}</strong>.{' '}
                {r.isMasked ? 'Arms are shown as Arm A, Arm B… until an administrator unblinds the study.' : ''}
              </p>
              {r.unavailable ? (
                <Notice focus={false}>{r.unavailable}</Notice>
              ) : r.arms.length === 0 ? (
                <Empty>No arms yet.</Empty>
              ) : null}
              {r.arms.length > 0 && (
                <>
                  <Descriptives r={r} />
                  <Models r={r} />
                  <Moderators r={r} />
                  <DoseResponse r={r} />
                  <MissingData r={r} />
                </>
              )}
            </>
          )}
        </QueryView>
      </div>
    </Page>
  );
}
