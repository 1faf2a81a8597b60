import { useState, type FormEvent } from 'react';
import type { TranscriptView } from '../../../core/interviews';
import { Button } from '../../ui/controls';
import { FormActions, FormErrors, TextField } from '../../ui/form';
import { Section } from '../../ui/Page';

export interface Replacement {
  start: number;
  end: number;
  replacement: string;
}
type Proposal = NonNullable<TranscriptView['proposals']>[number];

const kindWords: Record<Proposal['kind'] | 'added', string> = {
  name: 'A name',
  phone: 'A phone number',
  email: 'An e-mail address',
  date: 'A date',
  place: 'A place',
  added: 'Added by you',
};
const CONTEXT = 40;

interface Row extends Replacement {
  key: string;
  kind: Proposal['kind'] | 'added';
}

/** Every place `find` occurs in `text` that no row covers yet. */
export function occurrences(text: string, find: string, taken: readonly Replacement[]): Replacement[] {
  const out: Replacement[] = [];
  if (find.trim() === '') return out;
  for (let at = text.indexOf(find); at !== -1; at = text.indexOf(find, at + find.length)) {
    const end = at + find.length;
    if (!taken.some((r) => r.start < end && r.end > at)) out.push({ start: at, end, replacement: '' });
  }
  return out;
}

/**
 * The de-identification review: each proposed replacement with the words around it, to keep, change
 * or remove; more can be added by the words to find. Confirming sends the final list.
 */
export function DeidentificationReview({
  text,
  proposals,
  onConfirm,
  busy,
  error,
}: {
  text: string;
  proposals: readonly Proposal[];
  onConfirm: (replacements: Replacement[]) => void;
  busy: boolean;
  error: unknown;
}) {
  const [rows, setRows] = useState<Row[]>(() =>
    proposals.map((p) => ({ key: `${p.start}-${p.end}`, start: p.start, end: p.end, replacement: p.replacement, kind: p.kind })),
  );
  const [find, setFind] = useState('');
  const [replaceWith, setReplaceWith] = useState('');
  const [addNote, setAddNote] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const update = (key: string, replacement: string) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, replacement } : r)));
  const remove = (key: string) => setRows((rs) => rs.filter((r) => r.key !== key));
  const add = (e: FormEvent) => {
    e.preventDefault();
    const found = occurrences(text, find, rows);
    if (found.length === 0 || replaceWith.trim() === '') {
      setAddNote(
        replaceWith.trim() === '' ? 'Write what to put instead.' : `“${find}” is not in the transcript (or is already replaced).`,
      );
      return;
    }
    setRows((rs) =>
      [
        ...rs,
        ...found.map((f) => ({ ...f, key: `${f.start}-${f.end}`, replacement: replaceWith.trim(), kind: 'added' as const })),
      ].sort((a, b) => a.start - b.start),
    );
    setAddNote(`Added ${found.length} ${found.length === 1 ? 'place' : 'places'}.`);
    setFind('');
    setReplaceWith('');
  };
  const confirm = () => {
    if (rows.some((r) => r.replacement.trim() === '')) {
      setMissing(true);
      return;
    }
    setMissing(false);
    onConfirm(rows.map((r) => ({ start: r.start, end: r.end, replacement: r.replacement.trim() })));
  };

  return (
    <>
      <Section title="Check the replacements" id="deid-review">
        <p>
          Kindred found these names, phone numbers, e-mail addresses and dates. Keep, change or remove each one, and add anything
          else that could identify someone (a town, a workplace). Only the copy with the replacements is coded.
        </p>
        {rows.length === 0 ? <p>Nothing found to replace.</p> : null}
        <ol className="deid-list" aria-label="Replacements">
          {rows.map((r) => {
            const found = text.slice(r.start, r.end);
            return (
              <li key={r.key} className="deid-item">
                <p className="deid-item__kind">{kindWords[r.kind]}</p>
                <p className="deid-item__context">
                  {r.start > CONTEXT ? '…' : ''}
                  {text.slice(Math.max(0, r.start - CONTEXT), r.start)}
                  <mark>{found}</mark>
                  {text.slice(r.end, r.end + CONTEXT)}
                  {r.end + CONTEXT < text.length ? '…' : ''}
                </p>
                <TextField
                  label={`Replace “${found}” with`}
                  value={r.replacement}
                  onChange={(v) => update(r.key, v)}
                  maxLength={60}
                  error={missing && r.replacement.trim() === '' ? 'Write what to put instead, or remove this one.' : undefined}
                />
                <Button variant="secondary" onClick={() => remove(r.key)}>
                  Keep “{found}” as it is
                </Button>
              </li>
            );
          })}
        </ol>
      </Section>
      <Section title="Add a replacement" id="deid-add" level={3}>
        <form onSubmit={add} aria-label="Add a replacement">
          <TextField label="Words to find" value={find} onChange={setFind} />
          <TextField
            label="Put instead"
            value={replaceWith}
            onChange={setReplaceWith}
            maxLength={60}
            hint="For example [Town]."
          />
          <FormActions>
            <Button type="submit" variant="secondary">
              Add
            </Button>
          </FormActions>
          {addNote ? <p role="status">{addNote}</p> : null}
        </form>
      </Section>
      {error ? <FormErrors error={error} /> : null}
      <FormActions>
        <Button onClick={confirm} busy={busy} busyLabel="Confirming…">
          Confirm the de-identification
        </Button>
      </FormActions>
    </>
  );
}
