import type { ReactNode } from 'react';
import { useWhen } from '../../app/when';
import { Link } from 'react-router';
import type { PairingView } from '../../../core/pairings';
import { useProgram } from '../../app/program';
import { pairStateLabels } from '../../app/vocab';
import { DetailList } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { Section } from '../../ui/Page';
import type { ParticipantFacts } from './coach-options';
import { EndPairingForm } from './EndPairingForm';
import { PairingHistory } from './PairingHistory';
import { PairWithCoachForm } from './PairWithCoachForm';
import { usePairings } from './pairings.api';

export interface PairableParticipant extends ParticipantFacts {
  id: string;
  givenName: string;
  coach: { id: string; name: string } | null;
  pairedAt: string | null;
  lastReachedAt: string | null;
  pairState: keyof typeof pairStateLabels | null;
  nextContactDueOn: string | null;
  nextContactBasis: 'session' | 'agreed' | 'cadence' | null;
}

/** The participant's coach now, with the form to end the pairing; or the form to choose a coach. */
export function PairingPanel({ participant }: { participant: PairableParticipant }) {
  const program = useProgram();
  const pairings = usePairings(program.programId, participant.id);
  const { coach } = participant;
  let body: ReactNode;
  if (coach) body = <CurrentCoach participant={participant} coach={coach} pairings={pairings.data ?? []} />;
  else if (participant.status === 'enrolled' || participant.status === 'active') {
    body = program.can('pairing:create') ? <PairWithCoachForm participant={participant} /> : <p>No coach yet.</p>;
  } else if (participant.status === 'referred') body = <p>Enrol the participant (under Status) before pairing with a coach.</p>;
  else body = <p>The participant has left the program and has no coach.</p>;
  return (
    <Section title="Coach" id="participant-coach">
      {body}
    </Section>
  );
}

/** Every coach the participant has had. */
export function PairingHistorySection({ participantId }: { participantId: string }) {
  const program = useProgram();
  const pairings = usePairings(program.programId, participantId);
  return (
    <Section title="Pairing history" id="participant-pairings">
      <QueryView query={pairings}>{(list) => <PairingHistory pairings={list} />}</QueryView>
    </Section>
  );
}

function CurrentCoach({
  participant: p,
  coach,
  pairings,
}: {
  participant: PairableParticipant;
  coach: { id: string; name: string };
  pairings: readonly PairingView[];
}) {
  const when = useWhen();
  const program = useProgram();
  const current = pairings.find((x) => x.endedAt === null && x.coachId === coach.id);
  return (
    <>
      <DetailList
        items={[
          ['Coach', program.can('coach:view') ? <Link to={program.to(`coaches/${coach.id}`)}>{coach.name}</Link> : coach.name],
          ['Paired', p.pairedAt ? `${when.dateTime(p.pairedAt)} (${when.ago(p.pairedAt)})` : null],
          ['Pair', p.pairState ? pairStateLabels[p.pairState] : null],
          ['Last reached', p.lastReachedAt ? when.ago(p.lastReachedAt) : 'Not reached yet'],
          ['Next contact', p.nextContactDueOn ? when.nextContact(p.nextContactDueOn, p.nextContactBasis) : null],
        ]}
      />
      {current && program.can('pairing:end') ? <EndPairingForm pairingId={current.id} coachName={coach.name} /> : null}
    </>
  );
}
