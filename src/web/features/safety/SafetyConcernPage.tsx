import { newClientKey } from '../../ui/client-key';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { ParticipantView } from '../../../core/participants';
import type { RaisedView, SafetyCategory } from '../../../core/safety';
import { useProgram } from '../../app/program';
import { optionsOf } from '../../app/vocab';
import { Button, ButtonLink } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, RadioGroup, SelectField, TextArea, useServerRefusal } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { CrisisNumbers, ProgramCrisisNumbers, callWords } from './CrisisHelp';
import { concernCategoryLabels } from './labels';
import { useConcernParticipants, useRaiseConcern } from './safety.api';

/**
 * The coach's crisis protocol, in our own words after the peer-support scope the domain notes
 * describe (shared/domain/ECLIPSE-and-instruments.md §5, §6.12): peers listen, stay, connect the
 * person to the crisis line with a warm hand-off and tell the coordinator; they do not assess risk.
 */
export function CoachProtocol({ callLine }: { callLine: string }) {
  return (
    <ol className="protocol">
      <li>
        <strong>Danger right now? Call 911.</strong> If someone may be hurt or there is a medical emergency, call the emergency
        number first, then stay on the line.
      </li>
      <li>
        <strong>Listen.</strong> Stay calm, let them talk and take what they say seriously. You do not need the right words, and
        you are not asked to judge how much danger they are in.
      </li>
      <li>
        <strong>Stay with them.</strong> Keep talking, on the phone or in person, until they are connected to help. Do not leave
        someone alone who may hurt themselves.
      </li>
      <li>
        <strong>Give them the crisis line.</strong> {callLine}, text, or chat online. It is free, confidential and open at any
        hour.
      </li>
      <li>
        <strong>Make a warm hand-off.</strong> Offer to stay on the line while they call, or to call together, so they are not
        passed to a stranger on their own.
      </li>
      <li>
        <strong>Tell the coordinator now</strong>, with the form on this page. The coordinator follows up; you do not carry this
        alone. Do not promise to keep it secret, and do not give medical advice.
      </li>
    </ol>
  );
}

interface Raised {
  view: RaisedView;
  name: string;
  participantId: string;
}

function nameOf(p: ParticipantView): string {
  return 'givenName' in p ? `${p.givenName} ${p.familyName}` : p.code;
}

/**
 * "Safety concern": the protocol and the crisis numbers first, then one short form that tells the
 * coordinator at once. Afterwards the page says so and keeps the protocol and numbers in view.
 */
export function SafetyConcernPage() {
  const program = useProgram();
  const [params] = useSearchParams();
  const people = useConcernParticipants(program.programId);
  const [raised, setRaised] = useState<Raised | null>(null);
  return (
    <Page
      title="Safety concern"
      width="narrow"
      intro={<p>If someone may be hurt or there is a medical emergency, call 911 now. Then follow these steps.</p>}
    >
      {raised ? (
        <p role="status" className="notice">
          The coordinator has been told about {raised.name}. Stay with them and keep to the steps below.
        </p>
      ) : null}
      <Section title="What to do now" id="safety-protocol">
        <CoachProtocol callLine={raised ? callWords(raised.view.crisis) : 'Call 988, then press 1'} />
      </Section>
      <Section title="Crisis numbers to give" id="safety-numbers">
        {raised ? (
          <CrisisNumbers crisis={raised.view.crisis} level={3} />
        ) : (
          <ProgramCrisisNumbers programId={program.programId} level={3} />
        )}
      </Section>
      {raised ? (
        <ButtonLink variant="secondary" to={program.to(`participants/${raised.participantId}`)}>
          Back to {raised.name}
        </ButtonLink>
      ) : (
        <Section title="Tell the coordinator" id="safety-tell">
          <QueryView query={people} loadingLabel="Loading participants…">
            {(list) => (
              <ConcernForm
                people={list.filter((p) => p.view === 'full' || p.view === 'coaching')}
                initialParticipantId={params.get('participant') ?? ''}
                onRaised={setRaised}
              />
            )}
          </QueryView>
        </Section>
      )}
    </Page>
  );
}

function ConcernForm({
  people,
  initialParticipantId,
  onRaised,
}: {
  people: ParticipantView[];
  initialParticipantId: string;
  onRaised: (r: Raised) => void;
}) {
  const program = useProgram();
  const raise = useRaiseConcern(program.programId);
  const [clientKey] = useState(newClientKey);
  const [participantId, setParticipantId] = useState(
    people.some((p) => p.id === initialParticipantId) ? initialParticipantId : '',
  );
  const [category, setCategory] = useState<SafetyCategory | ''>('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Record<string, string>>({});
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(raise.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!participantId) {
      setProblem({ participantId: 'Choose who this is about' });
      return;
    }
    setProblem({});
    const name = nameOf(people.find((p) => p.id === participantId)!);
    void raise.mutateAsync({ participantId, clientKey, category: category || null, note: note.trim() }).then(
      (view) => onRaised({ view, name, participantId }),
      () => undefined,
    );
  };
  const fields = { ...server.fields, ...problem };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors
        error={server.error}
        title="Could not tell the coordinator"
        labels={{ participantId: 'Participant', note: 'What happened' }}
      />
      <SelectField
        label="Participant"
        value={participantId}
        placeholder="Choose…"
        options={people.map((p) => ({ value: p.id, label: nameOf(p) }))}
        onChange={(id) => {
          server.edited('participantId');
          setParticipantId(id);
        }}
        error={fields['participantId']}
      />
      <RadioGroup
        legend="What happened? (optional)"
        hint="Say what you heard or saw. You are not asked to judge the risk."
        name="category"
        options={optionsOf(concernCategoryLabels)}
        value={category}
        onChange={(c) => {
          server.edited('category');
          setCategory(c);
        }}
      />
      <TextArea
        label="A few words for the coordinator (optional)"
        value={note}
        onChange={(text) => {
          server.edited('note');
          setNote(text);
        }}
        maxLength={2000}
        error={fields['note']}
      />
      <FormActions>
        <Button type="submit" variant="danger" busy={raise.isPending} busyLabel="Telling the coordinator…">
          Tell the coordinator now
        </Button>
      </FormActions>
    </form>
  );
}
