import { useState, type FormEvent } from 'react';
import { CrisisInfo, DEFAULT_CRISIS_INFO, type SafetySettings } from '../../../core/safety';
import { useProgram } from '../../app/program';
import { Button, ButtonLink } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, TextArea, TextField, useServerRefusal } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { useSafetySettings, useSaveSafetySettings } from './safety.api';

/** The limits the settings' schema sets on its free-text fields, shown in the form (issue #10). */
const contactShape = CrisisInfo.shape.programContact.unwrap().shape;
const limits = {
  lineName: CrisisInfo.shape.lineName.maxLength ?? undefined,
  contactName: contactShape.name.maxLength ?? undefined,
  contactHours: contactShape.hours.unwrap().maxLength ?? undefined,
};

/** Who is alerted about a safety event, and the crisis information people are given (set per program). */
export function SafetySettingsPage() {
  const program = useProgram();
  const settings = useSafetySettings(program.programId);
  return (
    <Page title="Safety settings" width="narrow">
      <QueryView query={settings} loadingLabel="Loading safety settings…">
        {(s) => <SettingsForm initial={s} />}
      </QueryView>
    </Page>
  );
}

interface Values {
  contacts: string;
  lineName: string;
  callNumber: string;
  callPress: string;
  textNumber: string;
  chatUrl: string;
  emergencyNumber: string;
  contactName: string;
  contactPhone: string;
  contactHours: string;
}

function valuesOf(s: SafetySettings): Values {
  const c = s.crisis;
  return {
    contacts: s.safetyContacts.join('\n'),
    lineName: c.lineName,
    callNumber: c.callNumber,
    callPress: c.callPress ?? '',
    textNumber: c.textNumber ?? '',
    chatUrl: c.chatUrl ?? '',
    emergencyNumber: c.emergencyNumber,
    contactName: c.programContact?.name ?? '',
    contactPhone: c.programContact?.phone ?? '',
    contactHours: c.programContact?.hours ?? '',
  };
}

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null);

function bodyOf(v: Values): SafetySettings {
  return {
    safetyContacts: v.contacts
      .split(/[\s,;]+/)
      .map((x) => x.trim())
      .filter(Boolean),
    crisis: {
      lineName: v.lineName.trim(),
      callNumber: v.callNumber.trim(),
      callPress: orNull(v.callPress),
      textNumber: orNull(v.textNumber),
      chatUrl: orNull(v.chatUrl),
      emergencyNumber: v.emergencyNumber.trim(),
      programContact:
        v.contactName.trim() || v.contactPhone.trim()
          ? { name: v.contactName.trim(), phone: v.contactPhone.trim(), hours: v.contactHours.trim() }
          : null,
    },
  };
}

/** The form's field a server message is about (`crisis.chatUrl` → chatUrl). */
function formKeyOf(path: string): string {
  return path.startsWith('safetyContacts')
    ? 'contacts'
    : path.startsWith('crisis.programContact.')
      ? `contact${path.slice('crisis.programContact.'.length).replace(/^./, (c) => c.toUpperCase())}`
      : path.replace(/^crisis\./, '');
}

/** The server's field messages by the form's field names. */
function messagesOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const fields = (error as { fields?: { path: string; message: string }[] } | null)?.fields ?? [];
  for (const f of fields) out[formKeyOf(f.path)] ??= f.message;
  return out;
}

const labels: Record<string, string> = {
  safetyContacts: 'Safety contacts',
  crisis: 'Crisis information',
};

function SettingsForm({ initial }: { initial: SafetySettings }) {
  const program = useProgram();
  const save = useSaveSafetySettings(program.programId);
  const [v, setV] = useState<Values>(() => valuesOf(initial));
  const [saved, setSaved] = useState(false);
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(save.error, formKeyOf);
  const set = (k: keyof Values) => (value: string) => {
    server.edited(k);
    setSaved(false);
    setV((prev) => ({ ...prev, [k]: value }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(bodyOf(v), {
      onSuccess: (s) => {
        setV(valuesOf(s));
        setSaved(true);
      },
    });
  };
  const m = messagesOf(server.error);
  return (
    <form onSubmit={submit} noValidate>
      <p role="status" className={saved ? 'notice' : 'visually-hidden'}>
        {saved ? 'Safety settings saved.' : ''}
      </p>
      <FormErrors error={server.error} title="Could not save the safety settings" labels={labels} />
      <Section title="Who is alerted" id="safety-settings-contacts">
        <TextArea
          label="Safety contacts"
          hint="E-mail addresses, one a line. Each gets one e-mail per safety event, naming no one. With none, the program's coordinators are e-mailed."
          value={v.contacts}
          onChange={set('contacts')}
          rows={4}
          error={m['contacts']}
        />
      </Section>
      <Section title="Crisis information" id="safety-settings-crisis">
        <p>
          Shown at once to whoever raises a safety event, and on the Crisis help page. Change it for programs outside the United
          States.
        </p>
        <TextField
          label="Crisis line"
          value={v.lineName}
          onChange={set('lineName')}
          maxLength={limits.lineName}
          error={m['lineName']}
        />
        <TextField
          label="Number to call"
          value={v.callNumber}
          onChange={set('callNumber')}
          inputMode="tel"
          error={m['callNumber']}
        />
        <TextField
          label="Key to press after calling (optional)"
          value={v.callPress}
          onChange={set('callPress')}
          inputMode="tel"
          error={m['callPress']}
        />
        <TextField
          label="Number to text (optional)"
          value={v.textNumber}
          onChange={set('textNumber')}
          inputMode="tel"
          error={m['textNumber']}
        />
        <TextField
          label="Chat address (optional)"
          hint="Starting with https://"
          value={v.chatUrl}
          onChange={set('chatUrl')}
          inputMode="url"
          error={m['chatUrl']}
        />
        <TextField
          label="Emergency number"
          value={v.emergencyNumber}
          onChange={set('emergencyNumber')}
          inputMode="tel"
          error={m['emergencyNumber']}
        />
        <Button
          variant="secondary"
          onClick={() => {
            const defaults = valuesOf({ safetyContacts: [], crisis: DEFAULT_CRISIS_INFO });
            for (const k of Object.keys(defaults)) if (k !== 'contacts') server.edited(k);
            setV((prev) => ({ ...defaults, contacts: prev.contacts }));
          }}
        >
          Use the Veterans Crisis Line and 911
        </Button>
      </Section>
      <Section title="The program's own contact" id="safety-settings-program">
        <TextField
          label="Name (optional)"
          hint="For example: Program office"
          value={v.contactName}
          onChange={set('contactName')}
          maxLength={limits.contactName}
          error={m['contactName']}
        />
        <TextField
          label="Phone"
          value={v.contactPhone}
          onChange={set('contactPhone')}
          inputMode="tel"
          error={m['contactPhone']}
        />
        <TextField
          label="When someone answers (optional)"
          value={v.contactHours}
          onChange={set('contactHours')}
          maxLength={limits.contactHours}
          error={m['contactHours']}
        />
      </Section>
      <FormActions>
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save safety settings
        </Button>
        <ButtonLink variant="quiet" to={program.to('safety')}>
          Back to the safety log
        </ButtonLink>
      </FormActions>
    </form>
  );
}
