import { useWhen } from '../../app/when';
import { useId } from 'react';
import { DuplicateMatch } from '../../../core/participants';
import { ApiError } from '../../app/api';
import { useProgram } from '../../app/program';
import { participantStatusLabels } from '../../app/vocab';
import { Button } from '../../ui/controls';
import { FormActions } from '../../ui/form';
import { Link } from 'react-router';

/** The likely duplicates a refused creation names (409 likely_duplicate), or null for any other error. */
export function likelyDuplicatesOf(error: unknown): DuplicateMatch[] | null {
  if (!(error instanceof ApiError) || error.reason !== 'likely_duplicate') return null;
  const parsed = DuplicateMatch.array().safeParse(error.body['matches']);
  return parsed.success ? parsed.data : [];
}

const reasonWords = { name: 'same name', phone: 'same phone number' } as const;

/**
 * The warning before a likely duplicate is added: who is already in the program and why they look
 * alike, a link to each record, and "Add anyway" for a different person with the same name.
 */
export function DuplicateWarning({
  matches,
  busy,
  onConfirm,
}: {
  matches: DuplicateMatch[];
  busy: boolean;
  onConfirm: () => void;
}) {
  const when = useWhen();
  const program = useProgram();
  const titleId = useId();
  return (
    <section role="region" aria-labelledby={titleId} className="alert alert--warning">
      <h2 id={titleId} className="alert__title">
        Is this someone already in the program?
      </h2>
      <p>Nothing has been added yet. These people look like the one you are adding:</p>
      <ul className="alert__list">
        {matches.map((m) => (
          <li key={m.id}>
            <Link to={program.to(`participants/${m.id}`)} aria-label={`Open ${m.name} (${m.code})`}>
              {m.name} ({m.code})
            </Link>
            {m.birthYear !== null ? `, born ${m.birthYear}` : ''}, {participantStatusLabels[m.status].toLowerCase()}, referred{' '}
            {when.dateOn(m.referredOn)}: {m.matchedOn.map((r) => reasonWords[r]).join(' and ')}.
          </li>
        ))}
      </ul>
      <p>If this is a different person, add them anyway. If it is the same person, open their record instead.</p>
      <FormActions>
        <Button type="button" variant="secondary" busy={busy} busyLabel="Adding…" onClick={onConfirm}>
          Add anyway
        </Button>
      </FormActions>
    </section>
  );
}
