import { useState } from 'react';
import type { ScheduledSessionView } from '../../../core/engagement';
import { useProgram } from '../../app/program';
import { channelLabels } from '../../app/vocab';
import { Button } from '../../ui/controls';
import { clockWords, zoneWords } from '../../../core/shared/time';
import { formatDateOn } from '../../ui/dates';
import { Disclosure } from '../../ui/Disclosure';
import { ErrorAlert, Notice, QueryView } from '../../ui/feedback';
import { Section } from '../../ui/Page';
import { useCancelSession, useParticipantSessions } from './engagement.api';
import { ScheduleSessionForm } from './ScheduleSessionForm';
import type { Locale } from '../../../core/shared/locale';
import { englishT, labelsOf, useLocale, useT } from '../../i18n/i18n';

export const sessionModalityLabels = { ...channelLabels, text: 'Text check-in' };

/** "Tue 8 Dec, 6:00 PM Eastern time": the day and time in the program's zone, as people say them (#16). */
export function sessionWhen(s: Pick<ScheduledSessionView, 'date' | 'time' | 'timeZone'>, locale: Locale = 'en'): string {
  return englishT('engagement.session.when', {
    day: formatDateOn(s.date, new Date(), locale, s.timeZone),
    time: clockWords(s.time, locale),
    zone: zoneWords(s.timeZone, locale),
  });
}

/** One session: when, how, and the link to join or the place (in the reader's language, ADR 0041). */
function SessionDetails({ session: s, with: withWhom }: { session: ScheduledSessionView; with: string | null }) {
  const t = useT();
  const locale = useLocale();
  const modalities = { ...labelsOf(t, 'vocab.channel', channelLabels), text: t('vocab.sessionModality.text') };
  return (
    <div className="card next-session">
      <p className="card__title">
        <strong>{sessionWhen(s, locale)}</strong>
        {withWhom ? ` ${t('engagement.session.with', { name: withWhom })}` : ''}
      </p>
      <p>{t('engagement.session.howLong', { modality: modalities[s.modality], minutes: s.durationMinutes })}</p>
      {s.modality === 'video' && s.videoLink ? (
        <p>
          <a href={s.videoLink} rel="noopener noreferrer" target="_blank">
            {t('engagement.session.join')}
          </a>
        </p>
      ) : null}
      {s.modality === 'video' && !s.videoLink ? <p>{t('engagement.session.videoLater')}</p> : null}
      {s.modality === 'in_person' && s.place ? <p>{t('engagement.session.where', { place: s.place })}</p> : null}
    </div>
  );
}

/**
 * "Next session" on a participant's record, for the coach and staff: the agreed sessions with
 * buttons to move or cancel each, and the "Schedule next session" form.
 */
export function NextSessionSection({ participantId, givenName }: { participantId: string; givenName: string }) {
  const program = useProgram();
  const sessions = useParticipantSessions(program.programId, participantId);
  const cancel = useCancelSession(program.programId);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  return (
    <Section title="Next session" id="participant-next-session">
      {notice ? <Notice>{notice}</Notice> : null}
      {cancel.error ? <ErrorAlert error={cancel.error} title="Could not cancel" /> : null}
      <QueryView query={sessions} loadingLabel="Loading sessions…">
        {(data) =>
          data.pairingId === null ? (
            <p>{givenName} has no coach yet, so no session can be scheduled.</p>
          ) : (
            <>
              {data.upcoming.length === 0 ? <p>No session is scheduled with {givenName} yet.</p> : null}
              {data.upcoming.map((s) => (
                <div key={s.id}>
                  <SessionDetails session={s} with={s.participantName && s.coachName ? s.coachName : null} />
                  {data.canSchedule ? (
                    <div className="card__actions">
                      <Disclosure label={`Move the session on ${sessionWhen(s)}`}>
                        <ScheduleSessionForm
                          key={`${s.id}-${s.sequence}`}
                          pairingId={data.pairingId!}
                          session={s}
                          onDone={(moved) =>
                            setNotice(`Session moved to ${sessionWhen(moved)}. Both of you get an updated invitation.`)
                          }
                        />
                      </Disclosure>
                      <Button
                        variant="secondary"
                        busy={cancel.isPending && cancel.variables === s.id}
                        busyLabel="Cancelling…"
                        onClick={() =>
                          cancel.mutate(s.id, {
                            onSuccess: () => setNotice(`Session on ${sessionWhen(s)} cancelled. Both of you are told.`),
                          })
                        }
                      >
                        Cancel the session on {sessionWhen(s)}
                      </Button>
                    </div>
                  ) : null}
                </div>
              ))}
              {data.canSchedule ? (
                <Disclosure label="Schedule next session">
                  <ScheduleSessionForm
                    key={formKey}
                    pairingId={data.pairingId}
                    onDone={(s) => {
                      setFormKey((k) => k + 1);
                      setNotice(`Session scheduled for ${sessionWhen(s)}. ${givenName} and the coach get a calendar invitation.`);
                    }}
                  />
                </Disclosure>
              ) : null}
            </>
          )
        }
      </QueryView>
    </Section>
  );
}

/** The participant's next session on "My coach": when, how, and the link or place. */
export function MyNextSession({ participantId }: { participantId: string }) {
  const program = useProgram();
  const sessions = useParticipantSessions(program.programId, participantId);
  const t = useT();
  return (
    <Section title={t('engagement.myNext.title')} id="my-next-session">
      <QueryView query={sessions} loadingLabel={t('engagement.myNext.loading')}>
        {(data) => {
          const next = data.upcoming[0];
          return next ? (
            <>
              <SessionDetails session={next} with={next.coachName} />
              <p>{t('engagement.myNext.inEmail')}</p>
            </>
          ) : (
            <p>{t('engagement.myNext.none')}</p>
          );
        }}
      </QueryView>
    </Section>
  );
}
