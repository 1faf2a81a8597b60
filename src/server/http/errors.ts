import { loggableError } from '../platform/logger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, type DomainErrorCode } from '../../core/shared/errors';
import {
  plainIssueOf,
  usePlainMessages,
  wordedRefusalCode,
  type PlainIssueCode,
  type WordedRefusalCode,
} from '../../core/shared/messages';

// Refused fields reach people (the web shows each field's message): plain words, not zod's (#10).
usePlainMessages();

const statusOf: Record<DomainErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 422,
  rate_limited: 429,
  gone: 410,
  invalid_file: 422,
  too_large: 413,
  unsupported_media_type: 415,
};

/**
 * A refused field: where, the English words, and for the words Kindred chose itself a stable
 * `code` with the numbers in it, so the web can say them in the reader's language (ADR 0051). A
 * schema's own words (`.min(3, 'Say why')`) have no code.
 */
export interface FieldRefusal {
  path: string;
  message: string;
  code?: PlainIssueCode | WordedRefusalCode;
  values?: { max?: number; min?: number };
}

/** The JSON body of every error: a stable code, a human message, and for bad input the fields at fault. */
export interface ErrorBody {
  error: string;
  message: string;
  reason?: string;
  fields?: FieldRefusal[];
  requestId: string;
}

/** One refused field as fastify-type-provider-zod reports it: the zod issue's code as `keyword`, the rest in `params`. */
interface ValidationItem {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown> & { issue?: { path?: PropertyKey[] } };
}

function fieldsOf(err: FastifyError): FieldRefusal[] {
  const context = (err as { validationContext?: string }).validationContext ?? 'body';
  return ((err.validation ?? []) as ValidationItem[]).map((v) => {
    const path = v.params?.issue?.path?.map(String).join('.') ?? v.instancePath?.replace(/^\//, '').replaceAll('/', '.') ?? '';
    const field: FieldRefusal = { path: path ? `${context}.${path}` : context, message: v.message ?? 'Invalid value' };
    // The reported issue lacks the input (zod does not report it), which tells "Fill this in." from
    // "Enter a number."; the words already chosen decide. Only Kindred's own words carry a code: a
    // schema's own message stays as it is written.
    const issue = { ...v.params, code: v.keyword ?? '' };
    const plain = v.keyword ? plainIssueOf({ ...issue, message: field.message }) : null;
    if (plain) {
      field.code = plain.code;
      if (plain.values) field.values = plain.values;
    } else {
      // A schema's own words carry a code only when they are among the participant-facing ones.
      const worded = wordedRefusalCode(field.message);
      if (worded) field.code = worded;
    }
    return field;
  });
}

/**
 * The one place where errors become HTTP. Domain errors keep their code; bad input names the
 * fields (never their values); anything unexpected is logged with its stack and answered as a
 * generic 500 carrying the request id.
 */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const requestId = req.id;
  if (err instanceof DomainError) {
    const body: ErrorBody = { error: err.code, message: err.message, requestId };
    if (err.reason) body.reason = err.reason;
    if (err.details) Object.assign(body, err.details, { requestId });
    if (err.retryAfterSeconds) void reply.header('retry-after', String(err.retryAfterSeconds));
    void reply.code(statusOf[err.code]).send(body);
    return;
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    void reply.code(400).send({
      error: 'invalid_input',
      message: 'Some answers need attention.',
      fields: fieldsOf(err),
      requestId,
    } satisfies ErrorBody);
    return;
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err: { message: 'response did not match its schema', stack: err.stack } }, 'response serialization failed');
    void reply.code(500).send({ error: 'internal', message: 'Something went wrong', requestId } satisfies ErrorBody);
    return;
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code =
      status === 429 ? 'rate_limited' : status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
    const message =
      status === 429
        ? 'Too many requests; wait a minute and try again'
        : status === 400
          ? 'The request could not be read'
          : err.message;
    void reply.code(status).send({ error: code, message, requestId } satisfies ErrorBody);
    return;
  }
  req.log.error({ err: loggableError(err) }, 'unhandled error');
  void reply.code(500).send({ error: 'internal', message: 'Something went wrong', requestId } satisfies ErrorBody);
}
