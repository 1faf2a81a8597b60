import { Link } from 'react-router';
import { useProgram } from '../../app/program';
import { channelLabels, genderLabels, listOf } from '../../app/vocab';
import { ButtonLink, TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { CoachStatusBadge } from './CoachBadges';
import { coachName, openPlaces, useCoaches } from './coaches.api';

export function CoachListPage() {
  const program = useProgram();
  const coaches = useCoaches(program.programId);
  return (
    <Page
      title="Coaches"
      actions={program.can('coach:create') ? <ButtonLink to={program.to('coaches/new')}>Add coach</ButtonLink> : null}
    >
      <QueryView query={coaches} loadingLabel="Loading coaches…">
        {(list) =>
          list.length === 0 ? (
            <Empty>No coaches yet.</Empty>
          ) : (
            <TableScroll label="Coaches table" cards>
              <table className="table">
                <caption className="visually-hidden">Coaches</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Status</th>
                    <th scope="col">Participants</th>
                    <th scope="col">Open places</th>
                    <th scope="col">Gender</th>
                    <th scope="col">Meets by</th>
                    <th scope="col" className="num">
                      Reached in 30 days
                    </th>
                    <th scope="col">Account</th>
                  </tr>
                </thead>
                <tbody>
                  {[...list]
                    .sort((a, b) => coachName(a).localeCompare(coachName(b)))
                    .map((c) => (
                      <tr key={c.id}>
                        <th scope="row">
                          <Link to={program.to(`coaches/${c.id}`)}>{coachName(c)}</Link>
                        </th>
                        <td>
                          <CoachStatusBadge status={c.status} />
                        </td>
                        <td>
                          {c.activePairings} of {c.caseload}
                        </td>
                        <td>{c.status === 'active' ? openPlaces(c) : <span className="muted">None (not active)</span>}</td>
                        <td>{genderLabels[c.gender]}</td>
                        <td>{listOf(channelLabels, c.modalities)}</td>
                        <td className="num">{c.recentReached}</td>
                        <td>{c.hasAccount ? 'Yes' : 'Not yet'}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </QueryView>
    </Page>
  );
}
