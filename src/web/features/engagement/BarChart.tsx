import { barLayout, type SeriesPoint } from '../../../core/engagement';
import { ChartFigure, plotArea, YGrid } from '../../ui/chart';
import { TableScroll } from '../../ui/controls';
import './engagement.css';

/** Drawn for a phone's width, like the progress chart. */
const PLOT = plotArea(360, 200, { left: 32, right: 8, top: 12, bottom: 34 });

export interface ChartPoint extends SeriesPoint {
  /** A short label under the bar; omitted bars get none (e.g. every other week). */
  axisLabel?: string;
}

/**
 * A bar chart as inline SVG (classes and presentation attributes only, for the strict CSP), with
 * the same numbers as a table for anyone who would rather read them or cannot see the chart.
 */
export function BarChart({
  title,
  summary,
  points,
  rowHeading,
  valueHeading,
}: {
  title: string;
  /** One sentence saying what the chart shows. */
  summary: string;
  points: readonly ChartPoint[];
  rowHeading: string;
  valueHeading: string;
}) {
  const plotW = PLOT.right - PLOT.left;
  const plotH = PLOT.bottom - PLOT.top;
  const { ticks, top, bars } = barLayout(points, { width: plotW, height: plotH });
  const y = (v: number) => PLOT.bottom - (v / top) * plotH;
  return (
    <div className="bar-chart">
      <ChartFigure caption={title} title={title} summary={summary} plot={PLOT}>
        <YGrid plot={PLOT} ticks={ticks} y={y} classPrefix="bar-chart" />
        {bars.map((b) => (
          <g key={b.key}>
            <rect className="bar-chart__bar" x={PLOT.left + b.x} y={PLOT.top + b.y} width={b.width} height={b.height}>
              <title>{`${b.label}: ${b.value}`}</title>
            </rect>
            {b.value > 0 ? (
              <text className="bar-chart__value" x={PLOT.left + b.x + b.width / 2} y={PLOT.top + b.y - 3} textAnchor="middle">
                {b.value}
              </text>
            ) : null}
            {(points.find((p) => p.key === b.key)?.axisLabel ?? null) !== null ? (
              <text className="bar-chart__axis-label" x={PLOT.left + b.x + b.width / 2} y={PLOT.bottom + 16} textAnchor="middle">
                {points.find((p) => p.key === b.key)?.axisLabel}
              </text>
            ) : null}
          </g>
        ))}
      </ChartFigure>
      <TableScroll label={`${title} as a table`}>
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeading}</th>
              <th scope="col" className="num">
                {valueHeading}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.key}>
                <th scope="row">{p.label}</th>
                <td className="num">{p.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
