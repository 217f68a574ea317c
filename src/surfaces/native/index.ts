// The native surface: 001's contract at /api/v1, extended in the same style for every capability.
import { cursorLinkHeader, pageLinkHeader } from '../kit/links.ts';
import { defineSurface } from '../kit/surface.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { adminRoutes } from './admin.routes.ts';
import { adminUserRoutes } from './admin-users.routes.ts';
import { analyticsRoutes } from './analytics.routes.ts';
import { annotationRoutes } from './annotations.routes.ts';
import { assignmentRoutes } from './assignments.routes.ts';
import { assistantRoutes } from './assistant.routes.ts';
import { attemptRoutes } from './attempts.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { categoryRoutes } from './categories.routes.ts';
import { certificateRoutes } from './certificates.routes.ts';
import { chatRoutes } from './chat.routes.ts';
import { courseRoutes } from './courses.routes.ts';
import { enrollmentRoutes } from './enrollments.routes.ts';
import { nativeErrorSchemas, renderNativeError } from './errors.ts';
import { fileRoutes } from './files.routes.ts';
import { lessonRoutes } from './lessons.routes.ts';
import { mediaRoutes } from './media.routes.ts';
import { mfaRoutes } from './mfa.routes.ts';
import { notificationRoutes } from './notifications.routes.ts';
import { notificationAdminRoutes } from './notifications-admin.routes.ts';
import { nativeTags } from './openapi-tags.ts';
import { profileRoutes } from './profiles.routes.ts';
import { progressRoutes } from './progress.routes.ts';
import { pushRoutes } from './push.routes.ts';
import { quizRoutes } from './quizzes.routes.ts';
import { sectionRoutes } from './sections.routes.ts';
import { signinRoutes } from './signin.routes.ts';
import { tagRoutes } from './tags.routes.ts';
import { userRoutes } from './users.routes.ts';
import { verificationRoutes } from './verification.routes.ts';
import { webhookAdminRoutes } from './webhooks-admin.routes.ts';

export function createNativeSurface(deps: SurfaceDeps) {
  return defineSurface({
    name: 'native',
    prefix: '/api/v1',
    title: 'Lectern native API (contract 001)',
    description:
      "001's LMS contract (FastAPI style) at /api/v1, extended in the same style to every capability of Lectern. Errors are `{detail}`; validation failures answer 422 with FastAPI's `[{loc, msg, type}]`.",
    tags: nativeTags,
    renderError: renderNativeError,
    trailingSlash: 'redirect',
    errorSchemas: nativeErrorSchemas,
    routes: async (app) => {
      // Every native list is 001's page object: its Link header follows from the body.
      app.addHook('preSerialization', async (request, reply, payload) => {
        if (isPage(payload)) {
          const facts = { page: payload.page, pageSize: payload.page_size, total: payload.total };
          // A keyset request (`cursor`) gets only its next link: page numbers mean nothing there.
          const keyset = typeof (request.query as { cursor?: unknown } | undefined)?.cursor === 'string';
          const link = keyset
            ? cursorLinkHeader(
                deps.config.publicUrl,
                request.url,
                (payload as { next_cursor?: string | null }).next_cursor ?? null,
              )
            : pageLinkHeader(deps.config.publicUrl, request.url, facts);
          if (link) reply.header('link', link);
        }
        return payload;
      });
      for (const routes of [
        authRoutes,
        userRoutes,
        courseRoutes,
        lessonRoutes,
        sectionRoutes,
        categoryRoutes,
        tagRoutes,
        adminRoutes,
        mfaRoutes,
        verificationRoutes,
        signinRoutes,
        adminUserRoutes,
        quizRoutes,
        attemptRoutes,
        assignmentRoutes,
        enrollmentRoutes,
        progressRoutes,
        annotationRoutes,
        certificateRoutes,
        fileRoutes,
        mediaRoutes,
        profileRoutes,
        assistantRoutes,
        notificationRoutes,
        notificationAdminRoutes,
        pushRoutes,
        webhookAdminRoutes,
        analyticsRoutes,
        chatRoutes,
      ]) {
        await app.register(routes(deps));
      }
    },
  });
}

interface PageBody {
  items: unknown[];
  total: number;
  page: number;
  page_size: number;
}

const isPage = (payload: unknown): payload is PageBody =>
  typeof payload === 'object' &&
  payload !== null &&
  Array.isArray((payload as PageBody).items) &&
  typeof (payload as PageBody).page === 'number' &&
  typeof (payload as PageBody).page_size === 'number' &&
  typeof (payload as PageBody).total === 'number';
