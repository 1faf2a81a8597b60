import { useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { useParams } from 'react-router';
import { samplingDimensions, type SampleView, type SamplingDimension } from '../../../core/interviews';
import { useProgram } from '../../app/program';
import { Badge, Button, ButtonLink, TableScroll } from '../../ui/controls';
import { Empty, QueryView } from '../../ui/feedback';
import { CheckboxGroup, FormActions, FormErrors, SelectField, TextField } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import {
  useDrawSample,
  useInterviewStudies,
  useInterviewStudy,
  useMarkMember,
  useSample,
  useSamples,
  useSamplingFrame,
} from './interviews.api';
import { cellLabel, dimensionLabels, exclusionLabels, valueLabel } from './sampling.labels';
import { ConsentVersions, InvitationActions, InvitationFacts } from './InvitationPanel';
import './interviews.css';

const dimensionOptions = samplingDimensions.map((d) => ({ value: d, label: dimensionLabels[d] }));

/**
 * Purposive sampling (ADR 0044): study staff choose dimensions, set a target per cell and draw;
 * the drawn frame is shown as it was drawn, with whom Kindred proposes and where each stands.
 */
export function InterviewSamplingPage() {
  const when = useWhen();
  const program = useProgram();
  const { studyId = '' } = useParams();
  const study = useInterviewStudy(program.programId, studyId);
  const studies = useInterviewStudies(program.programId);
  const samples = useSamples(program.programId, studyId, study.data !== undefined);
  const [chosen, setChosen] = useState<string | null>(null);
  // Program staff see every study's title but only a study's team sees its sampling (ADR 0052):
  // someone off the team gets the reason in words, not the refused request.
  const offTeam = study.error ? studies.data?.find((x) => x.id === studyId && x.myRole === null) : undefined;
  if (offTeam) return <NotOnTeam title={offTeam.title} studyId={studyId} canManageTeam={program.can('interview:team')} />;
  return (
    <QueryView query={study} loadingLabel="Loading the study…">
      {(s) => (
        <Page
          title="Whom to interview"
          intro={`Sampling for “${s.title}”: Kindred proposes people from what it knows now, and keeps each draw as it was.`}
          actions={
            <ButtonLink variant="secondary" to={program.to(`interviews/${studyId}`)}>
              Back to the study
            </ButtonLink>
          }
        >
          {/* Drawing and inviting are the study lead's, as running it is (ADR 0052). */}
          {s.can.manage ? (
            <DrawForm studyId={studyId} onDrawn={setChosen} />
          ) : (
            <p className="notice">
              Only the study’s lead draws samples and invites people. You can see the draws and where each person stands.
            </p>
          )}
          {s.can.manage ? <ConsentVersions studyId={studyId} /> : null}
          <Section title="Drawn samples" id="drawn-samples">
            <QueryView query={samples} loadingLabel="Loading the drawn samples…">
              {(list) => {
                if (list.length === 0) return <Empty>No sample drawn yet.</Empty>;
                const current = chosen ?? list[0]!.id;
                return (
                  <>
                    {list.length > 1 ? (
                      <SelectField
                        label="Which draw"
                        value={current}
                        options={list.map((x) => ({
                          value: x.id,
                          label: `${when.dateTime(x.drawnAt)}: ${x.proposed} proposed of ${x.target} wanted`,
                        }))}
                        onChange={setChosen}
                      />
                    ) : null}
                    <SampleDetails studyId={studyId} sampleId={current} />
                  </>
                );
              }}
            </QueryView>
          </Section>
        </Page>
      )}
    </QueryView>
  );
}

/** The sampling page for program staff who are not on the study's team: why, and what to do. */
function NotOnTeam({ title, studyId, canManageTeam }: { title: string; studyId: string; canManageTeam: boolean }) {
  const program = useProgram();
  return (
    <Page
      title="Whom to interview"
      actions={
        <ButtonLink variant="secondary" to={program.to('interviews')}>
          All interview studies
        </ButtonLink>
      }
    >
      <p className="notice" role="status">
        You are not on the team of “{title}”, so you cannot see whom it proposes to interview. Only the people on a study’s team
        see its samples, and only its lead draws them and invites people.
        {canManageTeam ? ' You can add yourself or someone else to the team.' : ' Ask the study’s lead to add you to the team.'}
      </p>
      {canManageTeam ? <ButtonLink to={program.to(`interviews/${studyId}/team`)}>See the study team</ButtonLink> : null}
    </Page>
  );
}

function DrawForm({ studyId, onDrawn }: { studyId: string; onDrawn: (id: string) => void }) {
  const program = useProgram();
  const [dimensions, setDimensions] = useState<SamplingDimension[]>(['adherent']);
  const [targets, setTargets] = useState<Record<string, string>>({});
  // The seed is shown and kept with the draw, so the same frame and seed propose the same people.
  const [seed, setSeed] = useState(() => String(Math.floor(Math.random() * 1_000_000)));
  const [problem, setProblem] = useState<string | null>(null);
  const frame = useSamplingFrame(program.programId, studyId, dimensions, true);
  const draw = useDrawSample(program.programId, studyId);
  const keyOf = (values: readonly string[]) => JSON.stringify(values);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cells = frame.data?.cells ?? [];
    const quotas = cells.map((c) => ({ values: c.values, target: Number(targets[keyOf(c.values)] ?? '0') }));
    if (dimensions.length === 0) return setProblem('Choose at least one way to group people.');
    if (dimensions.length > 4) return setProblem('Choose at most four ways to group people.');
    if (quotas.some((q) => !Number.isInteger(q.target) || q.target < 0 || q.target > 500))
      return setProblem('Write each target as a whole number from 0 to 500.');
    if (quotas.every((q) => q.target === 0)) return setProblem('Set a target for at least one group.');
    const n = Number(seed);
    if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) return setProblem('The draw number must be a whole number.');
    setProblem(null);
    draw.mutate({ dimensions, quotas: quotas.filter((q) => q.target > 0), seed: n }, { onSuccess: (s) => onDrawn(s.id) });
  };
  return (
    <Section title="Draw a sample" id="draw-sample">
      <form onSubmit={submit} noValidate aria-label="Draw a sample">
        {problem ? (
          <p role="alert" className="alert alert--error">
            {problem}
          </p>
        ) : null}
        <FormErrors error={draw.error} />
        <CheckboxGroup
          legend="Group people by"
          hint="Up to four. Each combination is a group with its own target."
          options={dimensionOptions}
          values={dimensions}
          onChange={setDimensions}
          columns
        />
        <QueryView query={frame} loadingLabel="Counting people in each group…">
          {(f) => (
            <TableScroll label="Targets per group, scrolls sideways" cards>
              <table className="table">
                <caption>People in each group now, and how many to invite</caption>
                <thead>
                  <tr>
                    {f.dimensions.map((d) => (
                      <th key={d} scope="col">
                        {dimensionLabels[d]}
                      </th>
                    ))}
                    <th scope="col">People</th>
                    <th scope="col">Can be asked</th>
                    <th scope="col">Target</th>
                  </tr>
                </thead>
                <tbody>
                  {f.cells.map((c) => {
                    const key = keyOf(c.values);
                    return (
                      <tr key={key}>
                        {c.values.map((v, i) => (
                          <td key={i}>{valueLabel(f.dimensions[i]!, v)}</td>
                        ))}
                        <td>{c.people}</td>
                        <td>{c.available}</td>
                        <td>
                          <TextField
                            label={`Target for ${cellLabel(f.dimensions, c.values)}`}
                            inputMode="numeric"
                            value={targets[key] ?? '0'}
                            onChange={(v) => setTargets({ ...targets, [key]: v })}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          )}
        </QueryView>
        <TextField
          label="Draw number"
          hint="The same number and the same people give the same proposal; change it for another."
          inputMode="numeric"
          value={seed}
          onChange={setSeed}
        />
        <FormActions>
          <Button type="submit" busy={draw.isPending} busyLabel="Drawing…">
            Draw the sample
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

function SampleDetails({ studyId, sampleId }: { studyId: string; sampleId: string }) {
  const when = useWhen();
  const program = useProgram();
  const sample = useSample(program.programId, studyId, sampleId);
  return (
    <QueryView query={sample} loadingLabel="Loading the sample…">
      {(s) => (
        <>
          <p>
            Drawn {when.dateTime(s.drawnAt)}
            {s.drawnBy ? ` by ${s.drawnBy}` : ''}, draw number {s.seed}. The values are as they were at the draw.
          </p>
          <CellsTable sample={s} />
          {s.excluded.length > 0 ? (
            <p>Not asked: {s.excluded.map((x) => `${exclusionLabels[x.reason] ?? x.reason} (${x.count})`).join(', ')}.</p>
          ) : null}
          <Members studyId={studyId} sample={s} />
          <Section title="Why people declined" id="decline-reasons" level={3}>
            {s.declineReasons.length === 0 ? <Empty>Nobody has declined.</Empty> : <DeclineReasons reasons={s.declineReasons} />}
          </Section>
        </>
      )}
    </QueryView>
  );
}

/** Why people declined, each reason with how many gave it (for the methods section). */
export function DeclineReasons({ reasons }: { reasons: SampleView['declineReasons'] }) {
  return (
    <ul>
      {reasons.map((r) => (
        <li key={r.reason}>
          {r.reason}: {r.count}
        </li>
      ))}
    </ul>
  );
}

/** The drawn cells: target, people who could be asked, proposed and short. */
export function CellsTable({ sample }: { sample: Pick<SampleView, 'dimensions' | 'cells'> }) {
  return (
    <TableScroll label="Groups of the draw, scrolls sideways" cards>
      <table className="table">
        <caption>Groups: target, people who could be asked, and proposed</caption>
        <thead>
          <tr>
            {sample.dimensions.map((d) => (
              <th key={d} scope="col">
                {dimensionLabels[d]}
              </th>
            ))}
            <th scope="col">Target</th>
            <th scope="col">Could be asked</th>
            <th scope="col">Proposed</th>
            <th scope="col">Short by</th>
          </tr>
        </thead>
        <tbody>
          {sample.cells.map((c) => (
            <tr key={c.key}>
              {c.values.map((v, i) => (
                <td key={i}>{valueLabel(sample.dimensions[i]!, v)}</td>
              ))}
              <td>{c.target}</td>
              <td>{c.available}</td>
              <td>{c.proposed}</td>
              <td>{c.shortfall > 0 ? c.shortfall : 'None'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const stateWords = {
  proposed: 'Not asked yet',
  invited: 'Invited',
  consented: 'Agreed',
  scheduled: 'Interview booked',
  declined: 'Declined',
} as const;
const stateTones = {
  proposed: 'neutral',
  invited: 'neutral',
  consented: 'good',
  scheduled: 'good',
  declined: 'warning',
} as const;

function Members({ studyId, sample }: { studyId: string; sample: SampleView }) {
  const program = useProgram();
  const mark = useMarkMember(program.programId, studyId, sample.id);
  const [declining, setDeclining] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (sample.members.length === 0) return <Empty>Nobody could be proposed.</Empty>;
  return (
    <Section title="Proposed people" id="proposed-people" level={3}>
      <FormErrors error={mark.error} />
      <ul className="sample-members">
        {sample.members.map((m) => {
          const who = m.name ?? m.code;
          return (
            <li key={m.id} className="sample-member">
              <p className="sample-member__who">
                <strong>{who}</strong> <Badge tone={stateTones[m.state]}>{stateWords[m.state]}</Badge>
              </p>
              <p>{cellLabel(sample.dimensions, m.values)}</p>
              <InvitationFacts member={m} />
              {m.declineReason ? <p>Reason: {m.declineReason}</p> : null}
              {sample.can.invite && declining !== m.id ? (
                <InvitationActions studyId={studyId} sample={sample} member={m} />
              ) : null}
              {sample.can.sample ? (
                declining === m.id ? (
                  <form
                    aria-label={`Declined: ${who}`}
                    noValidate
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (reason.trim() === '') return setProblem('Write the reason they gave, in a few words.');
                      setProblem(null);
                      mark.mutate(
                        { memberId: m.id, state: 'declined', reason: reason.trim() },
                        { onSuccess: () => (setDeclining(null), setReason('')) },
                      );
                    }}
                  >
                    {problem ? (
                      <p role="alert" className="alert alert--error">
                        {problem}
                      </p>
                    ) : null}
                    <TextField label={`Why ${who} declined`} value={reason} onChange={setReason} maxLength={200} />
                    <FormActions>
                      <Button type="submit" busy={mark.isPending} busyLabel="Saving…">
                        Save the reason
                      </Button>
                      <Button type="button" variant="secondary" onClick={() => setDeclining(null)}>
                        Cancel
                      </Button>
                    </FormActions>
                  </form>
                ) : (
                  <div className="sample-member__actions">
                    {m.state !== 'declined' ? (
                      <Button type="button" variant="secondary" onClick={() => setDeclining(m.id)}>
                        Declined: {who}
                      </Button>
                    ) : null}
                  </div>
                )
              ) : null}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
