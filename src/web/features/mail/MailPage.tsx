import { useProgram } from '../../app/program';
import { Badge } from '../../ui/controls';
import { Disclosure } from '../../ui/Disclosure';
import { formatDateTime } from '../../ui/dates';
import { Empty, QueryView } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { useMail, type MailState } from './mail.api';

const stateLabels = {
  queued: 'Waiting to send',
  sent: 'Sent',
  failed: 'Could not send',
  captured: 'Kept here (demo)',
} as const satisfies Record<MailState, string>;

const stateTones = { queued: 'info', sent: 'good', failed: 'bad', captured: 'neutral' } as const satisfies Record<
  MailState,
  'info' | 'good' | 'bad' | 'neutral'
>;

/** The program's outgoing mail. In the demo nothing leaves the server: mail is kept and shown here. */
export function MailPage() {
  const program = useProgram();
  const mail = useMail(program.programId);
  return (
    <Page title="Outgoing mail" intro={<p>The latest 100 messages Kindred sent, or tried to send, for this program.</p>}>
      <QueryView query={mail} loadingLabel="Loading mail…">
        {(list) =>
          list.length === 0 ? (
            <Empty>No mail yet.</Empty>
          ) : (
            <ul className="cards">
              {list.map((m) => (
                <li key={m.id} className="card">
                  <h2 className="card__title">{m.subject}</h2>
                  <p className="card__meta">
                    To {m.to} · {formatDateTime(m.createdAt)} · <Badge tone={stateTones[m.state]}>{stateLabels[m.state]}</Badge>
                  </p>
                  {m.text ? (
                    <Disclosure
                      label={
                        <>
                          Show the message
                          <span className="visually-hidden">
                            {' '}
                            “{m.subject}” to {m.to}
                          </span>
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
          )
        }
      </QueryView>
    </Page>
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
