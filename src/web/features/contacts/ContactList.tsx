import type { ContactView, EssentialElement } from '../../../core/contacts';
import { useWhen } from '../../app/when';
import { channelLabels } from '../../app/vocab';
import { Badge } from '../../ui/controls';
import { Empty } from '../../ui/feedback';
import { LateEntryNote } from '../../ui/LateEntryNote';
import { elementLabels, outcomeShortLabels } from './labels';

/** Contacts newest first: when, how, reached or not, and for reached ones what was covered. */
export function ContactList({
  contacts,
  topics,
  nameOf,
  headingLevel = 3,
}: {
  contacts: readonly ContactView[];
  topics: readonly { key: string; title: string }[];
  /** The participant's name, when the list mixes participants. */
  nameOf?: (participantId: string) => string;
  headingLevel?: 2 | 3;
}) {
  const when = useWhen();
  if (contacts.length === 0) return <Empty>No contacts logged yet.</Empty>;
  const titles = new Map(topics.map((t) => [t.key, t.title]));
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const rows = [...contacts].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <ul className="cards">
      {rows.map((c) => {
        const covered = (Object.keys(elementLabels) as EssentialElement[]).filter((e) => c[e]);
        return (
          <li key={c.id} className="card">
            <Heading className="card__title">
              {nameOf ? `${nameOf(c.participantId)}: ` : ''}
              {when.dateTime(c.occurredAt)}
            </Heading>
            <p className="card__meta">
              {when.ago(c.occurredAt)} · {channelLabels[c.channel]}
              {c.minutes !== null ? ` · ${c.minutes} min` : ''}{' '}
              <Badge tone={c.isReached ? 'good' : 'neutral'}>{outcomeShortLabels[c.outcome]}</Badge>
            </p>
            {c.isReached ? (
              <>
                <p>
                  <strong>Topics:</strong>{' '}
                  {c.topics.length > 0 ? c.topics.map((t) => titles.get(t) ?? t).join(', ') : 'None recorded'}
                </p>
                <p>
                  <strong>Essentials ({covered.length} of 4):</strong>{' '}
                  {covered.length > 0 ? covered.map((e) => elementLabels[e]).join('; ') : 'None recorded'}
                </p>
              </>
            ) : null}
            {c.note ? (
              <p>
                <strong>Note:</strong> {c.note}
              </p>
            ) : null}
            <LateEntryNote mark={c.enteredLate} timeZone={when.timeZone} />
          </li>
        );
      })}
    </ul>
  );
}
