import type { GroupStats, MatchCharacteristic } from '../../../core/matching';
import type { PairingEndReason } from '../../../core/pairings';
import { useProgram } from '../../app/program';
import { TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { Stats } from '../../ui/Stats';
import { useMatchReport } from './matching.api';

const characteristicLabels = {
  same_gender: 'Same gender',
  shared_pain_location: 'A pain location in common',
  shared_background: 'Same service branch or era',
  age_band: 'Close in age',
  same_town: 'Same town',
  shared_language: 'A language in common',
} as const satisfies Record<MatchCharacteristic, string>;

const endReasonLabels = {
  reach: 'could not reach each other',
  fit: 'not a good fit',
  coach_paused: 'coach paused',
  coach_retired: 'coach retired',
  participant_request: 'participant asked',
  participant_withdrawn: 'participant withdrew',
  program_completed: 'program completed',
  other: 'other',
} as const satisfies Record<PairingEndReason, string>;

const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const days = (x: number | null) => (x === null ? '–' : `${Math.round(x)}`);

function reasons(g: GroupStats): string {
  const list = (Object.entries(g.endReasons) as [PairingEndReason, number][]).filter(([, n]) => n > 0);
  return list.length === 0 ? 'none' : list.map(([r, n]) => `${endReasonLabels[r]} ${n}`).join(', ');
}

/**
 * What kinds of matches last (/matching/report): every pairing the program made, split by each match
 * characteristic, with how long pairs lasted and how many ended in a re-match (reach, fit, coach
 * paused, participant request). Counts only: no names.
 */
export function MatchReportPage() {
  const program = useProgram();
  const report = useMatchReport(program.programId);
  return (
    <Page
      title="What kinds of matches last"
      intro={
        <p>
          Every pairing so far, split by what the pair had in common. “Lasting” means the pairing did not end in a re-match
          (couldn’t reach each other, not a good fit, coach paused, or the participant asked). Days together count pairings still
          going up to today. Small numbers are not evidence: read them as a prompt to look closer.
        </p>
      }
    >
      <QueryView query={report} loadingLabel="Loading the report…">
        {(r) =>
          r.overall.pairings === 0 ? (
            <Empty>No pairings yet.</Empty>
          ) : (
            <>
              <Stats
                label="All pairings"
                items={[
                  { label: 'pairings', value: r.overall.pairings },
                  { label: 'still going', value: r.overall.active },
                  { label: 'ended in a re-match', value: r.overall.rematched },
                  { label: 'lasting', value: percent(r.overall.lastingShare) },
                  { label: 'median days together', value: days(r.overall.medianDays) },
                ]}
              />
              <p>Why pairings ended: {reasons(r.overall)}.</p>
              <Section title="By what the pair had in common" id="report-rows">
                <TableScroll label="Match report table">
                  <table className="table">
                    <caption className="visually-hidden">
                      For each characteristic: pairings with it and without it, how many lasted, median days and why they ended
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Characteristic</th>
                        <th scope="col">Pairs</th>
                        <th scope="col">Lasting</th>
                        <th scope="col">Median days</th>
                        <th scope="col">Ended because</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.rows.flatMap((row) =>
                        (['with', 'without'] as const).map((side) => (
                          <tr key={`${row.characteristic}-${side}`}>
                            <th scope="row">
                              {side === 'with'
                                ? characteristicLabels[row.characteristic]
                                : `Not: ${characteristicLabels[row.characteristic].toLowerCase()}`}
                              {side === 'without' && row.unknown > 0 ? (
                                <span className="muted"> ({row.unknown} not recorded)</span>
                              ) : null}
                            </th>
                            <td>{row[side].pairings}</td>
                            <td>{percent(row[side].lastingShare)}</td>
                            <td>{days(row[side].medianDays)}</td>
                            <td>{reasons(row[side])}</td>
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                </TableScroll>
              </Section>
              <p className="muted">Age band: born within {r.ageBandYears} years of each other.</p>
            </>
          )
        }
      </QueryView>
    </Page>
  );
}
