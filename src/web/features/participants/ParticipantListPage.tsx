import { Link, useSearchParams } from 'react-router';
import { useWhen } from '../../app/when';
import type { ParticipantStatus, ParticipantView } from '../../../core/participants';
import type { PairState } from '../../../core/tasks';
import { useProgram } from '../../app/program';
import { genderLabels, listOf, optionsOf, painLocationLabels, pairStateLabels, participantStatusLabels } from '../../app/vocab';
import { ButtonLink, TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/form';
import { Page } from '../../ui/Page';
import { participantName, useParticipants, type PseudonymousParticipant } from './participants.api';
import { PairStateBadge, StatusBadge } from './ParticipantBadges';

type Named = Exclude<ParticipantView, PseudonymousParticipant | { view: 'self' }>;

function isStatus(s: string | null): s is ParticipantStatus {
  return s !== null && s in participantStatusLabels;
}
function isPairState(s: string | null): s is PairState {
  return s !== null && s in pairStateLabels;
}

/** Filters the list by pair state and by a name or code search (status is filtered by the server). */
export function filterParticipants(list: readonly ParticipantView[], pair: PairState | null, search: string): ParticipantView[] {
  const q = search.trim().toLowerCase();
  return list.filter((p) => {
    if (pair && (p.view === 'self' || p.pairState !== pair)) return false;
    if (!q) return true;
    return participantName(p).toLowerCase().includes(q) || p.code.toLowerCase().includes(q);
  });
}

/** Participants in the program: staff see names and coaches; evaluators see codes only. */
export function ParticipantListPage() {
  const program = useProgram();
  const [params, setParams] = useSearchParams();
  const status = isStatus(params.get('status')) ? (params.get('status') as ParticipantStatus) : undefined;
  const pair = isPairState(params.get('pair')) ? (params.get('pair') as PairState) : null;
  const search = params.get('q') ?? '';
  const participants = useParticipants(program.programId, status);
  const isPseudonymous = !program.can('participant:create') && !program.isCoach;

  const setParam = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <Page
      title="Participants"
      actions={
        program.can('participant:create') ? <ButtonLink to={program.to('participants/new')}>Add participant</ButtonLink> : null
      }
    >
      <form className="filters" role="search" aria-label="Filter participants" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Status"
          value={status ?? ''}
          placeholder="All statuses"
          options={optionsOf(participantStatusLabels)}
          onChange={(v) => setParam('status', v)}
        />
        <SelectField
          label="Pair state"
          value={pair ?? ''}
          placeholder="Any pair state"
          options={optionsOf(pairStateLabels)}
          onChange={(v) => setParam('pair', v)}
        />
        <TextField
          label={isPseudonymous ? 'Search by code' : 'Search by name or code'}
          type="search"
          value={search}
          onChange={(v) => setParam('q', v)}
          autoComplete="off"
        />
      </form>
      <QueryView query={participants} loadingLabel="Loading participants…">
        {(list) => {
          const shown = filterParticipants(list, pair, search);
          return (
            <>
              <p role="status" className="muted">
                {shown.length === list.length
                  ? `${list.length} participant${list.length === 1 ? '' : 's'}`
                  : `${shown.length} of ${list.length} participants match`}
              </p>
              {shown.length === 0 ? (
                <Empty>No participants match these filters.</Empty>
              ) : shown[0]?.view === 'pseudonymous' ? (
                <PseudonymousTable rows={shown as PseudonymousParticipant[]} />
              ) : (
                <NamedTable rows={shown.filter((p): p is Named => p.view === 'full' || p.view === 'coaching')} />
              )}
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}

function NamedTable({ rows }: { rows: readonly Named[] }) {
  const when = useWhen();
  const program = useProgram();
  return (
    <TableScroll label="Participants table" cards>
      <table className="table">
        <caption className="visually-hidden">Participants</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Code</th>
            <th scope="col">Status</th>
            <th scope="col">Coach</th>
            <th scope="col">Last reached</th>
            <th scope="col">Pair</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={program.to(`participants/${p.id}`)}>{participantName(p)}</Link>
              </th>
              <td>{p.code}</td>
              <td>
                <StatusBadge status={p.status} />
              </td>
              <td>{p.coach ? p.coach.name : <span className="muted">None</span>}</td>
              <td>{p.lastReachedAt ? when.ago(p.lastReachedAt) : <span className="muted">Never</span>}</td>
              <td>
                <PairStateBadge state={p.pairState} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function PseudonymousTable({ rows }: { rows: readonly PseudonymousParticipant[] }) {
  const program = useProgram();
  return (
    <TableScroll label="Participants table" cards>
      <table className="table">
        <caption className="visually-hidden">Participants by code</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Status</th>
            <th scope="col">Gender</th>
            <th scope="col">Born</th>
            <th scope="col">Pain</th>
            <th scope="col" className="num">
              Reached
            </th>
            <th scope="col" className="num">
              Attempts
            </th>
            <th scope="col">Pair</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={program.to(`participants/${p.id}`)}>{p.code}</Link>
              </th>
              <td>
                <StatusBadge status={p.status} />
              </td>
              <td>{genderLabels[p.gender]}</td>
              <td>{p.birthYear ?? <span className="muted">Not given</span>}</td>
              <td>{listOf(painLocationLabels, p.painLocations)}</td>
              <td className="num">{p.reachedCount}</td>
              <td className="num">{p.attemptCount}</td>
              <td>
                <PairStateBadge state={p.pairState} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
