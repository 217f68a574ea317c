// The services surface: contract 003's seven services behind one host — auth, content, profile,
// notifications, analytics and chat at `/api/...` (no trailing slash) and the chat WebSocket at
// `/ws`. Trailing-slash paths under /api belong to the Django surface (002).
import { defineSurface } from '../kit/surface.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { analyticsRoutes } from './analytics.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { chatRoutes } from './chat.routes.ts';
import { courseRoutes } from './courses.routes.ts';
import { authErrorSchemas, isAuthPath, renderServicesError, serviceErrorSchemas } from './errors.ts';
import { materialRoutes } from './materials.routes.ts';
import { notifyRoutes } from './notify.routes.ts';
import { servicesTags } from './openapi-tags.ts';
import { profileRoutes } from './profile.routes.ts';
import { tagRoutes } from './tags.routes.ts';

/** 003's paths: `/ws`, and `/api/...` without a trailing slash outside 001's `/api/v1`. */
export const isServicesPath = (path: string): boolean =>
  path === '/ws' ||
  (path.startsWith('/api/') && !path.endsWith('/') && !path.startsWith('/api/v1/') && path !== '/api/v1');

export function createServicesSurface(deps: SurfaceDeps) {
  return defineSurface({
    name: 'services',
    prefix: '',
    title: 'Lectern services API (contract 003)',
    description:
      "003's services behind one host: auth (`/api/auth`), content (`/api/courses`, `/api/sections`, `/api/materials`, `/api/media-assets`, `/api/tags`), profile (`/api/profile`), notifications (`/api/notify`, `/api/subscriptions`), analytics (`/api/analytics`) and chat (`/api/chats`, WebSocket `/ws`). The auth service answers errors as `{code, message}`; every other service as `{error: {code, message, details, request_id}}`.",
    tags: servicesTags,
    owns: isServicesPath,
    renderError: renderServicesError,
    errorSchemas: (url) => (isAuthPath(url) ? authErrorSchemas : serviceErrorSchemas),
    routes: async (app) => {
      // Each service registers its routes here (one `<service>.routes.ts` per resource).
      for (const routes of serviceRoutes) await app.register(routes(deps));
    },
  });
}

/** The services' route plugins, in registration order. */
const serviceRoutes: ((deps: SurfaceDeps) => Parameters<typeof defineSurface>[0]['routes'])[] = [
  authRoutes,
  courseRoutes,
  materialRoutes,
  tagRoutes,
  profileRoutes,
  analyticsRoutes,
  chatRoutes,
  notifyRoutes,
];
