import { useParams } from 'react-router';
import {
  ApplicationInput,
  applicationSettingProblems,
  type ApplicationFormView,
  type ServiceBranch,
  type ServiceEra,
} from '../../../core/volunteers';
import type { Weekday } from '../../../core/shared/time';
import { languagesOf, type Channel, type Gender, type PainLocation, type TimeOfDay } from '../../../core/shared/vocab';
import { channelLabels, genderLabels, optionsOf, painLocationLabels, timeOfDayLabels } from '../../app/vocab';
import { Button } from '../../ui/controls';
import { Notice, QueryView } from '../../ui/feedback';
import {
  CheckboxGroup,
  Choice,
  FormActions,
  FormErrors,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  schemaProblems,
  useFormState,
  type FieldMessages,
} from '../../ui/form';
import { Page } from '../../ui/Page';
import { dayLabels, serviceBranchLabels, serviceEraLabels } from './labels';
import { useApplicationForm, useApply, type ApplicationBody } from './volunteers.api';
import './volunteers.css';

interface Values {
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  gender: Gender | '';
  aboutMe: string;
  ownPain: string;
  painLocations: PainLocation[];
  availableDays: Weekday[];
  availableTimes: TimeOfDay[];
  modalities: Channel[];
  serviceBranch: ServiceBranch | '';
  serviceEra: ServiceEra | '';
  birthYear: string;
  town: string;
  languages: string;
  backgroundCheckConsent: boolean;
  /** The honeypot: hidden from people, so only robots fill it. */
  website: string;
}

const initial: Values = {
  givenName: '',
  familyName: '',
  email: '',
  phone: '',
  gender: '',
  aboutMe: '',
  ownPain: '',
  painLocations: [],
  availableDays: [],
  availableTimes: [],
  modalities: [],
  serviceBranch: '',
  serviceEra: '',
  birthYear: '',
  town: '',
  languages: '',
  backgroundCheckConsent: false,
  website: '',
};

const labels: Record<string, string> = {
  givenName: 'First name',
  familyName: 'Last name',
  email: 'E-mail',
  phone: 'Phone',
  gender: 'Gender',
  aboutMe: 'About me',
  ownPain: 'My own pain and how I manage it',
  painLocations: 'Where your pain is',
  availableDays: 'Days',
  availableTimes: 'Times of day',
  modalities: 'Ways to meet',
  serviceBranch: 'Service branch',
  serviceEra: 'Service era',
  birthYear: 'Year of birth',
  town: 'Town',
  languages: 'Languages',
  backgroundCheckConsent: 'Background check',
};

/** The body of POST /applications from the form's answers (text as typed, background only where asked). */
export function applicationBody(
  v: Values,
  form: Pick<ApplicationFormView, 'asksServiceBranch' | 'asksServiceEra'>,
): ApplicationBody {
  return {
    givenName: v.givenName.trim(),
    familyName: v.familyName.trim(),
    email: v.email.trim(),
    phone: v.phone.trim() || null,
    gender: v.gender as Gender,
    aboutMe: v.aboutMe,
    ownPain: v.ownPain,
    painLocations: v.painLocations,
    availableDays: v.availableDays,
    availableTimes: v.availableTimes,
    modalities: v.modalities,
    serviceBranch: form.asksServiceBranch && v.serviceBranch ? v.serviceBranch : null,
    serviceEra: form.asksServiceEra && v.serviceEra ? v.serviceEra : null,
    birthYear: v.birthYear.trim() ? Number(v.birthYear.trim()) : null,
    town: v.town.trim() || null,
    languages: languagesOf(v.languages),
    backgroundCheckConsent: v.backgroundCheckConsent,
    website: v.website,
  };
}

/**
 * What the form checks before sending: the schema the server checks the application with, then the
 * program's own rules, both from core (ADR 0054). The server checks everything again.
 */
export function applicationProblems(
  v: Values,
  form: Pick<ApplicationFormView, 'asksServiceBranch' | 'asksServiceEra' | 'requiresBackgroundCheck'>,
): FieldMessages {
  const body = applicationBody(v, form);
  const out = schemaProblems(ApplicationInput, body);
  for (const p of applicationSettingProblems(body, form)) out[p.field] ??= p.message;
  return out;
}

/**
 * The public page where a veteran offers to coach in a program (no account needed): about me, my
 * own pain, when and how I could coach, the background the program asks about, and consent to a
 * background check where the program requires one. The server confirms by e-mail.
 */
export function ApplyPage() {
  const { programId = '' } = useParams();
  const form = useApplicationForm(programId);
  return (
    <Page title="Volunteer to coach" width="narrow">
      <QueryView query={form} loadingLabel="Loading the application form…">
        {(f) => <ApplicationForm programId={programId} form={f} />}
      </QueryView>
    </Page>
  );
}

function ApplicationForm({ programId, form }: { programId: string; form: ApplicationFormView }) {
  const apply = useApply(programId);
  const send = (v: Values) => apply.mutate(applicationBody(v, form));
  const { values, set, submit, error, fields } = useFormState(initial, (v) => applicationProblems(v, form), send, apply.error);

  if (apply.isSuccess) {
    return (
      <Notice>
        Thank you for offering to coach with {form.programName}. We have your application and have sent you an e-mail to confirm
        it. Someone from the program team will be in touch.
      </Notice>
    );
  }

  return (
    <>
      <div className="page__intro">
        <p>
          <strong>{form.programName}</strong> ({form.site}) pairs veterans who live with chronic pain with a volunteer coach: a
          fellow veteran who manages his or her own pain and keeps in touch, about twice a month for six months, to listen,
          encourage and share what helps.
        </p>
        <p>You do not need an account to apply. Training comes before anyone is matched with you.</p>
      </div>
      <form onSubmit={submit} noValidate aria-label="Application to coach">
        <FormErrors error={error} labels={labels} title="Could not send your application" />
        <TextField
          label="First name"
          maxLength={80}
          value={values.givenName}
          onChange={set('givenName')}
          error={fields['givenName']}
          autoComplete="given-name"
        />
        <TextField
          label="Last name"
          maxLength={80}
          value={values.familyName}
          onChange={set('familyName')}
          error={fields['familyName']}
          autoComplete="family-name"
        />
        <TextField
          label="E-mail"
          type="email"
          value={values.email}
          onChange={set('email')}
          error={fields['email']}
          autoComplete="email"
          hint="We send a confirmation here, and tell you at each step."
        />
        <TextField
          label="Phone (optional)"
          type="tel"
          value={values.phone}
          onChange={set('phone')}
          error={fields['phone']}
          autoComplete="tel"
        />
        <RadioGroup
          legend="Gender"
          name="gender"
          options={optionsOf(genderLabels)}
          value={values.gender}
          onChange={set('gender')}
          error={fields['gender']}
          hint="Participants are usually matched with a coach of the same gender."
          columns
        />
        <TextArea
          label="About me"
          maxLength={2000}
          value={values.aboutMe}
          onChange={set('aboutMe')}
          error={fields['aboutMe']}
          rows={4}
          hint="A few sentences: who you are, and why you would like to coach."
        />
        <TextArea
          label="My own pain and how I manage it"
          maxLength={2000}
          value={values.ownPain}
          onChange={set('ownPain')}
          error={fields['ownPain']}
          rows={4}
          hint="What you live with, and what helps you most."
        />
        <CheckboxGroup
          legend="Where is your pain?"
          options={optionsOf(painLocationLabels)}
          values={values.painLocations}
          onChange={set('painLocations')}
          error={fields['painLocations']}
          columns
        />
        <CheckboxGroup
          legend="Days you could coach"
          options={optionsOf(dayLabels)}
          values={values.availableDays}
          onChange={set('availableDays')}
          error={fields['availableDays']}
          columns
        />
        <CheckboxGroup
          legend="Times of day you could coach"
          options={optionsOf(timeOfDayLabels)}
          values={values.availableTimes}
          onChange={set('availableTimes')}
          error={fields['availableTimes']}
          columns
        />
        <CheckboxGroup
          legend="Ways you could meet"
          options={optionsOf(channelLabels)}
          values={values.modalities}
          onChange={set('modalities')}
          error={fields['modalities']}
          columns
        />
        {form.asksServiceBranch ? (
          <SelectField
            label="Service branch"
            value={values.serviceBranch}
            options={optionsOf(serviceBranchLabels)}
            onChange={set('serviceBranch')}
            placeholder="Choose…"
            error={fields['serviceBranch']}
            hint="Some participants like a coach who served in the same branch."
          />
        ) : null}
        {form.asksServiceEra ? (
          <SelectField
            label="Service era"
            value={values.serviceEra}
            options={optionsOf(serviceEraLabels)}
            onChange={set('serviceEra')}
            placeholder="Choose…"
            error={fields['serviceEra']}
            hint="When most of your service was."
          />
        ) : null}
        <TextField
          label="Year of birth (optional)"
          inputMode="numeric"
          className="field--short"
          value={values.birthYear}
          onChange={set('birthYear')}
          error={fields['birthYear']}
          hint="Some participants like a coach of about their age."
        />
        <TextField
          label="Town (optional)"
          maxLength={80}
          value={values.town}
          onChange={set('town')}
          error={fields['town']}
          hint="For meeting participants nearby in person."
        />
        <TextField
          label="Languages you could coach in (optional)"
          value={values.languages}
          onChange={set('languages')}
          error={fields['languages']}
          hint="Separate with commas, for example: English, Spanish."
        />
        {form.requiresBackgroundCheck ? (
          <fieldset className="field fieldset">
            <legend className="field__label">Background check</legend>
            {fields['backgroundCheckConsent'] ? <p className="field__error">{fields['backgroundCheckConsent']}</p> : null}
            <Choice
              label="I agree to a background check"
              hint="This program checks the background of every coach before training."
              checked={values.backgroundCheckConsent}
              onChange={set('backgroundCheckConsent')}
            />
          </fieldset>
        ) : null}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="application-website">Leave this field empty</label>
          <input
            id="application-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={values.website}
            onChange={(e) => set('website')(e.target.value)}
          />
        </div>
        <FormActions>
          <Button type="submit" busy={apply.isPending} busyLabel="Sending…">
            Send my application
          </Button>
        </FormActions>
      </form>
    </>
  );
}
