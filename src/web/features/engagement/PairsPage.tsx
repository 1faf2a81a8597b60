import { useWhen } from '../../app/when';
import { Link, useSearchParams } from 'react-router';
import { pairsMatching, type PairHelpView } from '../../../core/engagement';
import { useProgram } from '../../app/program';
import { optionsOf } from '../../app/vocab';
import { Badge, ButtonLink, TableScroll, VisuallyHidden } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { SelectField } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useCoachChoices, usePairs } from './engagement.api';
import './engagement.css';
import { frequencyLabels, ladderStateLabels, ladderStateTones, pairSortLabels, type LadderStateKey } from './labels';

const stepFilterLabels = { needs_help: 'Needs help (reminded, check-in or decision)', ...ladderStateLabels } as const;
type StepFilter = keyof typeof stepFilterLabels;
type Sort = keyof typeof pairSortLabels;

const isStep = (s: string | null): s is StepFilter => s !== null && s in stepFilterLabels;
const isSort = (s: string | null): s is Sort => s !== null && s in pairSortLabels;

/** Pairs on one page of the list. */
export const PAIRS_PER_PAGE = 50;

const count = new Intl.NumberFormat('en-US');

/**
 * "Pairs that need help", for staff: the active pairs with how long each has been quiet, attempts
 * since, the ladder step and the coach's recent activity, 50 at a time, most urgent first; the
 * server filters, sorts and pages (ADR 0048). The next action is one click away.
 */
export function PairsPage() {
  const program = useProgram();
  const [params, setParams] = useSearchParams();
  const step = isStep(params.get('step')) ? (params.get('step') as StepFilter) : null;
  const sort: Sort = isSort(params.get('sort')) ? (params.get('sort') as Sort) : 'urgency';
  const coachId = params.get('coach') ?? '';
  const pageNumber = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const pairs = usePairs(program.programId, {
    ...(step ? { step } : {}),
    ...(coachId ? { coachId } : {}),
    ...(sort === 'urgency' ? {} : { sort }),
    limit: PAIRS_PER_PAGE,
    offset: (pageNumber - 1) * PAIRS_PER_PAGE,
  });
  const coaches = useCoachChoices(program.programId);
  const coachOptions = [...(coaches.data ?? [])]
    .map((c) => ({ value: c.id, label: `${c.givenName} ${c.familyName}` }))
    .sort((a, b) => a.label.localeCompare(b.label));
  // A new filter or order starts again at the first page.
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const pageAddress = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 1) next.set('page', String(n));
    else next.delete('page');
    return `?${next.toString()}`;
  };
  return (
    <Page
      title="Pairs that need help"
      intro={<p>Every active pair, most urgent first. A reached contact puts a pair back on track by itself.</p>}
      actions={
        program.can('scheduling:configure') ? (
          <ButtonLink variant="secondary" to={program.to('scheduling-settings')}>
            Scheduling settings
          </ButtonLink>
        ) : null
      }
    >
      <QueryView query={pairs} loadingLabel="Loading pairs…">
        {(page) => {
          const stepOptions = optionsOf(stepFilterLabels).map((o) => ({
            ...o,
            label: `${o.label} (${count.format(pairsMatching(page.counts, o.value as StepFilter))})`,
          }));
          const first = page.total === 0 ? 0 : page.offset + 1;
          const last = page.offset + page.pairs.length;
          const hasNext = last < page.total;
          return (
            <>
              <form className="filters" role="search" aria-label="Filter pairs" onSubmit={(e) => e.preventDefault()}>
                <SelectField
                  label="Ladder step"
                  value={step ?? ''}
                  placeholder="All pairs"
                  options={stepOptions}
                  onChange={(v) => set('step', v)}
                />
                <SelectField
                  label="Coach"
                  value={coachId}
                  placeholder="All coaches"
                  options={coachOptions}
                  onChange={(v) => set('coach', v)}
                />
                <SelectField
                  label="Sort by"
                  value={sort}
                  options={optionsOf(pairSortLabels)}
                  onChange={(v) => set('sort', v === 'urgency' ? '' : v)}
                />
              </form>
              {page.total === 0 ? null : (
                <p role="status" className="muted">
                  Showing {count.format(first)}–{count.format(last)} of {count.format(page.total)} pair
                  {page.total === 1 ? '' : 's'}
                </p>
              )}
              {page.pairs.length === 0 ? <Empty>No pair matches.</Empty> : <PairsTable pairs={page.pairs} />}
              {pageNumber > 1 || hasNext ? (
                <nav className="pager" aria-label="Pages of pairs">
                  {pageNumber > 1 ? (
                    <ButtonLink variant="secondary" to={pageAddress(pageNumber - 1)}>
                      Previous page
                    </ButtonLink>
                  ) : null}
                  {hasNext ? (
                    <ButtonLink variant="secondary" to={pageAddress(pageNumber + 1)}>
                      Next page
                    </ButtonLink>
                  ) : null}
                </nav>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}

function PairsTable({ pairs }: { pairs: PairHelpView[] }) {
  const when = useWhen();
  const program = useProgram();
  return (
    <TableScroll label="Pairs table" cards>
      <table className="table">
        <caption className="visually-hidden">Active pairs with their ladder step</caption>
        <thead>
          <tr>
            <th scope="col">Participant</th>
            <th scope="col">Coach</th>
            <th scope="col">Step</th>
            <th scope="col">Days quiet</th>
            <th scope="col">Attempts since</th>
            <th scope="col">Coach, last 14 days</th>
            <th scope="col">Reached in all</th>
            <th scope="col">Next action</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((p) => (
            <tr key={p.pairingId}>
              <th scope="row">
                <Link to={program.to(`participants/${p.participantId}`)}>{p.participantName}</Link>
              </th>
              <td>
                <Link to={program.to(`coaches/${p.coachId}`)}>{p.coachName}</Link>
              </td>
              <td>
                <Badge tone={ladderStateTones[p.step as LadderStateKey]}>{ladderStateLabels[p.step as LadderStateKey]}</Badge>
                {p.pausedUntil ? <span className="muted"> until {when.dateOn(p.pausedUntil)}</span> : null}
                {p.checkInRecordedAt ? <span className="muted"> · check-in recorded</span> : null}
              </td>
              <td>{p.lastReachedAt ? p.daysQuiet : `${p.daysQuiet} (never reached)`}</td>
              <td>{p.attemptsSince}</td>
              <td>
                {p.coachActivity.attempts} logged, {p.coachActivity.reached} reached
              </td>
              <td>
                {p.measures.participantReached}
                {p.measures.reachedOutsideWindow > 0 ? (
                  <span className="muted"> (+{p.measures.reachedOutsideWindow} after the program's months, not counted)</span>
                ) : null}
                {p.measures.frequency ? (
                  <span className="muted"> · {frequencyLabels[p.measures.frequency].toLowerCase()}</span>
                ) : null}
              </td>
              <td>
                {p.nextAction === 'check_in' ? (
                  <ButtonLink variant="secondary" to={program.to(`pairs/${p.pairingId}/check-in`)}>
                    Record check-in call<VisuallyHidden> for {p.participantName}</VisuallyHidden>
                  </ButtonLink>
                ) : p.nextAction === 'decision' ? (
                  <ButtonLink variant="secondary" to={program.to(`pairs/${p.pairingId}/decision`)}>
                    Decide<VisuallyHidden> for {p.participantName}</VisuallyHidden>
                  </ButtonLink>
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
