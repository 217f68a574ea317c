// 001's "complete lesson", and native progress endpoints: per-lesson progress (000's
// users_progress fields), video watch spans, an enrolment's progress and video statistics.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described } from '../kit/schemas.ts';
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

const OWN_ENROLMENT =
  "Only the enrolment's student (404 for anyone else), and not on a cancelled enrolment (409). The course's progress is recomputed from its required lessons (all lessons when none is required); completing the last one completes the enrolment.";

export function progressRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['progress'];
    const { learning } = modules;

    app.post(
      '/enrollments/:enrollment_id/lessons/:lesson_id/complete',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'completeLesson',
          summary: 'Mark a lesson complete',
          description: `Idempotent: completing again keeps the first completion time. ${OWN_ENROLMENT}`,
          tags,
          params: EnrollmentLessonParams,
          response: { 200: Described(CompleteLessonOut, "The lesson's progress and the enrolment's new state.") },
        },
      },
      async (request) =>
        toCompleteLessonOut(await learning.completeLesson(actorOf(request), lessonRefOf(request.params))),
    );

    app.put(
      '/enrollments/:enrollment_id/lessons/:lesson_id/progress',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'updateLessonProgress',
          summary: "Update a lesson's progress",
          description: `Sets the completed flag, a score or the video-watched flag of one lesson; fields left out keep their value. ${OWN_ENROLMENT}`,
          tags,
          params: EnrollmentLessonParams,
          body: ProgressUpdateBody,
          response: { 200: Described(LessonProgressOut, "The lesson's progress.") },
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
          operationId: 'recordVideoWatch',
          summary: 'Report a stretch of video watched',
          description: `Players report each stretch of playback (\`from_seconds\` to \`to_seconds\`); the unique time watched and the completion percentage are recomputed from all spans. Past 90% the video counts as watched, and a video lesson completes itself. \`duration_seconds\` helps when the lesson has no duration. ${OWN_ENROLMENT}`,
          tags,
          params: EnrollmentLessonParams,
          body: WatchBody,
          response: { 200: Described(LessonProgressOut, "The lesson's progress.") },
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
        schema: {
          operationId: 'getEnrollmentProgress',
          summary: "Get an enrolment's progress",
          description: "Lesson by lesson; for the enrolment's student, the course's staff and admins.",
          tags,
          params: EnrollmentParams,
          response: { 200: Described(CourseProgressOut, 'The progress of the enrolment.') },
        },
      },
      async (request) =>
        toCourseProgressOut(await learning.getCourseProgress(actorOf(request), request.params.enrollment_id)),
    );

    app.get(
      '/lessons/:lesson_id/video-stats',
      {
        config: { auth: ['instructor', 'admin'] },
        schema: {
          operationId: 'getLessonVideoStats',
          summary: "Get a video lesson's viewing statistics",
          description:
            "For the course's staff and admins: views, unique viewers, completion rate, average watch time, drop-off points and a retention curve, from the students' watch reports.",
          tags,
          params: LessonParams,
          response: { 200: Described(VideoStatsOut, 'The statistics.') },
        },
      },
      async (request) => learning.lessonVideoStats(actorOf(request), request.params.lesson_id),
    );
  };
}
