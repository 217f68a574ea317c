// Failed authentication counted per client address (issue 18, item 7). A bad token is refused
// before the per-user limiter could count it, and a wrong password only spends the sign-in
// budget shared with successful attempts: both would let one address guess without end. Every
// 401 answer to a request that presented credentials (a token, or a sign-in route's body) counts;
// once an address reaches the limit, its requests that present credentials answer 429 with
// Retry-After (in the surface's format) without being verified, until the window ends.
// Anonymous requests without credentials are never counted nor refused here.
import type { FastifyInstance, FastifyRequest } from 'fastify';

import { DomainError } from '../platform/errors.ts';
import { bearerToken, upgradeToken } from './auth.ts';

export interface FailedAuthLimit {
  max: number;
  windowMs: number;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** Call before installAuth, so a blocked address is refused before its token is verified. */
export function installFailedAuthLimit(app: FastifyInstance, options: FailedAuthLimit): void {
  // Built on first use: `createRateLimit` exists once the rate-limit plugin (and its store) is registered.
  let limiter: Limiter | undefined;
  const limit = (): Limiter =>
    (limiter ??= app.createRateLimit({
      max: options.max,
      timeWindow: options.windowMs,
      keyGenerator: (request) => `authfail:${request.ip}`,
    }));

  app.addHook('onRequest', async (request) => {
    if (!presentsCredentials(request)) return;
    const state = await limit()(request, { increment: false });
    if (state.isAllowed || state.remaining > 0) return;
    throw new DomainError(
      'rate_limited',
      'RATE_LIMITED',
      'Too many failed authentication attempts. Please try again later.',
      {
        retryAfterSeconds: Math.max(1, state.ttlInSeconds),
        info: { limit: state.max, windowSeconds: options.windowMs / 1000 },
      },
    );
  });

  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 401 || !presentsCredentials(request)) return;
    await limit()(request).catch((error: unknown) =>
      request.log.warn({ err: error }, 'failed-auth counter unavailable'),
    );
  });
}

/**
 * A token in the request, or a route under the shared per-address sign-in limit (every surface's
 * sign-in, registration and password routes use a `auth:<address>` key).
 */
function presentsCredentials(request: FastifyRequest): boolean {
  if (bearerToken(request)) return true;
  const config = request.routeOptions.config;
  if (config.websocket && upgradeToken(request)) return true;
  const routeLimit = config.rateLimit as { keyGenerator?: (request: FastifyRequest) => unknown } | false | undefined;
  if (!routeLimit || typeof routeLimit.keyGenerator !== 'function') return false;
  const key = routeLimit.keyGenerator(request);
  return typeof key === 'string' && key.startsWith('auth:');
}
