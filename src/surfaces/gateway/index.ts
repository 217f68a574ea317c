// The gateway surface: 000's paths at /api/v1 beside the native ones, in 000's error format.
// Identity, admin users and the /content/* services, each mapping names onto the modules.
import { defineSurface } from '../kit/surface.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { gatewayAdminUserRoutes } from './admin-users.routes.ts';
import { gatewayAuthRoutes } from './auth.routes.ts';
import { gatewayErrorSchemas, renderGatewayError } from './errors.ts';
import { gatewayLearningRoutes } from './learning.routes.ts';
import { gatewayLessonRoutes } from './lessons.routes.ts';
import { gatewayModuleRoutes } from './modules.routes.ts';
import { gatewayQuizRoutes } from './quiz.routes.ts';
import { gatewayStatsRoutes } from './stats.routes.ts';
import { gatewayTeacherRoutes } from './teacher.routes.ts';
import { gatewayUserRoutes } from './users.routes.ts';
import { gatewayVideoRoutes } from './videos.routes.ts';
import { gatewayVimeoRoutes } from './vimeo.routes.ts';

/** 000's own paths under /api/v1; everything else there is the native surface's. */
const GATEWAY_PATH =
  /^\/api\/v1\/(login|register|oauth-login|refresh|verify-email|logout|change-password|admin\/users|content)(\/|$)/;

export function createGatewaySurface(deps: SurfaceDeps) {
  return defineSurface({
    name: 'gateway',
    prefix: '/api/v1',
    title: 'Lectern gateway API (contract 000)',
    description:
      "000's API-gateway contract at /api/v1: authentication (`mot_de_passe`), admin users and the `/content/*` services. Errors are `{detail, error_code, status_code, timestamp}`; validation failures answer 422 with `detail` as a list of `{field, message}`.",
    tags: [
      {
        name: 'gateway auth',
        description:
          "000's sign-up and sign-in (the password field is `mot_de_passe`), token refresh, email verification and sign-out.",
      },
      { name: 'gateway users', description: "The signed-in user's profile and password." },
      {
        name: 'gateway admin',
        description:
          "User administration: list, read, change a role (000's `teacher` is an instructor), block, delete.",
      },
      {
        name: 'gateway modules',
        description:
          'Published courses ("modules") with their lessons, for anybody: `name` is the title, `image_url` the picture, durations in seconds.',
      },
      {
        name: 'gateway course admin',
        description: 'Creating and changing courses: teachers their own, admins any (and only admins delete).',
      },
      {
        name: 'gateway lessons',
        description:
          "A course's lessons, in course order. Their video is visible to enrolled students, the course's staff, and anybody for a free preview.",
      },
      { name: 'gateway enrollment', description: 'Enrolling in free courses, leaving them, and my courses.' },
      {
        name: 'gateway progress',
        description: "A student's progress lesson by lesson; the course's progress percentage follows each change.",
      },
      {
        name: 'gateway quiz',
        description:
          "A lesson's quiz, answered in one request and graded as an attempt (001's limits and timers). Students never receive correct answers.",
      },
      {
        name: 'gateway videos',
        description: 'Watch reports of video lessons and their analytics (views, completion, drop-off points).',
      },
      {
        name: 'gateway vimeo',
        description:
          "Lesson videos: a resumable (tus) upload link at Vimeo when Lectern has a Vimeo token, at Lectern's own tus endpoint otherwise; metadata and deletion, passed on to Vimeo for its videos.",
      },
      {
        name: 'gateway teacher',
        description:
          "A teacher's overview across all of their courses: assignments with submission counts, and their students' progress. Admins see every course.",
      },
    ],
    owns: (path) => GATEWAY_PATH.test(path),
    renderError: renderGatewayError,
    errorSchemas: gatewayErrorSchemas,
    routes: async (app) => {
      for (const routes of [
        gatewayAuthRoutes,
        gatewayUserRoutes,
        gatewayAdminUserRoutes,
        gatewayModuleRoutes,
        gatewayLessonRoutes,
        gatewayLearningRoutes,
        gatewayQuizRoutes,
        gatewayVideoRoutes,
        gatewayTeacherRoutes,
        gatewayVimeoRoutes,
        gatewayStatsRoutes,
      ]) {
        await app.register(routes(deps));
      }
    },
  });
}
