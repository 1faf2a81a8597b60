import { z } from 'zod';
import { ContactInput, ContactView } from '../../../core/contacts';
import { pageQuery } from '../../../core/shared/paging';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { paged } from '../../http/paging';
import { ParticipantParams, ProgramParams } from '../../http/schemas';
import { listParticipantContacts, listRecentContacts, logContact } from './contacts.service';

export function contactsRoutes(app: App, { deps }: AppOptions): void {
  app.post(
    '/programs/:programId/contacts',
    {
      schema: {
        tags: ['contacts'],
        params: ProgramParams,
        body: ContactInput,
        response: { 200: ContactView, 201: ContactView },
      },
    },
    async (req, reply) => {
      const r = await logContact(deps, callerOf(req), req.params.programId, req.body);
      // 201 for a new contact; 200 when the same client key was already saved (a retry).
      void reply.code(r.isNew ? 201 : 200);
      return r.contact;
    },
  );
  app.get(
    '/programs/:programId/contacts',
    {
      schema: {
        tags: ['contacts'],
        params: ProgramParams,
        querystring: pageQuery(50),
        response: { 200: z.array(ContactView) },
      },
    },
    async (req, reply) => paged(req, reply, await listRecentContacts(deps, callerOf(req), req.params.programId, req.query)),
  );
  app.get(
    '/programs/:programId/participants/:participantId/contacts',
    {
      schema: {
        tags: ['contacts'],
        params: ParticipantParams,
        querystring: pageQuery(200),
        response: { 200: z.array(ContactView) },
      },
    },
    async (req, reply) =>
      paged(
        req,
        reply,
        await listParticipantContacts(deps, callerOf(req), req.params.programId, req.params.participantId, req.query),
      ),
  );
}
