import { useWhen } from '../../app/when';
import { CoachPreferencesUpdate, type CoachPreferencesView } from '../../../core/engagement';
import { clockWords } from '../../../core/shared/time';
import type { Channel, TimeOfDay } from '../../../core/shared/vocab';
import { useProgram } from '../../app/program';
import { channelLabels, listOf, optionsOf, timeOfDayLabels } from '../../app/vocab';
import { Disclosure } from '../../ui/Disclosure';
import { weekdayLabels } from './labels';
import { Button, DetailList } from '../../ui/controls';
import { ErrorAlert, Notice, QueryView } from '../../ui/feedback';
import { CheckboxGroup, FormActions, FormErrors, RadioGroup, TextArea, useSchemaForm } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { useCoachPreferences, useUpdateCoachPreferences } from './engagement.api';
import {
  ReachWindowFields,
  reachWindowBody,
  reachWindowFieldLabels,
  reachWindowValues,
  type ReachWindowValues,
} from './ReachWindowFields';

/** "When to reach me": a coach tells staff (and the program) how and when to get in touch. */
export function CoachPreferencesPage() {
  const program = useProgram();
  const coachId = program.membership.coachId ?? '';
  const prefs = useCoachPreferences(program.programId, coachId);
  return (
    <Page title="When to reach me" width="narrow">
      {coachId ? (
        <QueryView query={prefs}>{(p) => <CoachPreferencesForm prefs={p} />}</QueryView>
      ) : (
        <ErrorAlert error={{ message: 'This page is for coaches.' }} title="Not available" />
      )}
    </Page>
  );
}

interface Values extends ReachWindowValues {
  preferredChannel: Channel;
  preferredTimes: TimeOfDay[];
  contactNotes: string;
}

/** The body of PUT /coaches/:id/preferences: notes trimmed, an empty time or pause sent as null. */
export function coachPreferencesBody(v: Values): CoachPreferencesUpdate {
  return {
    preferredChannel: v.preferredChannel,
    preferredTimes: v.preferredTimes,
    contactNotes: v.contactNotes.trim(),
    ...reachWindowBody(v),
  };
}

function CoachPreferencesForm({ prefs, staffFor }: { prefs: CoachPreferencesView; staffFor?: string }) {
  const program = useProgram();
  const save = useUpdateCoachPreferences(program.programId, prefs.coachId);
  const initial: Values = {
    preferredChannel: prefs.preferredChannel,
    preferredTimes: prefs.preferredTimes,
    contactNotes: prefs.contactNotes,
    ...reachWindowValues(prefs),
  };
  // Checked by the schema the server checks the request with (ADR 0054).
  const check = { schema: CoachPreferencesUpdate, toBody: coachPreferencesBody };
  const onSave = (values: Values) => save.mutate(coachPreferencesBody(values));
  // A saved notice is about the answers as they were.
  const form = useSchemaForm(initial, check, onSave, save.error, () => save.isSuccess && save.reset());
  const { values: v, set, submit, error: shown, fields } = form;
  return (
    <form onSubmit={submit} noValidate>
      {save.isSuccess ? (
        <Notice>{staffFor ? `Saved ${staffFor}’s preferences.` : 'Saved. The program team will see your choices.'}</Notice>
      ) : null}
      <FormErrors
        error={shown}
        labels={{
          preferredChannel: 'Way to reach you',
          preferredTimes: 'Good times',
          contactNotes: 'Anything else',
          ...reachWindowFieldLabels,
        }}
      />
      <RadioGroup
        legend={
          staffFor ? `How should the program team get in touch with ${staffFor}?` : 'How should the program team get in touch?'
        }
        name="channel"
        options={optionsOf(channelLabels)}
        value={v.preferredChannel}
        onChange={set('preferredChannel')}
        error={fields['preferredChannel']}
      />
      <CheckboxGroup
        legend={staffFor ? `When is a good time for ${staffFor}?` : 'When is a good time?'}
        options={optionsOf(timeOfDayLabels)}
        values={v.preferredTimes}
        onChange={set('preferredTimes')}
        error={fields['preferredTimes']}
      />
      <ReachWindowFields values={v} onChange={set} errors={fields} who={staffFor ? 'they' : 'you'} />
      <TextArea
        label={staffFor ? 'Notes about reaching them (optional)' : 'Anything else the team should know? (optional)'}
        value={v.contactNotes}
        onChange={set('contactNotes')}
        maxLength={500}
        error={fields['contactNotes']}
      />
      <FormActions>
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save preferences
        </Button>
      </FormActions>
    </form>
  );
}

/**
 * A coach's contact preferences and pause on the coach's record, for staff: what the coach said,
 * and a form to change it (e.g. when the coach phones the office to pause for a month).
 */
export function StaffCoachPreferences({ coachId, name }: { coachId: string; name: string }) {
  const when = useWhen();
  const program = useProgram();
  const prefs = useCoachPreferences(program.programId, coachId);
  return (
    <Section title="How to reach them" id="coach-reach">
      <QueryView query={prefs} loadingLabel="Loading preferences…">
        {(p) => (
          <>
            <DetailList
              items={[
                ['Best way to reach them', channelLabels[p.preferredChannel]],
                ['Best times', p.preferredTimes.length > 0 ? listOf(timeOfDayLabels, p.preferredTimes) : 'Any time of day'],
                ['Good days', p.preferredDays.length > 0 ? listOf(weekdayLabels, p.preferredDays) : 'Any day'],
                ['Not before', p.notBefore ? clockWords(p.notBefore, 'en') : null],
                ['Not after', p.notAfter ? clockWords(p.notAfter, 'en') : null],
                ['Contact paused until', p.contactPausedUntil ? when.dateOn(p.contactPausedUntil) : 'Not paused'],
                ['Notes', p.contactNotes],
              ]}
            />
            <Disclosure label={`Change how to reach ${name}`}>
              <CoachPreferencesForm prefs={p} staffFor={name} />
            </Disclosure>
          </>
        )}
      </QueryView>
    </Section>
  );
}
