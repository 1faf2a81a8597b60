import type { EngagementOverview } from '../../../core/engagement';
import type { ProgramScope } from '../../app/program';
import { TableScroll } from '../../ui/controls';
import { Section } from '../../ui/Page';
import { Stats } from '../../ui/Stats';
import { FrequencyChart, FunnelChart, LadderOutcomesChart, WeeklyReachedChart } from './EngagementCharts';
import { frequencyLabels, percent } from './labels';

const frequencyKeys = Object.keys(frequencyLabels) as (keyof typeof frequencyLabels)[];

/**
 * The live engagement measures on the program overview: reach, adherence to the target, the
 * meeting-frequency categories of the ECLIPSE fidelity report, the ladder, and each coach's caseload.
 */
export function EngagementSections({
  engagement: e,
  targetContacts,
  program,
}: {
  engagement: EngagementOverview;
  targetContacts: number;
  program: ProgramScope;
}) {
  const p = e.program;
  const canPairs = program.can('pair:list');
  const pairsTo = (step: string) => (canPairs ? program.to(`pairs?step=${step}`) : undefined);
  return (
    <>
      <Section title="Reaching each other" id="overview-reach">
        <p>Active pairs, counted as contacts are logged. Only reached contacts count toward the target of {targetContacts}.</p>
        <Stats
          label="Reach across active pairs"
          items={[
            { label: 'Reached contacts', value: p.reached },
            { label: 'Attempts', value: p.attempts },
            { label: 'Reach rate', value: percent(p.reachRate) },
            { label: 'Median days since reached', value: p.medianDaysSinceReached ?? 'None yet' },
            { label: 'Never reached', value: p.neverReached },
          ]}
        />
        <WeeklyReachedChart programId={program.programId} />
      </Section>
      <Section title="Escalation ladder" id="overview-ladder">
        <Stats
          label="Pairs on each ladder step"
          items={[
            { label: 'Coach reminded', value: e.ladder.reminder, to: pairsTo('reminder') },
            { label: 'Check-in call', value: e.ladder.check_in, to: pairsTo('check_in') },
            { label: 'Decision needed', value: e.ladder.decision, to: pairsTo('decision') },
            { label: 'Paused', value: e.ladder.paused, to: pairsTo('paused') },
          ]}
        />
        <LadderOutcomesChart programId={program.programId} />
      </Section>
      <Section title={`Toward ${targetContacts} contacts`} id="overview-adherence">
        <Stats
          label="Adherence funnel"
          items={[
            { label: 'Paired', value: p.funnel.paired },
            { label: 'First contact', value: p.funnel.firstContact },
            { label: `${Math.ceil(targetContacts / 2)} contacts`, value: p.funnel.halfTarget },
            { label: `${targetContacts} contacts (adherent)`, value: p.funnel.target },
            { label: 'On course at the current rate', value: p.onCourse },
          ]}
        />
        <FunnelChart funnel={p.funnel} targetContacts={targetContacts} />
      </Section>
      <Section title="How often pairs meet" id="overview-frequency">
        <p>Reached contacts a month over each pair’s days in the program (too early to say in the first four weeks).</p>
        <Stats
          label="Meeting frequency"
          items={frequencyKeys.map((k) => ({ label: frequencyLabels[k], value: p.frequency[k] }))}
        />
        <FrequencyChart frequency={p.frequency} />
      </Section>
      {e.coaches.length > 0 ? (
        <Section title="By coach" id="overview-by-coach">
          <TableScroll label="Measures by coach">
            <table className="table">
              <caption className="visually-hidden">Engagement measures of each coach’s active pairs</caption>
              <thead>
                <tr>
                  <th scope="col">Coach</th>
                  <th scope="col">Pairs</th>
                  <th scope="col">Reached</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Reach rate</th>
                  <th scope="col">Median days since reached</th>
                  <th scope="col">On course</th>
                  <th scope="col">Less than monthly</th>
                </tr>
              </thead>
              <tbody>
                {e.coaches.map((c, i) => (
                  <tr key={c.coachId}>
                    <th scope="row">{c.name ?? `Coach ${i + 1}`}</th>
                    <td>{c.pairs}</td>
                    <td>{c.reached}</td>
                    <td>{c.attempts}</td>
                    <td>{percent(c.reachRate)}</td>
                    <td>{c.medianDaysSinceReached ?? '–'}</td>
                    <td>{c.onCourse}</td>
                    <td>{c.frequency.less_than_monthly}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Section>
      ) : null}
    </>
  );
}
