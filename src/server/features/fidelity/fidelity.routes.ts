import { EngagementReportView } from '../../../core/engagement';
import { FidelityReportView } from '../../../core/fidelity';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { getEngagementReport, getFidelityReport } from './fidelity.service';

export function fidelityRoutes(app: App, { deps }: AppOptions): void {
  app.get(
    '/programs/:programId/reports/fidelity',
    { schema: { tags: ['reports'], params: ProgramParams, response: { 200: FidelityReportView } } },
    async (req) => getFidelityReport(deps, callerOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/reports/engagement',
    { schema: { tags: ['reports'], params: ProgramParams, response: { 200: EngagementReportView } } },
    async (req) => getEngagementReport(deps, callerOf(req), req.params.programId),
  );
}
