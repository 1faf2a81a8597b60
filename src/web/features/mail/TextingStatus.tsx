import { useProgram } from '../../app/program';
import { useWhen } from '../../app/when';
import { useTexting } from './mail.api';

/** "texts: opted out" for staff, on the participant's record (ADR 0012). */
export function TextingStatus({ participantId }: { participantId: string }) {
  const when = useWhen();
  const program = useProgram();
  const texting = useTexting(program.programId, participantId, program.can('mail:view'));
  if (!texting.data) return <span className="muted">{texting.isError ? 'Not known' : 'Checking…'}</span>;
  return texting.data.optedOut ? (
    <>
      Opted out: they texted STOP{texting.data.optedOutAt ? ` on ${when.dateTime(texting.data.optedOutAt)}` : ''}. Kindred sends
      them no texts.
    </>
  ) : (
    <>May be sent reminders by text</>
  );
}
