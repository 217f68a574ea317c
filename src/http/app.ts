// The Fastify application shared by every surface: limits, security headers, CORS, compression,
// rate limits, request ids, auth, OpenAPI + /docs, health/ready, metrics, platform routes, and
// the surfaces themselves with their own error formats and 404/405 answers.
import { randomUUID } from 'node:crypto';

import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import Fastify from 'fastify';
import type { Redis } from 'ioredis';

import type { Config } from '../config.ts';
import { DomainError } from '../platform/errors.ts';
import type { IdempotencyStore } from '../platform/idempotency/index.ts';
import type { Surface } from '../surfaces/kit/surface.ts';
import type { Authenticator } from './auth.ts';
import { installAuth, TOKEN_SUBPROTOCOL } from './auth.ts';
import { installGracefulDrain } from './drain.ts';
import { prepareErrorReply } from './errors.ts';
import { installFailedAuthLimit } from './failed-auth.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { installIdempotency } from './idempotency.ts';
import { installInputGuard } from './input-guard.ts';
import { lazySerializerFactory } from './lazy-serializers.ts';
import { requestLogger } from './log.ts';
import { installMetrics } from './metrics.ts';
import { surfaceDocuments } from './openapi.ts';
import { createSharedCounters } from './rate-limit-counters.ts';
import { fallbackStore } from './rate-limit-store.ts';
import { assertDocumented, completeRouteSchema } from './route-docs.ts';
import { RouteTable } from './route-table.ts';
import { installRequestHeaders } from './security-headers.ts';
import {
  frameworkErrorRenderer,
  installFallbacks,
  installTrailingSlashRule,
  mountSurface,
  renderProblem,
} from './surfaces.ts';

export interface HttpAppOptions {
  config: Config;
  logger: FastifyBaseLogger;
  authenticator: Authenticator;
  pingDatabase(): Promise<void>;
  /** Stored answers of requests sent with an Idempotency-Key. */
  idempotency: IdempotencyStore;
  redis: Redis | undefined;
  surfaces: readonly Surface[];
  /** Routes outside every contract (signed storage links, tus), with full paths; problem JSON errors. */
  platformRoutes: readonly FastifyPluginAsync[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the surface that owns it. */
    routeTable: RouteTable;
    /** The mounted surfaces, in order. */
    surfaces: readonly Surface[];
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** What a browser client may read from a cross-origin answer besides the simple headers. */
const EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'location',
  'link',
  'content-disposition',
  'idempotent-replayed',
  // tus resumable uploads
  'upload-offset',
  'upload-length',
  'upload-metadata',
  'upload-expires',
  'tus-resumable',
  'tus-version',
  'tus-extension',
  'tus-max-size',
];

/**
 * CORS headers only for an allowed Origin: given a list, @fastify/cors also sent the credentials
 * and the 17 exposed header names on every answer, to clients that are not browsers and to
 * origins it refused, which read none of them (`Vary: Origin` is still sent on every answer).
 */
function corsOriginRule(origins: string[]) {
  if (origins.includes('*')) return origins;
  const allowed = new Set(origins);
  return (origin: string | undefined, answer: (error: Error | null, allow: string | false) => void) =>
    answer(null, origin !== undefined && allowed.has(origin) ? origin : false);
}

export async function buildHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const table = new RouteTable();
  const renderFrameworkError = frameworkErrorRenderer(options.surfaces, table);
  const app = Fastify({
    frameworkErrors: (error, request, reply) => renderFrameworkError(error, request, reply),
    loggerInstance: options.logger,
    childLoggerFactory: requestLogger,
    bodyLimit: config.http.bodyLimitBytes,
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
    // Slow senders (slowloris): headers must arrive within headersTimeout and the whole request
    // within requestTimeout; Node checks open connections every connectionsCheckingInterval.
    http: {
      headersTimeout: Math.min(config.http.headersTimeoutMs, config.http.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(1000, config.http.headersTimeoutMs),
    },
    keepAliveTimeout: 72_000,
    trustProxy: config.http.trustProxy,
    // Requests arriving while draining are served (with `Connection: close`), not refused with 503.
    return503OnClosing: false,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // Response serializers are compiled on first use (thousands are declared, few answered per process).
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory() } },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  });

  app.decorate('routeTable', table);
  app.decorate('surfaces', options.surfaces);
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { operationId?: string; hide?: boolean; response?: object } | undefined;
    const config = route.config as { auth?: never; location?: unknown } | undefined;
    for (const method of [route.method].flat()) {
      table.add({
        surface: 'platform',
        method,
        url: route.url,
        auth: config?.auth,
        operationId: schema?.operationId,
        hidden: Boolean(schema?.hide),
        responses: Object.keys(schema?.response ?? {}),
        locationRule: config?.location !== undefined,
      });
    }
  });

  installRequestHeaders(app);
  // While shutting down, requests on open keep-alive sockets are still answered (`Connection: close`).
  installGracefulDrain(app);
  installIdempotency(app, options.idempotency);

  await app.register(cors, {
    origin: corsOriginRule(config.corsOrigins),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposedHeaders: EXPOSED_HEADERS.join(', '),
    maxAge: 600,
  });
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });

  installTrailingSlashRule(app, options.surfaces, table);
  // WebSocket routes (003's /ws) go through the ordinary hooks (auth, checks) before upgrading.
  // Registered before auth: its onRequest hook marks upgrade requests, so that a refused upgrade
  // (401, 403) closes the socket after the HTTP answer.
  await app.register(websocket, {
    options: {
      maxPayload: 64 * 1024,
      // A browser that sent its token as `bearer, <token>` must get a subprotocol back: `bearer`.
      handleProtocols: (protocols) => (protocols.has(TOKEN_SUBPROTOCOL) ? TOKEN_SUBPROTOCOL : false),
    },
  });
  installFailedAuthLimit(app, { max: config.rateLimit.failedAuthPerMinute, windowMs: 60_000 });
  installAuth(app, options.authenticator);
  installInputGuard(app);

  const counters = options.redis && createSharedCounters(options.redis);
  // What this process counted and has not sent yet reaches Redis before the client quits.
  if (counters) app.addHook('onClose', () => counters.flush());
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: config.rateLimit.apiPerHour,
    timeWindow: 3_600_000,
    ...(options.redis && counters
      ? { store: fallbackStore(options.redis, counters, `${config.redisKeyPrefix}rl:`, options.logger) }
      : {}),
    keyGenerator: (request) => (request.actor ? `user:${request.actor.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (request, context) => {
      const routeLimit = request.routeOptions.config.rateLimit as { timeWindow?: unknown } | false | undefined;
      const windowMs = routeLimit && typeof routeLimit.timeWindow === 'number' ? routeLimit.timeWindow : 3_600_000;
      return new DomainError('rate_limited', 'RATE_LIMITED', 'Rate limit exceeded. Please try again later.', {
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
        info: {
          limit: context.max,
          windowSeconds: windowMs / 1000,
          resetAt: new Date(Date.now() + context.ttl).toISOString(),
        },
      });
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lectern API',
        version: '0.1.0',
        description: 'Every contract Lectern serves; /docs shows one document per surface.',
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'An access token from a sign-in or refresh endpoint.',
          },
          refreshToken: {
            type: 'http',
            scheme: 'bearer',
            description: "000's refresh endpoint takes the refresh token itself as the bearer.",
          },
        },
      },
    },
  });
  await registerDocs(app, options.surfaces, config.publicUrl);

  installMetrics(app);
  await app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) =>
      renderProblem(prepareErrorReply(error, request, reply), request, reply),
    );
    // Platform routes are documented like surface routes; they declare their own problem responses.
    scope.addHook('onRoute', (route) => {
      assertDocumented(route);
      completeRouteSchema(route, { prefix: '', errorSchemas: {} });
    });
    await scope.register(registerHealthRoutes, {
      prefix: '/api/v1',
      pingDatabase: options.pingDatabase,
      redis: options.redis,
    });
    for (const routes of options.platformRoutes) await scope.register(routes);
  });

  for (const surface of options.surfaces) await mountSurface(app, surface, table);
  installFallbacks(app, options.surfaces, table);
  return app;
}

/** `/docs`: Swagger UI with a selector over the surfaces' documents (each also at `/docs/openapi/<name>.json`). */
async function registerDocs(app: FastifyInstance, surfaces: readonly Surface[], publicUrl: string): Promise<void> {
  const names = [...surfaces.map((surface) => surface.name), 'platform'];
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/g, ''),
    // Swagger UI's own options (a selector over several documents), beyond the plugin's typing.
    uiConfig: {
      urls: names.map((name) => ({ url: `/docs/openapi/${name}.json`, name })),
      'urls.primaryName': names[0],
    } as Record<string, unknown>,
  });
  let documents: ReturnType<typeof surfaceDocuments> | undefined;
  app.get(
    '/docs/openapi/:file',
    { config: { auth: 'public', rateLimit: false }, schema: { hide: true } },
    async (request, reply) => {
      documents ??= surfaceDocuments(app, app.surfaces, app.routeTable, publicUrl);
      const file = (request.params as { file: string }).file;
      const document = documents.get(file.replace(/\.json$/, ''));
      if (!document) throw new DomainError('not_found', 'NOT_FOUND', 'No such OpenAPI document');
      return reply.send(document);
    },
  );
}
