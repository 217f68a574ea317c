// 001's "complete lesson", and native progress endpoints: per-lesson progress (000's
// users_progress fields), video watch spans, an enrolment's progress and video statistics.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  CompleteLessonOut,
  CourseProgressOut,
  EnrollmentLessonParams,
  EnrollmentParams,
  LessonParams,
  LessonProgressOut,
  ProgressUpdateBody,
  VideoStatsOut,
  WatchBody,
} from './enrollments.schemas.ts';
import { lessonRefOf, toCompleteLessonOut, toCourseProgressOut, toLessonProgressOut } from './serializers/progress.ts';

export function progressRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const secured = { tags: ['progress'] };
    const { learning } = modules;

    app.post(
      '/enrollments/:enrollment_id/lessons/:lesson_id/complete',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: EnrollmentLessonParams, response: { 200: CompleteLessonOut } },
      },
      async (request) =>
        toCompleteLessonOut(await learning.completeLesson(actorOf(request), lessonRefOf(request.params))),
    );

    app.put(
      '/enrollments/:enrollment_id/lessons/:lesson_id/progress',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: EnrollmentLessonParams,
          body: ProgressUpdateBody,
          response: { 200: LessonProgressOut },
        },
      },
      async (request) => {
        const ref = lessonRefOf(request.params);
        const { progress } = await learning.updateLessonProgress(actorOf(request), ref, request.body);
        return toLessonProgressOut(progress);
      },
    );

    app.post(
      '/enrollments/:enrollment_id/lessons/:lesson_id/watch',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: EnrollmentLessonParams,
          body: WatchBody,
          response: { 200: LessonProgressOut },
        },
      },
      async (request) => {
        const { progress } = await learning.recordWatch(actorOf(request), lessonRefOf(request.params), request.body);
        return toLessonProgressOut(progress);
      },
    );

    app.get(
      '/enrollments/:enrollment_id/progress',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: EnrollmentParams, response: { 200: CourseProgressOut } },
      },
      async (request) =>
        toCourseProgressOut(await learning.getCourseProgress(actorOf(request), request.params.enrollment_id)),
    );

    app.get(
      '/lessons/:lesson_id/video-stats',
      {
        config: { auth: ['instructor', 'admin'] },
        schema: { ...secured, params: LessonParams, response: { 200: VideoStatsOut } },
      },
      async (request) => learning.lessonVideoStats(actorOf(request), request.params.lesson_id),
    );
  };
}
