import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { DomainError } from '../../core/shared/errors';
import { databaseRateLimitStore } from '../platform/ratelimit';
import { resumeSession } from '../features/accounts/accounts.service';
import { handleError } from './errors';
import { registerApiRoutes } from './routes';
import { CSRF_HEADER, SESSION_COOKIE, SESSION_ENDS_HEADER, type App, type AppOptions } from './routing';
import { projectPath } from '../platform/paths';

export { callerOf, CSRF_HEADER, DEVICE_COOKIE, SESSION_COOKIE, SESSION_ENDS_HEADER, type App, type AppOptions } from './routing';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const DEFAULT_WEB_DIR = projectPath('dist', 'web');

/** Builds the HTTP application: security headers, sessions, CSRF, validation, the API and the web app. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: opts.logger || undefined,
    logger: opts.logger ? undefined : false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 256 * 1024,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  if (opts.onRoute) {
    const report = opts.onRoute;
    app.addHook('onRoute', (r) => report({ method: r.method, url: r.url, isPublic: r.config?.isPublic === true }));
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('caller', null);
  app.decorateRequest('session', null);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Only ask browsers to upgrade to https where Kindred is served over https.
        upgradeInsecureRequests: opts.cookieSecure ? [] : null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.cookieSecure,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(cookie);
  // Counters live in the database, so several servers behind one proxy share each limit (ADR 0043).
  await app.register(rateLimit, {
    global: true,
    max: 600,
    timeWindow: '1 minute',
    store: databaseRateLimitStore(opts.deps.db),
    // The web app's own files are public and cheap, and an installed app fetches all of them at once
    // (about 150, ADR 0042): only the API is counted, so opening the app never costs a write or a 429.
    allowList: (req) => !req.url.startsWith('/api/'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kindred API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(
    async (api) => {
      const typed = api as unknown as App;
      // Every API route needs a live session unless its config says it is deliberately public.
      typed.addHook('onRequest', async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) {
          const s = await resumeSession(opts.deps, opts.session, token, { touch: !req.routeOptions.config.isPassive });
          if (s) {
            req.caller = { actor: s.actor, requestId: req.id, ip: req.ip };
            req.session = { tokenHash: s.tokenHash, csrfToken: s.csrfToken, stage: s.stage };
            // Seconds until the idle sign-out, so the web app can warn before it (ADR 0035).
            void reply.header(
              SESSION_ENDS_HEADER,
              String(Math.max(0, Math.floor((s.idleEndsAt.getTime() - opts.deps.clock.now().getTime()) / 1000))),
            );
          }
        }
        if (req.routeOptions.config.isPublic) return;
        if (!req.caller || !req.session) throw new DomainError('unauthenticated', 'no_session', 'Sign in first');
        if (req.session.stage !== 'full' && !req.routeOptions.config.signInStep) {
          throw new DomainError('unauthenticated', 'sign_in_unfinished', 'Finish signing in first');
        }
        if (UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== req.session.csrfToken) {
          throw new DomainError('forbidden', 'csrf', 'The request is missing its CSRF token; reload the page');
        }
      });
      registerApiRoutes(typed, opts);
      typed.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );

  const webDir = opts.webDir === undefined ? DEFAULT_WEB_DIR : opts.webDir;
  if (webDir && existsSync(webDir)) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz beside each file (vite.config.ts): sent to browsers that accept them.
      preCompressed: true,
      // Our own Cache-Control (staticCacheControl), not send's default "public, max-age=0".
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', staticCacheControl(path));
        res.setHeader('vary', 'accept-encoding');
      },
    });
    // The web app routes on the client: any other GET outside /api gets index.html.
    app.setNotFoundHandler((req, reply) => {
      // Missing built files (/assets/…) are real 404s; only page addresses fall back to the app.
      const isPage = req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/');
      if (isPage) return reply.type('text/html').sendFile('index.html');
      return reply.code(404).send({ error: 'not_found', message: 'Not found', requestId: req.id });
    });
  } else {
    app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'not_found', message: 'Not found', requestId: req.id }));
  }
  return app;
}

/**
 * Built files under /assets/ carry a content hash in their name (Vite): a new release has new names,
 * so browsers may keep them for a year without asking again. Everything else (index.html, which
 * names the current chunks, and the favicon) is revalidated on every use, so a release reaches
 * phones on the next page load.
 */
export function staticCacheControl(path: string): string {
  return /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.\w+(\.br|\.gz)?$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
