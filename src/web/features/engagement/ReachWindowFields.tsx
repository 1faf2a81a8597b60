import type { Weekday } from '../../../core/engagement';
import { optionsOf } from '../../app/vocab';
import { CheckboxGroup, TextField, type FieldMessages } from '../../ui/form';
import { weekdayLabels } from './labels';

/** The days, "not before / not after" and pause of a reach window, as a form holds them ('' = none). */
export interface ReachWindowValues {
  preferredDays: Weekday[];
  notBefore: string;
  notAfter: string;
  contactPausedUntil: string;
}

export function reachWindowValues(v: {
  preferredDays: Weekday[];
  notBefore: string | null;
  notAfter: string | null;
  contactPausedUntil: string | null;
}): ReachWindowValues {
  return {
    preferredDays: v.preferredDays,
    notBefore: v.notBefore ?? '',
    notAfter: v.notAfter ?? '',
    contactPausedUntil: v.contactPausedUntil ?? '',
  };
}

/** The request body's part for the window: empty fields are sent as null. */
export function reachWindowBody(v: ReachWindowValues) {
  return {
    preferredDays: v.preferredDays,
    notBefore: v.notBefore || null,
    notAfter: v.notAfter || null,
    contactPausedUntil: v.contactPausedUntil || null,
  };
}

export const reachWindowFieldLabels = {
  preferredDays: 'Good days',
  notBefore: 'Not before',
  notAfter: 'Not after',
  contactPausedUntil: 'Pause until',
};

/** Days of the week, the earliest and latest time to call, and a pause: shared by participants and coaches. */
export function ReachWindowFields<V extends ReachWindowValues>({
  values,
  onChange,
  errors,
  who,
}: {
  values: V;
  /** The form's setter: `onChange('notBefore')` gives the field's change handler. */
  onChange: <K extends keyof V>(key: K) => (value: V[K]) => void;
  errors: FieldMessages;
  /** "you" on one's own page, "they" for staff. */
  who: 'you' | 'they';
}) {
  const you = who === 'you';
  // The window's fields have exactly the types of ReachWindowValues, which V extends.
  const setter = <K extends keyof ReachWindowValues>(key: K) => onChange(key) as (value: ReachWindowValues[K]) => void;
  return (
    <>
      <CheckboxGroup
        legend={you ? 'Which days suit you?' : 'Which days suit them?'}
        hint="Leave all unticked if any day is fine."
        options={optionsOf(weekdayLabels)}
        values={values.preferredDays}
        onChange={setter('preferredDays')}
        error={errors['preferredDays']}
        columns
      />
      <div className="field-row">
        <TextField
          label="Not before (optional)"
          type="time"
          value={values.notBefore}
          onChange={setter('notBefore')}
          error={errors['notBefore']}
        />
        <TextField
          label="Not after (optional)"
          type="time"
          value={values.notAfter}
          onChange={setter('notAfter')}
          error={errors['notAfter']}
        />
      </div>
      <TextField
        label="Pause contact until (optional)"
        type="date"
        hint={
          you
            ? 'No calls or messages before this date, for example while you are away or unwell. Clear it to end the pause.'
            : 'No contact before this date. Clear it to end the pause.'
        }
        value={values.contactPausedUntil}
        onChange={setter('contactPausedUntil')}
        error={errors['contactPausedUntil']}
      />
    </>
  );
}
