import { useId, useState } from 'react';
import type { SampleView } from '../../../core/interviews';
import type { Channel } from '../../../core/shared/vocab';
import { useProgram } from '../../app/program';
import { channelLabels, optionsOf } from '../../app/vocab';
import { useWhen } from '../../app/when';
import { Button } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, RadioGroup, TextArea, useSchemaForm } from '../../ui/form';
import { Section } from '../../ui/Page';
import { MeetingFields, meetingBody, meetingCheck, meetingLabels, meetingValues, type MeetingValues } from '../engagement';
import {
  useAddConsentDocument,
  useCancelInterview,
  useConsentDocuments,
  useInviteMember,
  useScheduleInterview,
  useVerbalConsent,
} from './interviews.api';

/**
 * Interview invitations on the sampling page (ADR 0050): the study's consent text in versions, and
 * for each proposed person what was sent, what he or she agreed to, and the interview's time, with
 * the next step study staff may take (invite, record an agreement given by phone, schedule).
 */

type Member = SampleView['members'][number];

const viaWords = {
  email: 'by e-mail',
  text: 'by text message',
  none: 'not sent: no e-mail address or mobile number; ask by phone',
} as const;
const meetingWords: Record<Channel, string> = { ...channelLabels, text: 'Text check-in' };

/** The consent text participants agree to: the current version, earlier ones kept; staff add a new one. */
export function ConsentVersions({ studyId }: { studyId: string }) {
  const program = useProgram();
  const when = useWhen();
  const documents = useConsentDocuments(program.programId, studyId, true);
  const add = useAddConsentDocument(program.programId, studyId);
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Section title="Interview consent" id="interview-consent">
      <QueryView query={documents} loadingLabel="Loading the consent text…">
        {(list) => {
          const current = list[0];
          if (!current) return <Empty>No consent text yet. Write it before inviting anyone.</Empty>;
          return (
            <>
              <p>
                Version {current.version}, written {when.dateTime(current.createdAt)}
                {list.length > 1 ? `. Earlier versions are kept (${list.length - 1}).` : '.'}
              </p>
              <blockquote className="consent-text">{current.body}</blockquote>
            </>
          );
        }}
      </QueryView>
      <form
        aria-label="New version of the consent"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim().length < 20) return setProblem('Write the consent text in full (at least a sentence).');
          setProblem(null);
          add.mutate({ body: body.trim() }, { onSuccess: () => setBody('') });
        }}
      >
        {problem ? (
          <p role="alert" className="alert alert--error">
            {problem}
          </p>
        ) : null}
        <FormErrors error={add.error} />
        <TextArea
          label="Consent text"
          hint="What the participant reads before agreeing. Recording is asked apart, yes or no. A change makes a new version."
          value={body}
          onChange={setBody}
          rows={5}
          maxLength={20_000}
        />
        <FormActions>
          <Button type="submit" variant="secondary" busy={add.isPending} busyLabel="Saving…">
            Save as a new version
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

/** What happened with one proposed person's invitation, in words. */
export function InvitationFacts({ member: m }: { member: Member }) {
  const when = useWhen();
  return (
    <>
      {m.invitedAt && m.invitedVia ? (
        <p>
          Invited {when.dateTime(m.invitedAt)}, {viaWords[m.invitedVia]}.
        </p>
      ) : null}
      {m.consent ? (
        <p>
          Agreed to consent version {m.consent.version} {m.consent.method === 'signed' ? 'in the app' : 'by phone'}; recording:{' '}
          {m.consent.recording ? 'yes' : 'no'}.
        </p>
      ) : null}
      {m.interview ? (
        <p>
          <strong>Interview: {when.dateTime(m.interview.startsAt)}</strong>, {meetingWords[m.interview.modality]}
          {m.interview.place ? `, ${m.interview.place}` : ''} ({m.interview.durationMinutes} minutes).
        </p>
      ) : null}
    </>
  );
}

/** The next step for one person: invite; record an agreement given by phone; schedule or move the interview. */
export function InvitationActions({ studyId, sample, member: m }: { studyId: string; sample: SampleView; member: Member }) {
  const program = useProgram();
  const who = m.name ?? m.code;
  const invite = useInviteMember(program.programId, studyId, sample.id);
  const cancel = useCancelInterview(program.programId, studyId, sample.id);
  const [open, setOpen] = useState<'consent' | 'schedule' | 'cancel' | null>(null);
  if (m.state === 'declined') return null;
  return (
    <>
      <FormErrors error={invite.error ?? cancel.error} />
      {open === 'cancel' ? (
        <div className="sample-member__actions" role="group" aria-label={`Cancel the interview: ${who}`}>
          <p>Cancel this interview? {who} will get an e-mail saying so, and can be scheduled again later.</p>
          <Button
            type="button"
            busy={cancel.isPending}
            busyLabel="Cancelling…"
            onClick={() => cancel.mutate(m.id, { onSuccess: () => setOpen(null) })}
          >
            Yes, cancel the interview
          </Button>
          <Button type="button" variant="secondary" onClick={() => setOpen(null)}>
            Keep it
          </Button>
        </div>
      ) : open === 'consent' ? (
        <VerbalConsentForm studyId={studyId} sampleId={sample.id} member={m} onDone={() => setOpen(null)} />
      ) : open === 'schedule' ? (
        <ScheduleInterviewForm studyId={studyId} sampleId={sample.id} member={m} onDone={() => setOpen(null)} />
      ) : (
        <div className="sample-member__actions">
          {m.state === 'proposed' ? (
            <Button type="button" busy={invite.isPending} busyLabel="Sending…" onClick={() => invite.mutate(m.id)}>
              Invite: {who}
            </Button>
          ) : null}
          {m.state === 'invited' ? (
            <Button type="button" variant="secondary" onClick={() => setOpen('consent')}>
              Agreed by phone: {who}
            </Button>
          ) : null}
          {m.state === 'consented' || m.state === 'scheduled' ? (
            <Button type="button" onClick={() => setOpen('schedule')}>
              {m.state === 'scheduled' ? 'Move the interview' : 'Schedule the interview'}: {who}
            </Button>
          ) : null}
          {m.state === 'scheduled' ? (
            <Button type="button" variant="secondary" onClick={() => setOpen('cancel')}>
              Cancel the interview: {who}
            </Button>
          ) : null}
        </div>
      )}
    </>
  );
}

function VerbalConsentForm({
  studyId,
  sampleId,
  member: m,
  onDone,
}: {
  studyId: string;
  sampleId: string;
  member: Member;
  onDone: () => void;
}) {
  const program = useProgram();
  const name = useId();
  const who = m.name ?? m.code;
  const documents = useConsentDocuments(program.programId, studyId, true);
  const consent = useVerbalConsent(program.programId, studyId, sampleId);
  const [recording, setRecording] = useState<'yes' | 'no' | ''>('');
  const [problem, setProblem] = useState<string | null>(null);
  const current = documents.data?.[0];
  return (
    <form
      aria-label={`Agreed by phone: ${who}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!current) return setProblem('Write the consent text first.');
        if (recording === '') return setProblem('Say whether the interview may be recorded.');
        setProblem(null);
        consent.mutate({ memberId: m.id, documentId: current.id, recording: recording === 'yes' }, { onSuccess: onDone });
      }}
    >
      {problem ? (
        <p role="alert" className="alert alert--error">
          {problem}
        </p>
      ) : null}
      <FormErrors error={consent.error} />
      <p>
        {current ? `You read consent version ${current.version} to ${who}, and ${who} agreed.` : 'There is no consent text yet.'}
      </p>
      <RadioGroup
        legend="May the interview be recorded (sound only)?"
        name={`${name}-recording`}
        options={[
          { value: 'yes', label: 'Yes, recording is fine' },
          { value: 'no', label: 'No recording' },
        ]}
        value={recording}
        onChange={setRecording}
      />
      <FormActions>
        <Button type="submit" busy={consent.isPending} busyLabel="Saving…">
          Save the agreement
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </FormActions>
    </form>
  );
}

const durations = [30, 45, 60, 90] as const;
const modalities = optionsOf({ phone: channelLabels.phone, video: channelLabels.video, in_person: channelLabels.in_person });

/** The day, time, length and way of meeting, in the program's time; the participant gets the calendar invitation. */
function ScheduleInterviewForm({
  studyId,
  sampleId,
  member: m,
  onDone,
}: {
  studyId: string;
  sampleId: string;
  member: Member;
  onDone: () => void;
}) {
  const program = useProgram();
  const who = m.name ?? m.code;
  const schedule = useScheduleInterview(program.programId, studyId, sampleId);
  const form = useSchemaForm<MeetingValues>(
    // A move keeps the length, the way and the place; the day and time are chosen again.
    { ...meetingValues(m.interview ?? undefined, 45), date: '', time: '' },
    meetingCheck,
    (v) => schedule.mutate({ memberId: m.id, ...meetingBody(v) }, { onSuccess: onDone }),
    schedule.error,
  );
  return (
    <form onSubmit={form.submit} noValidate aria-label={`Schedule the interview: ${who}`}>
      <FormErrors error={form.error} labels={meetingLabels('Where?')} />
      <MeetingFields
        values={form.values}
        set={form.set}
        fields={form.fields}
        durations={durations}
        modalities={modalities}
        placeLabel="Where?"
        timeZone={program.timeZone}
      />
      <FormActions>
        <Button type="submit" busy={schedule.isPending} busyLabel="Saving…">
          {m.state === 'scheduled' ? 'Move the interview' : 'Schedule the interview'}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </FormActions>
    </form>
  );
}
