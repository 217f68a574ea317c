// 001's "complete lesson", and native progress endpoints: per-lesson progress (000's
// users_progress fields), video watch spans, an enrolment's progress and video statistics.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import type { LessonProgress } from '../../modules/learning/index.ts';
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

const toProgressOut = (p: LessonProgress) => p;

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
      async (request) => {
        const { enrollment_id, lesson_id } = request.params;
        const { progress, enrollment } = await learning.completeLesson(actorOf(request), {
          enrollmentId: enrollment_id,
          lessonId: lesson_id,
        });
        return {
          ...progress,
          enrollment_progress_percentage: enrollment.progress_percentage,
          enrollment_status: enrollment.status,
        };
      },
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
        const { enrollment_id, lesson_id } = request.params;
        const { progress } = await learning.updateLessonProgress(
          actorOf(request),
          { enrollmentId: enrollment_id, lessonId: lesson_id },
          request.body,
        );
        return toProgressOut(progress);
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
        const { enrollment_id, lesson_id } = request.params;
        const { progress } = await learning.recordWatch(
          actorOf(request),
          { enrollmentId: enrollment_id, lessonId: lesson_id },
          request.body,
        );
        return toProgressOut(progress);
      },
    );

    app.get(
      '/enrollments/:enrollment_id/progress',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: EnrollmentParams, response: { 200: CourseProgressOut } },
      },
      async (request) => {
        const result = await learning.getCourseProgress(actorOf(request), request.params.enrollment_id);
        return {
          enrollment_id: result.enrollment.id,
          course_id: result.enrollment.course_id,
          status: result.enrollment.status,
          progress_percentage: result.enrollment.progress_percentage,
          completed_at: result.enrollment.completed_at,
          completed_lessons: result.completed_lessons,
          total_lessons: result.total_lessons,
          lessons: result.lessons.map(toProgressOut),
        };
      },
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
