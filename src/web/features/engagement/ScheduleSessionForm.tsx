import type { ScheduledSessionView } from '../../../core/engagement';
import { useProgram } from '../../app/program';
import { channelLabels, optionsOf } from '../../app/vocab';
import { Button } from '../../ui/controls';
import { FormActions, FormErrors, useSchemaForm } from '../../ui/form';
import { MeetingFields, meetingBody, meetingCheck, meetingLabels, meetingValues, type MeetingValues } from './MeetingFields';
import { useRescheduleSession, useScheduleSession, type ScheduleSessionBody } from './engagement.api';

const durations = [15, 20, 30, 45, 60, 90] as const;

/** "Text check-in" reads better than "Text messages" for a session. */
const modalities = optionsOf({ ...channelLabels, text: 'Text check-in' });

/**
 * "Schedule next session": the day, time, length and way of meeting the pair agreed; a place for a
 * meeting in person. The video link comes from the program's video room. Both people get a calendar
 * invitation by e-mail. With `session`, moves that session instead. Reused by the session guide.
 */
export function ScheduleSessionForm({
  pairingId,
  onDone,
  session,
  timeZone,
}: {
  pairingId: string;
  onDone: (session: ScheduledSessionView) => void;
  /** The session to move, if any. */
  session?: ScheduledSessionView;
  /** The program's zone, named in the hint when known. */
  timeZone?: string;
}) {
  const program = useProgram();
  const create = useScheduleSession(program.programId, pairingId);
  const move = useRescheduleSession(program.programId, session?.id ?? '');
  const mutation = session ? move : create;
  const form = useSchemaForm<MeetingValues>(
    meetingValues(session, 30),
    meetingCheck,
    (v) => mutation.mutate(meetingBody(v) satisfies ScheduleSessionBody, { onSuccess: (s) => onDone(s) }),
    mutation.error,
  );
  return (
    <form onSubmit={form.submit} noValidate aria-label={session ? 'Move the session' : 'Schedule the next session'}>
      <FormErrors error={form.error} labels={meetingLabels('Where will you meet?')} />
      <MeetingFields
        values={form.values}
        set={form.set}
        fields={form.fields}
        durations={durations}
        modalities={modalities}
        placeLabel="Where will you meet?"
        timeZone={timeZone ?? session?.timeZone}
      />
      <FormActions>
        <Button type="submit" busy={mutation.isPending} busyLabel="Saving…">
          {session ? 'Move session' : 'Schedule session'}
        </Button>
      </FormActions>
    </form>
  );
}
