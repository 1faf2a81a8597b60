import { useWhen } from '../../app/when';
import type { BestTimesView } from '../../../core/engagement';
import { timeOfDayLabels } from '../../app/vocab';
import { labelsOf, useLocale, useT } from '../../i18n/i18n';
import { VisuallyHidden, telHref } from '../../ui/controls';
import { clockWords, zoneWords } from '../../../core/shared/time';
import { Empty, QueryView } from '../../ui/feedback';
import { Section } from '../../ui/Page';
import { useBestTimes } from './engagement.api';
import { weekdayLabels } from './labels';

/** "Best times to try": the suggested slots with the reason for each, learnt from past attempts. */
export function BestTimes({ programId, participantId, name }: { programId: string; participantId: string; name: string }) {
  const best = useBestTimes(programId, participantId);
  const t = useT();
  return (
    <Section title={t('staff.coach.bestTimes.title')} id="best-times">
      <QueryView query={best} loadingLabel={t('staff.coach.bestTimes.loading')}>
        {(b) => <BestTimesBody best={b} name={name} />}
      </QueryView>
    </Section>
  );
}

function BestTimesBody({ best: b, name }: { best: BestTimesView; name: string }) {
  const when = useWhen();
  const t = useT();
  const locale = useLocale();
  const weekdays = labelsOf(t, 'vocab.weekday', weekdayLabels);
  const bands = labelsOf(t, 'vocab.timeOfDay', timeOfDayLabels);
  return (
    <>
      {b.pausedUntil ? (
        <p className="notice">{t('staff.coach.bestTimes.paused', { name, date: when.dateOn(b.pausedUntil) })}</p>
      ) : null}
      {b.suggestions.length === 0 ? (
        <Empty>{t('staff.coach.bestTimes.none', { name })}</Empty>
      ) : (
        <ol className="suggestions">
          {b.suggestions.map((s) => (
            <li key={`${s.weekday}-${s.band}`} className="suggestion">
              <p className="suggestion__slot">
                <strong>
                  {t('staff.coach.bestTimes.slotDay', { weekday: weekdays[s.weekday], band: bands[s.band].toLowerCase() })}
                </strong>
                {t('staff.coach.bestTimes.slotHours', {
                  from: clockWords(s.from, locale),
                  to: clockWords(s.to, locale),
                  date: when.dateOn(s.nextOn),
                })}
              </p>
              <p className="suggestion__reason">{s.reason}</p>
            </li>
          ))}
        </ol>
      )}
      <p className="muted">
        {t('staff.coach.bestTimes.basis', { zone: zoneWords(b.timeZone, locale), attempts: b.ownAttempts, name })}
      </p>
    </>
  );
}

/** Digits and a leading plus, for `sms:` like `tel:`. */
export function smsHref(phone: string): string {
  return `sms:${phone.replace(/[^+\d]/g, '')}`;
}

/** Click-to-call and click-to-text, shown only when the participant allowed sharing the number. */
export function ReachLinks({ phone, name }: { phone: string | null; name: string }) {
  if (!phone) return null;
  return (
    <div className="card__actions">
      <a className="button button--secondary" href={telHref(phone)}>
        Call {phone}
        <VisuallyHidden>, {name}</VisuallyHidden>
      </a>
      <a className="button button--secondary" href={smsHref(phone)}>
        Text {phone}
        <VisuallyHidden>, {name}</VisuallyHidden>
      </a>
    </div>
  );
}
