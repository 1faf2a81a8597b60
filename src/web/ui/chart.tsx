import { useId, type ReactNode } from 'react';

/**
 * The chart kit (issue #14): what every SVG chart of Kindred shares. Charts are inline SVG with
 * classes and presentation attributes only (the strict CSP allows no inline styles), drawn for a
 * phone's width and scaled by the viewBox, and always sit beside a table of the same numbers.
 */

/** The space around a plot inside its viewBox, for axis labels and marks. */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A chart's drawing area: the viewBox size and the plot's edges within it. */
export interface Plot {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function plotArea(width: number, height: number, m: Margins): Plot {
  return { width, height, left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom };
}

/**
 * A linear map from a domain onto a range (pixels). A domain of one value maps everything to the
 * middle of the range rather than dividing by zero.
 */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/**
 * A chart as an accessible image: a figure captioned by `caption`, the SVG named by `title` and
 * described by `summary` (one sentence saying what it shows), not focusable.
 */
export function ChartFigure({
  caption,
  title,
  summary,
  plot,
  className,
  children,
}: {
  caption: ReactNode;
  title: string;
  summary: string;
  plot: Pick<Plot, 'width' | 'height'>;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className={className} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <svg
        viewBox={`0 0 ${plot.width} ${plot.height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        focusable="false"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {children}
      </svg>
    </figure>
  );
}

/**
 * Horizontal grid lines across the plot at `ticks`, each labelled at the left edge. `classPrefix`
 * names the chart's own classes (`<prefix>__grid`, `<prefix>__axis-label`).
 */
export function YGrid({
  plot,
  ticks,
  y,
  classPrefix,
  label = String,
}: {
  plot: Plot;
  ticks: readonly number[];
  y: (v: number) => number;
  classPrefix: string;
  label?: (v: number) => string;
}) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line className={`${classPrefix}__grid`} x1={plot.left} x2={plot.right} y1={y(t)} y2={y(t)} />
          <text className={`${classPrefix}__axis-label`} x={plot.left - 6} y={y(t) + 4} textAnchor="end">
            {label(t)}
          </text>
        </g>
      ))}
    </>
  );
}
