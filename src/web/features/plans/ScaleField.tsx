import { useId, type ReactNode } from 'react';
import './scale.css';
import { useT } from '../../i18n/i18n';

const POINTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * A 0–10 rating as eleven radio buttons in a radio group, large enough to tap on a phone: the
 * confidence and readiness rulers and the PEG items. Each radio is named by its number; the ends of
 * the scale are said in words beneath, and in the group's description.
 */
export function ScaleField({
  legend,
  name,
  value,
  onChange,
  low,
  high,
  hint,
  error,
}: {
  legend: string;
  name: string;
  value: number | null;
  onChange: (value: number) => void;
  /** What 0 means, e.g. "Not at all sure". */
  low: string;
  /** What 10 means. */
  high: string;
  hint?: ReactNode;
  error?: string | undefined;
}) {
  const id = useId();
  const t = useT();
  const describedBy = [hint ? `${id}-hint` : null, `${id}-ends`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset role="radiogroup" className="field fieldset scale" aria-describedby={describedBy}>
      <legend className="field__label">{legend}</legend>
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
      <div className="scale__options">
        {POINTS.map((n) => (
          <label key={n} className="scale__option">
            <input
              type="radio"
              className="scale__input"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              aria-invalid={error ? true : undefined}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
      <p id={`${id}-ends`} className="scale__ends">
        <span>{t('plans.scale.ends', { n: 0, words: low })}</span>
        <span>{t('plans.scale.ends', { n: 10, words: high })}</span>
      </p>
    </fieldset>
  );
}
