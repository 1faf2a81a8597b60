import { useId } from 'react';
import { ScheduleSessionInput } from '../../../core/engagement';
import { zoneWords } from '../../../core/shared/time';
import { useOptionalProgram } from '../../app/program';
import type { Channel } from '../../../core/shared/vocab';
import { RadioGroup, SelectField, TextField, type FieldMessages } from '../../ui/form';

/** A meeting's time and way as a form holds them: a session of a pair, or a research interview. */
export interface MeetingValues {
  date: string;
  time: string;
  durationMinutes: string;
  modality: Channel | '';
  place: string;
}

/** The values of a meeting already booked, or of a new one of `minutes`. */
export function meetingValues(
  booked: { date?: string; time?: string; durationMinutes?: number; modality?: Channel; place?: string | null } | undefined,
  minutes: number,
): MeetingValues {
  return {
    date: booked?.date ?? '',
    time: booked?.time ?? '',
    durationMinutes: String(booked?.durationMinutes ?? minutes),
    modality: booked?.modality ?? '',
    place: booked?.place ?? '',
  };
}

/** The body both scheduling routes take (`ScheduleSessionInput`): the place only for a meeting in person. */
export function meetingBody(v: MeetingValues) {
  return {
    date: v.date,
    time: v.time,
    durationMinutes: Number(v.durationMinutes),
    modality: v.modality as Channel,
    ...(v.modality === 'in_person' ? { place: v.place.trim() } : {}),
  };
}

/** The check of both scheduling forms: the schema the server checks the body with (ADR 0054). */
export const meetingCheck = { schema: ScheduleSessionInput, toBody: meetingBody };

/** The summary's names of the fields. */
export function meetingLabels(placeLabel: string): Record<string, string> {
  return { date: 'Date', time: 'Time', durationMinutes: 'How long', modality: 'How will you meet?', place: placeLabel };
}

/**
 * Date, time (in the program's zone, named when known), length, way of meeting and, in person, the
 * place: the fields "Schedule next session" and "Schedule the interview" share.
 */
export function MeetingFields({
  values: v,
  set,
  fields,
  durations,
  modalities,
  placeLabel,
  timeZone: given,
}: {
  values: MeetingValues;
  set: <K extends keyof MeetingValues>(key: K) => (value: MeetingValues[K]) => void;
  fields: FieldMessages;
  /** Lengths offered, in minutes. */
  durations: readonly number[];
  modalities: { value: Channel; label: string }[];
  placeLabel: string;
  /** The zone the time is in; the program's own when not given. */
  timeZone: string | undefined;
}) {
  const id = useId();
  // Always named (issue #16): a form opened without a zone reads the program's.
  const program = useOptionalProgram();
  const timeZone = given ?? program?.timeZone;
  return (
    <>
      <TextField label="Date" type="date" value={v.date} onChange={set('date')} error={fields['date']} required />
      <TextField
        label="Time"
        type="time"
        value={v.time}
        onChange={set('time')}
        hint={timeZone ? `The program’s time: ${zoneWords(timeZone)}.` : 'The program’s time.'}
        error={fields['time']}
        required
      />
      <SelectField
        label="How long"
        value={v.durationMinutes}
        options={durations.map((d) => ({ value: String(d), label: `${d} minutes` }))}
        onChange={set('durationMinutes')}
      />
      <RadioGroup
        legend="How will you meet?"
        name={`${id}-modality`}
        options={modalities}
        value={v.modality}
        onChange={set('modality')}
        hint={v.modality === 'video' ? 'Kindred adds the link to the program’s video room.' : undefined}
        error={fields['modality']}
      />
      {v.modality === 'in_person' ? (
        <TextField label={placeLabel} value={v.place} onChange={set('place')} maxLength={200} error={fields['place']} />
      ) : null}
    </>
  );
}
