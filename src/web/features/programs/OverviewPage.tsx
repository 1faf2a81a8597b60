import type { Overview } from '../../../core/tasks';
import { useProgram, type ProgramScope } from '../../app/program';
import { pairStateLabels, participantStatusLabels } from '../../app/vocab';
import { ButtonLink } from '../../ui/controls';
import { QueryView } from '../../ui/feedback';
import { Page, Section } from '../../ui/Page';
import { Stats } from '../../ui/Stats';
import { EngagementSections } from '../engagement';
import { useOverview } from './programs.api';

const taskLabels = {
  decision: 'Decisions for staff',
  check_in_call: 'Check-in calls for staff',
  first_contact: 'First contacts due',
  next_contact: 'Next contacts due',
} as const;

/** The program at a glance, for staff and evaluators: every number links to the list behind it. */
export function OverviewPage() {
  const program = useProgram();
  const overview = useOverview(program.programId);
  return (
    <Page
      title="Program overview"
      actions={
        program.can('participant:create') ? <ButtonLink to={program.to('participants/new')}>Add participant</ButtonLink> : null
      }
    >
      <QueryView query={overview} loadingLabel="Loading the overview…">
        {(o) => <OverviewBody overview={o} program={program} />}
      </QueryView>
    </Page>
  );
}

function OverviewBody({ overview: o, program }: { overview: Overview; program: ProgramScope }) {
  const canList = program.can('participant:list');
  const canTasks = program.can('task:list');
  const canCoaches = program.can('coach:list');
  const statuses = Object.keys(participantStatusLabels) as (keyof typeof participantStatusLabels)[];
  const pairStates = Object.keys(pairStateLabels) as (keyof typeof pairStateLabels)[];
  const taskKinds = Object.keys(taskLabels) as (keyof typeof taskLabels)[];
  const reachedShare =
    o.contactsLast30Days.attempts > 0 ? Math.round((100 * o.contactsLast30Days.reached) / o.contactsLast30Days.attempts) : null;
  return (
    <>
      <Section title="Pairs" id="overview-pairs">
        <p>
          Each pair should have a reached contact every {o.cadenceDays} days, {o.targetContacts} in all. Quiet pairs need a
          check-in call.
        </p>
        <Stats
          label="Pairs by state"
          items={pairStates.map((s) => ({
            label: pairStateLabels[s],
            value: o.pairsByState[s],
            to: canList ? program.to(`participants?pair=${s}`) : undefined,
          }))}
        />
      </Section>
      {canTasks ? (
        <Section title="Open tasks" id="overview-tasks">
          <Stats
            label="Open tasks by kind"
            items={taskKinds.map((k) => ({ label: taskLabels[k], value: o.openTasks[k], to: program.to(`tasks?kind=${k}`) }))}
          />
        </Section>
      ) : null}
      <EngagementSections engagement={o.engagement} targetContacts={o.targetContacts} program={program} />
      <Section title="Participants" id="overview-participants">
        <Stats
          label="Participants by status"
          items={statuses.map((s) => ({
            label: participantStatusLabels[s],
            value: o.participantsByStatus[s] ?? 0,
            to: canList ? program.to(`participants?status=${s}`) : undefined,
          }))}
        />
      </Section>
      <Section title="Coaches" id="overview-coaches">
        <Stats
          label="Coaches by status"
          items={[
            { label: 'Active', value: o.coaches.active, to: canCoaches ? program.to('coaches') : undefined },
            { label: 'Open places', value: o.coaches.openPlaces },
            { label: 'Paused', value: o.coaches.paused },
            { label: 'Retired', value: o.coaches.retired },
          ]}
        />
      </Section>
      <Section title="Contacts in the last 30 days" id="overview-contacts">
        <Stats
          label="Contacts in the last 30 days"
          items={[
            { label: 'Attempts', value: o.contactsLast30Days.attempts },
            { label: 'Reached', value: o.contactsLast30Days.reached },
            { label: 'Share reached', value: reachedShare === null ? 'None yet' : `${reachedShare}%` },
          ]}
        />
      </Section>
    </>
  );
}
