import { newClientKey } from '../../ui/client-key';
import { useState, type FormEvent } from 'react';
import type { EssentialElement } from '../../../core/contacts';
import { useOptionalMe } from '../../app/session';
import type { Channel } from '../../../core/shared/vocab';
import { channelLabels, optionsOf } from '../../app/vocab';
import { Button, ButtonLink } from '../../ui/controls';
import { useWhen } from '../../app/when';
import {
  CheckboxGroup,
  FormActions,
  FormErrors,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  useServerRefusal,
} from '../../ui/form';
import { contactBody, contactFieldLabels, contactProblems, isLateContact, type ContactFormValues } from './contact-form';
import { useLogContact, type LoggedContact } from './contacts.api';
import { elementLabels, outcomeLabels } from './labels';

export interface ContactPerson {
  id: string;
  name: string;
  preferredChannel: Channel;
}

function localError(fields: Record<string, string>) {
  return {
    message: 'Some answers need attention.',
    fields: Object.entries(fields).map(([path, message]) => ({ path, message })),
  };
}

/** Says plainly that a failed save can be retried without being saved twice. */
function saveError(error: unknown): unknown {
  if (error && typeof error === 'object' && 'status' in error && error.status === 0) {
    return {
      message:
        'Could not reach Kindred, so the contact is not saved yet. Select Save contact again to retry: it will be saved only once.',
    };
  }
  return error;
}

/**
 * Logs a contact in under a minute: who, when (now), how (their preferred way), reached or not,
 * and — only when reached — minutes, topics and the four essential elements; plus a private note.
 */
export function ContactForm({
  programId,
  people,
  topics,
  initialParticipantId,
  cancelTo,
  onSaved,
  now = () => new Date(),
}: {
  programId: string;
  people: readonly ContactPerson[];
  topics: readonly { key: string; title: string }[];
  initialParticipantId: string;
  cancelTo: string;
  /** Saved, or (`isQueued`) kept on the device until the connection returns (ADR 0042). */
  onSaved: (saved: LoggedContact) => void;
  now?: () => Date;
}) {
  const me = useOptionalMe();
  // The clock in the "When" field is the program's (issue #16), named when the device is elsewhere.
  const when = useWhen();
  const zone = when.timeZone;
  const log = useLogContact(programId, me?.id ?? '', (id) => people.find((p) => p.id === id)?.name ?? 'a participant');
  // One key per contact, made once and reused on every retry of this form.
  const [clientKey] = useState(newClientKey);
  const initialPerson = people.find((p) => p.id === initialParticipantId) ?? (people.length === 1 ? people[0] : undefined);
  const [v, setV] = useState<ContactFormValues>(() => ({
    participantId: initialPerson?.id ?? '',
    when: when.toInput(now()),
    channel: initialPerson?.preferredChannel ?? 'phone',
    outcome: '',
    minutes: '',
    topics: [],
    elements: [],
    note: '',
  }));
  const [channelTouched, setChannelTouched] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(log.error);
  const set =
    <K extends keyof ContactFormValues>(key: K) =>
    (value: ContactFormValues[K]) => {
      setV((prev) => ({ ...prev, [key]: value }));
      server.edited(key);
    };

  const chooseParticipant = (id: string) => {
    server.edited('participantId');
    const person = people.find((p) => p.id === id);
    setV((prev) => ({ ...prev, participantId: id, channel: !channelTouched && person ? person.preferredChannel : prev.channel }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = contactProblems(v, now(), zone);
    setProblems(p);
    if (Object.keys(p).length > 0) return;
    // mutateAsync: the result arrives even if refreshed data re-renders the page around the form.
    void log.mutateAsync(contactBody(v, clientKey, zone)).then(onSaved, () => undefined);
  };

  const hasLocal = Object.keys(problems).length > 0;
  const fields = hasLocal ? problems : server.fields;
  const reached = v.outcome === 'reached';

  return (
    <form onSubmit={submit} noValidate>
      <FormErrors
        error={hasLocal ? localError(problems) : saveError(server.error)}
        title="Could not save the contact"
        labels={contactFieldLabels}
      />
      <SelectField
        label="Participant"
        value={v.participantId}
        placeholder={people.length === 1 ? undefined : 'Choose a participant'}
        options={people.map((p) => ({ value: p.id, label: p.name }))}
        onChange={chooseParticipant}
        error={fields['participantId']}
      />
      <TextField
        label="When"
        type="datetime-local"
        className="field--short-wide"
        value={v.when}
        max={when.toInput(now())}
        onChange={set('when')}
        error={fields['occurredAt']}
        hint={`Now, unless you are logging an earlier contact.${when.zoneElsewhere ? ` In ${when.zoneElsewhere}.` : ''}`}
      />
      {isLateContact(v.when, now(), zone) ? (
        <TextField
          label="Entered late: why?"
          value={v.lateReason ?? ''}
          onChange={set('lateReason')}
          error={fields['enteredLate.reason'] ?? fields['enteredLate']}
          hint="A contact more than 7 days ago is entered by program staff from a paper record, with the reason."
        />
      ) : null}
      <RadioGroup
        legend="How"
        name="channel"
        options={optionsOf(channelLabels)}
        value={v.channel}
        onChange={(c) => {
          setChannelTouched(true);
          set('channel')(c);
        }}
        error={fields['channel']}
      />
      <RadioGroup
        legend="Did you reach them?"
        name="outcome"
        options={optionsOf(outcomeLabels)}
        value={v.outcome}
        onChange={set('outcome')}
        error={fields['outcome']}
      />
      {reached ? (
        <>
          <TextField
            label="Minutes (optional)"
            type="number"
            inputMode="numeric"
            min={0}
            max={600}
            className="field--short"
            value={v.minutes}
            onChange={set('minutes')}
            error={fields['minutes']}
          />
          {topics.length > 0 ? (
            <CheckboxGroup
              legend="Topics you talked about"
              columns
              options={topics.map((t) => ({ value: t.key, label: t.title }))}
              values={v.topics}
              onChange={set('topics')}
              error={fields['topics']}
            />
          ) : null}
          <CheckboxGroup<EssentialElement>
            legend="What you did"
            hint="Tick each one that happened in this talk."
            options={optionsOf(elementLabels)}
            values={v.elements}
            onChange={set('elements')}
          />
        </>
      ) : null}
      <TextArea
        label="Private note (optional)"
        hint="Only you and the program staff can read it."
        value={v.note}
        onChange={set('note')}
        maxLength={4000}
        error={fields['note']}
      />
      <FormActions>
        <Button type="submit" busy={log.isPending} busyLabel="Saving…">
          Save contact
        </Button>
        <ButtonLink to={cancelTo} variant="secondary">
          Cancel
        </ButtonLink>
      </FormActions>
    </form>
  );
}
