import { SchedulingSettings } from '../../../core/engagement';
import { useProgram } from '../../app/program';
import { Button } from '../../ui/controls';
import { Notice, QueryView } from '../../ui/feedback';
import { Choice, FormActions, FormErrors, SelectField, TextField, useSchemaForm } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useSchedulingSettings, useUpdateSchedulingSettings } from './engagement.api';

const leadOptions = ['2', '4', '12', '24', '48', '72'].map((h) => ({
  value: h,
  label: Number(h) % 24 === 0 ? `${Number(h) / 24} day${h === '24' ? '' : 's'} before` : `${h} hours before`,
}));

interface Values {
  videoRoomTemplate: string;
  reminderLeadHours: string;
  textReminders: boolean;
}

/** The body of PUT …/scheduling-settings: an empty address is sent as none. */
export function schedulingSettingsBody(v: Values): SchedulingSettings {
  return {
    videoRoomTemplate: v.videoRoomTemplate.trim() || null,
    reminderLeadHours: Number(v.reminderLeadHours),
    textReminders: v.textReminders,
  };
}

/** Checked by the schema the server checks the request with (ADR 0054): the address's rules live in core. */
const check = { schema: SchedulingSettings, toBody: schedulingSettingsBody };

/** Staff set the program's video room and when reminders go (ADR 0013). */
export function SchedulingSettingsPage() {
  const program = useProgram();
  const settings = useSchedulingSettings(program.programId);
  return (
    <Page
      title="Scheduling settings"
      width="narrow"
      intro={<p>How Kindred builds video links for sessions, and when both people get a reminder.</p>}
    >
      <QueryView query={settings}>{(s) => <SettingsForm settings={s} />}</QueryView>
    </Page>
  );
}

function SettingsForm({ settings }: { settings: SchedulingSettings }) {
  const program = useProgram();
  const save = useUpdateSchedulingSettings(program.programId);
  const form = useSchemaForm<Values>(
    {
      videoRoomTemplate: settings.videoRoomTemplate ?? '',
      reminderLeadHours: String(settings.reminderLeadHours),
      textReminders: settings.textReminders,
    },
    check,
    (v) => save.mutate(schedulingSettingsBody(v)),
    save.error,
  );
  const options = leadOptions.some((o) => o.value === form.values.reminderLeadHours)
    ? leadOptions
    : [...leadOptions, { value: form.values.reminderLeadHours, label: `${form.values.reminderLeadHours} hours before` }];
  return (
    <form onSubmit={form.submit} noValidate>
      {save.isSuccess ? <Notice>Scheduling settings saved.</Notice> : null}
      <FormErrors
        error={form.error}
        labels={{ videoRoomTemplate: 'Video room address', reminderLeadHours: 'Reminder', textReminders: 'Text reminders' }}
      />
      <TextField
        label="Video room address (optional)"
        value={form.values.videoRoomTemplate}
        onChange={form.set('videoRoomTemplate')}
        hint="An https:// address with {pairing} (one room per pair) or {session} (one room per session), e.g. https://meet.example.org/kindred-{pairing}. Leave empty if coaches send their own links."
        error={form.fields['videoRoomTemplate']}
        maxLength={300}
        inputMode="url"
      />
      <SelectField
        label="Reminder"
        value={form.values.reminderLeadHours}
        options={options}
        onChange={form.set('reminderLeadHours')}
        hint="By e-mail, at the same time of day on the program’s clock."
      />
      <Choice
        type="checkbox"
        label="Also send reminders by text message to people who prefer texts"
        checked={form.values.textReminders}
        onChange={form.set('textReminders')}
      />
      <FormActions>
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save settings
        </Button>
      </FormActions>
    </form>
  );
}
