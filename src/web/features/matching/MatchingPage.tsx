import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { MatchingProposalView, MatchingSettings } from '../../../core/matching';
import { useProgram } from '../../app/program';
import { Button, ButtonLink, TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { FormActions, FormErrors, TextArea } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { unmatchedLabels, useApproveMatches, useProposal, type Proposal } from './matching.api';
import './matching.css';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The rules and weights in force, in words, and what Kindred cannot weigh yet. */
function SettingsSummary({ settings: s }: { settings: MatchingSettings }) {
  const rules = [
    s.rules.sameGender && 'the same gender, unless the participant said it does not matter',
    s.rules.modality && 'a way of meeting the participant uses',
    s.rules.times && 'times of day that overlap',
    `an active${s.rules.trainedCoach ? ', trained' : ''} coach with a place left`,
  ].filter((x): x is string => typeof x === 'string');
  const w = s.weights;
  const weights = [
    `shared pain location ${w.painLocations}`,
    `same service branch or era ${w.background} each`,
    `born within ${s.ageBandYears} years ${w.ageBand}`,
    `same town when meeting in person ${w.sameTown}`,
    `a shared language ${w.language}`,
  ];
  return (
    <>
      <p>
        <strong>Every pair needs:</strong> {rules.join('; ')}.
      </p>
      <p>
        <strong>Match quality, in points:</strong> {weights.join('; ')}. Anything not recorded for either person neither helps nor
        blocks a match.
      </p>
    </>
  );
}

/**
 * Matching: the proposal for every waiting participant at once, as many pairs as the rules allow
 * and then the best overall fit. The coordinator unticks pairs or picks another eligible coach, and
 * approves; the pairs are saved together or not at all.
 */
export function MatchingPage() {
  const program = useProgram();
  const proposal = useProposal(program.programId);
  const [notice, setNotice] = useState('');
  return (
    <Page
      title="Matching"
      actions={
        <>
          {program.can('matching:configure') ? (
            <ButtonLink variant="secondary" to={program.to('matching/settings')}>
              Matching settings
            </ButtonLink>
          ) : null}{' '}
          {program.can('matching:report') ? (
            <ButtonLink variant="secondary" to={program.to('matching/report')}>
              What kinds of matches last
            </ButtonLink>
          ) : null}
        </>
      }
      intro={
        <p>
          Kindred proposes a coach for every waiting participant at once: first as many pairs as the rules allow, then the best
          fit overall. Untick a pair to leave it out, or choose another coach. Nothing is saved until you approve.
        </p>
      }
    >
      <div role="status">{notice ? <p className="notice">{notice}</p> : null}</div>
      <QueryView query={proposal} loadingLabel="Working out the best matches…">
        {(view) => (
          <>
            <SettingsSummary settings={view.settings} />
            <p className="muted">
              {plural(view.waiting, 'participant')} waiting · {plural(view.matched, 'pair')} proposed · {view.unmatched.length}{' '}
              cannot be matched now
            </p>
            <ProposalForm
              key={proposal.dataUpdatedAt}
              view={view}
              onApproved={(n) => setNotice(`Approved ${plural(n, 'pair')}. Each participant’s record now shows the coach.`)}
            />
            <Unmatched view={view} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

interface RowChoice {
  include: boolean;
  coachId: string;
  reason: string;
}

type Option = Pick<Proposal, 'coachId' | 'coachName' | 'quality' | 'reasons' | 'needsGenderReason'>;

const optionsOf = (p: Proposal): Option[] => [p, ...p.alternatives];

function ProposalForm({ view, onApproved }: { view: MatchingProposalView; onApproved: (n: number) => void }) {
  const program = useProgram();
  const approve = useApproveMatches(program.programId);
  const canApprove = program.can('matching:approve');
  const [choices, setChoices] = useState<Record<string, RowChoice>>(() =>
    Object.fromEntries(view.proposals.map((p) => [p.participantId, { include: true, coachId: p.coachId, reason: '' }])),
  );
  const [problems, setProblems] = useState<Record<string, string>>({});

  if (view.proposals.length === 0) {
    return (
      <Section title="Proposed pairs" id="matching-proposed">
        <Empty>{view.waiting === 0 ? 'No participants are waiting for a coach.' : 'No pair can be proposed now.'}</Empty>
      </Section>
    );
  }

  const set = (id: string, change: Partial<RowChoice>) => setChoices((prev) => ({ ...prev, [id]: { ...prev[id]!, ...change } }));
  const chosen = (p: Proposal): Option => optionsOf(p).find((o) => o.coachId === choices[p.participantId]!.coachId) ?? p;
  const included = view.proposals.filter((p) => choices[p.participantId]!.include);
  const places = new Map(view.coaches.map((c) => [c.id, c]));

  /** Checks what the server would refuse: a coach chosen more often than places left; a missing reason. */
  const check = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (included.length === 0) out['pairs'] = 'Tick at least one pair to approve';
    const taken = new Map<string, number>();
    for (const p of included) taken.set(chosen(p).coachId, (taken.get(chosen(p).coachId) ?? 0) + 1);
    for (const p of included) {
      const c = chosen(p);
      const coach = places.get(c.coachId);
      const n = taken.get(c.coachId) ?? 0;
      if (coach && n > coach.placesLeft)
        out[p.participantId] = `${coach.name} has ${plural(coach.placesLeft, 'place')} left but is chosen for ${n} participants`;
      else if (c.needsGenderReason && choices[p.participantId]!.reason.trim().length < 3)
        out[p.participantId] = `Write why ${p.participantName} should be paired with ${c.coachName} across genders`;
    }
    return out;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    approve.mutate(
      {
        pairs: included.map((p) => {
          const c = chosen(p);
          return {
            participantId: p.participantId,
            coachId: c.coachId,
            genderMismatchReason: c.needsGenderReason ? choices[p.participantId]!.reason.trim() : null,
          };
        }),
      },
      { onSuccess: (r) => onApproved(r.pairings.length) },
    );
  };

  const hasProblems = Object.keys(problems).length > 0;
  const labels = Object.fromEntries([['pairs', 'Pairs'], ...view.proposals.map((p) => [p.participantId, p.participantName])]);
  const localError = hasProblems
    ? { message: 'Some pairs need attention.', fields: Object.entries(problems).map(([path, message]) => ({ path, message })) }
    : null;

  return (
    <Section title="Proposed pairs" id="matching-proposed">
      <form onSubmit={submit} noValidate>
        <FormErrors error={localError ?? approve.error} title="Could not approve" labels={labels} />
        <TableScroll label="Proposed pairs table">
          <table className="table">
            <caption className="visually-hidden">Proposed pairs, longest waiting first</caption>
            <thead>
              <tr>
                {canApprove ? <th scope="col">Approve</th> : null}
                <th scope="col">Participant</th>
                <th scope="col">Coach</th>
                <th scope="col">Why this pair</th>
                <th scope="col" className="num">
                  Match quality
                </th>
              </tr>
            </thead>
            <tbody>
              {view.proposals.map((p) => {
                const row = choices[p.participantId]!;
                const c = chosen(p);
                const problemId = `matching-problem-${p.participantId}`;
                const problem = problems[p.participantId];
                return (
                  <tr key={p.participantId}>
                    {canApprove ? (
                      <td>
                        <input
                          type="checkbox"
                          id={`approve-${p.participantId}`}
                          checked={row.include}
                          onChange={(e) => set(p.participantId, { include: e.target.checked })}
                          aria-describedby={problem ? problemId : undefined}
                        />
                        <label htmlFor={`approve-${p.participantId}`} className="visually-hidden">
                          Approve {p.participantName}
                        </label>
                      </td>
                    ) : null}
                    <th scope="row">
                      <Link to={program.to(`participants/${p.participantId}`)}>{p.participantName}</Link>{' '}
                      <span className="muted">{p.participantCode}</span>
                    </th>
                    <td>
                      {canApprove && p.alternatives.length > 0 ? (
                        <>
                          <label htmlFor={`coach-${p.participantId}`} className="visually-hidden">
                            Coach for {p.participantName}
                          </label>
                          <select
                            id={`coach-${p.participantId}`}
                            className="input input--select matching__coach"
                            value={row.coachId}
                            disabled={!row.include}
                            aria-describedby={problem ? problemId : undefined}
                            onChange={(e) => set(p.participantId, { coachId: e.target.value })}
                          >
                            {optionsOf(p).map((o) => (
                              <option key={o.coachId} value={o.coachId}>
                                {o.coachName} ({o.quality} points{o.coachId === p.coachId ? ', proposed' : ''})
                              </option>
                            ))}
                          </select>
                        </>
                      ) : (
                        p.coachName
                      )}
                      {row.include && c.needsGenderReason ? (
                        <TextArea
                          label={`Reason for pairing ${p.participantName} across genders`}
                          hint="The participant said a coach of the same gender matters."
                          value={row.reason}
                          onChange={(reason) => set(p.participantId, { reason })}
                          maxLength={500}
                          rows={2}
                        />
                      ) : null}
                      {problem ? (
                        <p id={problemId} className="field__error">
                          {problem}
                        </p>
                      ) : null}
                    </td>
                    <td>{c.reasons.length > 0 ? c.reasons.join('; ') : 'meets the rules'}</td>
                    <td className="num">
                      {c.quality} of {view.maxPairQuality}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
        {canApprove ? (
          <FormActions>
            <Button type="submit" busy={approve.isPending} busyLabel="Approving…">
              Approve {plural(included.length, 'pair')}
            </Button>
          </FormActions>
        ) : null}
      </form>
    </Section>
  );
}

function Unmatched({ view }: { view: MatchingProposalView }) {
  const program = useProgram();
  if (view.unmatched.length === 0) return null;
  return (
    <Section title="Cannot be matched now" id="matching-unmatched">
      <TableScroll label="Participants who cannot be matched now">
        <table className="table">
          <caption className="visually-hidden">Participants without a proposed coach, and why</caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {view.unmatched.map((u) => (
              <tr key={u.participantId}>
                <th scope="row">
                  <Link to={program.to(`participants/${u.participantId}`)}>{u.participantName}</Link>{' '}
                  <span className="muted">{u.participantCode}</span>
                </th>
                <td>
                  <strong>{unmatchedLabels[u.code]}:</strong> {u.reason}.
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}
