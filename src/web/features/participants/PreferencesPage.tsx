import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { PreferencesUpdate } from '../../../core/participants';
import { TEXT_CHECK_IN_EARLIEST, TEXT_CHECK_IN_LATEST } from '../../../core/plans';
import { clockOf, clockWords, minutesOf, zoneWords, type Weekday } from '../../../core/shared/time';
import type { Channel, TimeOfDay } from '../../../core/shared/vocab';
import { useProgram } from '../../app/program';
import { channelLabels, optionsOf, timeOfDayLabels } from '../../app/vocab';
import { Button } from '../../ui/controls';
import { ErrorAlert, Notice, QueryView } from '../../ui/feedback';
import {
  CheckboxGroup,
  Choice,
  FormActions,
  FormErrors,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  fieldMessagesOf,
} from '../../ui/form';
import { Page } from '../../ui/Page';
import {
  ReachWindowFields,
  reachWindowBody,
  reachWindowFieldLabels,
  reachWindowValues,
  weekdayLabels,
  type ReachWindowValues,
} from '../engagement';
import { useParticipant, useUpdatePreferences, type FullParticipant, type SelfParticipant } from './participants.api';

/**
 * "How to reach me": the participant says how and when the coach should get in touch. Staff open
 * the same form for a participant from the record ("How to reach them").
 */
export function PreferencesPage() {
  const program = useProgram();
  const { participantId: fromUrl } = useParams();
  const participantId = fromUrl ?? program.membership.participantId ?? '';
  const me = useParticipant(program.programId, participantId);
  return (
    <Page title={fromUrl ? 'How to reach them' : 'How to reach me'} width="narrow">
      <QueryView query={me}>
        {(p) =>
          p.view === 'self' || (fromUrl && p.view === 'full') ? (
            <PreferencesForm participant={p} />
          ) : (
            <ErrorAlert error={{ message: 'This page is for participants.' }} title="Not available" />
          )
        }
      </QueryView>
    </Page>
  );
}

interface Values extends ReachWindowValues {
  /** The weekly check-in by text message (#16): on, and its day and local time. */
  textCheckIn: boolean;
  textCheckInDay: Weekday;
  textCheckInTime: string;
  preferredChannel: Channel;
  preferredModality: Channel;
  preferredTimes: TimeOfDay[];
  phone: string;
  contactNotes: string;
  canShareContact: boolean;
}

/** Times the check-in text may go out: every half hour from 7 AM to 9 PM, the server's own limits. */
const checkInTimes = (() => {
  const out: { value: string; label: string }[] = [];
  for (let m = minutesOf(TEXT_CHECK_IN_EARLIEST); m <= minutesOf(TEXT_CHECK_IN_LATEST); m += 30)
    out.push({ value: clockOf(m), label: clockWords(clockOf(m)) });
  return out;
})();

/**
 * The body of PUT /preferences; an empty phone is sent as null. The check-in by text is sent as off
 * when it is unticked or there is no phone number to text.
 */
export function preferencesBody(v: Values): PreferencesUpdate {
  const isTexting = v.textCheckIn && v.phone.trim() !== '';
  return {
    textCheckInDay: isTexting ? v.textCheckInDay : null,
    textCheckInTime: isTexting ? v.textCheckInTime : null,
    preferredChannel: v.preferredChannel,
    preferredModality: v.preferredModality,
    preferredTimes: v.preferredTimes,
    canShareContact: v.canShareContact,
    phone: v.phone.trim() ? v.phone.trim() : null,
    contactNotes: v.contactNotes.trim(),
    ...reachWindowBody(v),
  };
}

function PreferencesForm({ participant: p }: { participant: SelfParticipant | FullParticipant }) {
  const who = p.view === 'self' ? 'you' : 'they';
  const program = useProgram();
  const save = useUpdatePreferences(program.programId, p.id);
  const [v, setV] = useState<Values>({
    textCheckIn: p.textCheckInDay !== null,
    textCheckInDay: p.textCheckInDay ?? p.preferredDays[0] ?? 'mon',
    textCheckInTime: p.textCheckInTime ?? '18:00',
    preferredChannel: p.preferredChannel,
    preferredModality: p.preferredModality,
    preferredTimes: p.preferredTimes,
    phone: p.phone ?? '',
    contactNotes: p.contactNotes,
    canShareContact: p.canShareContact,
    ...reachWindowValues(p),
  });
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) => {
      setV((prev) => ({ ...prev, [key]: value }));
      save.reset();
    };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(preferencesBody(v));
  };
  const fields = fieldMessagesOf(save.error);
  return (
    <form onSubmit={submit} noValidate>
      {save.isSuccess ? (
        <Notice>{who === 'you' ? 'Saved. Your coach will see your choices.' : 'Saved. The coach will see these choices.'}</Notice>
      ) : null}
      <FormErrors
        error={save.error}
        labels={{
          phone: 'Phone',
          contactNotes: 'Anything else',
          preferredTimes: 'Good times',
          preferredChannel: 'Way to reach you',
          textCheckInDay: 'Day of the check-in text',
          textCheckInTime: 'Time of the check-in text',
          ...reachWindowFieldLabels,
        }}
      />
      <RadioGroup
        legend="How should your coach get in touch?"
        name="channel"
        options={optionsOf(channelLabels)}
        value={v.preferredChannel}
        onChange={set('preferredChannel')}
        error={fields['preferredChannel']}
      />
      <RadioGroup
        legend="How would you like to meet?"
        name="modality"
        options={optionsOf(channelLabels)}
        value={v.preferredModality}
        onChange={set('preferredModality')}
        error={fields['preferredModality']}
      />
      <CheckboxGroup
        legend="When is a good time?"
        options={optionsOf(timeOfDayLabels)}
        values={v.preferredTimes}
        onChange={set('preferredTimes')}
        error={fields['preferredTimes']}
      />
      <ReachWindowFields values={v} onChange={set} errors={fields} who={who} />
      <TextField
        label="Your phone number"
        type="tel"
        autoComplete="tel"
        value={v.phone}
        onChange={set('phone')}
        error={fields['phone']}
      />
      <fieldset className="field fieldset">
        <legend className="field__label">Weekly check-in by text message</legend>
        {v.phone.trim() ? (
          <>
            <Choice
              label={
                who === 'you' ? 'Send me the weekly check-in by text message' : 'Send them the weekly check-in by text message'
              }
              hint="The three pain questions in one text. Reply with three numbers from 0 to 10, like 6 5 7. Reply STOP at any time to end texts."
              checked={v.textCheckIn}
              onChange={set('textCheckIn')}
            />
            {v.textCheckIn ? (
              <div className="field-row">
                <SelectField
                  label="Which day?"
                  options={optionsOf(weekdayLabels)}
                  value={v.textCheckInDay}
                  onChange={set('textCheckInDay')}
                  error={fields['textCheckInDay']}
                />
                <SelectField
                  label="What time?"
                  hint={zoneWords(p.timeZone)}
                  options={checkInTimes}
                  value={v.textCheckInTime}
                  onChange={set('textCheckInTime')}
                  error={fields['textCheckInTime']}
                />
              </div>
            ) : null}
          </>
        ) : (
          <p className="field__hint">
            {who === 'you'
              ? 'Add your phone number above to get the weekly check-in by text message.'
              : 'Add their phone number above to send the weekly check-in by text message.'}
          </p>
        )}
      </fieldset>
      <TextArea
        label="Anything else your coach should know about reaching you? (optional)"
        hint="For example: please do not call before 10 in the morning."
        value={v.contactNotes}
        onChange={set('contactNotes')}
        maxLength={500}
        error={fields['contactNotes']}
      />
      <Choice
        label="My coach may see my phone number and e-mail address"
        hint="Your coach needs this to get in touch with you."
        checked={v.canShareContact}
        onChange={set('canShareContact')}
      />
      <FormActions>
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save preferences
        </Button>
      </FormActions>
    </form>
  );
}
