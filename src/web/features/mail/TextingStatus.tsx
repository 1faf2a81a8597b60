import { useProgram } from '../../app/program';
import { formatDateTime } from '../../ui/dates';
import { useTexting } from './mail.api';

/** "texts: opted out" for staff, on the participant's record (ADR 0012). */
export function TextingStatus({ participantId }: { participantId: string }) {
  const program = useProgram();
  const texting = useTexting(program.programId, participantId, program.can('mail:view'));
  if (!texting.data) return <span className="muted">{texting.isError ? 'Not known' : 'Checking…'}</span>;
  return texting.data.optedOut ? (
    <>
      Opted out: they texted STOP{texting.data.optedOutAt ? ` on ${formatDateTime(texting.data.optedOutAt)}` : ''}. Kindred sends
      them no texts.
    </>
  ) : (
    <>May be sent reminders by text</>
  );
}
