// The envelope surface: contract 004 at /v1 — identity, courses and the AI course advisor — with
// `{success, data}` answers, `{success: false, error}` for every failure, and 004's rate limits.
import { defineSurface } from '../kit/surface.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { envelopeAuthRoutes } from './auth.routes.ts';
import { envelopeChatRoutes } from './chat.routes.ts';
import { envelopeCourseRoutes } from './courses.routes.ts';
import { envelopeErrorSchemas, renderEnvelopeError } from './errors.ts';
import { envelopeTags } from './openapi-tags.ts';
import { installSurfaceRateLimit } from './rate-limit.ts';

export function createEnvelopeSurface(deps: SurfaceDeps) {
  return defineSurface({
    name: 'envelope',
    prefix: '/v1',
    title: 'Lectern envelope API (contract 004)',
    description:
      "004's identity, course and chat services at /v1. Every answer is `{success: true, data}`; every failure `{success: false, error: {code, message, details?}}` (validation: 400 VALIDATION_ERROR with `details: [{field, message}]`; 429 RATE_LIMIT_EXCEEDED with `retry_after`). 100 requests a minute per IP, 20 chat messages a minute per user, with X-RateLimit-Limit/Remaining/Reset headers.",
    renderError: renderEnvelopeError,
    errorSchemas: envelopeErrorSchemas,
    tags: envelopeTags,
    routes: async (app) => {
      installSurfaceRateLimit(app, deps.config.rateLimit.envelopePerMinute);
      for (const routes of [envelopeAuthRoutes, envelopeCourseRoutes, envelopeChatRoutes]) {
        await app.register(routes(deps));
      }
    },
  });
}
