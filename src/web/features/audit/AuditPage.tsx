import { useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useProgram } from '../../app/program';
import { TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, SelectField, TextField } from '../../ui/form';
import { Page } from '../../ui/Page';
import {
  AUDIT_PAGE_SIZE,
  AUDIT_VERB_FILTER_WORDS,
  AUDIT_VERB_FILTERS,
  auditExportHref,
  describeAction,
  describeKind,
  useAuditChoices,
  useAuditPage,
  type AuditChoices,
  type AuditFilter,
} from './audit.api';

const DATE_ON = /^\d{4}-\d{2}-\d{2}$/;

/** The filter the page's address carries; anything malformed is left out rather than sent. */
function filterOf(params: URLSearchParams): AuditFilter {
  const verb = params.get('verb');
  const date = (key: string) => {
    const v = params.get(key);
    return v && DATE_ON.test(v) ? v : null;
  };
  return {
    entityId: params.get('entity'),
    actorId: params.get('person'),
    verb: AUDIT_VERB_FILTERS.find((v) => v === verb) ?? null,
    entityType: params.get('kind'),
    from: date('from'),
    to: date('to'),
  };
}

function searchOf(f: AuditFilter, before?: number): string {
  const q = new URLSearchParams();
  const put = (k: string, v: string | null) => v && q.set(k, v);
  put('entity', f.entityId);
  put('person', f.actorId);
  put('verb', f.verb);
  put('kind', f.entityType);
  put('from', f.from);
  put('to', f.to);
  if (before) q.set('before', String(before));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const isFiltered = (f: AuditFilter) => Object.values(f).some((v) => v !== null);

/** Who read or changed what, newest first, a page at a time, narrowed by who, what and when. */
export function AuditPage() {
  const when = useWhen();
  const program = useProgram();
  const [params] = useSearchParams();
  const rawBefore = Number(params.get('before'));
  const before = Number.isInteger(rawBefore) && rawBefore > 0 ? rawBefore : null;
  const filter = filterOf(params);
  const page = useAuditPage(program.programId, before, filter);
  const choices = useAuditChoices(program.programId);

  return (
    <Page
      title="Audit trail"
      intro={
        <p>
          Every time someone views, lists or changes personal information, it is recorded here.
          {filter.entityId ? ' Showing one record only.' : ''}
        </p>
      }
    >
      <AuditFilterForm
        // A new address (a link, the back button) starts the form again from it.
        key={searchOf(filter)}
        filter={filter}
        choices={choices.data ?? { people: [], kinds: [] }}
      />
      <QueryView query={page} loadingLabel="Loading the audit trail…">
        {(events) => {
          const last = events[events.length - 1];
          return (
            <>
              <p>
                <a className="button button--secondary" href={auditExportHref(program.programId, filter)} download>
                  Download {isFiltered(filter) ? 'these events' : 'the trail'} as a spreadsheet (CSV)
                </a>
              </p>
              {events.length === 0 ? (
                <Empty>
                  No events{before ? ' older than these' : ''}
                  {isFiltered(filter) ? ' match these choices' : ''}.
                </Empty>
              ) : (
                <TableScroll label="Audit events table" cards>
                  <table className="table">
                    <caption className="visually-hidden">Audit events, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Who</th>
                        <th scope="col">What</th>
                        <th scope="col">Record</th>
                        <th scope="col">Address</th>
                        <th scope="col">Request</th>
                      </tr>
                    </thead>
                    <tbody>
                      {events.map((e) => (
                        <tr key={e.id}>
                          <td>{when.dateTime(e.at)}</td>
                          <td>{e.actorName ?? <span className="muted">Nobody signed in</span>}</td>
                          <th scope="row">{describeAction(e.action)}</th>
                          <td>
                            {e.entityId ? (
                              <Link to={program.to(`audit?entity=${encodeURIComponent(e.entityId)}`)}>
                                {e.recordLabel ?? `${describeKind(e.entityType)} ${e.entityId.slice(0, 8)}`}
                              </Link>
                            ) : (
                              <span className="muted">None</span>
                            )}
                          </td>
                          <td>{e.ip ?? ''}</td>
                          <td>{e.requestId ? <code>{e.requestId.slice(0, 8)}</code> : ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
              <nav aria-label="Audit pages" className="form-actions">
                {before ? <Link to={program.to(`audit${searchOf(filter)}`)}>Newest events</Link> : null}
                {last && events.length === AUDIT_PAGE_SIZE ? (
                  <Link to={program.to(`audit${searchOf(filter, last.id)}`)}>Older events</Link>
                ) : null}
              </nav>
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}

/** The filters, applied by "Show events" (so the list does not jump while choosing). */
function AuditFilterForm({ filter, choices }: { filter: AuditFilter; choices: AuditChoices }) {
  const when = useWhen();
  const program = useProgram();
  const navigate = useNavigate();
  const [person, setPerson] = useState(filter.actorId ?? '');
  const [verb, setVerb] = useState<string>(filter.verb ?? '');
  const [kind, setKind] = useState(filter.entityType ?? '');
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  const [error, setError] = useState<{ message: string; fields: { path: string; message: string }[] } | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (from && to && to < from) {
      setError({
        message: 'Some answers need attention.',
        fields: [{ path: 'to', message: `Choose a last day on or after ${when.dateOn(from)}.` }],
      });
      return;
    }
    setError(null);
    const next: AuditFilter = {
      entityId: filter.entityId,
      actorId: person || null,
      verb: AUDIT_VERB_FILTERS.find((v) => v === verb) ?? null,
      entityType: kind || null,
      from: from || null,
      to: to || null,
    };
    void navigate(program.to(`audit${searchOf(next)}`));
  };

  // The person or kind chosen stays on offer even when the trail's choices have not loaded yet.
  const people =
    choices.people.some((p) => p.id === person) || !person
      ? choices.people
      : [...choices.people, { id: person, name: 'The chosen person' }];
  const kinds = choices.kinds.includes(kind) || !kind ? choices.kinds : [...choices.kinds, kind];
  const toError = error?.fields.find((f) => f.path === 'to')?.message;

  return (
    <form className="filters" onSubmit={submit} noValidate aria-labelledby="audit-filters">
      <h2 id="audit-filters">Choose events</h2>
      <FormErrors error={error} labels={{ to: 'To' }} title="Could not show these events" />
      <div className="filters__row">
        <SelectField
          label="Who"
          value={person}
          placeholder="Anyone"
          options={people.map((p) => ({ value: p.id, label: p.name }))}
          onChange={setPerson}
        />
        <SelectField
          label="What happened"
          value={verb}
          placeholder="Anything"
          options={AUDIT_VERB_FILTERS.map((v) => ({ value: v, label: AUDIT_VERB_FILTER_WORDS[v] }))}
          onChange={setVerb}
        />
        <SelectField
          label="Kind of record"
          value={kind}
          placeholder="Any kind"
          options={kinds.map((k) => ({ value: k, label: capitalised(describeKind(k)) }))}
          onChange={setKind}
        />
      </div>
      <div className="filters__row">
        <TextField label="From" type="date" value={from} onChange={setFrom} hint="The first day, in the program’s time." />
        <TextField
          label="To"
          type="date"
          value={to}
          onChange={(v) => {
            setTo(v);
            setError(null);
          }}
          hint="The last day included."
          error={toError}
        />
      </div>
      <FormActions>
        <button type="submit" className="button">
          Show events
        </button>
        {isFiltered(filter) ? <Link to={program.to('audit')}>Show every event</Link> : null}
      </FormActions>
    </form>
  );
}
