import { useProgram } from '../../app/program';
import { Button } from '../../ui/controls';
import { Notice, QueryView } from '../../ui/feedback';
import { ProgramUpdate } from '../../../core/programs';
import { FormActions, FormErrors, SelectField, TextField, useSchemaForm } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { useProgramDetail, useUpdateProgram, type ProgramSettingsBody, type ProgramView } from './programs.api';

/** The US zones a program runs on, in the words people use for them. */
export const US_TIME_ZONES: readonly { value: string; label: string }[] = [
  { value: 'America/New_York', label: 'Eastern time' },
  { value: 'America/Chicago', label: 'Central time' },
  { value: 'America/Denver', label: 'Mountain time' },
  { value: 'America/Phoenix', label: 'Arizona' },
  { value: 'America/Los_Angeles', label: 'Pacific time' },
  { value: 'America/Anchorage', label: 'Alaska' },
  { value: 'Pacific/Honolulu', label: 'Hawaii' },
];

/** A zone in words: its US name, else the browser's long name for it ("Central European Time"). */
export function zoneInWords(timeZone: string): string {
  const us = US_TIME_ZONES.find((z) => z.value === timeZone);
  if (us) return us.label;
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    if (part && !part.value.includes('/')) return part.value;
  } catch {
    // An unknown zone falls through to the plain words below.
  }
  return 'The program’s current time zone';
}

interface Values {
  cadenceDays: string;
  lengthDays: string;
  timeZone: string;
  firstContactDays: string;
  reminderDays: string;
  checkInGraceDays: string;
  decisionGraceDays: string;
}

const labels = {
  cadenceDays: 'Days between contacts',
  lengthDays: 'Program length in days',
  timeZone: 'Time zone',
  firstContactDays: 'Days to make the first contact',
  reminderDays: 'Send the coach a reminder after this many quiet days',
  checkInGraceDays: 'Staff call the pair this many days after a missed contact',
  decisionGraceDays: 'Staff decide what happens next this many days after a missed contact',
  ladder: 'When a pair goes quiet',
} as const;

type DayField = Exclude<keyof Values, 'timeZone'>;

const wholeNumber = (s: string): number | null => (/^\d{1,4}$/.test(s.trim()) ? Number(s.trim()) : null);
/** A number as typed: the number when it is one, else the text, which the schema refuses in its words. */
const days = (s: string): number | string => wholeNumber(s) ?? s;

/** The body of PATCH /programs/:id for the settings form (the ladder nested, as the server takes it). */
export function settingsBody(v: Values) {
  return {
    cadenceDays: days(v.cadenceDays),
    lengthDays: days(v.lengthDays),
    timeZone: v.timeZone,
    ladder: {
      firstContactDays: days(v.firstContactDays),
      reminderDays: days(v.reminderDays),
      checkInGraceDays: days(v.checkInGraceDays),
      decisionGraceDays: days(v.decisionGraceDays),
    },
  };
}

/** The form field a schema path is about: the ladder's fields sit at the top of the form. */
const fieldOf = (path: string): string => (path.startsWith('ladder.') ? path.slice('ladder.'.length) : path.split('.')[0]!);

/**
 * Checked by the schema the server checks the request with (ADR 0054): the limits and the ladder's
 * order are written once, in core.
 */
const check = { schema: ProgramUpdate, toBody: settingsBody, keyOf: fieldOf };

const weeksAbout = (days: string): string => {
  const n = wholeNumber(days);
  if (n === null || n < 7) return '';
  const weeks = Math.round(n / 7);
  const months = Math.round(n / 30.4);
  return ` That is about ${weeks} week${weeks === 1 ? '' : 's'}${months >= 2 ? ` (${months} months)` : ''}.`;
};

/** Staff set how often pairs talk, how long the program runs, its clock and the ladder (issue #16). */
export function ProgramSettingsPage() {
  const program = useProgram();
  const detail = useProgramDetail(program.programId);
  return (
    <Page
      title="Program settings"
      width="narrow"
      intro={<p>How often pairs talk, how long the program runs, its clock, and what happens when a pair goes quiet.</p>}
    >
      <QueryView query={detail}>{(p) => <SettingsForm program={p} />}</QueryView>
    </Page>
  );
}

function SettingsForm({ program: p }: { program: ProgramView }) {
  const program = useProgram();
  const save = useUpdateProgram(program.programId);
  const form = useSchemaForm<Values>(
    {
      cadenceDays: String(p.cadenceDays),
      lengthDays: String(p.lengthDays),
      timeZone: p.timeZone,
      firstContactDays: String(p.ladder.firstContactDays),
      reminderDays: String(p.ladder.reminderDays),
      checkInGraceDays: String(p.ladder.checkInGraceDays),
      decisionGraceDays: String(p.ladder.decisionGraceDays),
    },
    check,
    // Sent only once the schema accepts it, so every number is a number.
    (v) => save.mutate(settingsBody(v) as ProgramSettingsBody),
    save.error,
  );
  const zones = US_TIME_ZONES.some((z) => z.value === p.timeZone)
    ? US_TIME_ZONES
    : [...US_TIME_ZONES, { value: p.timeZone, label: zoneInWords(p.timeZone) }];
  const number = (key: DayField, hint: string) => (
    <TextField
      label={labels[key]}
      value={form.values[key]}
      onChange={form.set(key)}
      hint={hint}
      error={form.fields[key]}
      inputMode="numeric"
      autoComplete="off"
      className="input--short"
    />
  );
  return (
    <form onSubmit={form.submit} noValidate>
      {save.isSuccess ? <Notice>Program settings saved.</Notice> : null}
      <FormErrors error={form.error} labels={labels} />
      {number('cadenceDays', 'How often each coach and participant should talk. The program’s protocol uses 14 days.')}
      {number('lengthDays', `How long each participant is coached, from the first pairing.${weeksAbout(form.values.lengthDays)}`)}
      <SelectField
        label={labels.timeZone}
        value={form.values.timeZone}
        options={zones}
        onChange={form.set('timeZone')}
        hint="The clock for due dates, call times and reminders."
        error={form.fields['timeZone']}
      />
      <Section title="When a pair goes quiet" id="program-ladder">
        <p>Kindred counts the days without a talk and takes these steps, in this order.</p>
        {number('firstContactDays', 'After a new pairing, the coach should make the first call within this many days.')}
        {number('reminderDays', 'If a new pair has not talked by then, Kindred reminds the coach.')}
        {number(
          'checkInGraceDays',
          `Counted from the day a contact was due (every ${form.values.cadenceDays || '…'} days): staff call to check in.`,
        )}
        {number('decisionGraceDays', 'If the pair still has not talked, staff decide: pair again, pause or withdraw.')}
      </Section>
      <FormActions>
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save program settings
        </Button>
      </FormActions>
    </form>
  );
}
