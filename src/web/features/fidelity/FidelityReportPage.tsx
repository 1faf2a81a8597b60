import { useWhen } from '../../app/when';
import type { EssentialElement } from '../../../core/contacts';
import { essentialElements } from '../../../core/contacts';
import type { EngagementReportView, FrequencyCategory } from '../../../core/engagement';
import { eclipseBenchmarks } from '../../../core/fidelity/benchmarks';
import type { FidelityReportView } from '../../../core/fidelity';
import { participantStatusLabels } from '../../app/vocab';
import { useProgram } from '../../app/program';
import { Button, TableScroll } from '../../ui/controls';
import { downloadCsv, toCsv } from '../../ui/csv';
import { Empty, QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { Stats } from '../../ui/Stats';
import { elementLabels } from '../contacts';
import { frequencyLabels } from '../engagement';
import { useEngagementReport, useFidelityReport } from './fidelity.api';
import './fidelity.css';

const frequencies = ['weekly', 'twice_monthly', 'monthly', 'less_than_monthly'] as const satisfies readonly FrequencyCategory[];

const percent = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);
const decimal = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(2));

/** Landis and Koch's words for kappa, so a number reads as something. */
function kappaWords(k: number | null): string {
  if (k === null) return 'cannot be computed';
  if (k < 0) return 'worse than chance';
  if (k <= 0.2) return 'slight';
  if (k <= 0.4) return 'fair';
  if (k <= 0.6) return 'moderate';
  if (k <= 0.8) return 'substantial';
  return 'almost perfect';
}

function ElementsTable({ r }: { r: FidelityReportView }) {
  const rows = essentialElements.map((e) => {
    const agreement = r.agreement?.elements[e];
    return {
      e,
      logged: r.elements[e],
      reported: r.reported?.elements[e] ?? null,
      eclipse: eclipseBenchmarks.elements[e],
      agreement,
    };
  });
  const csv = () =>
    downloadCsv(
      'fidelity-elements.csv',
      toCsv(
        [
          'element',
          'logged_delivered',
          'logged_rate',
          'reported_yes',
          'reported_rate',
          'eclipse_rate',
          'agreement_n',
          'both_yes',
          'logged_only',
          'reported_only',
          'both_no',
          'kappa',
        ],
        rows.map((x) => [
          x.e,
          x.logged.delivered,
          x.logged.rate,
          x.reported?.delivered ?? null,
          x.reported?.rate ?? null,
          x.eclipse,
          x.agreement?.n ?? null,
          x.agreement?.bothYes ?? null,
          x.agreement?.loggedOnly ?? null,
          x.agreement?.reportedOnly ?? null,
          x.agreement?.bothNo ?? null,
          x.agreement?.kappa ?? null,
        ]),
      ),
    );
  return (
    <Section
      title="The four essential elements"
      id="elements"
      actions={
        <Button variant="secondary" className="print-hide" onClick={csv}>
          Download elements (CSV)
        </Button>
      }
    >
      <p>
        <strong>Logged</strong>: share of reached contacts in the program’s months where the coach ticked the element.{' '}
        <strong>Reported</strong>: share of participants who said yes on the end-of-program questionnaire.{' '}
        <strong>Agreement</strong>: per participant, whether the coach ever logged the element against his or her yes or no
        (Cohen’s kappa: 1 is full agreement, 0 what chance alone gives).
      </p>
      <TableScroll label="Essential elements table">
        <table className="table">
          <caption className="visually-hidden">Each element: logged rate, reported rate, ECLIPSE’s rate and agreement</caption>
          <thead>
            <tr>
              <th scope="col">Element</th>
              <th scope="col">Logged</th>
              <th scope="col">Reported</th>
              <th scope="col">ECLIPSE</th>
              <th scope="col">Agreement</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={x.e}>
                <th scope="row">{elementLabels[x.e as EssentialElement]}</th>
                <td>
                  {percent(x.logged.rate)} <span className="muted">({x.logged.delivered} contacts)</span>
                </td>
                <td>
                  {x.reported ? (
                    <>
                      {percent(x.reported.rate)} <span className="muted">({x.reported.delivered} said yes)</span>
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td>{percent(x.eclipse)}</td>
                <td>
                  {x.agreement ? (
                    <>
                      kappa {decimal(x.agreement.kappa)}{' '}
                      <span className="muted">
                        ({kappaWords(x.agreement.kappa)}, {x.agreement.n} participants)
                      </span>
                    </>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

function CoachesTable({ r }: { r: FidelityReportView }) {
  const codes = [
    ...new Set([...r.coaches.map((c) => c.coachCode), ...(r.reported?.coaches ?? []).map((c) => c.coachCode)]),
  ].sort();
  const rows = codes.map((code) => ({
    code,
    logged: r.coaches.find((c) => c.coachCode === code) ?? null,
    reported: r.reported?.coaches.find((c) => c.coachCode === code) ?? null,
  }));
  const csv = () =>
    downloadCsv(
      'fidelity-coaches.csv',
      toCsv(
        [
          'coach_code',
          'logged_contacts',
          'logged_fidelity',
          'logged_high',
          'reported_responses',
          'reported_fidelity',
          'reported_high',
        ],
        rows.map((x) => [
          x.code,
          x.logged?.reachedContacts ?? 0,
          x.logged?.fidelity ?? null,
          x.logged?.high ?? null,
          x.reported?.responses ?? 0,
          x.reported?.fidelity ?? null,
          x.reported?.high ?? null,
        ]),
      ),
    );
  const yesNo = (b: boolean | undefined) => (b === undefined ? '–' : b ? 'Yes' : 'No');
  return (
    <Section
      title="Coaches"
      id="coaches"
      actions={
        <Button variant="secondary" className="print-hide" onClick={csv}>
          Download coaches (CSV)
        </Button>
      }
    >
      <p>
        A coach’s fidelity is the average share of the four elements per contact (logged) or per participant (reported); high
        fidelity is 75% or more, ECLIPSE’s “at least 3 of 4”. Coaches by code only.
      </p>
      {rows.length === 0 ? (
        <Empty>No reached contacts yet.</Empty>
      ) : (
        <TableScroll label="Coaches table">
          <table className="table">
            <caption className="visually-hidden">Each coach: logged and reported fidelity</caption>
            <thead>
              <tr>
                <th scope="col">Coach</th>
                <th scope="col">Contacts logged</th>
                <th scope="col">Logged fidelity</th>
                <th scope="col">High (logged)</th>
                <th scope="col">Questionnaires</th>
                <th scope="col">Reported fidelity</th>
                <th scope="col">High (reported)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => (
                <tr key={x.code}>
                  <th scope="row">{x.code}</th>
                  <td>{x.logged?.reachedContacts ?? 0}</td>
                  <td>{percent(x.logged?.fidelity)}</td>
                  <td>{yesNo(x.logged?.high)}</td>
                  <td>{x.reported?.responses ?? 0}</td>
                  <td>{percent(x.reported?.fidelity)}</td>
                  <td>{yesNo(x.reported?.high)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Section>
  );
}

function FrequencyTable({ e, r }: { e: EngagementReportView; r: FidelityReportView }) {
  const named = frequencies.reduce((s, f) => s + e.summary.frequency[f], 0);
  const reportedTotal = r.reported ? frequencies.reduce((s, f) => s + r.reported!.frequency[f], 0) : 0;
  return (
    <Section title="How often pairs met" id="frequency">
      <TableScroll label="Meeting frequency table">
        <table className="table">
          <caption className="visually-hidden">Meeting frequency: logged, reported and ECLIPSE</caption>
          <thead>
            <tr>
              <th scope="col">Meeting frequency</th>
              <th scope="col">Logged</th>
              <th scope="col">Reported</th>
              <th scope="col">ECLIPSE</th>
            </tr>
          </thead>
          <tbody>
            {frequencies.map((f) => (
              <tr key={f}>
                <th scope="row">{frequencyLabels[f]}</th>
                <td>
                  {e.summary.frequency[f]}{' '}
                  <span className="muted">({percent(named ? e.summary.frequency[f] / named : null)})</span>
                </td>
                <td>
                  {r.reported ? (
                    <>
                      {r.reported.frequency[f]}{' '}
                      <span className="muted">({percent(reportedTotal ? r.reported.frequency[f] / reportedTotal : null)})</span>
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td>{percent(eclipseBenchmarks.frequency[f])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted">
        {e.summary.frequency.too_early} participants were in the program less than four weeks: too early to say.
        {r.agreement ? ` Same category logged and recalled: ${r.agreement.frequency.same} of ${r.agreement.frequency.n}.` : ''}
      </p>
    </Section>
  );
}

function ParticipantsTable({ e }: { e: EngagementReportView }) {
  const when = useWhen();
  const csv = () =>
    downloadCsv(
      'engagement-participants.csv',
      toCsv(
        [
          'participant_code',
          'status',
          'coach_code',
          'ended_on',
          'as_of',
          'active_days',
          'reached_in_window',
          'reached_outside_window',
          'adherent',
          'frequency',
        ],
        e.participants.map((p) => [
          p.participantCode,
          p.status,
          p.coachCode,
          p.endedOn,
          p.asOf,
          p.activeDays,
          p.reachedInWindow,
          p.reachedOutsideWindow,
          p.adherent,
          p.frequency,
        ]),
      ),
    );
  return (
    <Section
      title="Participants"
      id="participants"
      actions={
        <Button variant="secondary" className="print-hide" onClick={csv}>
          Download participants (CSV)
        </Button>
      }
    >
      <p>
        Each participant ever paired, as of today or the day he or she completed or withdrew. Only reached contacts in the first{' '}
        {e.windowDays} days after the first pairing count; contacts after that are shown apart. Adherent: {e.targetContacts} or
        more.
      </p>
      {e.participants.length === 0 ? (
        <Empty>Nobody has been paired yet.</Empty>
      ) : (
        <TableScroll label="Participants table">
          <table className="table">
            <caption className="visually-hidden">
              Each participant by code: reached contacts, adherence and meeting frequency
            </caption>
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Status</th>
                <th scope="col">Coach</th>
                <th scope="col">As of</th>
                <th scope="col">Days</th>
                <th scope="col">Reached</th>
                <th scope="col">After the program’s months</th>
                <th scope="col">Adherent</th>
                <th scope="col">Meeting frequency</th>
              </tr>
            </thead>
            <tbody>
              {e.participants.map((p) => (
                <tr key={p.participantCode}>
                  <th scope="row">{p.participantCode}</th>
                  <td>{participantStatusLabels[p.status as keyof typeof participantStatusLabels] ?? p.status}</td>
                  <td>{p.coachCode}</td>
                  <td>{p.endedOn ? when.dateOn(p.endedOn) : 'Today'}</td>
                  <td>{p.activeDays}</td>
                  <td>{p.reachedInWindow}</td>
                  <td>{p.reachedOutsideWindow}</td>
                  <td>{p.adherent ? 'Yes' : 'No'}</td>
                  <td>{frequencyLabels[p.frequency ?? 'too_early']}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Section>
  );
}

/**
 * Fidelity and engagement (/reports): fidelity from coaches' logs beside participants’ own end-of-
 * program reports, with agreement per element; each coach by code; each participant's engagement as
 * of his or her end date. For evaluators and staff; pseudonymous codes only; tables download as CSV.
 */
export function FidelityReportPage() {
  const program = useProgram();
  const fidelity = useFidelityReport(program.programId);
  const engagement = useEngagementReport(program.programId);
  return (
    <Page
      title="Fidelity and engagement"
      intro={
        <p>
          How coaching was delivered, two ways: what coaches logged at each contact, and what participants said on the
          end-of-program questionnaire (ECLIPSE’s own method). Where they disagree is worth a closer look.
        </p>
      }
      actions={
        <Button variant="secondary" className="print-hide" onClick={() => window.print()}>
          Print
        </Button>
      }
    >
      <div className="fidelity-report">
        <QueryView query={fidelity} loadingLabel="Loading the fidelity report…">
          {(r) => (
            <QueryView query={engagement} loadingLabel="Loading the engagement report…">
              {(e) => (
                <>
                  <Stats
                    label="Program summary"
                    items={[
                      { label: 'participants paired', value: e.summary.participants },
                      { label: 'reached contacts counted', value: r.reachedContacts },
                      { label: 'reached after the program’s months', value: r.reachedOutsideWindow },
                      { label: 'adherent', value: `${e.summary.adherent} (${percent(e.summary.adherentShare)})` },
                      { label: 'coaches with high fidelity (logged)', value: percent(r.highFidelityShare) },
                      {
                        label: 'coaches with high fidelity (reported)',
                        value: r.reported ? percent(r.reported.highFidelityShare) : '–',
                      },
                      { label: 'questionnaires answered', value: r.reported ? r.reported.responses : 0 },
                    ]}
                  />
                  <p className="muted">
                    ECLIPSE: {percent(eclipseBenchmarks.highFidelityCoaches)} of coaches had high fidelity.
                    {r.reported && r.reported.incomplete > 0
                      ? ` ${r.reported.incomplete} questionnaires left an element unanswered and are not counted.`
                      : ''}
                    {r.reported ? '' : ' No end-of-program questionnaires yet: schedule “How your coaching went” at a timepoint.'}
                  </p>
                  <ElementsTable r={r} />
                  <CoachesTable r={r} />
                  <FrequencyTable e={e} r={r} />
                  <ParticipantsTable e={e} />
                </>
              )}
            </QueryView>
          )}
        </QueryView>
      </div>
    </Page>
  );
}
