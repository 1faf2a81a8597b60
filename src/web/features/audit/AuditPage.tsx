import { Link, useSearchParams } from 'react-router';
import { useProgram } from '../../app/program';
import { TableScroll } from '../../ui/controls';
import { formatDateTime } from '../../ui/dates';
import { Empty, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { AUDIT_PAGE_SIZE, describeAction, useAuditPage } from './audit.api';

/** Who read or changed what, newest first, a page at a time. */
export function AuditPage() {
  const program = useProgram();
  const [params] = useSearchParams();
  const rawBefore = Number(params.get('before'));
  const before = Number.isInteger(rawBefore) && rawBefore > 0 ? rawBefore : null;
  const entityId = params.get('entity');
  const page = useAuditPage(program.programId, before, entityId);
  const base = entityId ? `audit?entity=${encodeURIComponent(entityId)}` : 'audit';
  const olderHref = (id: number) => program.to(`${base}${entityId ? '&' : '?'}before=${id}`);

  return (
    <Page
      title="Audit trail"
      intro={
        <p>
          Every time someone views, lists or changes personal information, it is recorded here.
          {entityId ? ' Showing one record only.' : ''}
        </p>
      }
    >
      <QueryView query={page} loadingLabel="Loading the audit trail…">
        {(events) => {
          const last = events[events.length - 1];
          return (
            <>
              {events.length === 0 ? (
                <Empty>No events{before ? ' older than these' : ''}.</Empty>
              ) : (
                <TableScroll label="Audit events table">
                  <table className="table">
                    <caption className="visually-hidden">Audit events, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Who</th>
                        <th scope="col">What</th>
                        <th scope="col">Record</th>
                        <th scope="col">Address</th>
                        <th scope="col">Request</th>
                      </tr>
                    </thead>
                    <tbody>
                      {events.map((e) => (
                        <tr key={e.id}>
                          <td>{formatDateTime(e.at)}</td>
                          <td>{e.actorName ?? <span className="muted">Nobody signed in</span>}</td>
                          <th scope="row">{describeAction(e.action)}</th>
                          <td>{e.entityId ? <code>{e.entityId.slice(0, 8)}</code> : <span className="muted">None</span>}</td>
                          <td>{e.ip ?? ''}</td>
                          <td>{e.requestId ? <code>{e.requestId.slice(0, 8)}</code> : ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
              <nav aria-label="Audit pages" className="form-actions">
                {before || entityId ? <Link to={program.to('audit')}>Newest events</Link> : null}
                {last && events.length === AUDIT_PAGE_SIZE ? <Link to={olderHref(last.id)}>Older events</Link> : null}
              </nav>
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}
