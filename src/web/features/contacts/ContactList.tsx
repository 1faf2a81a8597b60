import type { ContactView, EssentialElement } from '../../../core/contacts';
import { useWhen } from '../../app/when';
import { labelsOf, useT } from '../../i18n/i18n';
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
  const t = useT();
  if (contacts.length === 0) return <Empty>{t('staff.coach.contacts.none')}</Empty>;
  const titles = new Map(topics.map((topic) => [topic.key, topic.title]));
  const channels = labelsOf(t, 'vocab.channel', channelLabels);
  const outcomes = labelsOf(t, 'staff.coach.contacts.outcomeShort', outcomeShortLabels);
  const elements = labelsOf(t, 'staff.coach.contacts.element', elementLabels);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const rows = [...contacts].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <ul className="cards">
      {rows.map((c) => {
        const covered = (Object.keys(elementLabels) as EssentialElement[]).filter((e) => c[e]);
        return (
          <li key={c.id} className="card">
            <Heading className="card__title">
              {nameOf
                ? t('staff.coach.contacts.nameAndWhen', { name: nameOf(c.participantId), when: when.dateTime(c.occurredAt) })
                : when.dateTime(c.occurredAt)}
            </Heading>
            <p className="card__meta">
              {when.ago(c.occurredAt)} · {channels[c.channel]}
              {c.minutes !== null ? ` · ${t('staff.coach.contacts.minutes', { minutes: c.minutes })}` : ''}{' '}
              <Badge tone={c.isReached ? 'good' : 'neutral'}>{outcomes[c.outcome]}</Badge>
            </p>
            {c.isReached ? (
              <>
                <p>
                  <strong>{t('staff.coach.contacts.topics')}</strong>{' '}
                  {c.topics.length > 0
                    ? c.topics.map((k) => titles.get(k) ?? k).join(', ')
                    : t('staff.coach.contacts.noneRecorded')}
                </p>
                <p>
                  <strong>{t('staff.coach.contacts.essentials', { count: covered.length })}</strong>{' '}
                  {covered.length > 0 ? covered.map((e) => elements[e]).join('; ') : t('staff.coach.contacts.noneRecorded')}
                </p>
              </>
            ) : null}
            {c.note ? (
              <p>
                <strong>{t('staff.coach.contacts.note')}</strong> {c.note}
              </p>
            ) : null}
            <LateEntryNote mark={c.enteredLate} timeZone={when.timeZone} />
          </li>
        );
      })}
    </ul>
  );
}
