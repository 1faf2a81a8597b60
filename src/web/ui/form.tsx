import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useForm, type DefaultValues, type FieldErrors, type FieldValues, type Path, type PathValue } from 'react-hook-form';
import type { z } from 'zod';
import { fieldWords, plainIssueMessage, plainIssueOf, wordedRefusalCode } from '../../core/shared/messages';
import { errorMessage, fieldRefusalWords, supportReference, useFocusWhenShown } from './feedback';
import { englishT, useT, type Translate } from '../i18n/i18n';

/** The messages a failed submit left on fields, by field path (`phone`, `painLocations`, …). */
export type FieldMessages = Record<string, string>;

interface HasFields {
  fields: { path: string; message: string; code?: string; values?: Record<string, number> }[];
}

function hasFields(e: unknown): e is HasFields {
  return typeof e === 'object' && e !== null && 'fields' in e && Array.isArray(e.fields);
}

/** Field messages from an error that carries `fields` (the first message per top-level field), in the reader's language. */
export function fieldMessagesOf(error: unknown, t: Translate = englishT): FieldMessages {
  const out: FieldMessages = {};
  if (!hasFields(error)) return out;
  for (const f of error.fields) {
    const key = f.path.split('.')[0] ?? f.path;
    out[key] ??= fieldRefusalWords(f, t);
  }
  return out;
}

function topLevel(path: string): string {
  return path.split('.')[0] ?? path;
}

/**
 * Refusals whose fields a form clears one by one (`useServerRefusal`, `useFormState`): a summary
 * showing one of them leaves the clearing to the form. Any other refusal with fields is the whole
 * form's, and goes as soon as an answer in the form changes (see {@link FormErrors}).
 */
const refusalsClearedByField = new WeakSet<object>();

/**
 * The server's refusal minus the fields edited since it came (issue #16: a refusal must not linger
 * after the answer was changed). `edited(key)` marks a field as changed; a new refusal starts afresh.
 * A refusal whose every field was changed disappears; one about no field (a conflict) stays.
 * `keyOf` names the form field a message's path is about (default: its first segment); pass a
 * function defined outside the component, so the result stays the same object between renders.
 */
export function useServerRefusal(
  serverError: unknown,
  keyOf: (path: string) => string = topLevel,
): {
  error: unknown;
  fields: FieldMessages;
  edited: (key: string) => void;
} {
  const [changed, setChanged] = useState<{ of: unknown; keys: ReadonlySet<string> }>({ of: null, keys: new Set() });
  const keys = changed.of === serverError ? changed.keys : new Set<string>();
  const edited = (key: string) =>
    setChanged((prev) =>
      prev.of === serverError && prev.keys.has(key)
        ? prev
        : { of: serverError, keys: new Set([...(prev.of === serverError ? prev.keys : []), key]) },
    );
  const error = useMemo(() => {
    if (!hasFields(serverError) || keys.size === 0) return serverError;
    const left = serverError.fields.filter((f) => !keys.has(keyOf(f.path)));
    if (left.length === serverError.fields.length) return serverError;
    if (left.length === 0 && serverError.fields.length > 0) return null;
    const e = serverError as HasFields & {
      message?: string;
      status?: number;
      requestId?: string;
      code?: string;
      reason?: string;
      body?: unknown;
    };
    return {
      message: e.message,
      status: e.status,
      requestId: e.requestId,
      code: e.code,
      reason: e.reason,
      body: e.body,
      fields: left,
    };
  }, [serverError, keys, keyOf]);
  const t = useT();
  const fields = fieldMessagesOf(error, t);
  if (typeof error === 'object' && error !== null) refusalsClearedByField.add(error);
  return { error, fields, edited };
}

/** The messages of a refusal found in the browser, as react-hook-form keeps them. */
function errorsOf(messages: FieldMessages): FieldErrors {
  return Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, { type: 'refused', message }]));
}

function messagesOf(errors: FieldErrors): FieldMessages {
  const out: FieldMessages = {};
  for (const [key, e] of Object.entries(errors)) if (e && typeof e.message === 'string') out[key] = e.message;
  return out;
}

/**
 * A form's values, its setters, and its messages, kept by react-hook-form (ADR 0054): checks in the
 * browser first (`validate` returns the fields that need attention), then the server's refusal,
 * shown in one summary either way. Changing a field clears its message, the browser's or the
 * server's (issue #16). Prefer {@link useSchemaForm}, whose checks are the core schema's own.
 */
export function useFormState<T extends FieldValues>(
  initial: T,
  validate: (values: T) => FieldMessages,
  onSubmit: (values: T) => void,
  serverError: unknown,
  /** Called after any field changes, e.g. to take down a "Saved" notice about the old answers. */
  onEdit?: () => void,
) {
  const form = useForm<T>({
    defaultValues: initial as DefaultValues<T>,
    // The summary takes focus, and names each field with a link to it (issue #10).
    shouldFocusError: false,
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    resolver: (values) => {
      const missing = validate(values);
      return Object.keys(missing).length === 0
        ? { values, errors: {} }
        : { values: {}, errors: errorsOf(missing) as FieldErrors<T> };
    },
  });
  const values = form.watch() as T;
  const local = messagesOf(form.formState.errors as FieldErrors);
  const server = useServerRefusal(serverError);
  const t = useT();
  const set =
    <K extends keyof T & string>(key: K) =>
    (value: T[K]) => {
      form.setValue(key as unknown as Path<T>, value as PathValue<T, Path<T>>, { shouldDirty: true });
      if (key in local) form.clearErrors(key as unknown as Path<T>);
      server.edited(key);
      onEdit?.();
    };
  const submit = (e: FormEvent) => void form.handleSubmit((v) => onSubmit(v as T))(e);
  const hasLocal = Object.keys(local).length > 0;
  // A local refusal takes the server's shape, so one summary shows both. One object per set of
  // words: the summary takes focus when its error changes, and must not take it on every keystroke.
  const localWords = JSON.stringify(local);
  const localError = useMemo(() => {
    const refusal = {
      message: t('ui.needsAttention'),
      fields: Object.entries(JSON.parse(localWords) as FieldMessages).map(([path, message]) => ({ path, message })),
    };
    refusalsClearedByField.add(refusal);
    return refusal;
  }, [localWords, t]);
  const error = hasLocal ? localError : server.error;
  return { values, set, submit, error, fields: hasLocal ? local : server.fields };
}

/**
 * The fields a body refuses, checked by the core schema the server checks it with (issue #14: the
 * rules are written once): a schema's own words as written, Kindred's plain words (by their code) in
 * the reader's language. Empty when the body would be accepted. `keyOf` names the form field a
 * schema path is about (default: its first segment).
 */
export function schemaProblems(
  schema: z.ZodType,
  body: unknown,
  t: Translate = englishT,
  keyOf: (path: string) => string = topLevel,
): FieldMessages {
  const result = schema.safeParse(body, {
    error: (issue) => plainIssueMessage(issue as Parameters<typeof plainIssueMessage>[0]),
  });
  const out: FieldMessages = {};
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const key = keyOf(issue.path.map(String).join('.'));
    if (key in out) continue;
    const plain = plainIssueOf(issue as Parameters<typeof plainIssueOf>[0]);
    const code = plain?.code ?? wordedRefusalCode(issue.message) ?? undefined;
    out[key] = fieldRefusalWords({ ...plain, ...(code ? { code } : {}), message: issue.message }, t);
  }
  return out;
}

/**
 * A form checked by the core schema its request is checked with on the server (issue #14, ADR 0054):
 * `toBody` turns the form's values (text as typed) into the request's body, the schema says what
 * needs attention, and the form shows it before anything is sent. The server checks again.
 */
export function useSchemaForm<T extends FieldValues>(
  initial: T,
  check: { schema: z.ZodType; toBody: (values: T) => unknown; keyOf?: (path: string) => string },
  onSubmit: (values: T) => void,
  serverError: unknown,
  onEdit?: () => void,
) {
  const t = useT();
  const { schema, toBody, keyOf } = check;
  const validate = (values: T) => schemaProblems(schema, toBody(values), t, keyOf);
  return useFormState(initial, validate, onSubmit, serverError, onEdit);
}

/** The hint a limited text control shows: its own hint, then "Up to N characters." (issue #10). */
function withLimit(hint: ReactNode, maxLength: number | undefined, t: Translate): ReactNode {
  if (!maxLength) return hint;
  const limit = t('ui.upToCharacters', { max: maxLength });
  return hint ? (
    <>
      {hint} {limit}
    </>
  ) : (
    limit
  );
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

/** The ARIA wiring every control shares: invalid when in error, described by its hint and error. */
function controlAria(id: string, hint: ReactNode, error: string | undefined) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined),
  } as const;
}

function FieldText({ id, hint, error }: { id: string; hint?: ReactNode | undefined; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> & {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
};

/** A labelled input with an optional hint and error, wired with aria-describedby. */
export function TextField({ label, value, onChange, hint: ownHint, error, className, ...rest }: TextFieldProps) {
  const id = useId();
  const hint = withLimit(ownHint, rest.maxLength, useT());
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <FieldText id={id} hint={hint} error={error} />
      <input
        id={id}
        className="input"
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        {...controlAria(id, hint, error)}
        {...rest}
      />
    </div>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id'> & {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
};

export function TextArea({ label, value, onChange, hint: ownHint, error, rows = 3, ...rest }: TextAreaProps) {
  const id = useId();
  const hint = withLimit(ownHint, rest.maxLength, useT());
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <FieldText id={id} hint={hint} error={error} />
      <textarea
        id={id}
        className="input input--area"
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...controlAria(id, hint, error)}
        {...rest}
      />
    </div>
  );
}

export interface Option<V extends string> {
  value: V;
  label: string;
  hint?: ReactNode;
}

type SelectFieldProps<V extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value' | 'id'> & {
  label: string;
  value: V | '';
  options: readonly Option<V>[];
  onChange: (value: V) => void;
  /** Shown first with an empty value, e.g. "All" or "Choose…". */
  placeholder?: string;
  hint?: ReactNode;
  error?: string | undefined;
};

export function SelectField<V extends string>({
  label,
  value,
  options,
  onChange,
  placeholder,
  hint,
  error,
  ...rest
}: SelectFieldProps<V>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <FieldText id={id} hint={hint} error={error} />
      <select
        id={id}
        className="input input--select"
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
        {...controlAria(id, hint, error)}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface GroupProps {
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Lay options out in columns on wide screens. */
  columns?: boolean;
  children: ReactNode;
  id: string;
  role?: 'radiogroup';
}

function Group({ legend, hint, error, columns, children, id, role }: GroupProps) {
  return (
    <fieldset
      role={role}
      className="field fieldset"
      aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined)}
    >
      <legend className="field__label">{legend}</legend>
      <FieldText id={id} hint={hint} error={error} />
      <div className={columns ? 'choices choices--columns' : 'choices'}>{children}</div>
    </fieldset>
  );
}

/** Radio buttons in a fieldset with a legend, exposed as a radio group. */
export function RadioGroup<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  hint,
  error,
  columns,
  required,
}: {
  legend: string;
  name: string;
  options: readonly Option<V>[];
  value: V | '';
  onChange: (value: V) => void;
  hint?: ReactNode;
  error?: string | undefined;
  columns?: boolean;
  required?: boolean;
}) {
  const id = useId();
  return (
    <Group legend={legend} hint={hint} error={error} columns={columns ?? false} id={id} role="radiogroup">
      {options.map((o) => (
        <Choice
          key={o.value}
          type="radio"
          name={name}
          label={o.label}
          hint={o.hint}
          checked={value === o.value}
          onChange={() => onChange(o.value)}
          required={required ?? false}
        />
      ))}
    </Group>
  );
}

/** Checkboxes in a fieldset with a legend; the value is the list of checked options. */
export function CheckboxGroup<V extends string>({
  legend,
  options,
  values,
  onChange,
  hint,
  error,
  columns,
}: {
  legend: string;
  options: readonly Option<V>[];
  values: readonly V[];
  onChange: (values: V[]) => void;
  hint?: ReactNode;
  error?: string | undefined;
  columns?: boolean;
}) {
  const id = useId();
  const toggle = (v: V, on: boolean) =>
    onChange(on ? options.map((o) => o.value).filter((x) => x === v || values.includes(x)) : values.filter((x) => x !== v));
  return (
    <Group legend={legend} hint={hint} error={error} columns={columns ?? false} id={id}>
      {options.map((o) => (
        <Choice
          key={o.value}
          type="checkbox"
          label={o.label}
          hint={o.hint}
          checked={values.includes(o.value)}
          onChange={(on) => toggle(o.value, on)}
        />
      ))}
    </Group>
  );
}

/** One checkbox or radio button with its label (the whole row is the touch target). */
export function Choice({
  type = 'checkbox',
  label,
  hint,
  checked,
  onChange,
  name,
  required,
}: {
  type?: 'checkbox' | 'radio';
  label: string;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="choice">
      <input
        id={id}
        type={type}
        className="choice__input"
        name={name}
        checked={checked}
        required={required}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <div className="choice__text">
        <label htmlFor={id} className="choice__label">
          {label}
        </label>
        {hint ? (
          <span id={`${id}-hint`} className="choice__hint">
            {hint}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The summary at the top of a failed form: the server's message and each field's message, in an
 * assertive alert so it is announced. Each new refusal takes focus, so a phone scrolls to it.
 */
export function FormErrors({ error, labels = {}, title }: { error: unknown; labels?: Record<string, string>; title?: string }) {
  const t = useT();
  // A refusal about the form's answers (it has fields) that the form does not clear field by field
  // goes once any answer in the form changes: it no longer describes what is there (issue #16). A
  // refusal about no field (a conflict, a lost connection) stays, as it does in forms that clear
  // by field. A new refusal, even with the same words, shows again.
  const marker = useRef<HTMLSpanElement>(null);
  const [outdated, setOutdated] = useState<unknown>(null);
  const clearsOnChange = hasFields(error) && error.fields.length > 0 && !refusalsClearedByField.has(error);
  useEffect(() => {
    const form = clearsOnChange ? marker.current?.closest('form') : null;
    if (!form) return;
    const changed = () => setOutdated(error);
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    return () => {
      form.removeEventListener('input', changed);
      form.removeEventListener('change', changed);
    };
  }, [error, clearsOnChange]);
  if (!error || outdated === error) return clearsOnChange ? <span ref={marker} hidden /> : null;
  return (
    <>
      {clearsOnChange ? <span ref={marker} hidden /> : null}
      <ErrorSummary error={error} labels={labels} title={title ?? t('ui.couldNotSave')} />
    </>
  );
}

function ErrorSummary({ error, labels, title }: { error: unknown; labels: Record<string, string>; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const t = useT();
  const message = errorMessage(error, t);
  const fields = (hasFields(error) ? error.fields : []).map((f) => ({ path: f.path, message: fieldRefusalWords(f, t) }));
  const requestId = supportReference(error);
  // Focus follows the words, not the object: a page that builds its refusal on every render must
  // not pull focus out of the field someone is typing in, nor must a message that goes because its
  // field was edited (issue #16). Only new words make a new refusal.
  const words = { message, requestId, fields: fields.map((f) => `${f.path}\u0000${f.message}`) };
  const shown = useRef<{ key: number; words: typeof words } | null>(null);
  const prev = shown.current;
  const isSame =
    prev !== null &&
    prev.words.message === words.message &&
    prev.words.requestId === words.requestId &&
    words.fields.every((f) => prev.words.fields.includes(f));
  const key = isSame ? prev.key : (prev?.key ?? 0) + 1;
  shown.current = { key, words: isSame ? prev.words : words };
  useFocusWhenShown(ref, key);
  return (
    <div role="alert" className="alert alert--error" tabIndex={-1} ref={ref}>
      <p className="alert__title">{title}</p>
      <p>{message}</p>
      {fields.length > 0 ? (
        <ul className="alert__list">
          {fields.map((f, i) => {
            // The page's label for the field, else its name in words: never a raw path (issue #16).
            const label = labels[f.path.split('.')[0] ?? ''] ?? fieldWords(f.path);
            return <li key={`${f.path}-${i}`}>{label ? `${label}: ${f.message}` : f.message}</li>;
          })}
        </ul>
      ) : null}
      {requestId ? <p className="alert__meta">{t('ui.reference', { id: requestId })}</p> : null}
    </div>
  );
}

/** A form's buttons. */
export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}
