import { useWhen } from '../../app/when';
import type { EngagementCharts as Charts, EngagementOverview, LadderOutcomeKey } from '../../../core/engagement';
import { TableScroll } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { BarChart, type ChartPoint } from './BarChart';
import { useEngagementCharts } from './engagement.api';
import { frequencyLabels } from './labels';

const frequencyKeys = Object.keys(frequencyLabels) as (keyof typeof frequencyLabels)[];

/** Reached contacts per week over the last twelve weeks. */
export function WeeklyReachedChart({ programId }: { programId: string }) {
  const charts = useEngagementCharts(programId);
  return (
    <QueryView query={charts} loadingLabel="Loading the weekly chart…">
      {(c) => <WeeklyChart charts={c} />}
    </QueryView>
  );
}

function WeeklyChart({ charts: c }: { charts: Charts }) {
  const when = useWhen();
  const total = c.weekly.reduce((n, w) => n + w.reached, 0);
  const points: ChartPoint[] = c.weekly.map((w, i) => ({
    key: w.weekOf,
    label: `Week of ${when.dateOn(w.weekOf)}`,
    value: w.reached,
    ...(i % 3 === 0 || i === c.weekly.length - 1 ? { axisLabel: when.dateOn(w.weekOf).replace(/^\w+ /, '') } : {}),
  }));
  const last = c.weekly.at(-1)?.reached ?? 0;
  return (
    <BarChart
      title="Reached contacts by week"
      summary={`${total} reached contacts in the last ${c.weekly.length} weeks; ${last} so far this week.`}
      points={points}
      rowHeading="Week"
      valueHeading="Reached contacts"
    />
  );
}

export function FrequencyChart({ frequency }: { frequency: EngagementOverview['program']['frequency'] }) {
  const points = frequencyKeys.map((k) => ({
    key: k,
    label: frequencyLabels[k],
    value: frequency[k],
    axisLabel: shortFrequency[k],
  }));
  const lessThanMonthly = frequency.less_than_monthly;
  return (
    <BarChart
      title="Pairs by how often they meet"
      summary={`${lessThanMonthly} of ${points.reduce((n, p) => n + p.value, 0)} active pairs meet less than monthly.`}
      points={points}
      rowHeading="How often"
      valueHeading="Pairs"
    />
  );
}

const shortFrequency: Record<keyof typeof frequencyLabels, string> = {
  weekly: 'Weekly',
  twice_monthly: '2× month',
  monthly: 'Monthly',
  less_than_monthly: '< monthly',
  too_early: 'Too early',
};

export function FunnelChart({
  funnel,
  targetContacts,
}: {
  funnel: EngagementOverview['program']['funnel'];
  targetContacts: number;
}) {
  const half = Math.ceil(targetContacts / 2);
  const points = [
    { key: 'paired', label: 'Paired', value: funnel.paired, axisLabel: 'Paired' },
    { key: 'first', label: 'First contact', value: funnel.firstContact, axisLabel: '1st contact' },
    { key: 'half', label: `${half} contacts`, value: funnel.halfTarget, axisLabel: `${half} contacts` },
    { key: 'target', label: `${targetContacts} contacts`, value: funnel.target, axisLabel: `${targetContacts} contacts` },
  ];
  return (
    <BarChart
      title="Adherence funnel"
      summary={`Of ${funnel.paired} paired, ${funnel.firstContact} had a first contact, ${funnel.halfTarget} reached ${half} contacts and ${funnel.target} reached ${targetContacts}.`}
      points={points}
      rowHeading="Stage"
      valueHeading="Pairs"
    />
  );
}

const stepLabels = { reminder: 'Coach reminded', check_in: 'Check-in call', decision: 'Decision' } as const;
const outcomeLabels: Record<LadderOutcomeKey, string> = {
  open: 'Still open',
  resolved: 'Reached again',
  called: 'Call recorded',
  re_pair: 'Re-paired',
  pause: 'Paused',
  withdraw: 'Withdrawn',
};
const outcomeKeys = Object.keys(outcomeLabels) as LadderOutcomeKey[];

/** How often each ladder step fired, and how each ended. */
export function LadderOutcomesChart({ programId }: { programId: string }) {
  const charts = useEngagementCharts(programId);
  return (
    <QueryView query={charts} loadingLabel="Loading the ladder chart…">
      {(c) => (
        <>
          <BarChart
            title="Ladder steps fired"
            summary={c.ladder.map((l) => `${stepLabels[l.step]}: ${l.fired}`).join('; ')}
            points={c.ladder.map((l) => ({
              key: l.step,
              label: stepLabels[l.step],
              value: l.fired,
              axisLabel: stepLabels[l.step],
            }))}
            rowHeading="Step"
            valueHeading="Times fired"
          />
          <TableScroll label="Ladder outcomes">
            <table className="table">
              <caption>How each step ended</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  {outcomeKeys.map((k) => (
                    <th scope="col" className="num" key={k}>
                      {outcomeLabels[k]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {c.ladder.map((l) => (
                  <tr key={l.step}>
                    <th scope="row">{stepLabels[l.step]}</th>
                    {outcomeKeys.map((k) => (
                      <td className="num" key={k}>
                        {l.outcomes[k]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </QueryView>
  );
}
