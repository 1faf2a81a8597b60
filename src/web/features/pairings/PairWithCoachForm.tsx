import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { Link, useLocation, useNavigate } from 'react-router';
import { useProgram } from '../../app/program';
import { channelLabels, genderLabels, listOf, painLocationLabels } from '../../app/vocab';
import { Button } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { Choice, FormActions, FormErrors, RadioGroup, TextArea, TextField, useServerRefusal, type Option } from '../../ui/form';
import { coachName, useCoaches } from '../coaches/coaches.api';
import { pairingCandidates, type PairingCandidate, type ParticipantFacts } from './coach-options';
import { GENDER_MISMATCH_NEEDS_REASON, useCreatePairing } from './pairings.api';
import { earlierStartBody, earlierStartProblems } from './pairing-start';

function describe(c: PairingCandidate): string {
  const parts = [
    genderLabels[c.coach.gender] + (c.isGenderMismatch ? ' (a different gender)' : ''),
    c.sharedPain.length > 0 ? `shared pain: ${listOf(painLocationLabels, c.sharedPain)}` : 'no shared pain locations',
    `${c.openPlaces} open place${c.openPlaces === 1 ? '' : 's'} (${c.coach.activePairings} of ${c.coach.caseload} taken)`,
    `meets by ${listOf(channelLabels, c.coach.modalities).toLowerCase()}`,
  ];
  return parts.join(' · ');
}

/**
 * Pairs a participant with an active coach who has an open place. Crossing genders when the
 * participant said it matters needs a recorded reason: the field appears when such a coach is
 * chosen, and also when the server asks for it.
 */
export function PairWithCoachForm({ participant }: { participant: ParticipantFacts & { id: string; givenName: string } }) {
  const program = useProgram();
  const coaches = useCoaches(program.programId);
  return (
    <QueryView query={coaches} loadingLabel="Loading coaches with open places…">
      {(list) => {
        const candidates = pairingCandidates(participant, list);
        if (candidates.length === 0) {
          return (
            <Empty>
              No active coach has an open place.{' '}
              {program.can('coach:list') ? <Link to={program.to('coaches')}>See the coaches</Link> : null}
            </Empty>
          );
        }
        return <CandidateForm participant={participant} candidates={candidates} />;
      }}
    </QueryView>
  );
}

function CandidateForm({
  participant,
  candidates,
}: {
  participant: ParticipantFacts & { id: string; givenName: string };
  candidates: PairingCandidate[];
}) {
  const when = useWhen();
  const program = useProgram();
  const pair = useCreatePairing(program.programId);
  const navigate = useNavigate();
  const location = useLocation();
  const [coachId, setCoachId] = useState('');
  const [reason, setReason] = useState('');
  const [serverAsked, setServerAsked] = useState(false);
  const [problem, setProblem] = useState<Record<string, string>>({});
  // Staff entering a pairing from a paper record: the day it began and why it is entered late (ADR 0030).
  const canEnterLate = program.can('record:late_entry');
  const [earlier, setEarlier] = useState(false);
  const [earlierOn, setEarlierOn] = useState('');
  const [lateReason, setLateReason] = useState('');
  const reasonBox = useRef<HTMLDivElement>(null);
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(pair.error);

  const chosen = candidates.find((c) => c.coach.id === coachId);
  const needsReason = serverAsked || (chosen?.isGenderMismatch ?? false);

  useEffect(() => {
    if (serverAsked) reasonBox.current?.querySelector('textarea')?.focus();
  }, [serverAsked]);

  const options: Option<string>[] = candidates.map((c) => ({ value: c.coach.id, label: coachName(c.coach), hint: describe(c) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p: Record<string, string> = {};
    if (!coachId) p['coachId'] = 'Choose a coach';
    if (needsReason && reason.trim().length < 3)
      p['genderMismatchReason'] = 'Write why this pairing is right despite the gender difference';
    const late = earlier ? { on: earlierOn, reason: lateReason } : null;
    if (late) Object.assign(p, earlierStartProblems(late, new Date(), program.timeZone));
    setProblem(p);
    if (Object.keys(p).length > 0) return;
    const name = chosen ? coachName(chosen.coach) : 'the coach';
    // mutateAsync: this form unmounts as soon as the refreshed record shows the new coach.
    void pair
      .mutateAsync({
        participantId: participant.id,
        coachId,
        genderMismatchReason: needsReason ? reason.trim() : null,
        ...(late ? earlierStartBody(late, program.timeZone) : {}),
      })
      .then(
        () => navigate(location.pathname, { replace: true, state: { notice: `Paired with ${name}.` } }),
        (err: unknown) => {
          if ((err as { reason?: string }).reason === GENDER_MISMATCH_NEEDS_REASON) setServerAsked(true);
        },
      );
  };
  const fields = { ...server.fields, ...problem };

  return (
    <form onSubmit={submit} noValidate>
      {!participant.canShareContact ? (
        <p className="alert alert--info">
          {participant.givenName} has not yet given permission to share contact details with a coach. Record the permission under
          Edit details before pairing.
        </p>
      ) : null}
      <FormErrors
        error={server.error}
        title="Could not pair"
        labels={{
          coachId: 'Coach',
          genderMismatchReason: 'Reason',
          startedAt: 'The day it began',
          'enteredLate.reason': 'Why entered late',
        }}
      />
      <RadioGroup
        legend="Choose a coach"
        hint="Active coaches with an open place, best match first."
        name="coach"
        options={options}
        value={coachId}
        onChange={(id) => {
          server.edited('coachId');
          setCoachId(id);
          setServerAsked(false);
        }}
        error={fields['coachId']}
      />
      {needsReason ? (
        <div ref={reasonBox}>
          <TextArea
            label="Reason for pairing across genders"
            hint={`${participant.givenName} said a coach of the same gender matters. Record why this pairing is right anyway.`}
            value={reason}
            onChange={(text) => {
              server.edited('genderMismatchReason');
              setReason(text);
            }}
            error={fields['genderMismatchReason']}
            maxLength={500}
            required
          />
        </div>
      ) : null}
      {canEnterLate ? (
        <Choice label="The pairing began on an earlier day (entering a paper record)" checked={earlier} onChange={setEarlier} />
      ) : null}
      {canEnterLate && earlier ? (
        <>
          <TextField
            label="The day it began"
            type="date"
            max={when.today()}
            value={earlierOn}
            onChange={(on) => {
              server.edited('startedAt');
              setEarlierOn(on);
            }}
            error={fields['startedAt']}
          />
          <TextField
            label="Why it is entered late"
            hint="Such as “Paired at the clinic; entered from the paper log”. The record will show who entered it and when."
            value={lateReason}
            onChange={(text) => {
              server.edited('enteredLate');
              setLateReason(text);
            }}
            maxLength={500}
            error={fields['enteredLate.reason'] ?? fields['enteredLate']}
          />
        </>
      ) : null}
      <FormActions>
        <Button type="submit" busy={pair.isPending} busyLabel="Pairing…">
          Pair with coach
        </Button>
      </FormActions>
    </form>
  );
}
