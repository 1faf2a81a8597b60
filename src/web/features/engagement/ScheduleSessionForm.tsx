import { useId } from 'react';
import type { ScheduledSessionView } from '../../../core/engagement';
import type { Channel } from '../../../core/shared/vocab';
import { zoneWords } from '../../../core/shared/time';
import { useProgram } from '../../app/program';
import { channelLabels, optionsOf } from '../../app/vocab';
import { Button } from '../../ui/controls';
import { FormActions, FormErrors, RadioGroup, SelectField, TextField, useFormState, type FieldMessages } from '../../ui/form';
import { useRescheduleSession, useScheduleSession, type ScheduleSessionBody } from './engagement.api';

interface Values {
  date: string;
  time: string;
  durationMinutes: string;
  modality: Channel | '';
  place: string;
}

const durations = ['15', '20', '30', '45', '60', '90'] as const;
const durationOptions = durations.map((d) => ({ value: d, label: `${d} minutes` }));

/** "Text check-in" reads better than "Text messages" for a session. */
const modalityOptions = optionsOf({ ...channelLabels, text: 'Text check-in' });

function validate(v: Values): FieldMessages {
  const out: FieldMessages = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) out['date'] = 'Choose the day';
  if (!/^\d{2}:\d{2}$/.test(v.time)) out['time'] = 'Choose the time';
  if (!v.modality) out['modality'] = 'Choose how you will meet';
  if (v.modality === 'in_person' && v.place.trim() === '') out['place'] = 'Say where you will meet';
  return out;
}

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
  const formId = useId();
  const form = useFormState<Values>(
    {
      date: session?.date ?? '',
      time: session?.time ?? '',
      durationMinutes: String(session?.durationMinutes ?? 30),
      modality: session?.modality ?? '',
      place: session?.place ?? '',
    },
    validate,
    (v) => {
      const body: ScheduleSessionBody = {
        date: v.date,
        time: v.time,
        durationMinutes: Number(v.durationMinutes),
        modality: v.modality as Channel,
        ...(v.modality === 'in_person' ? { place: v.place.trim() } : {}),
      };
      mutation.mutate(body, { onSuccess: (s) => onDone(s) });
    },
    mutation.error,
  );
  const { values: v, set, fields } = form;
  const zone = timeZone ?? session?.timeZone;
  return (
    <form onSubmit={form.submit} noValidate aria-label={session ? 'Move the session' : 'Schedule the next session'}>
      <FormErrors
        error={form.error}
        labels={{
          date: 'Date',
          time: 'Time',
          durationMinutes: 'How long',
          modality: 'How will you meet?',
          place: 'Where will you meet?',
        }}
      />
      <TextField label="Date" type="date" value={v.date} onChange={set('date')} error={fields['date']} required />
      <TextField
        label="Time"
        type="time"
        value={v.time}
        onChange={set('time')}
        hint={zone ? `The program’s time: ${zoneWords(zone)}.` : 'The program’s time.'}
        error={fields['time']}
        required
      />
      <SelectField label="How long" value={v.durationMinutes} options={durationOptions} onChange={set('durationMinutes')} />
      <RadioGroup
        legend="How will you meet?"
        name={`${formId}-modality`}
        options={modalityOptions}
        value={v.modality}
        onChange={set('modality')}
        hint={v.modality === 'video' ? 'Kindred adds the link to the program’s video room.' : undefined}
        error={fields['modality']}
      />
      {v.modality === 'in_person' ? (
        <TextField label="Where will you meet?" value={v.place} onChange={set('place')} maxLength={200} error={fields['place']} />
      ) : null}
      <FormActions>
        <Button type="submit" busy={mutation.isPending} busyLabel="Saving…">
          {session ? 'Move session' : 'Schedule session'}
        </Button>
      </FormActions>
    </form>
  );
}
