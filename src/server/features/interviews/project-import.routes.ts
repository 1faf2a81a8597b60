import { z } from 'zod';
import { ProjectImportInput, ProjectImportResult } from '../../../core/interviews';
import { ProgramParams } from '../../http/schemas';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { importProject } from './project-import.service';

const StudyParams = ProgramParams.extend({ studyId: z.uuid() });

/** A REFI-QDA project (.qdpx) into a study (ADR 0055): the lead only; a preview first, then the import. */
export function projectImportRoutes(app: App, { deps }: AppOptions): void {
  app.post(
    '/programs/:programId/interview-studies/:studyId/project/import',
    {
      // The core refuses an archive over 20 MB with a reason; its base64 is about a third larger.
      bodyLimit: 28 * 1024 * 1024,
      schema: {
        tags: ['interviews'],
        summary:
          'Preview or import a REFI-QDA project (.qdpx): codes, transcripts (pending de-identification), codings by coder, memos',
        params: StudyParams,
        body: ProjectImportInput,
        response: { 200: ProjectImportResult },
      },
    },
    async (req) => importProject(deps, callerOf(req), req.params.programId, req.params.studyId, req.body),
  );
}
