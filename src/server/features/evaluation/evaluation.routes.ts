import { z } from 'zod';
import { OutcomeReportView } from '../../../core/evaluation';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { getOutcomeReport } from './evaluation.service';

/** Which instrument's total is the outcome: an instrument id of the program (default the design's primary outcome, else the PEG). */
const OutcomeQuery = z.object({
  instrument: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/i, 'Choose a questionnaire of this program')
    .optional(),
});

export function evaluationRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/reports/outcomes',
    {
      schema: {
        tags: ['reports'],
        summary: 'The outcome report and "Whom to target": arms masked for evaluators until unblinding (ADR 0029)',
        params: ProgramParams,
        querystring: OutcomeQuery,
        response: { 200: OutcomeReportView },
      },
    },
    async (req) => getOutcomeReport(deps, callerOf(req), req.params.programId, req.query.instrument),
  );
}
