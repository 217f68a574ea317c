// Request presets every surface shares: who is calling (identity records it on sessions and
// counts failed attempts by it) and the rate limit of public authentication endpoints.
import type { FastifyRequest } from 'fastify';

import type { Config } from '../../config.ts';

/** The caller's address and user agent. */
export const clientOf = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] });

/**
 * Route config of public authentication endpoints: no token, and the per-address auth rate limit.
 * Every surface uses the same counter, so switching contracts does not buy an attacker more tries.
 */
export function publicAuthConfig(config: Pick<Config, 'rateLimit'>) {
  return {
    auth: 'public' as const,
    rateLimit: {
      max: config.rateLimit.authPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) => `auth:${request.ip}`,
    },
  };
}
