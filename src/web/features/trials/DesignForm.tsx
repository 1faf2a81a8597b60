import { useState, type FormEvent } from 'react';
import type { ArmKind, StudyDesignInput } from '../../../core/trials';
import { useProgram } from '../../app/program';
import { Button } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { CheckboxGroup, Choice, FormActions, FormErrors, RadioGroup, SelectField, TextArea, TextField } from '../../ui/form';
import { Section } from '../../ui/Page';
import { useAssessmentSettings, useInstruments } from '../assessments/assessments.api';
import { designFormProblems, smartFormDesign, type SmartFormInput } from './design-form';
import { useSaveDesign } from './trials.api';

const armKinds: { value: ArmKind; label: string }[] = [
  { value: 'coaching', label: 'Peer coaching' },
  { value: 'class', label: 'A class' },
  { value: 'usual_care', label: 'Usual care' },
  { value: 'waitlist', label: 'Wait list' },
  { value: 'other', label: 'Something else' },
];

/** The study set-up form: arms, checklist, strata, method, the main outcome and, for a SMART, its decision (ADRs 0024, 0034, 0037). */
export function DesignForm() {
  const program = useProgram();
  const save = useSaveDesign(program.programId);
  const [title, setTitle] = useState('');
  const [arms, setArms] = useState([
    { label: 'Peer coaching', kind: 'coaching' as ArmKind, ratio: '1' },
    { label: 'Pain class', kind: 'class' as ArmKind, ratio: '1' },
  ]);
  const [inclusion, setInclusion] = useState('');
  const [exclusion, setExclusion] = useState('');
  const [needsBaseline, setNeedsBaseline] = useState(true);
  const [method, setMethod] = useState<'blocks' | 'minimisation' | 'table'>('blocks');
  const [probability, setProbability] = useState('80');
  const [stratumLabel, setStratumLabel] = useState('');
  const [stratumLevels, setStratumLevels] = useState('');
  /** Further factors to keep balanced (the form takes up to four in all, as the design does). */
  const [moreStrata, setMoreStrata] = useState<{ label: string; levels: string }[]>([]);
  const setMore = (i: number, k: 'label' | 'levels', v: string) =>
    setMoreStrata((prev) => prev.map((f, j) => (j === i ? { ...f, [k]: v } : f)));
  const settings = useAssessmentSettings(program.programId);
  const instruments = useInstruments(program.programId);
  const followUps = (settings.data?.timepoints ?? []).filter((t) => !t.isBaseline);
  const [chosenTimepoint, setTimepoint] = useState('');
  const timepoint = followUps.find((t) => t.key === chosenTimepoint) ?? followUps.at(-1);
  const asked = timepoint?.instruments ?? [];
  const [chosenOutcome, setOutcome] = useState('');
  const outcome = asked.includes(chosenOutcome) ? chosenOutcome : asked.includes('peg') ? 'peg' : (asked[0] ?? '');
  const titleOf = (id: string) => instruments.data?.find((i) => i.id === id)?.title ?? id;
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [kind, setKind] = useState<'parallel' | 'smart'>('parallel');
  const [smart, setSmart] = useState<SmartFormInput>({
    weeks: '8',
    from: 'randomization',
    useContacts: true,
    contactsBelow: '4',
    usePeg: false,
    pegBy: '1',
    combine: 'any',
    options: '',
  });
  const setArm = (i: number, k: 'label' | 'kind' | 'ratio', v: string) =>
    setArms((prev) => prev.map((a, j) => (j === i ? { ...a, [k]: v } : a)));
  const criteria = (text: string, kind: 'inclusion' | 'exclusion') =>
    text
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t, i) => ({ key: `${kind === 'inclusion' ? 'in' : 'ex'}_${i + 1}`, text: t, kind }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const linesOf = (text: string) =>
      text
        .split('\n')
        .map((t) => t.trim())
        .filter(Boolean);
    const levels = linesOf(stratumLevels);
    const percent = Number(probability.trim());
    const smartPart = kind === 'smart' ? smartFormDesign(smart) : null;
    const factors = [
      { label: stratumLabel.trim(), levels },
      ...moreStrata.map((f) => ({ label: f.label.trim(), levels: linesOf(f.levels) })),
    ].filter((f, i) => i === 0 || f.label !== '' || f.levels.length > 0);
    const found: Record<string, string> = {
      ...designFormProblems({ method, percent, stratumLabel: stratumLabel.trim(), levels }),
      ...smartPart?.problems,
    };
    factors.slice(1).forEach((f, i) => {
      const p = designFormProblems({ method: 'blocks', percent, stratumLabel: f.label, levels: f.levels });
      if (f.label === '') found[`stratumLabel_${i + 2}`] = 'Name what to keep balanced, or remove this factor';
      if (p.stratumLabel) found[`stratumLabel_${i + 2}`] = p.stratumLabel;
      if (p.levels) found[`levels_${i + 2}`] = p.levels;
    });
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const design: StudyDesignInput = {
      design: kind,
      ...(smartPart?.smart ? { smart: smartPart.smart } : {}),
      title,
      arms: arms.map((a, i) => ({ key: `arm_${i + 1}`, label: a.label, kind: a.kind, ratio: Number(a.ratio) })),
      primaryTimepoint: timepoint?.key ?? '',
      ...(outcome ? { primaryOutcome: outcome } : {}),
      strata: factors
        .filter((f) => f.label !== '')
        .map((f, i) => ({
          key: `stratum_${i + 1}`,
          label: f.label,
          levels: f.levels.map((label, j) => ({ key: `level_${j + 1}`, label })),
        })),
      criteria: [...criteria(inclusion, 'inclusion'), ...criteria(exclusion, 'exclusion')],
      gate: { eligible: true, consented: true, baselineComplete: needsBaseline },
      method:
        method === 'blocks'
          ? { kind: 'blocks', blockMultipliers: [1, 2, 3] }
          : method === 'minimisation'
            ? { kind: 'minimisation', probability: percent / 100 }
            : { kind: 'table', field: 'arm' },
    };
    save.mutate({ design });
  };
  return (
    <Section title="Set up the study" id="study-setup">
      <form onSubmit={submit} noValidate>
        <FormErrors error={save.error} title="Could not save the study" />
        <TextField label="Study title" value={title} onChange={setTitle} />
        <RadioGroup
          legend="Kind of study"
          name="study-kind"
          value={kind}
          onChange={setKind}
          options={[
            { value: 'parallel', label: 'Randomize once: each participant stays in his or her arm' },
            {
              value: 'smart',
              label: 'Randomize again those not responding (a SMART)',
              hint: 'At a set week, those the rule finds not responding are randomized to a second option; the rest continue.',
            },
          ]}
        />
        {arms.map((a, i) => (
          <fieldset key={i} className="fieldset">
            <legend>Arm {i + 1}</legend>
            <TextField label={`Arm ${i + 1} name`} value={a.label} onChange={(v) => setArm(i, 'label', v)} />
            <SelectField label={`Arm ${i + 1} kind`} value={a.kind} options={armKinds} onChange={(v) => setArm(i, 'kind', v)} />
            <TextField
              label={`Arm ${i + 1} share of the ratio`}
              inputMode="numeric"
              value={a.ratio}
              onChange={(v) => setArm(i, 'ratio', v)}
            />
          </fieldset>
        ))}
        {kind === 'smart' ? <SmartFields value={smart} onChange={setSmart} problems={problems} /> : null}
        <TextArea label="Who can take part" hint="One requirement a line." value={inclusion} onChange={setInclusion} />
        <TextArea label="Who cannot take part" hint="One reason a line." value={exclusion} onChange={setExclusion} />
        <TextField
          label="Keep the arms balanced within (optional)"
          hint="Something known before randomizing that could sway the outcome, such as “Pain for five years or more”. Leave empty for none."
          value={stratumLabel}
          onChange={setStratumLabel}
          error={problems.stratumLabel}
        />
        {stratumLabel.trim() ? (
          <TextArea
            label="Its answers"
            hint="One answer a line, at least two, such as Yes and No."
            value={stratumLevels}
            onChange={setStratumLevels}
            error={problems.levels}
          />
        ) : null}
        {moreStrata.map((f, i) => (
          <fieldset key={i} className="fieldset">
            <legend>{`Factor ${i + 2} to keep balanced`}</legend>
            <TextField
              label={`Factor ${i + 2}: keep the arms balanced within`}
              hint="Such as the clinic, or gender."
              value={f.label}
              onChange={(v) => setMore(i, 'label', v)}
              error={problems[`stratumLabel_${i + 2}`]}
            />
            <TextArea
              label={`Factor ${i + 2}: its answers`}
              hint="One answer a line, at least two."
              value={f.levels}
              onChange={(v) => setMore(i, 'levels', v)}
              error={problems[`levels_${i + 2}`]}
            />
            <Button variant="secondary" onClick={() => setMoreStrata((prev) => prev.filter((_, j) => j !== i))}>
              {`Remove factor ${i + 2}`}
            </Button>
          </fieldset>
        ))}
        {stratumLabel.trim() && moreStrata.length < 3 ? (
          <Button variant="secondary" onClick={() => setMoreStrata((prev) => [...prev, { label: '', levels: '' }])}>
            Keep balanced within one more thing
          </Button>
        ) : null}
        <RadioGroup
          legend="How participants are randomized"
          name="method"
          value={method}
          onChange={setMethod}
          options={[
            { value: 'blocks', label: 'Blocks of random size (balanced as you go)' },
            { value: 'minimisation', label: 'Minimisation' },
            { value: 'table', label: 'An allocation table I upload (as from REDCap)' },
          ]}
        />
        {method === 'minimisation' ? (
          <TextField
            label="How often to take the arm that balances best (per cent)"
            hint="From 50 to 100. 80 is usual: some chance keeps the next arm hard to guess."
            inputMode="numeric"
            value={probability}
            onChange={setProbability}
            error={problems.probability}
          />
        ) : null}
        {method === 'table' ? (
          <p className="hint">After saving, upload the table on this page. Its arm column is named “arm”.</p>
        ) : null}
        <QueryView query={settings} loadingLabel="Loading the assessment timepoints…">
          {() =>
            followUps.length === 0 ? (
              <p role="status">
                The program has no follow-up assessment yet. Add one under Assessments, settings, to choose when the outcome is
                measured.
              </p>
            ) : (
              <>
                <SelectField
                  label="When the main outcome is measured"
                  value={timepoint?.key ?? ''}
                  options={followUps.map((t) => ({ value: t.key, label: t.label }))}
                  onChange={setTimepoint}
                />
                <SelectField
                  label="The main outcome (questionnaire)"
                  hint="Only questionnaires asked at that time are listed."
                  value={outcome}
                  options={asked.map((id) => ({ value: id, label: titleOf(id) }))}
                  onChange={setOutcome}
                />
              </>
            )
          }
        </QueryView>
        <Choice
          label="Baseline assessment must be complete before randomizing"
          checked={needsBaseline}
          onChange={setNeedsBaseline}
        />
        <FormActions>
          <Button type="submit" disabled={save.isPending}>
            Save the study
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

/** The SMART's decision point, its rule of not responding, and the second-stage options (ADR 0030, 0037). */
function SmartFields({
  value: v,
  onChange,
  problems,
}: {
  value: SmartFormInput;
  onChange: (v: SmartFormInput) => void;
  problems: Record<string, string>;
}) {
  const set =
    <K extends keyof SmartFormInput>(k: K) =>
    (x: SmartFormInput[K]) =>
      onChange({ ...v, [k]: x });
  return (
    <fieldset className="fieldset">
      <legend>The decision for those not responding</legend>
      <TextField
        label="Weeks until the decision"
        hint="Such as 8: at week 8 each participant is checked against the rule below."
        inputMode="numeric"
        value={v.weeks}
        onChange={set('weeks')}
        error={problems.weeks}
      />
      <RadioGroup
        legend="Count the weeks from"
        name="smart-from"
        value={v.from}
        onChange={set('from')}
        options={[
          { value: 'randomization', label: 'The day of randomization' },
          {
            value: 'first_pairing',
            label: 'The day of the first pairing with a coach',
            hint: 'Someone never paired, such as in a class arm, counts from randomization.',
          },
        ]}
      />
      <CheckboxGroup
        legend="Not responding means"
        hint="Choose one or both."
        options={[
          { value: 'contacts', label: 'Too few calls that reached the participant' },
          { value: 'peg', label: 'Pain (the PEG score) not better' },
        ]}
        values={[...(v.useContacts ? ['contacts' as const] : []), ...(v.usePeg ? ['peg' as const] : [])]}
        onChange={(on) => onChange({ ...v, useContacts: on.includes('contacts'), usePeg: on.includes('peg') })}
        error={problems.conditions}
      />
      {v.useContacts ? (
        <TextField
          label="Not responding with fewer reached calls than"
          hint="Counted from the start to the decision. Such as 4."
          inputMode="numeric"
          value={v.contactsBelow}
          onChange={set('contactsBelow')}
          error={problems.contactsBelow}
        />
      ) : null}
      {v.usePeg ? (
        <TextField
          label="Points the PEG score must drop by"
          hint="From the start to the decision; 1 point is a change people notice. No score counts as not better."
          inputMode="decimal"
          value={v.pegBy}
          onChange={set('pegBy')}
          error={problems.pegBy}
        />
      ) : null}
      {v.useContacts && v.usePeg ? (
        <RadioGroup
          legend="Not responding when"
          name="smart-combine"
          value={v.combine}
          onChange={set('combine')}
          options={[
            { value: 'any', label: 'Either is true' },
            { value: 'all', label: 'Both are true' },
          ]}
        />
      ) : null}
      <TextArea
        label="Options for those not responding"
        hint="One a line, two to four, such as “Add staff support” and “Change to a new coach”. Each is equally likely."
        value={v.options}
        onChange={set('options')}
        error={problems.options}
      />
    </fieldset>
  );
}
