import type { SignInSessionView } from '../../../core/accounts';
import { Badge, Button, VisuallyHidden } from '../../ui/controls';
import { Empty, ErrorAlert, Loading, Notice } from '../../ui/feedback';
import { formatDateTime } from '../../ui/dates';
import { Section } from '../../ui/Page';
import { useEndOtherSessions, useEndSession, useMySessions } from './accounts.api';

/** "Where you are signed in": each live session with its browser and times; end one, or all others. */
export function SessionsSection() {
  const sessions = useMySessions();
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const others = (sessions.data ?? []).filter((s) => !s.isCurrent);

  return (
    <Section title="Where you are signed in" id="sessions">
      <p>If you see a device you do not know, sign it out and change your password.</p>
      {endOthers.isSuccess ? (
        <Notice>
          {endOthers.data.ended === 1 ? 'Signed out 1 other device.' : `Signed out ${endOthers.data.ended} other devices.`}
        </Notice>
      ) : null}
      {endOne.isSuccess ? <Notice>That device is signed out.</Notice> : null}
      {endOne.error || endOthers.error ? <ErrorAlert error={endOne.error ?? endOthers.error} title="Could not sign out" /> : null}
      {sessions.isPending ? <Loading label="Loading where you are signed in…" /> : null}
      {sessions.error ? <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {sessions.data ? (
        <ul className="session-list">
          {sessions.data.map((s) => (
            <SessionItem
              key={s.id}
              session={s}
              busy={endOne.isPending && endOne.variables === s.id}
              onEnd={() => endOne.mutate(s.id)}
            />
          ))}
        </ul>
      ) : null}
      {sessions.data && others.length === 0 ? <Empty>You are not signed in anywhere else.</Empty> : null}
      {others.length > 0 ? (
        <Button variant="secondary" busy={endOthers.isPending} busyLabel="Signing out…" onClick={() => endOthers.mutate()}>
          Sign out everywhere else
        </Button>
      ) : null}
    </Section>
  );
}

function SessionItem({ session: s, busy, onEnd }: { session: SignInSessionView; busy: boolean; onEnd: () => void }) {
  // The person's own sign-ins belong to no program, so they are read in the device's zone (issue #16).
  const lastActive = formatDateTime(s.lastSeenAt);
  return (
    <li className="session-list__item">
      <p className="session-list__browser">
        <strong>{s.browser}</strong> {s.isCurrent ? <Badge tone="good">This device</Badge> : null}
      </p>
      <p>
        Signed in {formatDateTime(s.createdAt)} · last active {lastActive}
      </p>
      {s.isCurrent ? null : (
        <Button variant="secondary" busy={busy} busyLabel="Signing out…" onClick={onEnd}>
          Sign out
          <VisuallyHidden>
            {' '}
            {s.browser}, last active {lastActive}
          </VisuallyHidden>
        </Button>
      )}
    </li>
  );
}
