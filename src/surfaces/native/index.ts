// The native surface: 001's contract at /api/v1, extended in the same style for every capability.
import type { FastifyPluginAsync } from 'fastify';
import type { SurfaceDeps } from '../surface-deps.ts';
import { adminRoutes } from './admin.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { nativeErrorHandler } from './errors.ts';
import { userRoutes } from './users.routes.ts';

export function createNativeSurface(deps: SurfaceDeps): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(nativeErrorHandler);
    await app.register(authRoutes(deps));
    await app.register(userRoutes(deps));
    await app.register(adminRoutes(deps));
  };
}
