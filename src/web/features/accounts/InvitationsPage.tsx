import { useProgram } from '../../app/program';
import { useWhen } from '../../app/when';
import { Badge, Button, TableScroll } from '../../ui/controls';
import { Empty, ErrorAlert, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { useInvitations } from './accounts.api';
import { SignInSettingsSection } from './SignInSettingsSection';

const roleLabels = {
  coordinator: 'Coordinator',
  coach: 'Coach',
  participant: 'Participant',
  evaluator: 'Evaluator',
  assessor: 'Assessor',
} as const;
const stateBadges = {
  pending: { tone: 'info', label: 'Waiting' },
  accepted: { tone: 'good', label: 'Accepted' },
  expired: { tone: 'bad', label: 'Expired' },
} as const;

/** Who was invited to the program, by whom, and whether they have joined; an expired invitation can be sent again. */
export function InvitationsPage() {
  const when = useWhen();
  const program = useProgram();
  const invitations = useInvitations(program.programId);
  return (
    <Page
      title="Invitations"
      intro={
        <p>
          Invitations to join this program. A link works once and for 7 days; send a new one from the person's record if it
          expired.
        </p>
      }
    >
      <QueryView query={invitations} loadingLabel="Loading invitations…">
        {(list) =>
          list.length === 0 ? (
            <Empty>Nobody has been invited yet.</Empty>
          ) : (
            <>
              <TableScroll label="Invitations table" cards>
                <table className="table">
                  <caption className="visually-hidden">Invitations, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">E-mail</th>
                      <th scope="col">Role</th>
                      <th scope="col">Sent</th>
                      <th scope="col">By</th>
                      <th scope="col">State</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">{i.displayName}</th>
                        <td>{i.email}</td>
                        <td>{roleLabels[i.role]}</td>
                        <td>{when.dateTime(i.createdAt)}</td>
                        <td>{i.invitedBy}</td>
                        <td>
                          <Badge tone={stateBadges[i.state].tone}>{stateBadges[i.state].label}</Badge>
                          {i.state === 'accepted' && i.acceptedAt ? <> {when.dateTime(i.acceptedAt)}</> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              {invitations.hasNextPage ? (
                <Button
                  variant="secondary"
                  busy={invitations.isFetchingNextPage}
                  busyLabel="Loading more…"
                  onClick={() => void invitations.fetchNextPage()}
                >
                  Show more
                </Button>
              ) : null}
              {invitations.isFetchNextPageError ? <ErrorAlert error={invitations.error} title="Could not load more" /> : null}
            </>
          )
        }
      </QueryView>
      {program.can('signin:configure') ? <SignInSettingsSection /> : null}
    </Page>
  );
}
