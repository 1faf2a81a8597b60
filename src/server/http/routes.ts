import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { accountsRoutes } from '../features/accounts/accounts.routes';
import { assessmentsRoutes } from '../features/assessments/assessments.routes';
import { auditRoutes } from '../features/audit/audit.routes';
import { coachCareRoutes } from '../features/coaches/care.routes';
import { coachesRoutes } from '../features/coaches/coaches.routes';
import { contactsRoutes } from '../features/contacts/contacts.routes';
import { curriculumRoutes } from '../features/curriculum/curriculum.routes';
import { engagementRoutes } from '../features/engagement/engagement.routes';
import { evaluationRoutes } from '../features/evaluation/evaluation.routes';
import { fidelityRoutes } from '../features/fidelity/fidelity.routes';
import { guidanceRoutes } from '../features/guidance/guidance.routes';
import { interviewsRoutes } from '../features/interviews/interviews.routes';
import { projectImportRoutes } from '../features/interviews/project-import.routes';
import { interviewAudioRoutes } from '../features/interviews/audio.routes';
import { mailRoutes } from '../features/mail/mail.routes';
import { matchingRoutes } from '../features/matching/matching.routes';
import { pairingsRoutes } from '../features/pairings/pairings.routes';
import { plansRoutes } from '../features/plans/plans.routes';
import { participantsRoutes } from '../features/participants/participants.routes';
import { programsRoutes } from '../features/programs/programs.routes';
import { safetyRoutes } from '../features/safety/safety.routes';
import { tasksRoutes } from '../features/tasks/tasks.routes';
import { trialsRoutes } from '../features/trials/trials.routes';
import { smartRoutes } from '../features/trials/smart.routes';
import { volunteersRoutes } from '../features/volunteers/volunteers.routes';
import type { App, AppOptions } from './routing';

/** Every API route, feature by feature. */
export function registerApiRoutes(app: App, opts: AppOptions): void {
  app.get(
    '/health',
    { config: { isPublic: true }, schema: { tags: ['platform'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => {
      await opts.deps.db.execute(sql`select 1`);
      return { status: 'ok' as const };
    },
  );
  app.get(
    '/config',
    {
      config: { isPublic: true },
      schema: { tags: ['platform'], response: { 200: z.object({ isDemo: z.boolean(), demoAccounts: z.array(z.string()) }) } },
    },
    async () => ({ isDemo: opts.isDemo, demoAccounts: opts.isDemo ? DEMO_ACCOUNTS : [] }),
  );
  accountsRoutes(app, opts);
  programsRoutes(app, opts);
  participantsRoutes(app, opts);
  coachesRoutes(app, opts);
  coachCareRoutes(app, opts);
  volunteersRoutes(app, opts);
  pairingsRoutes(app, opts);
  matchingRoutes(app, opts);
  contactsRoutes(app, opts);
  tasksRoutes(app, opts);
  engagementRoutes(app, opts);
  curriculumRoutes(app, opts);
  plansRoutes(app, opts);
  guidanceRoutes(app, opts);
  safetyRoutes(app, opts);
  assessmentsRoutes(app, opts);
  auditRoutes(app, opts);
  mailRoutes(app, opts);
  fidelityRoutes(app, opts);
  trialsRoutes(app, opts);
  evaluationRoutes(app, opts);
  smartRoutes(app, opts);
  interviewsRoutes(app, opts);
  projectImportRoutes(app, opts);
  interviewAudioRoutes(app, opts);
}

export const DEMO_ACCOUNTS = [
  'coordinator@example.org',
  'coach@example.org',
  'participant@example.org',
  'evaluator@example.org',
  'admin@example.org',
  'assessor@example.org',
];
