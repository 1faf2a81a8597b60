import { formatScore, type CheckInSource } from '../../../core/plans';
import { ChartFigure, linearScale, plotArea, YGrid } from '../../ui/chart';
import { TableScroll } from '../../ui/controls';
import { useWhen } from '../../app/when';
import { formatDateOn } from '../../ui/dates';
import './plans.css';
import { useLocale, useT } from '../../i18n/i18n';

/** Drawn for a phone's width: at 360 units wide the labels read at about their set size. */
const PLOT = plotArea(360, 220, { left: 28, right: 16, top: 26, bottom: 30 });
const DAY_MS = 86_400_000;

const dayNumber = (on: string): number => Date.parse(`${on}T00:00:00Z`) / DAY_MS;

export interface ChartCheckIn {
  on: string;
  pain: number;
  enjoyment: number;
  activity: number;
  score: number;
  /** How it came (ADR 0040); shown to staff with `showSource`. */
  source?: CheckInSource;
}

/**
 * PEG over time as an SVG line chart, with the plans marked as dashed lines, and the same numbers
 * as a table for anyone who would rather read them (or cannot see the chart). Drawn with classes
 * and presentation attributes only, so it works under a strict CSP; no chart library.
 */
export function PegChart({
  checkIns,
  marks,
  summary,
  title: titleOrDefault,
  now = new Date(),
  showSource = false,
}: {
  checkIns: readonly ChartCheckIn[];
  marks: readonly { on: string; label: string }[];
  /** One sentence saying what the chart shows, e.g. what changed since the start. */
  summary: string;
  title?: string;
  now?: Date;
  /** A "How" column (in the app or by text message), for staff (#16). */
  showSource?: boolean;
}) {
  const when = useWhen();
  const t = useT();
  const locale = useLocale();
  const title = titleOrDefault ?? 'Pain score by week';
  const points = [...checkIns].sort((a, b) => (a.on < b.on ? -1 : 1));
  const days = [...points.map((p) => p.on), ...marks.map((m) => m.on)].map(dayNumber);
  const toX = days.length === 0 ? () => 0 : linearScale([Math.min(...days), Math.max(...days)], [PLOT.left, PLOT.right]);
  const x = (on: string) => toX(dayNumber(on));
  const y = linearScale([0, 10], [PLOT.bottom, PLOT.top]);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.on).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const firstOn = points[0]?.on;
  const lastOn = points.at(-1)?.on;

  return (
    <>
      <ChartFigure
        className="peg-chart"
        caption={t('plans.chart.lowerBetter', { title })}
        title={title}
        summary={summary}
        plot={PLOT}
      >
        <YGrid plot={PLOT} ticks={[0, 2, 4, 6, 8, 10]} y={y} classPrefix="peg-chart" />
        {marks.map((m) => (
          <g key={`${m.on}-${m.label}`}>
            <line className="peg-chart__mark" x1={x(m.on)} x2={x(m.on)} y1={PLOT.top - 4} y2={PLOT.bottom} />
            <text
              className="peg-chart__mark-label"
              x={x(m.on) > PLOT.width * 0.75 ? x(m.on) - 4 : x(m.on) + 4}
              y={PLOT.top - 9}
              textAnchor={x(m.on) > PLOT.width * 0.75 ? 'end' : 'start'}
            >
              {m.label}
            </text>
          </g>
        ))}
        {points.length > 1 ? <path className="peg-chart__line" d={path} /> : null}
        {points.map((p) => (
          <circle key={p.on} className="peg-chart__point" cx={x(p.on)} cy={y(p.score)} r={5}>
            <title>{`${formatDateOn(p.on, now, locale, when.timeZone)}: ${formatScore(p.score)}`}</title>
          </circle>
        ))}
        {firstOn ? (
          <text className="peg-chart__axis-label" x={PLOT.left} y={PLOT.height - 8} textAnchor="start">
            {formatDateOn(firstOn, now, locale, when.timeZone)}
          </text>
        ) : null}
        {lastOn && lastOn !== firstOn ? (
          <text className="peg-chart__axis-label" x={PLOT.right} y={PLOT.height - 8} textAnchor="end">
            {formatDateOn(lastOn, now, locale, when.timeZone)}
          </text>
        ) : null}
      </ChartFigure>
      <TableScroll label={t('plans.chart.asTable')} cards>
        <table className="table">
          <caption>{t('plans.chart.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plans.chart.weekOf')}</th>
              <th scope="col" className="num">
                {t('plans.chart.pain')}
              </th>
              <th scope="col" className="num">
                {t('plans.chart.enjoyment')}
              </th>
              <th scope="col" className="num">
                {t('plans.chart.activity')}
              </th>
              <th scope="col" className="num">
                {t('plans.chart.score')}
              </th>
              {showSource ? <th scope="col">{t('plans.chart.how')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {[...points].reverse().map((p) => (
              <tr key={p.on}>
                <th scope="row">{formatDateOn(p.on, now, locale, when.timeZone)}</th>
                <td className="num">{p.pain}</td>
                <td className="num">{p.enjoyment}</td>
                <td className="num">{p.activity}</td>
                <td className="num">{formatScore(p.score)}</td>
                {showSource ? <td>{p.source === 'text' ? t('plans.chart.byText') : t('plans.chart.inApp')}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
