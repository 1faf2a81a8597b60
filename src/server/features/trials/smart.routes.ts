import { SmartRunResult, SmartView } from '../../../core/trials';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { getSmart, runSmartDecision } from './smart.service';

/** The SMART decision point (ADR 0030): its state and paths, and the staff action that runs it. */
export function smartRoutes(app: App, { deps }: AppOptions): void {
  const tags = ['trials'];
  app.get(
    '/programs/:programId/study/smart',
    { schema: { tags, params: ProgramParams, response: { 200: SmartView } } },
    async (req) => getSmart(deps, callerOf(req), req.params.programId),
  );
  app.post(
    '/programs/:programId/study/smart/decisions',
    { schema: { tags, params: ProgramParams, response: { 200: SmartRunResult } } },
    async (req) => runSmartDecision(deps, callerOf(req), req.params.programId),
  );
}
