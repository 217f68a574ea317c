// The native surface: 001's contract at /api/v1, extended in the same style for every capability.
import type { FastifyPluginAsync } from 'fastify';

import type { SurfaceDeps } from '../surface-deps.ts';
import { adminRoutes } from './admin.routes.ts';
import { adminUserRoutes } from './admin-users.routes.ts';
import { annotationRoutes } from './annotations.routes.ts';
import { assignmentRoutes } from './assignments.routes.ts';
import { attemptRoutes } from './attempts.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { categoryRoutes } from './categories.routes.ts';
import { certificateRoutes } from './certificates.routes.ts';
import { courseRoutes } from './courses.routes.ts';
import { enrollmentRoutes } from './enrollments.routes.ts';
import { nativeErrorHandler } from './errors.ts';
import { fileRoutes } from './files.routes.ts';
import { lessonRoutes } from './lessons.routes.ts';
import { mediaRoutes } from './media.routes.ts';
import { mfaRoutes } from './mfa.routes.ts';
import { progressRoutes } from './progress.routes.ts';
import { quizRoutes } from './quizzes.routes.ts';
import { sectionRoutes } from './sections.routes.ts';
import { signinRoutes } from './signin.routes.ts';
import { storageRoutes } from './storage.routes.ts';
import { tagRoutes } from './tags.routes.ts';
import { tusRoutes } from './tus.routes.ts';
import { userRoutes } from './users.routes.ts';
import { verificationRoutes } from './verification.routes.ts';

export function createNativeSurface(deps: SurfaceDeps): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(nativeErrorHandler);
    await app.register(authRoutes(deps));
    await app.register(userRoutes(deps));
    await app.register(courseRoutes(deps));
    await app.register(lessonRoutes(deps));
    await app.register(sectionRoutes(deps));
    await app.register(categoryRoutes(deps));
    await app.register(tagRoutes(deps));
    await app.register(adminRoutes(deps));
    await app.register(mfaRoutes(deps));
    await app.register(verificationRoutes(deps));
    await app.register(signinRoutes(deps));
    await app.register(adminUserRoutes(deps));
    await app.register(quizRoutes(deps));
    await app.register(attemptRoutes(deps));
    await app.register(assignmentRoutes(deps));
    await app.register(enrollmentRoutes(deps));
    await app.register(progressRoutes(deps));
    await app.register(annotationRoutes(deps));
    await app.register(certificateRoutes(deps));
    await app.register(fileRoutes(deps));
    await app.register(mediaRoutes(deps));
    await app.register(storageRoutes(deps));
    await app.register(tusRoutes(deps));
  };
}
