import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The server's logger. Requests are logged by method, route and status only; headers that carry
 * credentials are redacted, and bodies are never logged (they hold personal data). `destination`
 * defaults to standard output (tests pass a stream to read what would be logged).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      remove: true,
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

type DatabaseErrorish = Error & { code?: unknown; severity?: unknown; query?: unknown; params?: unknown; cause?: unknown };

/** A PostgreSQL (or PGlite) error: it has a severity and a SQLSTATE code. */
function databaseError(e: unknown): DatabaseErrorish | null {
  const d = e as DatabaseErrorish | null;
  return e instanceof Error && typeof d?.severity === 'string' && typeof d.code === 'string' ? d : null;
}

/**
 * What of an unexpected error may be logged. The error object may carry request data, so only its
 * type, message and stack go. A database error's message can quote the offending value
 * ("invalid input syntax for type uuid: …"), and Drizzle's query error quotes every parameter of
 * the failed statement in its message and stack ("params: …"), so for those only the SQLSTATE code,
 * the parameterised statement and the stack frames go.
 */
export function loggableError(err: DatabaseErrorish): Record<string, unknown> {
  const isQueryError = typeof err.query === 'string' && 'params' in err;
  const cause = databaseError(err.cause) ?? databaseError(err);
  if (!cause && !isQueryError) return { type: err.name, message: err.message, stack: err.stack };
  const frames = (err.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return {
    type: err.name,
    ...(cause ? { sqlState: cause.code } : {}),
    ...(isQueryError ? { query: err.query } : {}),
    stack: frames.join('\n'),
  };
}
