import { useProgram } from '../../app/program';
import { useWhen } from '../../app/when';
import { Badge, Button, DetailList, VisuallyHidden } from '../../ui/controls';
import { Disclosure } from '../../ui/Disclosure';
import { Empty, ErrorAlert, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { useMail, useResendMail, type MailState, type MailView } from './mail.api';

const stateLabels = {
  queued: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Could not send',
  unknown: 'May not have arrived',
  captured: 'Kept here (demo)',
  suppressed: 'Not sent: opted out of texts',
} as const satisfies Record<MailState, string>;

const stateTones = {
  queued: 'info',
  sending: 'info',
  sent: 'good',
  failed: 'bad',
  unknown: 'warning',
  captured: 'neutral',
  suppressed: 'neutral',
} as const satisfies Record<MailState, 'info' | 'good' | 'warning' | 'bad' | 'neutral'>;

const titleOf = (m: MailView) => (m.channel === 'sms' ? 'Text message' : m.subject);

/**
 * The program's outgoing e-mail and text messages with their delivery state (ADR 0012). In the demo
 * nothing leaves the server: messages are kept and shown here.
 */
export function MailPage() {
  const when = useWhen();
  const program = useProgram();
  const mail = useMail(program.programId);
  return (
    <Page
      title="Outgoing mail and texts"
      intro={<p>The e-mails and text messages Kindred sent, or tried to send, for this program, newest first.</p>}
    >
      <QueryView query={mail} loadingLabel="Loading mail…">
        {(list) =>
          list.length === 0 ? (
            <Empty>No mail or texts yet.</Empty>
          ) : (
            <>
              <ul className="cards">
                {list.map((m) => (
                  <li key={m.id} className="card">
                    <h2 className="card__title">{titleOf(m)}</h2>
                    <p className="card__meta">
                      {m.channel === 'sms' ? 'Text' : 'E-mail'} to {m.to} · {when.dateTime(m.createdAt)} ·{' '}
                      <Badge tone={stateTones[m.state]}>{stateLabels[m.state]}</Badge>
                    </p>
                    <Delivery message={m} />
                    {m.text ? (
                      <Disclosure
                        label={
                          <>
                            Show the message
                            <VisuallyHidden>
                              {' '}
                              “{titleOf(m)}” to {m.to}
                            </VisuallyHidden>
                          </>
                        }
                      >
                        <pre className="mail-text">
                          <Linked text={m.text} />
                        </pre>
                      </Disclosure>
                    ) : null}
                  </li>
                ))}
              </ul>
              {mail.hasNextPage ? (
                <Button
                  variant="secondary"
                  busy={mail.isFetchingNextPage}
                  busyLabel="Loading more…"
                  onClick={() => void mail.fetchNextPage()}
                >
                  Show more
                </Button>
              ) : null}
              {mail.isFetchNextPageError ? <ErrorAlert error={mail.error} title="Could not load more" /> : null}
            </>
          )
        }
      </QueryView>
    </Page>
  );
}

/** Attempts, the next try and the last error code; and "send again" where a person must decide. */
function Delivery({ message: m }: { message: MailView }) {
  const when = useWhen();
  const program = useProgram();
  const resend = useResendMail(program.programId);
  const items: [string, string][] = [];
  if (m.attempts > 0) items.push(['Attempts', String(m.attempts)]);
  if (m.nextAttemptAt) items.push(['Next attempt', when.dateTime(m.nextAttemptAt)]);
  if (m.sentAt) items.push(['Sent', when.dateTime(m.sentAt)]);
  if (m.lastError) items.push(['Last error code', m.lastError]);
  const canResend = (m.state === 'unknown' || m.state === 'failed') && program.can('mail:resend');
  return (
    <>
      {items.length ? <DetailList items={items} /> : null}
      {m.state === 'unknown' ? (
        <p>Sending was interrupted: it may or may not have arrived. Kindred will not send it again by itself.</p>
      ) : null}
      {canResend ? (
        <>
          <Button variant="secondary" busy={resend.isPending} busyLabel="Sending again…" onClick={() => resend.mutate(m.id)}>
            Send again
            <VisuallyHidden>
              {' '}
              “{titleOf(m)}” to {m.to}
            </VisuallyHidden>
          </Button>
          {resend.isError ? <ErrorAlert error={resend.error} title="Could not send it again" /> : null}
        </>
      ) : null}
    </>
  );
}

/** Plain text with its http(s) links made clickable (so demo invitations can be opened). */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
