import { useId, useState } from 'react';
import { Link } from 'react-router';
import { interviewDeclineReasons, type InterviewDeclineReason, type MyInterviewInvitation } from '../../../core/interviews';
import { useProgram } from '../../app/program';
import { channelLabels } from '../../app/vocab';
import { useWhen } from '../../app/when';
import { labelsOf, useT } from '../../i18n/i18n';
import { Button } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, RadioGroup, SelectField, TextField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { useConsentToInterview, useDeclineInterview, useMyInterviewInvitations } from './interviews.api';
import './interviews.css';

/**
 * The participant's own interview invitation (ADR 0050): what is asked, the consent text to agree
 * to (typed name, and yes or no to recording asked apart), the way to say no with a reason or none,
 * and once scheduled, the interview's time in the program's time.
 */
export function MyInterviewPage() {
  const program = useProgram();
  const t = useT();
  const invitations = useMyInterviewInvitations(program.programId);
  return (
    <Page title={t('interviews.invitation.title')} width="narrow">
      <QueryView query={invitations}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t('interviews.invitation.none')}</Empty>
          ) : (
            list.map((i) => <Invitation key={i.id} invitation={i} />)
          )
        }
      </QueryView>
    </Page>
  );
}

function Invitation({ invitation: i }: { invitation: MyInterviewInvitation }) {
  const t = useT();
  const when = useWhen();
  return (
    <article className="interview-invitation" aria-label={t('interviews.invitation.title')}>
      <p>{t('interviews.invitation.intro')}</p>
      <p>{t('interviews.invitation.invitedOn', { when: when.dateTime(i.invitedAt) })}</p>
      {i.state === 'invited' ? <Answer invitation={i} /> : null}
      {i.state === 'consented' ? <p className="alert alert--info">{t('interviews.invitation.consented')}</p> : null}
      {i.consent ? <p>{t('interviews.invitation.recordingAnswer', { recording: i.consent.recording ? 'yes' : 'no' })}</p> : null}
      {i.state === 'scheduled' && i.interview ? <InterviewTime interview={i.interview} /> : null}
      {i.state === 'declined' ? <p>{t('interviews.invitation.declined')}</p> : null}
    </article>
  );
}

function InterviewTime({ interview: s }: { interview: NonNullable<MyInterviewInvitation['interview']> }) {
  const t = useT();
  const when = useWhen();
  const modalities = labelsOf(t, 'vocab.channel', channelLabels);
  return (
    <Section title={t('interviews.invitation.scheduled')} id="my-interview-time" level={2}>
      <div className="card next-session">
        <p className="card__title">
          <strong>{when.dateTime(s.startsAt)}</strong>
        </p>
        <p>{t('engagement.session.howLong', { modality: modalities[s.modality], minutes: s.durationMinutes })}</p>
        {s.modality === 'video' && s.videoLink ? (
          <p>
            <a href={s.videoLink} rel="noopener noreferrer" target="_blank">
              {t('engagement.session.join')}
            </a>
          </p>
        ) : null}
        {s.modality === 'in_person' && s.place ? <p>{t('engagement.session.where', { place: s.place })}</p> : null}
      </div>
    </Section>
  );
}

const reasonKeys = Object.keys(interviewDeclineReasons) as InterviewDeclineReason[];

function Answer({ invitation: i }: { invitation: MyInterviewInvitation }) {
  const program = useProgram();
  const t = useT();
  const name = useId();
  const consent = useConsentToInterview(program.programId);
  const decline = useDeclineInterview(program.programId);
  const [recording, setRecording] = useState<'yes' | 'no' | ''>('');
  const [typedName, setTypedName] = useState('');
  const [reason, setReason] = useState<InterviewDeclineReason | 'none'>('none');
  const [problems, setProblems] = useState<{ recording?: string; name?: string }>({});
  if (!i.document) return <p>{t('interviews.invitation.noText')}</p>;
  const document = i.document;
  return (
    <>
      <Section
        title={t('interviews.invitation.consentHeading', { version: document.version })}
        id="my-interview-consent"
        level={2}
      >
        <blockquote className="consent-text">{document.body}</blockquote>
        <form
          aria-label={t('interviews.invitation.agree')}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const found = {
              ...(recording === '' ? { recording: t('interviews.invitation.needRecording') } : {}),
              ...(typedName.trim().length < 2 ? { name: t('interviews.invitation.needName') } : {}),
            };
            setProblems(found);
            if (Object.keys(found).length > 0) return;
            consent.mutate({
              memberId: i.id,
              documentId: document.id,
              typedName: typedName.trim(),
              recording: recording === 'yes',
            });
          }}
        >
          <FormErrors error={consent.error} />
          <RadioGroup
            legend={t('interviews.invitation.recording')}
            name={`${name}-recording`}
            hint={t('interviews.invitation.recordingHint')}
            options={[
              { value: 'yes', label: t('interviews.invitation.recordingYes') },
              { value: 'no', label: t('interviews.invitation.recordingNo') },
            ]}
            value={recording}
            onChange={setRecording}
            error={problems.recording}
          />
          <TextField
            label={t('interviews.invitation.typedName')}
            value={typedName}
            onChange={setTypedName}
            autoComplete="name"
            maxLength={200}
            error={problems.name}
          />
          <FormActions>
            <Button type="submit" busy={consent.isPending} busyLabel={t('interviews.invitation.saving')}>
              {t('interviews.invitation.agree')}
            </Button>
          </FormActions>
        </form>
      </Section>
      <Section title={t('interviews.invitation.declineHeading')} id="my-interview-decline" level={2}>
        <form
          aria-label={t('interviews.invitation.decline')}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            decline.mutate({ memberId: i.id, reason: reason === 'none' ? null : reason });
          }}
        >
          <FormErrors error={decline.error} />
          <SelectField
            label={t('interviews.invitation.declineReason')}
            value={reason}
            options={[
              { value: 'none' as const, label: t('interviews.invitation.noReason') },
              ...reasonKeys.map((k) => ({ value: k, label: t(`interviews.invitation.reason.${k}`) })),
            ]}
            onChange={setReason}
          />
          <FormActions>
            <Button type="submit" variant="secondary" busy={decline.isPending} busyLabel={t('interviews.invitation.saving')}>
              {t('interviews.invitation.decline')}
            </Button>
          </FormActions>
        </form>
      </Section>
    </>
  );
}

/** On the participant's home page: a notice with a link when an invitation waits for an answer. */
export function InterviewInvitationNotice() {
  const program = useProgram();
  const t = useT();
  const invitations = useMyInterviewInvitations(program.programId);
  const waiting = (invitations.data ?? []).some((i) => i.state === 'invited' || i.state === 'scheduled');
  if (!waiting) return null;
  return (
    <p className="alert alert--info">
      {t('interviews.invitation.notice')} <Link to={program.to('my-interview')}>{t('interviews.invitation.noticeLink')}</Link>
    </p>
  );
}
