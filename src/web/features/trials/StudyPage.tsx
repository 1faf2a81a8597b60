import { useState } from 'react';
import { useWhen } from '../../app/when';
import { describeRule } from '../../../core/trials/smart';
import type { ClassSessionView, ParticipantStudyView, StratumField, StudyView } from '../../../core/trials';
import { useProgram } from '../../app/program';
import { Badge, Button, ButtonLink, DetailList } from '../../ui/controls';
import { newClientKey } from '../../ui/client-key';
import { Empty, QueryView } from '../../ui/feedback';
import { LateEntryNote } from '../../ui/LateEntryNote';
import { Choice, FormActions, FormErrors, RadioGroup, SelectField, TextArea, TextField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import {
  useAddConsentDocument,
  useConsent,
  useParticipantStudy,
  useRandomize,
  useSaveDesign,
  useScreen,
  useStudy,
  useStudyParticipants,
  useUnblind,
  useEmergencyUnblind,
  useWithdraw,
  useClasses,
  useCreateClass,
  useInvite,
  useAttendance,
  useSimulate,
  useRecordDelivery,
} from './trials.api';
import { Markdown } from '../curriculum';
import { DesignForm } from './DesignForm';
import { SmartSection } from './SmartSection';
import { AllocationTableForm } from './AllocationTableForm';
import { amendedCriteria } from './design-form';
import { useAssessmentSettings, useInstruments } from '../assessments/assessments.api';
import './trials.css';

const outcomeWords = {
  eligible: 'Eligible',
  not_eligible: 'Not eligible',
  declined: 'Declined',
  other: 'Not taking part (other reason)',
};
/** The coordinator's study page: the design, the consent document, and each referral's screening, consent and randomization. */
export function StudyPage() {
  const program = useProgram();
  const study = useStudy(program.programId);
  return (
    <Page
      title="Study"
      actions={
        program.can('consort:view') ? (
          <ButtonLink variant="secondary" to={program.to('study/consort')}>
            CONSORT flow
          </ButtonLink>
        ) : null
      }
    >
      <QueryView query={study} loadingLabel="Loading the study…">
        {(s) => (s.design ? <StudyBody study={s} /> : <DesignForm />)}
      </QueryView>
    </Page>
  );
}

function StudyBody({ study }: { study: StudyView }) {
  const d = study.design!;
  const program = useProgram();
  const settings = useAssessmentSettings(program.programId);
  const instruments = useInstruments(program.programId);
  const outcomeId = d.primaryOutcome ?? 'peg';
  const outcomeTitle = instruments.data?.find((i) => i.id === outcomeId)?.title ?? outcomeId;
  const timepointLabel = settings.data?.timepoints.find((t) => t.key === d.primaryTimepoint)?.label ?? d.primaryTimepoint;
  return (
    <>
      <Section title={d.title} id="study-design">
        <DetailList
          items={[
            ['Arms', d.arms.map((a) => `${a.label} (${a.ratio})`).join(' or ')],
            [
              'Randomization',
              d.method.kind === 'blocks'
                ? 'Blocks of random size'
                : d.method.kind === 'minimisation'
                  ? 'Minimisation'
                  : 'Allocation table',
            ],
            ['Kept balanced within', d.strata.length ? d.strata.map((f) => f.label).join(', ') : 'Nothing'],
            ['Main outcome', `${outcomeTitle}, at ${timepointLabel}`],
            ...(d.smart
              ? [
                  [
                    'Randomized again',
                    `At ${d.smart.decisionPoint.label.toLowerCase()}, those not responding (${describeRule(d.smart.rule)}): ${d.smart.options.map((o) => o.label).join(' or ')}`,
                  ] as [string, string],
                ]
              : []),
            ['State', study.isLocked ? 'Locked: the first participant is randomized' : 'Not locked yet'],
            ['Randomized so far', String(study.randomized)],
            ['Blinding', study.isUnblinded ? 'Unblinded' : 'Blinded for evaluators'],
          ]}
        />
      </Section>
      {program.can('study:design') ? <AmendForm study={study} /> : null}
      {d.method.kind === 'table' && !study.isLocked ? <AllocationTableForm summary={study.table} /> : null}
      <SchemeCheck />
      <ConsentDocumentForm current={study.consentDocuments.at(-1) ?? null} />
      <Referral study={study} />
      {d.arms.some((a) => a.kind === 'class') ? <Classes /> : null}
      {d.design === 'smart' && d.smart && study.isLocked ? <SmartSection /> : null}
      {study.isLocked && !study.isUnblinded ? <UnblindForm /> : null}
    </>
  );
}

/**
 * Changes the study's wording and checklist. Once someone is randomized this is an amendment: a
 * reason is required, and the arms, ratio, strata and method stay as they are (the server refuses
 * otherwise). Each amendment is listed with its reason, who and when.
 */
function AmendForm({ study }: { study: StudyView }) {
  const when = useWhen();
  const d = study.design!;
  const program = useProgram();
  const save = useSaveDesign(program.programId);
  const [open, setOpen] = useState(false);
  const lines = (kind: 'inclusion' | 'exclusion') =>
    d.criteria
      .filter((c) => c.kind === kind)
      .map((c) => c.text)
      .join('\n');
  const [title, setTitle] = useState(d.title);
  const [inclusion, setInclusion] = useState(() => lines('inclusion'));
  const [exclusion, setExclusion] = useState(() => lines('exclusion'));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const verb = study.isLocked ? 'Amend' : 'Change';
  return (
    <Section title={study.isLocked ? 'Amendments' : 'Change the study'} id="study-amend">
      {study.amendments.length > 0 ? (
        <ul>
          {study.amendments.map((a) => (
            <li key={a.version}>
              Version {a.version}, {when.day(a.at)} by {a.byName}: {a.reason}
            </li>
          ))}
        </ul>
      ) : study.isLocked ? (
        <p>No amendments yet.</p>
      ) : null}
      {study.isLocked ? (
        <p className="hint">The arms, their ratio, what is kept balanced and how people are randomized cannot change now.</p>
      ) : null}
      {!open ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {`${verb} the title or who can take part`}
        </Button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const why = reason.trim();
            const p = study.isLocked && why.length < 3 ? 'Say in a few words why the study is amended' : undefined;
            setProblem(p);
            if (p) return;
            save.mutate(
              { design: { ...d, title, criteria: amendedCriteria(d.criteria, inclusion, exclusion) }, reason: why },
              { onSuccess: () => setOpen(false) },
            );
          }}
          noValidate
        >
          <FormErrors error={save.error} title={`Could not ${verb.toLowerCase()} the study`} />
          <TextField label="Study title" value={title} onChange={setTitle} />
          <TextArea label="Who can take part" hint="One requirement a line." value={inclusion} onChange={setInclusion} />
          <TextArea label="Who cannot take part" hint="One reason a line." value={exclusion} onChange={setExclusion} />
          {study.isLocked ? (
            <TextField
              label="Why the study is amended"
              hint="Kept with the amendment, with your name and the date."
              value={reason}
              onChange={setReason}
              maxLength={500}
              error={problem}
            />
          ) : null}
          <FormActions>
            <Button type="submit" disabled={save.isPending}>
              {study.isLocked ? 'Save the amendment' : 'Save the changes'}
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}

/**
 * The consent document: written before the first consent; afterwards its version and title, and a
 * new version may be written (each consent records the version signed). The text is Markdown.
 */
function ConsentDocumentForm({ current }: { current: StudyView['consentDocuments'][number] | null }) {
  const when = useWhen();
  const program = useProgram();
  const add = useAddConsentDocument(program.programId);
  const canWrite = program.can('study:design');
  const [open, setOpen] = useState(current === null);
  const [title, setTitle] = useState(current?.title ?? 'Agreeing to take part');
  const [body, setBody] = useState(current?.body ?? '');
  return (
    <Section title="Consent document" id="study-consent-document">
      {current ? (
        <p role="status">
          Version {current.version}: {current.title}. Saved on {when.day(current.createdAt)}.
        </p>
      ) : null}
      {!current && !canWrite ? <Empty>No consent document yet.</Empty> : null}
      {current && !open && canWrite ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Write a new version
        </Button>
      ) : null}
      {open && canWrite ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ title, body }, { onSuccess: () => setOpen(false) });
          }}
          noValidate
        >
          <FormErrors error={add.error} title="Could not save the consent document" />
          <TextField label="Consent title" value={title} onChange={setTitle} />
          <TextArea
            label="Consent text"
            hint={
              current
                ? 'What the participant agrees to, in plain words. People who consented keep the version they signed; new consents use this one.'
                : 'What the participant agrees to, in plain words. A line starting with “- ” is a list item; **bold** is bold.'
            }
            rows={8}
            value={body}
            onChange={setBody}
          />
          <FormActions>
            <Button type="submit" disabled={add.isPending}>
              {current ? 'Save as a new version' : 'Save the consent document'}
            </Button>
          </FormActions>
        </form>
      ) : null}
    </Section>
  );
}

function Referral({ study }: { study: StudyView }) {
  const program = useProgram();
  const people = useStudyParticipants(program.programId);
  const [participantId, setParticipantId] = useState<string | null>(null);
  return (
    <Section title="A referral" id="study-referral">
      <QueryView query={people} loadingLabel="Loading participants…">
        {(list) => (
          <SelectField
            label="Participant"
            value={participantId ?? ''}
            placeholder="Choose a participant"
            options={list.map((p) => ({ value: p.id, label: 'familyName' in p ? `${p.givenName} ${p.familyName}` : p.code }))}
            onChange={(v) => setParticipantId(v)}
          />
        )}
      </QueryView>
      {participantId ? <ParticipantPanel key={participantId} study={study} participantId={participantId} /> : null}
    </Section>
  );
}

function ParticipantPanel({ study, participantId }: { study: StudyView; participantId: string }) {
  const program = useProgram();
  const state = useParticipantStudy(program.programId, participantId);
  return (
    <QueryView query={state} loadingLabel="Loading the participant's study record…">
      {(p) => (
        <>
          <Screening study={study} p={p} />
          {p.screening?.outcome === 'eligible' ? <ConsentStep study={study} p={p} /> : null}
          <RandomizeStep p={p} strata={study.design!.strata} />
          {p.allocation && program.can('study:enrol') ? <DeliveryStep p={p} /> : null}
          <WithdrawStep p={p} />
          {p.allocation && program.can('study:emergency_unblind') ? <EmergencyUnblind participantId={p.participantId} /> : null}
        </>
      )}
    </QueryView>
  );
}

function Screening({ study, p }: { study: StudyView; p: ParticipantStudyView }) {
  const when = useWhen();
  const program = useProgram();
  const screen = useScreen(program.programId);
  const criteria = study.design!.criteria;
  const [answers, setAnswers] = useState<Record<string, boolean>>(() => Object.fromEntries(criteria.map((c) => [c.key, false])));
  const [decision, setDecision] = useState<'proceed' | 'declined' | 'other'>('proceed');
  const [reason, setReason] = useState('');
  return (
    <Section title="Screening" id="study-screening" level={3}>
      {p.screening ? (
        <p>
          <Badge tone={p.screening.outcome === 'eligible' ? 'good' : 'neutral'}>{outcomeWords[p.screening.outcome]}</Badge>{' '}
          {p.screening.reason ? `(${p.screening.reason}) ` : ''}on {when.dateTime(p.screening.screenedAt)}
        </p>
      ) : null}
      {p.allocation ? null : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            screen.mutate({ participantId: p.participantId, answers, decision, reason });
          }}
          noValidate
        >
          <FormErrors error={screen.error} title="Could not record the screening" />
          <fieldset className="fieldset">
            <legend>Tick each line that is true</legend>
            {criteria.map((c) => (
              <Choice
                key={c.key}
                label={`${c.kind === 'exclusion' ? 'Cannot take part: ' : ''}${c.text}`}
                checked={answers[c.key] ?? false}
                onChange={(v) => setAnswers((prev) => ({ ...prev, [c.key]: v }))}
              />
            ))}
          </fieldset>
          <RadioGroup
            legend="Does the person want to take part?"
            name="decision"
            value={decision}
            onChange={setDecision}
            options={[
              { value: 'proceed', label: 'Yes' },
              { value: 'declined', label: 'No, declined' },
              { value: 'other', label: 'Not taking part for another reason' },
            ]}
          />
          {decision !== 'proceed' ? <TextField label="Why" value={reason} onChange={setReason} /> : null}
          <FormActions>
            <Button type="submit" disabled={screen.isPending}>
              Record the screening
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}

/** Prints the consent document alone (large type, with lines to sign on paper), not the whole page. */
function printConsent() {
  document.body.classList.add('print-consent');
  const done = () => {
    document.body.classList.remove('print-consent');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

function ConsentStep({ study, p }: { study: StudyView; p: ParticipantStudyView }) {
  const when = useWhen();
  const program = useProgram();
  const consent = useConsent(program.programId);
  const doc = study.consentDocuments.at(-1);
  const [method, setMethod] = useState<'signed' | 'attested'>('signed');
  const [typedName, setTypedName] = useState('');
  if (!doc) return <Empty>Save the consent document first.</Empty>;
  return (
    <Section title="Consent" id="study-consent" level={3}>
      {p.consent ? (
        <p>
          <Badge tone="good">
            {p.consent.method === 'signed' ? `Signed by ${p.consent.typedName ?? ''}` : 'Verbal consent, attested by staff'}
          </Badge>{' '}
          (version {p.consent.documentVersion})
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const base = { participantId: p.participantId, documentVersion: doc.version, signedOn: when.today() };
            consent.mutate(method === 'signed' ? { ...base, method, typedName } : { ...base, method, note: '' });
          }}
          noValidate
        >
          <div className="consent-document">
            <h4>{doc.title}</h4>
            <Markdown source={doc.body} />
            <p className="consent-document__sign">Version {doc.version}. Name: ______________________ Date: ____________</p>
          </div>
          <p>
            <Button variant="secondary" onClick={printConsent}>
              Print the consent
            </Button>
          </p>
          <FormErrors error={consent.error} title="Could not record the consent" />
          <RadioGroup
            legend="How is consent given?"
            name="consent-method"
            value={method}
            onChange={setMethod}
            options={[
              { value: 'signed', label: 'The participant types his or her name' },
              { value: 'attested', label: 'By phone: I attest the participant agreed' },
            ]}
          />
          {method === 'signed' ? (
            <TextField label="Full name, typed by the participant" value={typedName} onChange={setTypedName} />
          ) : null}
          <FormActions>
            <Button type="submit" disabled={consent.isPending}>
              Record the consent
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}

function RandomizeStep({ p, strata }: { p: ParticipantStudyView; strata: readonly StratumField[] }) {
  const when = useWhen();
  const program = useProgram();
  const randomize = useRandomize(program.programId);
  const [clientKey] = useState(newClientKey);
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);
  if (p.allocation) {
    return (
      <Section title="Randomized" id="study-allocation" level={3}>
        <p role="status">
          Allocated to <strong>{p.allocation.armLabel}</strong> (number {p.allocation.sequenceNumber} in its group) on{' '}
          {when.dateTime(p.allocation.allocatedAt)} by {p.allocation.allocatedByName}.
        </p>
      </Section>
    );
  }
  const ready = p.gate.missing.length === 0;
  const submit = () => {
    const unanswered = strata.filter((f) => !values[f.key]).map((f) => f.key);
    setMissing(unanswered);
    if (unanswered.length > 0) return;
    randomize.mutate({ participantId: p.participantId, clientKey, strata: values });
  };
  return (
    <Section title="Randomize" id="study-randomize" level={3}>
      {ready ? <p>Ready to randomize. This cannot be undone.</p> : <p>Not ready yet. Still needed: {p.gate.words.join('; ')}.</p>}
      <FormErrors error={randomize.error} title="Could not randomize" />
      {strata.map((f) => (
        <SelectField
          key={f.key}
          label={f.label}
          value={values[f.key] ?? ''}
          options={[{ value: '', label: 'Choose…' }, ...f.levels.map((l) => ({ value: l.key, label: l.label }))]}
          onChange={(v) => setValues((prev) => ({ ...prev, [f.key]: v }))}
          error={missing.includes(f.key) ? 'Choose one before randomizing' : undefined}
        />
      ))}
      <Button disabled={!ready || randomize.isPending} onClick={submit}>
        Randomize
      </Button>
    </Section>
  );
}

/**
 * Whether the participant got the allocated arm's help, as CONSORT counts it (ADR 0026). Unless staff
 * record it here, it is counted from the records: coaching once paired, a class once attended,
 * usual care and the wait list by allocation. Not received needs a reason, which CONSORT lists.
 */
function DeliveryStep({ p }: { p: ParticipantStudyView }) {
  const program = useProgram();
  const record = useRecordDelivery(program.programId);
  const [received, setReceived] = useState<'yes' | 'no'>('yes');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <Section title="Delivery" id="study-delivery" level={3}>
      <p role="status">
        {p.delivery.state === 'received'
          ? 'Recorded as received.'
          : p.delivery.state === 'not_received'
            ? `Recorded as not received: ${p.delivery.reason}.`
            : 'Not recorded by hand. CONSORT counts coaching as received once paired, a class once attended, usual care and the wait list from the start.'}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const why = reason.trim();
          const found = received === 'no' && why === '' ? 'Say why, in a few words' : undefined;
          setProblem(found);
          if (found) return;
          record.mutate(
            received === 'yes'
              ? { participantId: p.participantId, received: true }
              : { participantId: p.participantId, received: false, reason: why },
          );
        }}
        noValidate
      >
        <FormErrors error={record.error} title="Could not record the delivery" />
        <RadioGroup
          legend="Did the participant get the help of the arm?"
          name="delivery"
          value={received}
          onChange={setReceived}
          options={[
            { value: 'yes', label: 'Yes, received' },
            { value: 'no', label: 'No, did not receive it' },
          ]}
        />
        {received === 'no' ? (
          <TextField label="Why not" value={reason} onChange={setReason} maxLength={200} error={problem} />
        ) : null}
        <FormActions>
          <Button type="submit" variant="secondary" disabled={record.isPending}>
            Record the delivery
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

/** An admin unblinds the whole study, with a reason (evaluators then see the arms' names). */
function UnblindForm() {
  const program = useProgram();
  const unblind = useUnblind(program.programId);
  const [reason, setReason] = useState('');
  if (!program.can('study:unblind')) return null;
  return (
    <Section title="Unblind the study" id="study-unblind">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          unblind.mutate({ reason });
        }}
        noValidate
      >
        <FormErrors error={unblind.error} title="Could not unblind the study" />
        <TextField label="Why the study is unblinded" value={reason} onChange={setReason} />
        <FormActions>
          <Button type="submit" variant="secondary" disabled={unblind.isPending}>
            Unblind the study
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

const scopeWords = {
  intervention: 'From coaching or the class only (follow-up questionnaires continue)',
  follow_up: 'From follow-up too (no more questionnaires)',
  data: 'From use of his or her data as well',
} as const;

/** Records a withdrawal by scope; withdrawals are listed and cannot be undone. */
function WithdrawStep({ p }: { p: ParticipantStudyView }) {
  const when = useWhen();
  const program = useProgram();
  const withdraw = useWithdraw(program.programId);
  const [scope, setScope] = useState<keyof typeof scopeWords>('intervention');
  const [reason, setReason] = useState('');
  return (
    <Section title="Withdrawal" id="study-withdrawal" level={3}>
      {p.withdrawals.length > 0 ? (
        <ul>
          {p.withdrawals.map((w) => (
            <li key={`${w.scope}-${w.on}`}>
              {scopeWords[w.scope]}: {w.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p>Not withdrawn.</p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          withdraw.mutate({ participantId: p.participantId, scope, on: when.today(), reason });
        }}
        noValidate
      >
        <FormErrors error={withdraw.error} title="Could not record the withdrawal" />
        <RadioGroup
          legend="Withdraw"
          name="withdraw-scope"
          value={scope}
          onChange={setScope}
          options={Object.entries(scopeWords).map(([value, label]) => ({ value: value as keyof typeof scopeWords, label }))}
        />
        <TextField label="Reason for withdrawing" value={reason} onChange={setReason} />
        <FormActions>
          <Button type="submit" variant="secondary" disabled={withdraw.isPending}>
            Record the withdrawal
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

/** An admin reveals one participant's arm for safety: the reason is recorded and the study's staff are e-mailed. */
function EmergencyUnblind({ participantId }: { participantId: string }) {
  const program = useProgram();
  const unblind = useEmergencyUnblind(program.programId, participantId);
  const [reason, setReason] = useState('');
  return (
    <Section title="Emergency unblinding" id="study-emergency" level={3}>
      {unblind.data ? (
        <p role="status">
          This participant is in <strong>{unblind.data.armLabel}</strong>. The study's staff have been told.
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            unblind.mutate({ reason });
          }}
          noValidate
        >
          <FormErrors error={unblind.error} title="Could not unblind" />
          <TextField label="Why this participant's arm is needed for safety" value={reason} onChange={setReason} />
          <FormActions>
            <Button type="submit" variant="secondary" disabled={unblind.isPending}>
              Reveal the arm for safety
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}

/** The class arm's sessions: schedule one, invite class-arm participants, record who attended. */
function Classes() {
  const program = useProgram();
  const allowed = program.can('study:classes');
  const classes = useClasses(program.programId, allowed);
  if (!allowed) return null;
  return (
    <Section title="Classes" id="study-classes">
      <QueryView query={classes} loadingLabel="Loading the classes…">
        {(list) =>
          list.length === 0 ? (
            <Empty>No class scheduled yet.</Empty>
          ) : (
            <ul className="class-list">
              {list.map((c) => (
                <ClassItem key={c.id} c={c} />
              ))}
            </ul>
          )
        }
      </QueryView>
      <NewClassForm />
    </Section>
  );
}

function ClassItem({ c }: { c: ClassSessionView }) {
  const when = useWhen();
  const program = useProgram();
  const people = useStudyParticipants(program.programId);
  const invite = useInvite(program.programId, c.id);
  const attendance = useAttendance(program.programId, c.id);
  const [who, setWho] = useState('');
  const [lateReason, setLateReason] = useState('');
  // Attendance recorded more than 7 days after the class is a late entry and needs a reason (ADR 0030).
  const mark = (participantId: string, attended: boolean) =>
    attendance.mutate({
      participantId,
      attended,
      ...(lateReason.trim() ? { enteredLate: { reason: lateReason.trim() } } : {}),
    });
  return (
    <li>
      <p>
        <strong>{when.dateTime(c.startsAt)}</strong> {c.place}
        {c.videoUrl ? ` (video: ${c.videoUrl})` : ''}. {c.invited} of {c.capacity} invited, {c.attended} attended.
      </p>
      <ul>
        {c.participants.map((p) => (
          <li key={p.participantId}>
            {p.name}: {p.attended === null ? 'not recorded' : p.attended ? 'attended' : 'did not attend'}{' '}
            <Button variant="secondary" onClick={() => mark(p.participantId, true)}>
              {`Attended: ${p.name}`}
            </Button>{' '}
            <Button variant="secondary" onClick={() => mark(p.participantId, false)}>
              {`Did not attend: ${p.name}`}
            </Button>
            <LateEntryNote mark={p.enteredLate} timeZone={when.timeZone} />
          </li>
        ))}
      </ul>
      {c.participants.length > 0 ? (
        <TextField
          label="Recording from paper? Say why (needed more than 7 days after the class)"
          value={lateReason}
          onChange={setLateReason}
        />
      ) : null}
      <FormErrors error={invite.error ?? attendance.error} title="Could not save" />
      <QueryView query={people} loadingLabel="Loading participants…">
        {(list) => (
          <SelectField
            label={`Invite to the class on ${when.dateTime(c.startsAt)}`}
            value={who}
            placeholder="Choose a participant in the class arm"
            options={list.map((p) => ({ value: p.id, label: 'familyName' in p ? `${p.givenName} ${p.familyName}` : p.code }))}
            onChange={setWho}
          />
        )}
      </QueryView>
      <Button variant="secondary" disabled={who === '' || invite.isPending} onClick={() => invite.mutate([who])}>
        Invite
      </Button>
    </li>
  );
}

function NewClassForm() {
  const program = useProgram();
  // The class's time is on the program's clock (issue #16), named when the device is elsewhere.
  const clock = useWhen();
  const create = useCreateClass(program.programId);
  const [when, setWhen] = useState('');
  const [place, setPlace] = useState('');
  const [videoUrl, setVideoUrl] = useState('');
  const [capacity, setCapacity] = useState('12');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({
          startsAt: clock.fromInput(when) ?? '',
          place,
          videoUrl: videoUrl.trim() === '' ? null : videoUrl.trim(),
          capacity: Number(capacity),
        });
      }}
      noValidate
    >
      <h3>Schedule a class</h3>
      <FormErrors error={create.error} title="Could not schedule the class" />
      <TextField
        label="Date and time"
        type="datetime-local"
        value={when}
        onChange={setWhen}
        {...(clock.zoneElsewhere ? { hint: `In ${clock.zoneElsewhere}.` } : {})}
      />
      <TextField label="Place" value={place} onChange={setPlace} />
      <TextField label="Video link (optional)" inputMode="url" value={videoUrl} onChange={setVideoUrl} />
      <TextField label="Places in the class" inputMode="numeric" value={capacity} onChange={setCapacity} />
      <FormActions>
        <Button type="submit" disabled={create.isPending}>
          Schedule the class
        </Button>
      </FormActions>
    </form>
  );
}

/** The pre-trial check: simulates the scheme on 200 people, 100 times, and says how balanced and how guessable it is. */
function SchemeCheck() {
  const program = useProgram();
  const simulate = useSimulate(program.programId);
  const r = simulate.data;
  return (
    <Section title="Check the randomization" id="study-check">
      <p>Try the scheme on 200 imaginary participants, 100 times over, before anyone real is randomized.</p>
      <FormErrors error={simulate.error} title="Could not run the check" />
      <Button variant="secondary" disabled={simulate.isPending} onClick={() => simulate.mutate()}>
        Check the scheme
      </Button>
      {r ? (
        <p role="status">
          On average the arms end {r.meanImbalance} people away from the planned ratio (at worst {r.maxImbalance}). Someone who
          knows every earlier allocation would guess the next one right {Math.round(r.correctGuessProbability * 100)} times in 100
          (50 is a coin toss).
        </p>
      ) : null}
    </Section>
  );
}
