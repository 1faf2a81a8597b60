import { z } from 'zod';
import { DomainError } from '../../../core/shared/errors';
import { pageQuery } from '../../../core/shared/paging';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { paged } from '../../http/paging';
import { ParticipantParams, ProgramParams } from '../../http/schemas';
import { InboundSms, listMail, MailView, participantTexting, receiveSms, resendMail, TextingView } from './mail.service';

const MessageParams = ProgramParams.extend({ messageId: z.uuid() });

/** Inbound texts per minute per address: Twilio sends from a small set of addresses. */
const INBOUND_RATE_LIMIT = 120;

export function mailRoutes(app: App, opts: AppOptions): void {
  const { deps } = opts;
  app.get(
    '/programs/:programId/mail',
    {
      schema: { tags: ['mail'], params: ProgramParams, querystring: pageQuery(100), response: { 200: z.array(MailView) } },
    },
    async (req, reply) => paged(req, reply, await listMail(deps, callerOf(req), req.params.programId, req.query)),
  );

  app.post(
    '/programs/:programId/mail/:messageId/resend',
    { schema: { tags: ['mail'], params: MessageParams, response: { 200: MailView } } },
    async (req) => resendMail(deps, callerOf(req), req.params.programId, req.params.messageId),
  );

  app.get(
    '/programs/:programId/participants/:participantId/texting',
    { schema: { tags: ['mail'], params: ParticipantParams, response: { 200: TextingView } } },
    async (req) => participantTexting(deps, callerOf(req), req.params.programId, req.params.participantId),
  );

  // The SMS provider's inbound-message webhook (STOP/START, and replies to the weekly check-in by
  // text: ADR 0040). Public, because the provider has no
  // session: it is authenticated by the provider's signature over the URL and the parameters.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    (scope as unknown as App).post(
      '/sms/inbound',
      {
        config: { isPublic: true, rateLimit: { max: INBOUND_RATE_LIMIT, timeWindow: '1 minute' } },
        schema: { hide: true, body: z.record(z.string(), z.string()) },
      },
      async (req, reply) => {
        const verifier = deps.texter.inbound;
        if (!verifier) throw new DomainError('not_found', undefined, 'Not found');
        const signature = req.headers['x-twilio-signature'];
        const url = `${deps.publicUrl}${req.url}`;
        if (!verifier.verify(url, req.body, typeof signature === 'string' ? signature : undefined))
          throw new DomainError('forbidden', 'bad_signature', 'The request is not signed by the SMS provider');
        const msg = InboundSms.safeParse(req.body);
        if (msg.success) await receiveSms(deps, { requestId: req.id, ip: req.ip }, msg.data);
        // An empty TwiML answer: the provider itself confirms opt-outs to the sender.
        return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
      },
    );
  });
}
