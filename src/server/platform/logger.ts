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
