import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { MatchingSettings } from '../../../core/matching';
import { useProgram } from '../../app/program';
import { Button, ButtonLink } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { Choice, FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { useMatchingSettings, useSaveMatchingSettings } from './matching.api';

type Weights = MatchingSettings['weights'];
type Rules = MatchingSettings['rules'];

const ruleLabels: Record<keyof Rules, { label: string; hint: string }> = {
  sameGender: {
    label: 'Same gender',
    hint: 'Unless the participant said it does not matter. A pair across genders needs a recorded reason.',
  },
  modality: { label: 'A way of meeting both use', hint: 'Phone, video, in person or text.' },
  times: { label: 'Times of day that overlap', hint: 'When both have said.' },
  trainedCoach: { label: 'Trained coaches only', hint: 'Training and the signed agreement. Pairing still requires it.' },
};

const weightLabels: Record<keyof Weights, { label: string; hint: string }> = {
  painLocations: { label: 'Shared pain location', hint: 'ECLIPSE matched on pain location where it could.' },
  background: { label: 'Same service branch, and same era (each)', hint: 'Counted once for the branch and once for the era.' },
  ageBand: { label: 'Close in age', hint: 'Born within the age band below.' },
  sameTown: { label: 'Same town, for pairs meeting in person', hint: '' },
  language: { label: 'A language in common', hint: '' },
};

const asInt = (s: string): number | null => (/^\d{1,3}$/.test(s.trim()) ? Number(s.trim()) : null);

/** Matching settings (/matching/settings): the program's hard rules and the weight of each preference. */
export function MatchingSettingsPage() {
  const program = useProgram();
  const settings = useMatchingSettings(program.programId);
  return (
    <Page
      title="Matching settings"
      width="narrow"
      intro={
        <p>
          Hard rules must hold for every proposed pair. Preferences add points to a pair’s match quality: Kindred first pairs as
          many waiting participants as it can, then picks the pairs with the most points in total. A weight of 0 switches a
          preference off.
        </p>
      }
    >
      <QueryView query={settings}>{(s) => <SettingsForm initial={s} />}</QueryView>
    </Page>
  );
}

/** The form's field a server message is about (`weights.language` → language). */
function formKeyOf(path: string): string {
  return path.replace(/^(weights|rules)\./, '');
}

function SettingsForm({ initial }: { initial: MatchingSettings }) {
  const program = useProgram();
  const navigate = useNavigate();
  const save = useSaveMatchingSettings(program.programId);
  const [rules, setRules] = useState<Rules>(initial.rules);
  const [weights, setWeights] = useState<Record<keyof Weights, string>>(
    Object.fromEntries(Object.entries(initial.weights).map(([k, v]) => [k, String(v)])) as Record<keyof Weights, string>,
  );
  const [band, setBand] = useState(String(initial.ageBandYears));
  const [local, setLocal] = useState<{ message: string; fields: { path: string; message: string }[] } | null>(null);
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(save.error, formKeyOf);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields: { path: string; message: string }[] = [];
    const parsed = {} as Weights;
    for (const key of Object.keys(weightLabels) as (keyof Weights)[]) {
      const n = asInt(weights[key]);
      if (n === null || n > 100) fields.push({ path: key, message: 'Use a whole number from 0 to 100' });
      else parsed[key] = n;
    }
    const years = asInt(band);
    if (years === null || years < 1 || years > 40)
      fields.push({ path: 'ageBandYears', message: 'Use a whole number of years from 1 to 40' });
    if (fields.length > 0) {
      setLocal({ message: 'Some answers need attention.', fields });
      return;
    }
    setLocal(null);
    save.mutate(
      { rules, weights: parsed, ageBandYears: years! },
      { onSuccess: () => void navigate(program.to('matching'), { state: { notice: 'Matching settings saved.' } }) },
    );
  };
  const labels = {
    ...Object.fromEntries(Object.entries(weightLabels).map(([k, v]) => [k, v.label])),
    ageBandYears: 'Age band',
    body: 'Settings',
  };
  const serverFields = (server.error as { fields?: { path: string; message: string }[] } | null)?.fields ?? [];
  const fieldError = (key: string) =>
    local ? local.fields.find((f) => f.path === key)?.message : serverFields.find((f) => formKeyOf(f.path) === key)?.message;
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors error={local ?? server.error} labels={labels} />
      <Section title="Hard rules" id="settings-rules">
        <p className="muted">The coach must always be active and have a place left.</p>
        {(Object.keys(ruleLabels) as (keyof Rules)[]).map((key) => (
          <Choice
            key={key}
            label={ruleLabels[key].label}
            hint={ruleLabels[key].hint}
            checked={rules[key]}
            onChange={(on) => {
              server.edited(key);
              setRules((r) => ({ ...r, [key]: on }));
            }}
          />
        ))}
      </Section>
      <Section title="Preferences (points)" id="settings-weights">
        {(Object.keys(weightLabels) as (keyof Weights)[]).map((key) => (
          <TextField
            key={key}
            label={weightLabels[key].label}
            hint={weightLabels[key].hint || undefined}
            inputMode="numeric"
            value={weights[key]}
            onChange={(v) => {
              server.edited(key);
              setWeights((w) => ({ ...w, [key]: v }));
            }}
            error={fieldError(key)}
          />
        ))}
        <TextField
          label="Age band (years)"
          hint="Two people born this many years apart or less count as close in age."
          inputMode="numeric"
          value={band}
          onChange={(v) => {
            server.edited('ageBandYears');
            setBand(v);
          }}
          error={fieldError('ageBandYears')}
        />
      </Section>
      <FormActions>
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save settings
        </Button>
        <ButtonLink variant="quiet" to={program.to('matching')}>
          Cancel
        </ButtonLink>
      </FormActions>
    </form>
  );
}
