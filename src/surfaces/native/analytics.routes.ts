// 001's analytics endpoints: /analytics/student, /analytics/instructor,
// /analytics/courses/{course_id}/analytics and /analytics/system.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  CourseAnalyticsOut,
  CourseAnalyticsParams,
  InstructorAnalyticsOut,
  StudentAnalyticsOut,
  SystemAnalyticsOut,
} from './analytics.schemas.ts';

export function analyticsRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { analytics } = modules;
    const tags = ['analytics'];

    app.get(
      '/analytics/student',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'getStudentAnalytics',
          summary: 'Get your learning analytics',
          description:
            'The caller’s own figures, from what the platform recorded (enrolments, lessons, quizzes, video).',
          tags,
          response: { 200: Described(StudentAnalyticsOut, 'Your figures') },
        },
      },
      async (request) => analytics.getLearnerAnalytics(actorOf(request)),
    );

    app.get(
      '/analytics/instructor',
      {
        config: { auth: ['instructor', 'admin'] },
        schema: {
          operationId: 'getInstructorAnalytics',
          summary: 'Get analytics of your courses',
          description: 'Over the courses the caller owns or co-teaches, each with its figures.',
          tags,
          response: { 200: Described(InstructorAnalyticsOut, 'Figures of your courses') },
        },
      },
      async (request) => analytics.getInstructorAnalytics(actorOf(request)),
    );

    app.get(
      '/analytics/courses/:course_id/analytics',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'getCourseAnalytics',
          summary: 'Get a course’s analytics',
          description: 'For the course’s instructors and admins (403 for anyone else).',
          tags,
          params: CourseAnalyticsParams,
          response: { 200: Described(CourseAnalyticsOut, 'The course’s figures') },
        },
      },
      async (request) => analytics.getCourseAnalytics(actorOf(request), request.params.course_id),
    );

    app.get(
      '/analytics/system',
      {
        config: { auth: ['admin'] },
        schema: {
          operationId: 'getSystemAnalytics',
          summary: 'Get platform-wide analytics',
          description: 'Admins only. Closed days from the daily rollups, today (UTC) from its events.',
          tags,
          response: { 200: Described(SystemAnalyticsOut, 'Platform figures') },
        },
      },
      async (request) => analytics.getSystemAnalytics(actorOf(request)),
    );
  };
}
