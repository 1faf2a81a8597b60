import type { ConsortView as Consort } from '../../../core/trials';
import { useProgram } from '../../app/program';
import { TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { useConsort as useConsortQuery } from './trials.api';
import './trials.css';

/** Words for the reasons CONSORT counts (ADR 0026); other reasons are shown as staff wrote them. */
const reasonWords: Record<string, string> = {
  not_meeting_criteria: 'Not meeting the criteria',
  declined: 'Declined to take part',
  other: 'Other reasons',
  awaiting_randomization: 'Eligible, not yet randomized',
  not_yet_delivered: 'Not yet delivered',
  withdrew: 'Withdrew',
};
const words = (k: string): string => reasonWords[k] ?? k;
/** Timepoint keys in words: month_6 → "6 months". */
const timepointWords = (k: string): string => {
  const m = /^month_(\d+)$/.exec(k);
  return m ? `${m[1]} months` : k.replace(/_/g, ' ');
};
const sum = (m: Record<string, number>): number => Object.values(m).reduce((s, n) => s + n, 0);
const lines = (m: Record<string, number>): string[] => Object.entries(m).map(([k, n]) => `${words(k)}: ${n}`);

/** The live CONSORT 2010 flow: the diagram (SVG) and the same numbers as a table; printable. */
export function ConsortPage() {
  const program = useProgram();
  const consort = useConsortQuery(program.programId);
  return (
    <Page
      title="CONSORT flow"
      intro={
        <p>Every participant counted from the records as of now: assessed, excluded, randomized, and followed up in each arm.</p>
      }
    >
      <QueryView query={consort} loadingLabel="Loading the CONSORT flow…">
        {(c) =>
          c.assessed === 0 ? (
            <Empty>No one has been screened for the study yet.</Empty>
          ) : (
            <>
              <ConsortBody c={c} />
              {c.randomized > 0 && program.can('study:export') ? <Exports programId={program.programId} /> : null}
            </>
          )
        }
      </QueryView>
    </Page>
  );
}

/** The study's data files (ADR 0028): participant codes only; arms masked for evaluators until the study is unblinded. */
const exportFiles = [
  {
    format: 'long-csv',
    name: 'Data for analysis (CSV)',
    note: 'One row per participant and timepoint, ready for kindred analyze.',
  },
  { format: 'dictionary', name: 'Data dictionary (CSV)', note: 'What each column of the data means.' },
  { format: 'redcap', name: 'REDCap import (CSV)', note: 'One row per participant and event.' },
  { format: 'redcap-dictionary', name: 'REDCap data dictionary (CSV)', note: 'Upload it to REDCap before the import.' },
  { format: 'fhir', name: 'FHIR bundle (JSON)', note: 'The study, participants, consents, answers and scores.' },
] as const;

function Exports({ programId }: { programId: string }) {
  return (
    <Section title="Download the data" id="study-exports">
      <p>
        Files show participant codes, never names. Participants who asked that their data not be used are left out. Until the
        study is unblinded, evaluators see arms as "Arm A", "Arm B".
      </p>
      <ul className="exports">
        {exportFiles.map((f) => (
          <li key={f.format}>
            <a
              className="button button--secondary"
              href={`/api/v1/programs/${programId}/study/export?format=${f.format}`}
              download
            >
              {f.name}
            </a>{' '}
            <span>{f.note}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Box({ x, y, w, h, title, rows }: { x: number; y: number; w: number; h: number; title: string; rows: string[] }) {
  return (
    <g>
      <rect x={x} y={y} width={w} height={h} rx={4} className="consort__box" />
      <text x={x + 8} y={y + 20} className="consort__title">
        {title}
      </text>
      {rows.map((r, i) => (
        <text key={r} x={x + 8} y={y + 40 + i * 18} className="consort__row">
          {r}
        </text>
      ))}
    </g>
  );
}

function Diagram({ c }: { c: Consort }) {
  const colW = 300;
  const gap = 20;
  const width = Math.max(2, c.arms.length) * (colW + gap);
  const tps = Object.keys(c.arms[0]?.analysed ?? {});
  const excludedRows = lines(c.excluded);
  const boxH = (n: number) => 34 + Math.max(1, n) * 18;
  const top = boxH(0);
  const exH = boxH(excludedRows.length);
  const randY = top + 20 + exH + 20;
  const armY = randY + boxH(0) + 30;
  const allocRows = (a: Consort['arms'][number]) => [
    `Received: ${a.received}`,
    ...lines(a.notReceived).map((l) => `Did not receive — ${l}`),
  ];
  const allocH = Math.max(...c.arms.map((a) => boxH(allocRows(a).length + 1)));
  const fuRows = (a: Consort['arms'][number]) =>
    tps.flatMap((t) => [`${timepointWords(t)}: lost ${a.lostToFollowUp[t] ?? 0}, discontinued ${a.discontinued[t] ?? 0}`]);
  const fuY = armY + allocH + 30;
  const fuH = boxH(tps.length);
  const anY = fuY + fuH + 30;
  const anH = boxH(tps.length);
  const height = anY + anH + 10;
  const mid = width / 2;
  return (
    <svg
      className="consort__svg"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`CONSORT flow diagram: ${c.assessed} assessed, ${sum(c.excluded)} excluded, ${c.randomized} randomized`}
    >
      <Box x={mid - colW / 2} y={0} w={colW} h={top} title={`Assessed for eligibility (n=${c.assessed})`} rows={[]} />
      <line x1={mid} y1={top} x2={mid} y2={randY} className="consort__line" />
      <Box x={mid + 20} y={top + 20} w={colW} h={exH} title={`Excluded (n=${sum(c.excluded)})`} rows={excludedRows} />
      <Box x={mid - colW / 2} y={randY} w={colW} h={boxH(0)} title={`Randomized (n=${c.randomized})`} rows={[]} />
      {c.arms.map((a, i) => {
        const x = i * (colW + gap) + gap / 2;
        return (
          <g key={a.arm}>
            <line x1={mid} y1={randY + boxH(0)} x2={x + colW / 2} y2={armY} className="consort__line" />
            <Box
              x={x}
              y={armY}
              w={colW}
              h={allocH}
              title={`${c.armLabels[a.arm] ?? a.arm}: allocated (n=${a.allocated})`}
              rows={allocRows(a)}
            />
            <Box x={x} y={fuY} w={colW} h={fuH} title="Follow-up" rows={fuRows(a)} />
            <Box
              x={x}
              y={anY}
              w={colW}
              h={anH}
              title="Analysed"
              rows={tps.map((t) => `${timepointWords(t)}: ${a.analysed[t] ?? 0}`)}
            />
          </g>
        );
      })}
    </svg>
  );
}

function ConsortBody({ c }: { c: Consort }) {
  const tps = Object.keys(c.arms[0]?.analysed ?? {});
  return (
    <>
      <Section title="Flow diagram" id="consort-diagram">
        <div className="consort__scroll" role="region" aria-label="CONSORT flow diagram, scrolls sideways" tabIndex={0}>
          <Diagram c={c} />
        </div>
        <p>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            Print
          </button>
        </p>
      </Section>
      <Section title="The numbers" id="consort-table">
        <TableScroll label="CONSORT numbers table">
          <table className="table">
            <caption className="visually-hidden">CONSORT numbers</caption>
            <tbody>
              <tr>
                <th scope="row">Assessed for eligibility</th>
                <td>{c.assessed}</td>
              </tr>
              {Object.entries(c.excluded).map(([k, n]) => (
                <tr key={k}>
                  <th scope="row">Excluded: {words(k)}</th>
                  <td>{n}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Randomized</th>
                <td>{c.randomized}</td>
              </tr>
            </tbody>
          </table>
        </TableScroll>
        <TableScroll label="CONSORT numbers per arm">
          <table className="table">
            <caption className="visually-hidden">Per arm</caption>
            <thead>
              <tr>
                <th scope="col">Arm</th>
                <th scope="col">Allocated</th>
                <th scope="col">Received</th>
                <th scope="col">Did not receive</th>
                {tps.map((t) => (
                  <th scope="col" key={t}>
                    {timepointWords(t)}: lost, discontinued, analysed
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.arms.map((a) => (
                <tr key={a.arm}>
                  <th scope="row">{c.armLabels[a.arm] ?? a.arm}</th>
                  <td>{a.allocated}</td>
                  <td>{a.received}</td>
                  <td>{sum(a.notReceived) === 0 ? 0 : lines(a.notReceived).join('; ')}</td>
                  {tps.map((t) => (
                    <td key={t}>
                      {a.lostToFollowUp[t] ?? 0}, {a.discontinued[t] ?? 0}, {a.analysed[t] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
      {c.secondStage ? <SecondStage c={c} s={c.secondStage} /> : null}
    </>
  );
}

/**
 * A SMART's second stage (ADR 0037): per first arm, who reached the decision point, who responded
 * and continued, and how many who did not were re-randomized to each option. A list in words (the
 * text version, read in order by a screen reader) and the same numbers as a table.
 */
function SecondStage({ c, s }: { c: Consort; s: NonNullable<Consort['secondStage']> }) {
  const arm = (k: string) => c.armLabels[k] ?? k;
  const option = (k: string) => c.optionLabels?.[k] ?? k;
  return (
    <Section title={`Second stage: ${s.decisionPoint.toLowerCase()} decision`} id="consort-second-stage">
      <p>Those not responding at {s.decisionPoint.toLowerCase()} are randomized again; those responding continue.</p>
      <ul>
        {s.arms.map((a) => (
          <li key={a.arm}>
            <strong>{arm(a.arm)}</strong>: {a.decided} reached the decision, {a.notDecided} not yet. {a.responders} responding,
            continued. {a.nonResponders} not responding, randomized again:{' '}
            {s.options.map((o) => `${option(o)} ${a.rerandomized[o] ?? 0}`).join(', ')}.
          </li>
        ))}
      </ul>
      <TableScroll label="Second stage per arm">
        <table className="table">
          <caption className="visually-hidden">Second stage per first arm</caption>
          <thead>
            <tr>
              <th scope="col">First arm</th>
              <th scope="col">Reached the decision</th>
              <th scope="col">Not yet</th>
              <th scope="col">Responding</th>
              <th scope="col">Not responding</th>
              {s.options.map((o) => (
                <th scope="col" key={o}>
                  Randomized to {option(o)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.arms.map((a) => (
              <tr key={a.arm}>
                <th scope="row">{arm(a.arm)}</th>
                <td>{a.decided}</td>
                <td>{a.notDecided}</td>
                <td>{a.responders}</td>
                <td>{a.nonResponders}</td>
                {s.options.map((o) => (
                  <td key={o}>{a.rerandomized[o] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}
