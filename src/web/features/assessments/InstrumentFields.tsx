import type { InstrumentForm } from '../../../core/assessments';
import { AnswerValue } from '../../../core/instruments';
import { maxLengthOf } from '../../../core/shared/messages';
import { RadioGroup, TextArea, TextField } from '../../ui/form';
import { useT } from '../../i18n/i18n';

/** Answers as a form holds them: choice items by answer code, number items as typed, text as text. */
export type FormAnswers = Record<string, string>;

/** The question as read out or shown: its number and text. */
export const questionText = (item: InstrumentForm['items'][number]): string =>
  item.prefix ? `${item.prefix} ${item.text}` : item.text;

/** Turns stored or drafted answers (numbers or codes) into the form's strings. */
export function formAnswersOf(form: InstrumentForm, given: Record<string, number | string | null> | undefined): FormAnswers {
  const out: FormAnswers = {};
  for (const item of form.items) {
    const v = given?.[item.linkId];
    if (v === undefined || v === null) continue;
    if (item.kind === 'choice') {
      const option = typeof v === 'number' ? item.options.find((o) => o.value === v) : item.options.find((o) => o.code === v);
      if (option) out[item.linkId] = option.code;
    } else out[item.linkId] = String(v);
  }
  return out;
}

/** The answers to send: codes for choices, numbers for number items, unanswered items left out. */
export function answersToSend(form: InstrumentForm, answers: FormAnswers): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const item of form.items) {
    const v = answers[item.linkId]?.trim();
    if (!v) continue;
    out[item.linkId] = item.kind === 'integer' || item.kind === 'decimal' ? Number(v) : v;
  }
  return out;
}

export const answeredCount = (form: InstrumentForm, answers: FormAnswers): number =>
  form.items.filter((i) => (answers[i.linkId] ?? '').trim() !== '').length;

/** Every item of one instrument as form fields: a radio group per choice item, a number or text box otherwise. */
export function InstrumentFields({
  form,
  answers,
  onChange,
  errors = {},
}: {
  form: InstrumentForm;
  answers: FormAnswers;
  onChange: (linkId: string, value: string) => void;
  errors?: Record<string, string>;
}) {
  const t = useT();
  return (
    <>
      {form.items.map((item) => {
        const label = questionText(item);
        if (item.kind === 'choice') {
          return (
            <RadioGroup
              key={item.linkId}
              legend={label}
              name={`${form.id}-${item.linkId}`}
              options={item.options.map((o) => ({ value: o.code, label: o.display }))}
              value={answers[item.linkId] ?? ''}
              onChange={(v) => onChange(item.linkId, v)}
              error={errors[item.linkId]}
            />
          );
        }
        if (item.kind === 'text') {
          return (
            <TextArea
              key={item.linkId}
              label={label}
              value={answers[item.linkId] ?? ''}
              onChange={(v) => onChange(item.linkId, v)}
              maxLength={maxLengthOf(AnswerValue.options[1])}
              error={errors[item.linkId]}
            />
          );
        }
        return (
          <TextField
            key={item.linkId}
            label={label}
            type="number"
            inputMode={item.kind === 'integer' ? 'numeric' : 'decimal'}
            className="field--short"
            min={item.min ?? undefined}
            max={item.max ?? undefined}
            step={item.kind === 'integer' ? 1 : 'any'}
            hint={
              item.min !== null && item.max !== null ? t('assessments.fields.range', { min: item.min, max: item.max }) : undefined
            }
            value={answers[item.linkId] ?? ''}
            onChange={(v) => onChange(item.linkId, v)}
            error={errors[item.linkId]}
          />
        );
      })}
    </>
  );
}

/** The server names bad answers as "<linkId>: <message>"; map them back to the fields. */
export function answerErrorsOf(error: unknown, form: InstrumentForm): Record<string, string> {
  const message = (error as { message?: string } | null)?.message ?? '';
  const out: Record<string, string> = {};
  for (const item of form.items) {
    const m = new RegExp(`(?:^|[;:] )(?:${form.id} )?${item.linkId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ([^;]+)`).exec(
      message,
    );
    if (m?.[1]) out[item.linkId] = m[1];
  }
  return out;
}
