import type { Weekday } from '../../../core/engagement';
import { optionsOf } from '../../app/vocab';
import { CheckboxGroup, TextField, type FieldMessages } from '../../ui/form';
import { weekdayLabels } from './labels';
import { englishT, labelsOf, useT, type MessageId, type Translate } from '../../i18n/i18n';

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

export const reachWindowFieldLabels = reachWindowFieldLabelsIn(englishT);

/** The window's field names for an error summary, in a language. */
export function reachWindowFieldLabelsIn(t: Translate) {
  return {
    preferredDays: t('engagement.reach.goodDays'),
    notBefore: t('engagement.reach.notBeforeName'),
    notAfter: t('engagement.reach.notAfterName'),
    contactPausedUntil: t('engagement.reach.pauseName'),
  };
}

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
  const t = useT();
  // Staff read the English words (their pages are not translated yet); the participant reads his or her language.
  const w = (id: MessageId) => (you ? t(id) : englishT(id));
  // The window's fields have exactly the types of ReachWindowValues, which V extends.
  const setter = <K extends keyof ReachWindowValues>(key: K) => onChange(key) as (value: ReachWindowValues[K]) => void;
  return (
    <>
      <CheckboxGroup
        legend={you ? t('engagement.reach.daysYou') : 'Which days suit them?'}
        hint={w('engagement.reach.daysHint')}
        options={optionsOf(you ? labelsOf(t, 'vocab.weekday', weekdayLabels) : weekdayLabels)}
        values={values.preferredDays}
        onChange={setter('preferredDays')}
        error={errors['preferredDays']}
        columns
      />
      <div className="field-row">
        <TextField
          label={w('engagement.reach.notBefore')}
          type="time"
          value={values.notBefore}
          onChange={setter('notBefore')}
          error={errors['notBefore']}
        />
        <TextField
          label={w('engagement.reach.notAfter')}
          type="time"
          value={values.notAfter}
          onChange={setter('notAfter')}
          error={errors['notAfter']}
        />
      </div>
      <TextField
        label={w('engagement.reach.pause')}
        type="date"
        hint={you ? t('engagement.reach.pauseHintYou') : 'No contact before this date. Clear it to end the pause.'}
        value={values.contactPausedUntil}
        onChange={setter('contactPausedUntil')}
        error={errors['contactPausedUntil']}
      />
    </>
  );
}
