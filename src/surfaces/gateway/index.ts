// The gateway surface: 000's paths at /api/v1 beside the native ones, in 000's error format.
// Identity paths now; the /content/* paths arrive with the catalog and learning work.
import type { FastifyPluginAsync } from 'fastify';

import type { SurfaceDeps } from '../surface-deps.ts';
import { gatewayAdminUserRoutes } from './admin-users.routes.ts';
import { gatewayAuthRoutes } from './auth.routes.ts';
import { gatewayErrorHandler } from './errors.ts';
import { gatewayUserRoutes } from './users.routes.ts';

export function createGatewaySurface(deps: SurfaceDeps): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(gatewayErrorHandler);
    await app.register(gatewayAuthRoutes(deps));
    await app.register(gatewayUserRoutes(deps));
    await app.register(gatewayAdminUserRoutes(deps));
  };
}
