import { useWhen } from '../../app/when';
import type { BestTimesView } from '../../../core/engagement';
import { timeOfDayLabels } from '../../app/vocab';
import { VisuallyHidden, telHref } from '../../ui/controls';
import { clockWords, zoneWords } from '../../../core/shared/time';
import { Empty, QueryView } from '../../ui/feedback';
import { Section } from '../../ui/Page';
import { useBestTimes } from './engagement.api';
import { weekdayLabels } from './labels';

/** "Best times to try": the suggested slots with the reason for each, learnt from past attempts. */
export function BestTimes({ programId, participantId, name }: { programId: string; participantId: string; name: string }) {
  const best = useBestTimes(programId, participantId);
  return (
    <Section title="Best times to try" id="best-times">
      <QueryView query={best} loadingLabel="Working out the best times…">
        {(b) => <BestTimesBody best={b} name={name} />}
      </QueryView>
    </Section>
  );
}

function BestTimesBody({ best: b, name }: { best: BestTimesView; name: string }) {
  const when = useWhen();
  return (
    <>
      {b.pausedUntil ? (
        <p className="notice">
          {name} asked not to be contacted before {when.dateOn(b.pausedUntil)}.
        </p>
      ) : null}
      {b.suggestions.length === 0 ? (
        <Empty>No time fits what {name} said suits them. Check their days and times.</Empty>
      ) : (
        <ol className="suggestions">
          {b.suggestions.map((s) => (
            <li key={`${s.weekday}-${s.band}`} className="suggestion">
              <p className="suggestion__slot">
                <strong>
                  {weekdayLabels[s.weekday]} {timeOfDayLabels[s.band].toLowerCase()}
                </strong>
                , {clockWords(s.from)} to {clockWords(s.to)} · next on {when.dateOn(s.nextOn)}
              </p>
              <p className="suggestion__reason">{s.reason}</p>
            </li>
          ))}
        </ol>
      )}
      <p className="muted">
        Times are the program’s ({zoneWords(b.timeZone)}). Learnt from {b.ownAttempts} attempt{b.ownAttempts === 1 ? '' : 's'}{' '}
        with {name} and the program’s pattern.
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
