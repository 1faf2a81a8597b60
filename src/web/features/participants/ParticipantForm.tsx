import { ParticipantInput, ParticipantUpdate } from '../../../core/participants';
import { useWhen } from '../../app/when';
import { localeNames } from '../../../core/shared/locale';
import { maxLengthOf } from '../../../core/shared/messages';
import { channelLabels, genderLabels, optionsOf, painLocationLabels, timeOfDayLabels } from '../../app/vocab';
import { Button, ButtonLink } from '../../ui/controls';
import {
  CheckboxGroup,
  Choice,
  FormActions,
  FormErrors,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  useSchemaForm,
} from '../../ui/form';
import { serviceBranchLabels, serviceEraLabels } from '../volunteers';
import {
  newParticipantBody,
  participantFieldLabels,
  participantUpdateBody,
  type ParticipantFormValues,
} from './participant-form';

/** Adds or edits a participant: who they are, where it hurts, how to reach them, and consent to share. */
export function ParticipantForm({
  mode,
  initial,
  busy,
  error,
  onSubmit,
  cancelTo,
}: {
  mode: 'create' | 'edit';
  initial: ParticipantFormValues;
  busy: boolean;
  error: unknown;
  onSubmit: (values: ParticipantFormValues) => void;
  cancelTo: string;
}) {
  const when = useWhen();
  // Checked by the schema the server checks the request with (ADR 0054).
  const check =
    mode === 'create'
      ? { schema: ParticipantInput, toBody: newParticipantBody }
      : { schema: ParticipantUpdate, toBody: participantUpdateBody };
  const { values: v, set, submit, error: shown, fields } = useSchemaForm(initial, check, onSubmit, error);

  return (
    <form onSubmit={submit} noValidate>
      <FormErrors error={shown} labels={participantFieldLabels} />
      <fieldset className="fieldset">
        <legend>
          <h2>About them</h2>
        </legend>
        <TextField
          label="Given name"
          value={v.givenName}
          onChange={set('givenName')}
          maxLength={maxLengthOf(ParticipantInput.shape.givenName)}
          error={fields['givenName']}
          autoComplete="off"
          required
        />
        <TextField
          label="Family name"
          value={v.familyName}
          onChange={set('familyName')}
          maxLength={maxLengthOf(ParticipantInput.shape.familyName)}
          error={fields['familyName']}
          autoComplete="off"
          required
        />
        <RadioGroup
          legend="Gender"
          name="gender"
          options={optionsOf(genderLabels)}
          value={v.gender}
          onChange={set('gender')}
          error={fields['gender']}
        />
        <TextField
          label="Year of birth (optional)"
          inputMode="numeric"
          className="field--short"
          value={v.birthYear}
          onChange={set('birthYear')}
          error={fields['birthYear']}
          autoComplete="off"
        />
        <CheckboxGroup
          legend="Where it hurts"
          hint="Choose all that apply."
          columns
          options={optionsOf(painLocationLabels)}
          values={v.painLocations}
          onChange={set('painLocations')}
          error={fields['painLocations']}
        />
        <SelectField
          label="Service branch (optional)"
          hint="For matching with a coach of the same background."
          placeholder="Not recorded"
          options={optionsOf(serviceBranchLabels)}
          value={v.serviceBranch}
          onChange={set('serviceBranch')}
          error={fields['serviceBranch']}
        />
        <SelectField
          label="Service era (optional)"
          placeholder="Not recorded"
          options={optionsOf(serviceEraLabels)}
          value={v.serviceEra}
          onChange={set('serviceEra')}
          error={fields['serviceEra']}
        />
        <TextField
          label="Town (optional)"
          hint="For matching with a coach nearby when meeting in person."
          value={v.town}
          onChange={set('town')}
          maxLength={maxLengthOf(ParticipantInput.shape.town)}
          error={fields['town']}
          autoComplete="off"
        />
        <TextField
          label="Languages (optional)"
          hint="Separate with commas, for example: English, Spanish."
          value={v.languages}
          onChange={set('languages')}
          error={fields['languages']}
          autoComplete="off"
        />
        <SelectField
          label="Language for Kindred"
          hint="The pages, messages and handouts the participant sees."
          options={optionsOf(localeNames)}
          value={v.locale}
          onChange={set('locale')}
          error={fields['locale']}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>
          <h2>How to reach them</h2>
        </legend>
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
        <SelectField
          label="Best way to reach them"
          value={v.preferredChannel}
          options={optionsOf(channelLabels)}
          onChange={set('preferredChannel')}
          error={fields['preferredChannel']}
        />
        <SelectField
          label="How they would like to meet"
          value={v.preferredModality}
          options={optionsOf(channelLabels)}
          onChange={set('preferredModality')}
          error={fields['preferredModality']}
        />
        <CheckboxGroup
          legend="Best times to reach them"
          options={optionsOf(timeOfDayLabels)}
          values={v.preferredTimes}
          onChange={set('preferredTimes')}
          error={fields['preferredTimes']}
        />
        <TextArea
          label="Notes about reaching them (optional)"
          value={v.contactNotes}
          onChange={set('contactNotes')}
          error={fields['contactNotes']}
          maxLength={500}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>
          <h2>Consent and matching</h2>
        </legend>
        <Choice
          label="They allow us to share their phone number and e-mail with a coach"
          hint="Needed before pairing with a coach."
          checked={v.canShareContact}
          onChange={set('canShareContact')}
        />
        <Choice label="A coach of the same gender matters to them" checked={v.genderMatters} onChange={set('genderMatters')} />
      </fieldset>
      {mode === 'create' ? (
        <fieldset className="fieldset">
          <legend>
            <h2>Referral</h2>
          </legend>
          <TextField
            label="Referred on"
            type="date"
            className="field--short"
            value={v.referredOn}
            max={when.today()}
            onChange={set('referredOn')}
            error={fields['referredOn']}
            required
          />
          <RadioGroup
            legend="Status"
            name="status"
            options={[
              { value: 'referred', label: 'Referred', hint: 'Not yet enrolled.' },
              { value: 'enrolled', label: 'Enrolled', hint: 'Has agreed to take part; can be paired with a coach.' },
            ]}
            value={v.status}
            onChange={set('status')}
          />
        </fieldset>
      ) : null}
      <FormActions>
        <Button type="submit" busy={busy} busyLabel="Saving…">
          {mode === 'create' ? 'Add participant' : 'Save changes'}
        </Button>
        <ButtonLink to={cancelTo} variant="secondary">
          Cancel
        </ButtonLink>
      </FormActions>
    </form>
  );
}
