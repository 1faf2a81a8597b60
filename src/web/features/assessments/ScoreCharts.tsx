import type { ReportView, ScoreSeries } from '../../../core/assessments';
import { ChartFigure, linearScale, plotArea, YGrid } from '../../ui/chart';
import { TableScroll } from '../../ui/controls';
import { bandLabel, formatNumber } from './labels';
import './assessments.css';

/** Drawn for a phone's width, like the PEG chart. */
const PLOT = plotArea(360, 220, { left: 34, right: 12, top: 14, bottom: 30 });

interface Axis {
  labels: readonly string[];
  range: { min: number; max: number };
}

function scales({ labels, range }: Axis) {
  const step = (PLOT.right - PLOT.left) / Math.max(labels.length, 1);
  return {
    x: (i: number) => PLOT.left + step * (i + 0.5),
    y: linearScale([range.min, Math.max(range.max, range.min + 1)], [PLOT.bottom, PLOT.top]),
    step,
  };
}

/** The bands as shaded stripes behind the scores, labelled inside at the right, with y-axis ticks. */
function Frame({ axis, bands }: { axis: Axis; bands: ScoreSeries['bands'] }) {
  const { x, y } = scales(axis);
  const { min, max } = axis.range;
  const ticks = [min, min + (max - min) / 2, max];
  return (
    <>
      {bands.map((b, i) => (
        <g key={b.code}>
          <rect
            className={`score-chart__band score-chart__band--${i % 5}`}
            x={PLOT.left}
            width={PLOT.right - PLOT.left}
            y={y(Math.min(b.max + 0.5, max))}
            height={Math.max(y(Math.max(b.min - 0.5, min)) - y(Math.min(b.max + 0.5, max)), 0)}
          />
          <text className="score-chart__band-label" x={PLOT.right - 4} y={y(Math.min(b.max + 0.5, max)) + 11} textAnchor="end">
            {bandLabel(b.code)}
          </text>
        </g>
      ))}
      <YGrid plot={PLOT} ticks={ticks} y={y} classPrefix="score-chart" label={formatNumber} />
      {axis.labels.map((l, i) => (
        <text key={l} className="score-chart__axis-label" x={x(i)} y={PLOT.height - 10} textAnchor="middle">
          {l}
        </text>
      ))}
    </>
  );
}

/**
 * One participant's scores on one instrument over the timepoints, drawn against the instrument's
 * bands, with the same numbers as a table. Classes only (strict CSP), no chart library.
 */
export function ScoreChart({
  series,
  timepoints,
}: {
  series: ScoreSeries;
  timepoints: readonly { key: string; label: string }[];
}) {
  const axis = { labels: timepoints.map((t) => t.label), range: series.range };
  const { x, y } = scales(axis);
  const index = (key: string) => timepoints.findIndex((t) => t.key === key);
  const points = series.points.filter((p) => index(p.timepointKey) >= 0);
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(index(p.timepointKey)).toFixed(1)},${y(p.total).toFixed(1)}`)
    .join(' ');
  const summary =
    points.length === 0
      ? `No ${series.title} score yet.`
      : points
          .map((p) => `${p.label}: ${formatNumber(p.total)}${p.severity ? ` (${bandLabel(p.severity).toLowerCase()})` : ''}`)
          .join('; ') + '.';
  return (
    <div className="score-chart">
      <ChartFigure
        caption={`${series.title} (${formatNumber(series.range.min)} to ${formatNumber(series.range.max)})`}
        title={`${series.title} by timepoint`}
        summary={summary}
        plot={PLOT}
      >
        <Frame axis={axis} bands={series.bands} />
        {points.length > 1 ? <path className="score-chart__line" d={path} /> : null}
        {points.map((p) => (
          <circle key={p.timepointKey} className="score-chart__point" cx={x(index(p.timepointKey))} cy={y(p.total)} r={5}>
            <title>{`${p.label}: ${formatNumber(p.total)}`}</title>
          </circle>
        ))}
      </ChartFigure>
      <TableScroll label={`${series.title} scores as a table`}>
        <table className="table">
          <caption>{series.title} scores by timepoint</caption>
          <thead>
            <tr>
              <th scope="col">Timepoint</th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col">Band</th>
            </tr>
          </thead>
          <tbody>
            {timepoints.map((t) => {
              const p = points.find((x) => x.timepointKey === t.key);
              return (
                <tr key={t.key}>
                  <th scope="row">{t.label}</th>
                  <td className="num">{p ? formatNumber(p.total) : 'No score'}</td>
                  <td>{p ? bandLabel(p.severity) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

type ReportInstrument = ReportView['timepoints'][number]['instruments'][number];

/**
 * The program's scores on one instrument at each timepoint as box plots (middle half as a box, the
 * median as a bar, lowest to highest as whiskers) against the bands, with the numbers as a table.
 */
export function DistributionChart({
  title,
  timepoints,
}: {
  title: string;
  timepoints: readonly { label: string; instrument: ReportInstrument }[];
}) {
  const first = timepoints[0]?.instrument;
  if (!first) return null;
  const axis = { labels: timepoints.map((t) => t.label), range: first.range };
  const { x, y, step } = scales(axis);
  const half = Math.min(step / 4, 24);
  const summary = timepoints
    .map((t) =>
      t.instrument.distribution
        ? `${t.label}: ${t.instrument.distribution.n} scored, median ${formatNumber(t.instrument.distribution.median)}`
        : `${t.label}: no scores`,
    )
    .join('; ');
  return (
    <div className="score-chart">
      <ChartFigure caption={title} title={`${title}: distribution by timepoint`} summary={`${summary}.`} plot={PLOT}>
        <Frame axis={axis} bands={first.bands} />
        {timepoints.map((t, i) => {
          const d = t.instrument.distribution;
          if (!d) return null;
          const cx = x(i);
          return (
            <g key={t.label}>
              <line className="score-chart__whisker" x1={cx} x2={cx} y1={y(d.min)} y2={y(d.max)} />
              <rect
                className="score-chart__box"
                x={cx - half}
                width={half * 2}
                y={y(d.q3)}
                height={Math.max(y(d.q1) - y(d.q3), 1)}
              />
              <line className="score-chart__median" x1={cx - half} x2={cx + half} y1={y(d.median)} y2={y(d.median)} />
            </g>
          );
        })}
      </ChartFigure>
      <TableScroll label={`${title} distribution as a table`}>
        <table className="table">
          <caption>{title}: scores by timepoint</caption>
          <thead>
            <tr>
              <th scope="col">Timepoint</th>
              <th scope="col" className="num">
                Scored
              </th>
              <th scope="col" className="num">
                Lowest
              </th>
              <th scope="col" className="num">
                Lower quartile
              </th>
              <th scope="col" className="num">
                Median
              </th>
              <th scope="col" className="num">
                Upper quartile
              </th>
              <th scope="col" className="num">
                Highest
              </th>
              {first.bands.length ? <th scope="col">By band</th> : null}
            </tr>
          </thead>
          <tbody>
            {timepoints.map((t) => {
              const d = t.instrument.distribution;
              return (
                <tr key={t.label}>
                  <th scope="row">{t.label}</th>
                  <td className="num">{d?.n ?? 0}</td>
                  <td className="num">{formatNumber(d?.min ?? null)}</td>
                  <td className="num">{formatNumber(d?.q1 ?? null)}</td>
                  <td className="num">{formatNumber(d?.median ?? null)}</td>
                  <td className="num">{formatNumber(d?.q3 ?? null)}</td>
                  <td className="num">{formatNumber(d?.max ?? null)}</td>
                  {first.bands.length ? (
                    <td>
                      {Object.entries(t.instrument.bandCounts)
                        .map(([code, n]) => `${bandLabel(code)} ${n}`)
                        .join(', ')}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
