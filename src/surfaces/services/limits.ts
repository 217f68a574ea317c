// 003's "Rate Limiting" presets: authentication endpoints per IP and minute, upload links per
// user and hour. Every other route has the app-wide per-user hourly budget.
import type { FastifyRequest } from 'fastify';

import type { Config } from '../../config.ts';

/** Who is asking, for the rate limits and the lockout (never trusted further than TRUST_PROXY allows). */
export const clientOf = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] });

/** "Authentication endpoints: 10 requests per minute per IP", shared with every surface's sign-in. */
export const authRateLimit = (config: Config) => ({
  max: config.rateLimit.authPerMinute,
  timeWindow: 60_000,
  keyGenerator: (request: FastifyRequest) => `auth:${request.ip}`,
});

/** "File uploads: 10 uploads per hour per user": counted when an upload link is handed out. */
export const uploadRateLimit = (config: Config) => ({
  max: config.rateLimit.uploadsPerHour,
  timeWindow: 3_600_000,
  keyGenerator: (request: FastifyRequest) => `upload:${request.actor?.id ?? request.ip}`,
});
