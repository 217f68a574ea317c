// 004's limits: 100 requests a minute per IP over the whole surface (one counter for every /v1
// route, in Redis when REDIS_URL is set), with X-RateLimit-* on every answer; chat messages have
// their own per-user limit on their route. Routes opt out of the app's hourly limit so each answer
// carries 004's numbers.
import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { RouteAuth } from '../../http/auth.ts';
import { DomainError } from '../../platform/errors.ts';

const MINUTE_MS = 60_000;

/** Counts every request of the surface per IP; over the limit answers 429 RATE_LIMIT_EXCEEDED. */
export function installSurfaceRateLimit(app: FastifyInstance, perMinute: number): void {
  const limit = app.createRateLimit({
    max: perMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (request) => `v1:${request.ip}`,
  });
  app.addHook('onRequest', async (request, reply) => {
    const state = await limit(request);
    if (state.isAllowed) return;
    reply.header('x-ratelimit-limit', state.max);
    reply.header('x-ratelimit-remaining', state.remaining);
    reply.header('x-ratelimit-reset', state.ttlInSeconds);
    if (state.isExceeded) {
      throw rateLimited('Too many requests. Please try again later.', state.ttl, state.max);
    }
  });
}

/** A route's config: who may call it, and the surface's limit instead of the app's hourly one. */
export function routeConfig(auth: RouteAuth) {
  return { auth, rateLimit: false as const };
}

/** The per-user limit of a chat route (20 messages a minute by default). */
export function chatRateLimit(perMinute: number) {
  return {
    max: perMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (request: FastifyRequest) => `assistant:${request.actor?.id ?? request.ip}`,
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number; max: number }) =>
      rateLimited('Too many messages. Please wait before sending another message.', context.ttl, context.max),
  };
}

/** A login route's per-IP limit (the platform's authentication limit). */
export function loginRateLimit(perMinute: number) {
  return {
    max: perMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (request: FastifyRequest) => `auth:${request.ip}`,
  };
}

function rateLimited(message: string, ttlMs: number, max: number): DomainError {
  return new DomainError('rate_limited', 'RATE_LIMITED', message, {
    retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    info: { limit: max, windowSeconds: MINUTE_MS / 1000 },
  });
}
