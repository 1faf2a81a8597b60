import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../core/accounts';
import { localeNames, type Locale } from '../../../core/shared/locale';
import { meKey } from '../../app/session';
import { englishT, labelsOf, useLocale, useT } from '../../i18n/i18n';
import { useParams } from 'react-router';
import { PreferencesUpdate } from '../../../core/participants';
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
  useSchemaForm,
} from '../../ui/form';
import { Page } from '../../ui/Page';
import {
  ReachWindowFields,
  reachWindowBody,
  reachWindowFieldLabelsIn,
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
  const t = useT();
  return (
    <Page title={fromUrl ? 'How to reach them' : t('participants.prefs.title')} width="narrow">
      <QueryView query={me}>
        {(p) =>
          p.view === 'self' || (fromUrl && p.view === 'full') ? (
            <PreferencesForm participant={p} />
          ) : (
            <ErrorAlert error={{ message: t('ui.forParticipants') }} title={t('ui.notAvailable')} />
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
  locale: Locale;
}

/** Times the check-in text may go out: every half hour from 7 AM to 9 PM, the server's own limits. */
function checkInTimes(locale: Locale): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (let m = minutesOf(TEXT_CHECK_IN_EARLIEST); m <= minutesOf(TEXT_CHECK_IN_LATEST); m += 30)
    out.push({ value: clockOf(m), label: clockWords(clockOf(m), locale) });
  return out;
}

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
    locale: v.locale,
    ...reachWindowBody(v),
  };
}

function PreferencesForm({ participant: p }: { participant: SelfParticipant | FullParticipant }) {
  const who = p.view === 'self' ? 'you' : 'they';
  const program = useProgram();
  const client = useQueryClient();
  const save = useUpdatePreferences(program.programId, p.id);
  const tIn = useT();
  // Staff opening the form read English (their pages are not translated yet, ADR 0041).
  const t = who === 'you' ? tIn : englishT;
  const localeIn = useLocale();
  const locale: Locale = who === 'you' ? localeIn : 'en';
  const initial: Values = {
    textCheckIn: p.textCheckInDay !== null,
    textCheckInDay: p.textCheckInDay ?? p.preferredDays[0] ?? 'mon',
    textCheckInTime: p.textCheckInTime ?? '18:00',
    preferredChannel: p.preferredChannel,
    preferredModality: p.preferredModality,
    preferredTimes: p.preferredTimes,
    phone: p.phone ?? '',
    contactNotes: p.contactNotes,
    canShareContact: p.canShareContact,
    locale: p.locale,
    ...reachWindowValues(p),
  };
  // Checked by the schema the server checks the request with (ADR 0054): the phone's rule and the
  // notes' length are said before anything is sent, in the participant's words.
  const check = { schema: PreferencesUpdate, toBody: preferencesBody };
  const onSave = (values: Values) =>
    save.mutate(preferencesBody(values), {
      onSuccess: (saved) => {
        // The participant's own choice of language takes effect at once (the session's `me` carries it).
        if (saved.view === 'self') client.setQueryData<Me | null>(meKey, (m) => (m ? { ...m, locale: saved.locale } : m));
      },
    });
  // A saved notice is about the answers as they were.
  const form = useSchemaForm(initial, check, onSave, save.error, () => save.isSuccess && save.reset());
  const { values: v, set, submit, error: shown, fields } = form;
  return (
    <form onSubmit={submit} noValidate>
      {save.isSuccess ? (
        <Notice>{who === 'you' ? t('participants.prefs.saved') : 'Saved. The coach will see these choices.'}</Notice>
      ) : null}
      <FormErrors
        error={shown}
        labels={{
          phone: t('participants.prefs.phoneName'),
          contactNotes: t('participants.prefs.notesName'),
          preferredTimes: t('participants.prefs.timesName'),
          preferredChannel: t('participants.prefs.channelName'),
          locale: t('participants.prefs.languageName'),
          textCheckInDay: t('participants.prefs.textCheckIn.dayName'),
          textCheckInTime: t('participants.prefs.textCheckIn.timeName'),
          ...reachWindowFieldLabelsIn(t),
        }}
      />
      {who === 'you' ? (
        <RadioGroup
          legend={t('participants.prefs.language')}
          hint={t('participants.prefs.languageHint')}
          name="locale"
          options={optionsOf(localeNames)}
          value={v.locale}
          onChange={set('locale')}
          error={fields['locale']}
        />
      ) : null}
      <RadioGroup
        legend={t('participants.prefs.channel')}
        name="channel"
        options={optionsOf(labelsOf(t, 'vocab.channel', channelLabels))}
        value={v.preferredChannel}
        onChange={set('preferredChannel')}
        error={fields['preferredChannel']}
      />
      <RadioGroup
        legend={t('participants.prefs.modality')}
        name="modality"
        options={optionsOf(labelsOf(t, 'vocab.channel', channelLabels))}
        value={v.preferredModality}
        onChange={set('preferredModality')}
        error={fields['preferredModality']}
      />
      <CheckboxGroup
        legend={t('participants.prefs.times')}
        options={optionsOf(labelsOf(t, 'vocab.timeOfDay', timeOfDayLabels))}
        values={v.preferredTimes}
        onChange={set('preferredTimes')}
        error={fields['preferredTimes']}
      />
      <ReachWindowFields values={v} onChange={set} errors={fields} who={who} />
      <TextField
        label={t('participants.prefs.phone')}
        type="tel"
        autoComplete="tel"
        value={v.phone}
        onChange={set('phone')}
        error={fields['phone']}
      />
      <fieldset className="field fieldset">
        <legend className="field__label">{t('participants.prefs.textCheckIn.legend')}</legend>
        {v.phone.trim() ? (
          <>
            <Choice
              label={who === 'you' ? t('participants.prefs.textCheckIn.choice') : 'Send them the weekly check-in by text message'}
              hint={t('participants.prefs.textCheckIn.hint')}
              checked={v.textCheckIn}
              onChange={set('textCheckIn')}
            />
            {v.textCheckIn ? (
              <div className="field-row">
                <SelectField
                  label={t('participants.prefs.textCheckIn.day')}
                  options={optionsOf(labelsOf(t, 'vocab.weekday', weekdayLabels))}
                  value={v.textCheckInDay}
                  onChange={set('textCheckInDay')}
                  error={fields['textCheckInDay']}
                />
                <SelectField
                  label={t('participants.prefs.textCheckIn.time')}
                  hint={zoneWords(p.timeZone, locale)}
                  options={checkInTimes(locale)}
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
              ? t('participants.prefs.textCheckIn.needPhone')
              : 'Add their phone number above to send the weekly check-in by text message.'}
          </p>
        )}
      </fieldset>
      <TextArea
        label={t('participants.prefs.notes')}
        hint={t('participants.prefs.notesHint')}
        value={v.contactNotes}
        onChange={set('contactNotes')}
        maxLength={500}
        error={fields['contactNotes']}
      />
      <Choice
        label={t('participants.prefs.share')}
        hint={t('participants.prefs.shareHint')}
        checked={v.canShareContact}
        onChange={set('canShareContact')}
      />
      <FormActions>
        <Button type="submit" busy={save.isPending} busyLabel={t('ui.saving')}>
          {t('participants.prefs.save')}
        </Button>
      </FormActions>
    </form>
  );
}
