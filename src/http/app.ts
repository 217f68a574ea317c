// The Fastify application shared by every surface: limits, security headers, CORS, rate
// limits, request ids, auth, OpenAPI + /docs, health/ready and metrics.
import { randomUUID } from 'node:crypto';

import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import Fastify from 'fastify';
import type { Redis } from 'ioredis';

import type { Config } from '../config.ts';
import { DomainError } from '../platform/errors.ts';
import type { Authenticator } from './auth.ts';
import { installAuth } from './auth.ts';
import { prepareErrorReply } from './errors.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { installMetrics } from './metrics.ts';

export interface SurfaceRegistration {
  name: string;
  prefix: string;
  plugin: FastifyPluginAsync;
}

export interface HttpAppOptions {
  config: Config;
  logger: FastifyBaseLogger;
  authenticator: Authenticator;
  pingDatabase(): Promise<void>;
  redis: Redis | undefined;
  surfaces: SurfaceRegistration[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** `METHOD /url` → name of the surface that registered the route. */
    routeSurfaces: Map<string, string>;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: config.http.bodyLimitBytes,
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
    keepAliveTimeout: 72_000,
    trustProxy: config.http.trustProxy,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // While shutting down, answers to requests still in flight close their keep-alive connection,
  // so draining ends when the last response is out instead of after the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  await app.register(helmet, {
    // The docs page needs inline scripts/styles from swagger-ui; everything else is JSON.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
      },
    },
  });
  await app.register(cors, {
    origin: config.corsOrigins,
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after'],
  });

  installAuth(app, options.authenticator);

  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: config.rateLimit.apiPerHour,
    timeWindow: 3_600_000,
    ...(options.redis ? { redis: options.redis, nameSpace: `${config.redisKeyPrefix}rl:` } : {}),
    keyGenerator: (request) => (request.actor ? `user:${request.actor.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new DomainError('rate_limited', 'RATE_LIMITED', 'Rate limit exceeded. Please try again later.', {
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lectern API',
        version: '0.1.0',
        description: 'Every contract Lectern serves, one document per surface in openapi/.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  installMetrics(app);
  await app.register(registerHealthRoutes, {
    prefix: '/api/v1',
    pingDatabase: options.pingDatabase,
    redis: options.redis,
  });

  // Remember which surface owns each route: `npm run openapi` writes one document per contract.
  const routeSurfaces = new Map<string, string>();
  app.decorate('routeSurfaces', routeSurfaces);
  for (const surface of options.surfaces) {
    await app.register(
      async (scope) => {
        scope.addHook('onRoute', (route) => {
          for (const method of [route.method].flat()) routeSurfaces.set(`${method} ${route.url}`, surface.name);
        });
        await scope.register(surface.plugin);
      },
      { prefix: surface.prefix },
    );
  }

  app.setErrorHandler((error, request, reply) => {
    const normalized = prepareErrorReply(error, request, reply);
    return { detail: normalized.problems ?? normalized.message };
  });
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
    reply.status(404).send({ detail: `No route ${request.method} ${request.url.split('?')[0]}` });
  });
  return app;
}
