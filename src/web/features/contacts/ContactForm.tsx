import { newClientKey } from '../../ui/client-key';
import { useState, type FormEvent } from 'react';
import type { EssentialElement } from '../../../core/contacts';
import { useOptionalMe } from '../../app/session';
import type { Channel } from '../../../core/shared/vocab';
import { channelLabels, optionsOf } from '../../app/vocab';
import { Button, ButtonLink } from '../../ui/controls';
import { useWhen } from '../../app/when';
import { labelsOf, useT, type Translate } from '../../i18n/i18n';
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
import { contactBody, contactFieldLabelsIn, contactProblems, isLateContact, type ContactFormValues } from './contact-form';
import { useLogContact, type LoggedContact } from './contacts.api';
import { elementLabels, outcomeLabels } from './labels';

export interface ContactPerson {
  id: string;
  name: string;
  preferredChannel: Channel;
}

function localError(fields: Record<string, string>, t: Translate) {
  return {
    message: t('refusal.error.invalid_input'),
    fields: Object.entries(fields).map(([path, message]) => ({ path, message })),
  };
}

/** Says plainly that a failed save can be retried without being saved twice. */
function saveError(error: unknown, t: Translate): unknown {
  if (error && typeof error === 'object' && 'status' in error && error.status === 0) {
    return { message: t('staff.coach.contactForm.couldNotReach') };
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
  const t = useT();
  // The clock in the "When" field is the program's (issue #16), named when the device is elsewhere.
  const when = useWhen();
  const zone = when.timeZone;
  const log = useLogContact(
    programId,
    me?.id ?? '',
    (id) => people.find((p) => p.id === id)?.name ?? t('staff.coach.contactForm.aParticipant'),
  );
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
    const p = contactProblems(v, now(), zone, t);
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
        error={hasLocal ? localError(problems, t) : saveError(server.error, t)}
        title={t('staff.coach.contactForm.couldNotSave')}
        labels={contactFieldLabelsIn(t)}
      />
      <SelectField
        label={t('staff.coach.contactForm.participant')}
        value={v.participantId}
        placeholder={people.length === 1 ? undefined : t('staff.coach.contactForm.chooseParticipant')}
        options={people.map((p) => ({ value: p.id, label: p.name }))}
        onChange={chooseParticipant}
        error={fields['participantId']}
      />
      <TextField
        label={t('staff.coach.contactForm.when')}
        type="datetime-local"
        className="field--short-wide"
        value={v.when}
        max={when.toInput(now())}
        onChange={set('when')}
        error={fields['occurredAt']}
        hint={`${t('staff.coach.contactForm.whenHint')}${when.zoneElsewhere ? ` ${t('staff.coach.contactForm.whenZone', { zone: when.zoneElsewhere })}` : ''}`}
      />
      {isLateContact(v.when, now(), zone) ? (
        <TextField
          label={t('staff.coach.contactForm.lateReason')}
          value={v.lateReason ?? ''}
          onChange={set('lateReason')}
          error={fields['enteredLate.reason'] ?? fields['enteredLate']}
          hint={t('staff.coach.contactForm.lateHint')}
        />
      ) : null}
      <RadioGroup
        legend={t('staff.coach.contactForm.how')}
        name="channel"
        options={optionsOf(labelsOf(t, 'vocab.channel', channelLabels))}
        value={v.channel}
        onChange={(c) => {
          setChannelTouched(true);
          set('channel')(c);
        }}
        error={fields['channel']}
      />
      <RadioGroup
        legend={t('staff.coach.contactForm.outcome')}
        name="outcome"
        options={optionsOf(labelsOf(t, 'staff.coach.contactForm.outcome', outcomeLabels))}
        value={v.outcome}
        onChange={set('outcome')}
        error={fields['outcome']}
      />
      {reached ? (
        <>
          <TextField
            label={t('staff.coach.contactForm.minutes')}
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
              legend={t('staff.coach.contactForm.topics')}
              columns
              options={topics.map((topic) => ({ value: topic.key, label: topic.title }))}
              values={v.topics}
              onChange={set('topics')}
              error={fields['topics']}
            />
          ) : null}
          <CheckboxGroup<EssentialElement>
            legend={t('staff.coach.contactForm.did')}
            hint={t('staff.coach.contactForm.didHint')}
            options={optionsOf(labelsOf(t, 'staff.coach.contacts.element', elementLabels))}
            values={v.elements}
            onChange={set('elements')}
          />
        </>
      ) : null}
      <TextArea
        label={t('staff.coach.contactForm.note')}
        hint={t('staff.coach.contactForm.noteHint')}
        value={v.note}
        onChange={set('note')}
        maxLength={4000}
        error={fields['note']}
      />
      <FormActions>
        <Button type="submit" busy={log.isPending} busyLabel={t('staff.coach.contactForm.saving')}>
          {t('staff.coach.contactForm.save')}
        </Button>
        <ButtonLink to={cancelTo} variant="secondary">
          {t('staff.coach.contactForm.cancel')}
        </ButtonLink>
      </FormActions>
    </form>
  );
}
