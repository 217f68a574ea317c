// The Django surface: contract 002 (Django REST Framework) at `/api/.../` — every path ends with a
// slash, as DRF clients send it. It shares `/api` with 003 (services), whose paths have no
// trailing slash: `/api/courses/` is 002's, `/api/courses` 003's. A GET without the slash that
// only 002 serves redirects (301) to the path with it, as Django's APPEND_SLASH does; any other
// method there answers 003's 404/405.
import { defineSurface } from '../kit/surface.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { annotationRoutes } from './annotations.routes.ts';
import { assignmentRoutes } from './assignments.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { contentRoutes } from './content.routes.ts';
import { courseRoutes } from './courses.routes.ts';
import { enrollmentRoutes } from './enrollments.routes.ts';
import { djangoErrorSchemas, renderDjangoError } from './errors.ts';
import { djangoTags } from './openapi-tags.ts';
import { progressRoutes } from './progress.routes.ts';
import { quizRoutes } from './quizzes.routes.ts';
import { userRoutes } from './users.routes.ts';
import { useAllErrorsValidation } from './validation.ts';

/** 002's paths: under `/api/`, ending with a slash, outside 001's `/api/v1`. */
export const isDjangoPath = (path: string): boolean =>
  path.startsWith('/api/') && path.endsWith('/') && path !== '/api/' && !path.startsWith('/api/v1/');

export function createDjangoSurface(deps: SurfaceDeps) {
  return defineSurface({
    name: 'django',
    prefix: '/api',
    title: 'Lectern Django REST API (contract 002)',
    description:
      "002's Django REST Framework LMS at `/api/.../` (trailing slash). Lists paginate as `{count, next, previous, results}` with `?page=` and `?page_size=` (at most 100). Errors are `{detail}`; invalid input answers 400 with `{field: [messages]}` listing every invalid field. Unknown body fields are ignored, as DRF serializers do; read-only fields have no effect. A GET without the trailing slash redirects (301) to the path with it when only this surface serves it.",
    tags: djangoTags,
    owns: isDjangoPath,
    renderError: renderDjangoError,
    trailingSlash: 'append',
    errorSchemas: djangoErrorSchemas,
    routes: async (app) => {
      useAllErrorsValidation(app);
      for (const routes of djangoRoutes) await app.register(routes(deps));
    },
  });
}

const djangoRoutes = [authRoutes, courseRoutes, contentRoutes, enrollmentRoutes];
djangoRoutes.push(quizRoutes);
djangoRoutes.push(assignmentRoutes);
djangoRoutes.push(userRoutes);
djangoRoutes.push(progressRoutes, annotationRoutes);
