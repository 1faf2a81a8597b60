import type { SignInSessionView } from '../../../core/accounts';
import { useLocale, useT, type Translate } from '../../i18n/i18n';
import { Badge, Button, VisuallyHidden } from '../../ui/controls';
import { Empty, ErrorAlert, Loading, Notice } from '../../ui/feedback';
import { formatDateTime } from '../../ui/dates';
import { Section } from '../../ui/Page';
import { useEndOtherSessions, useEndSession, useMySessions } from './accounts.api';

/**
 * A device in the reader's language. The server keeps the browser's summary in English
 * ("Firefox on Windows", "A browser on Android", "Unknown browser": `browserSummary`); the product
 * names stay, the words around them are the catalog's. Any other shape is shown as it is.
 */
export function browserWords(summary: string, t: Translate): string {
  if (summary === 'Unknown browser') return t('accounts.sessions.unknownBrowser');
  const some = /^A browser on (.+)$/.exec(summary);
  if (some) return t('accounts.sessions.someBrowserOn', { system: some[1]! });
  const both = /^(.+) on (.+)$/.exec(summary);
  if (both) return t('accounts.sessions.browserOn', { browser: both[1]!, system: both[2]! });
  return summary;
}

/** "Where you are signed in": each live session with its browser and times; end one, or all others. */
export function SessionsSection() {
  const sessions = useMySessions();
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const t = useT();
  const others = (sessions.data ?? []).filter((s) => !s.isCurrent);

  return (
    <Section title={t('accounts.sessions.title')} id="sessions">
      <p>{t('accounts.sessions.intro')}</p>
      {endOthers.isSuccess ? <Notice>{t('accounts.sessions.endedOthers', { count: endOthers.data.ended })}</Notice> : null}
      {endOne.isSuccess ? <Notice>{t('accounts.sessions.endedOne')}</Notice> : null}
      {endOne.error || endOthers.error ? (
        <ErrorAlert error={endOne.error ?? endOthers.error} title={t('accounts.sessions.couldNot')} />
      ) : null}
      {sessions.isPending ? <Loading label={t('accounts.sessions.loading')} /> : null}
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
      {sessions.data && others.length === 0 ? <Empty>{t('accounts.sessions.nowhereElse')}</Empty> : null}
      {others.length > 0 ? (
        <Button
          variant="secondary"
          busy={endOthers.isPending}
          busyLabel={t('accounts.sessions.signingOut')}
          onClick={() => endOthers.mutate()}
        >
          {t('accounts.sessions.everywhereElse')}
        </Button>
      ) : null}
    </Section>
  );
}

function SessionItem({ session: s, busy, onEnd }: { session: SignInSessionView; busy: boolean; onEnd: () => void }) {
  const t = useT();
  const locale = useLocale();
  // The person's own sign-ins belong to no program, so they are read in the device's zone (issue #16).
  const lastActive = formatDateTime(s.lastSeenAt, { locale });
  const browser = browserWords(s.browser, t);
  return (
    <li className="session-list__item">
      <p className="session-list__browser">
        <strong>{browser}</strong> {s.isCurrent ? <Badge tone="good">{t('accounts.sessions.thisDevice')}</Badge> : null}
      </p>
      <p>{t('accounts.sessions.times', { signedIn: formatDateTime(s.createdAt, { locale }), lastActive })}</p>
      {s.isCurrent ? null : (
        <Button variant="secondary" busy={busy} busyLabel={t('accounts.sessions.signingOut')} onClick={onEnd}>
          {t('accounts.signOut')}
          <VisuallyHidden> {t('accounts.sessions.which', { browser, lastActive })}</VisuallyHidden>
        </Button>
      )}
    </li>
  );
}
