import { channelLabels, genderLabels, optionsOf, painLocationLabels } from '../../app/vocab';
import { Button, ButtonLink } from '../../ui/controls';
import { CoachInput, CoachUpdate } from '../../../core/coaches';
import { CheckboxGroup, FormActions, FormErrors, RadioGroup, TextField, useSchemaForm } from '../../ui/form';
import { coachBody, coachFieldLabels, type CoachFormValues } from './coach-form';
import { coachStatusLabels } from './coaches.api';

/** Adds or edits a volunteer coach: who, their own pain (for matching), how they meet, and their caseload. */
export function CoachForm({
  mode,
  initial,
  busy,
  error,
  onSubmit,
  cancelTo,
}: {
  mode: 'create' | 'edit';
  initial: CoachFormValues;
  busy: boolean;
  error: unknown;
  onSubmit: (values: CoachFormValues) => void;
  cancelTo: string;
}) {
  // Checked by the schema the server checks the request with (ADR 0054).
  const check = { schema: mode === 'create' ? CoachInput : CoachUpdate, toBody: coachBody };
  const { values: v, set, submit, error: shown, fields } = useSchemaForm(initial, check, onSubmit, error);

  return (
    <form onSubmit={submit} noValidate>
      <FormErrors error={shown} labels={coachFieldLabels} />
      <TextField
        label="Given name"
        maxLength={80}
        value={v.givenName}
        onChange={set('givenName')}
        error={fields['givenName']}
        autoComplete="off"
        required
      />
      <TextField
        label="Family name"
        maxLength={80}
        value={v.familyName}
        onChange={set('familyName')}
        error={fields['familyName']}
        autoComplete="off"
        required
      />
      <RadioGroup
        legend="Gender"
        name="coach-gender"
        options={optionsOf(genderLabels)}
        value={v.gender}
        onChange={set('gender')}
        error={fields['gender']}
      />
      <CheckboxGroup
        legend="Their own pain"
        hint="Helps to match them with participants who hurt in the same places."
        columns
        options={optionsOf(painLocationLabels)}
        values={v.painLocations}
        onChange={set('painLocations')}
        error={fields['painLocations']}
      />
      <CheckboxGroup
        legend="Ways they can meet"
        options={optionsOf(channelLabels)}
        values={v.modalities}
        onChange={set('modalities')}
        error={fields['modalities']}
      />
      <TextField
        label="Phone (optional)"
        type="tel"
        value={v.phone}
        onChange={set('phone')}
        error={fields['phone']}
        autoComplete="off"
      />
      <TextField
        label="E-mail (optional)"
        type="email"
        value={v.email}
        onChange={set('email')}
        error={fields['email']}
        autoComplete="off"
      />
      <TextField
        label="Year of birth (optional)"
        hint="For matching people of about the same age."
        inputMode="numeric"
        className="field--short"
        value={v.birthYear}
        onChange={set('birthYear')}
        error={fields['birthYear']}
      />
      <TextField
        label="Town (optional)"
        maxLength={80}
        hint="For matching pairs who meet in person."
        value={v.town}
        onChange={set('town')}
        error={fields['town']}
      />
      <TextField
        label="Languages (optional)"
        hint="Separate with commas, for example: English, Spanish."
        value={v.languages}
        onChange={set('languages')}
        error={fields['languages']}
      />
      <TextField
        label="Caseload"
        hint="How many participants they choose to coach at once (1 to 20)."
        type="number"
        min={1}
        max={20}
        className="field--short"
        value={v.caseload}
        onChange={set('caseload')}
        error={fields['caseload']}
      />
      <RadioGroup
        legend="Status"
        name="coach-status"
        options={[
          { value: 'active', label: coachStatusLabels.active, hint: 'Can take new participants.' },
          { value: 'paused', label: coachStatusLabels.paused, hint: 'Taking a break; no new participants.' },
          { value: 'retired', label: coachStatusLabels.retired, hint: 'No longer coaching.' },
        ]}
        value={v.status}
        onChange={set('status')}
        error={fields['status']}
      />
      <FormActions>
        <Button type="submit" busy={busy} busyLabel="Saving…">
          {mode === 'create' ? 'Add coach' : 'Save changes'}
        </Button>
        <ButtonLink to={cancelTo} variant="secondary">
          Cancel
        </ButtonLink>
      </FormActions>
    </form>
  );
}
