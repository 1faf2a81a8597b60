import { useId } from 'react';
import { barLayout, type SeriesPoint } from '../../../core/engagement';
import { TableScroll } from '../../ui/controls';
import './engagement.css';

/** Drawn for a phone's width, like the progress chart. */
const W = 360;
const H = 200;
const M = { left: 32, right: 8, top: 12, bottom: 34 };

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
  const id = useId();
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const { ticks, top, bars } = barLayout(points, { width: plotW, height: plotH });
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  return (
    <div className="bar-chart">
      <figure aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`}>{title}</figcaption>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-desc`}
          focusable="false"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          {ticks.map((t) => (
            <g key={t}>
              <line className="bar-chart__grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
              <text className="bar-chart__axis-label" x={M.left - 6} y={y(t) + 4} textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          {bars.map((b) => (
            <g key={b.key}>
              <rect className="bar-chart__bar" x={M.left + b.x} y={M.top + b.y} width={b.width} height={b.height}>
                <title>{`${b.label}: ${b.value}`}</title>
              </rect>
              {b.value > 0 ? (
                <text className="bar-chart__value" x={M.left + b.x + b.width / 2} y={M.top + b.y - 3} textAnchor="middle">
                  {b.value}
                </text>
              ) : null}
              {(points.find((p) => p.key === b.key)?.axisLabel ?? null) !== null ? (
                <text className="bar-chart__axis-label" x={M.left + b.x + b.width / 2} y={H - M.bottom + 16} textAnchor="middle">
                  {points.find((p) => p.key === b.key)?.axisLabel}
                </text>
              ) : null}
            </g>
          ))}
        </svg>
      </figure>
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
