import { useSearchParams } from 'react-router';
import type { OutcomeReportView } from '../../../core/evaluation/outcomes';
import { formatNumber } from '../../../core/evaluation/targeting';

export type Report = OutcomeReportView;
type Term = { estimate: number; ci_low: number; ci_high: number };

/** A number, or a dash when there is none. */
export const num = (x: number | null | undefined) => (x === null || x === undefined ? '–' : formatNumber(x));
/** "−1.20 (−2.30 to −0.10)". */
export const withCi = (t: Term, f: (x: number) => number = (x) => x) =>
  `${formatNumber(f(t.estimate))} (${formatNumber(f(t.ci_low))} to ${formatNumber(f(t.ci_high))})`;

/** The chosen outcome questionnaire, kept in the address so a printed or shared page says which. */
export function useInstrument(): [string | null, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  return [params.get('instrument'), (id: string) => setParams({ instrument: id }, { replace: true })];
}

export function InstrumentChooser({ r, onChange }: { r: Report; onChange: (id: string) => void }) {
  if (r.choices.length < 2) return null;
  return (
    <p className="print-hide">
      <label htmlFor="outcome-instrument">Outcome questionnaire </label>
      <select
        id="outcome-instrument"
        className="input input--select"
        value={r.instrument.id}
        onChange={(e) => onChange(e.target.value)}
      >
        {r.choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
    </p>
  );
}

/**
 * A forest plot: each row's estimate as a dot with its 95% interval as a line, and a dashed line at
 * no difference. An image with a label; the numbers are in the table beside it.
 */
export function ForestPlot({ label, rows }: { label: string; rows: readonly { name: string; term: Term }[] }) {
  if (rows.length === 0) return null;
  const width = 340;
  const left = 130;
  const rowH = 28;
  const height = rows.length * rowH + 30;
  const extent = Math.max(1e-9, ...rows.flatMap((r) => [Math.abs(r.term.ci_low), Math.abs(r.term.ci_high)]));
  const x = (v: number) => left + ((v + extent) / (2 * extent)) * (width - left - 10);
  return (
    <svg className="forest" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label}>
      <line className="forest__axis" x1={x(0)} x2={x(0)} y1={4} y2={height - 24} />
      {rows.map((r, i) => {
        const y = i * rowH + 18;
        return (
          <g key={r.name}>
            <text x={4} y={y + 4} fontSize="11">
              {r.name.length > 22 ? `${r.name.slice(0, 21)}…` : r.name}
            </text>
            <line className="forest__ci" x1={x(r.term.ci_low)} x2={x(r.term.ci_high)} y1={y} y2={y} />
            <circle cx={x(r.term.estimate)} cy={y} r={4} fill="currentColor" />
          </g>
        );
      })}
      <text x={x(-extent)} y={height - 6} fontSize="10">
        {formatNumber(-extent)}
      </text>
      <text x={x(0)} y={height - 6} fontSize="10" textAnchor="middle">
        0
      </text>
      <text x={x(extent)} y={height - 6} fontSize="10" textAnchor="end">
        {formatNumber(extent)}
      </text>
    </svg>
  );
}
