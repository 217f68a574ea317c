// 000's enrolment (`/content/courses/...`) and lesson progress (`/content/users_progress`). The
// learning module keeps the course's progress current in the same transaction as each change.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { notFound } from '../../platform/errors.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { CourseIdParams, Message } from './content.schemas.ts';
import {
  CourseLessonProgress,
  Enrolled,
  GatewayProgress,
  MyCourses,
  ProgressBody,
  ProgressQuery,
  ProgressUpdated,
} from './learning.schemas.ts';
import { toCourseLessonProgress, toGatewayEnrollment, toGatewayProgress, toMyCourse } from './serializers/learning.ts';

const enrollmentIdOf = (body: Record<string, unknown>) => String((body['enrollment'] as { id: string }).id);

/** One answer holds every enrolment of a student; nobody follows a thousand courses. */
const MY_COURSES_LIMIT = 1000;

export function gatewayLearningRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog, learning } = modules;
    const enrolment = { tags: ['gateway enrollment'] };
    const progress = { tags: ['gateway progress'] };

    app.post(
      '/content/courses/:course_id/enroll',
      {
        // The enrolment is read at 001's path.
        config: { auth: 'user', location: (body) => `/api/v1/enrollments/${enrollmentIdOf(body)}` },
        schema: {
          operationId: 'gatewayEnroll',
          summary: 'Enrol in a course',
          description:
            'Free published courses only: a paid course answers 403 `LEARNING_PAYMENT_REQUIRED`, a full one 409, an unpublished or unknown one 404, an existing enrolment 409. Enrolling again after unenrolling reopens the enrolment.',
          ...enrolment,
          params: CourseIdParams,
          response: { 201: Described(Enrolled, 'The caller is enrolled.') },
        },
      },
      async (request, reply) => {
        const enrollment = await learning.enroll(actorOf(request), request.params.course_id);
        return reply
          .status(201)
          .send({ message: 'Enrolled successfully', enrollment: toGatewayEnrollment(enrollment) });
      },
    );

    app.delete(
      '/content/courses/:course_id/unenroll',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayUnenroll',
          summary: 'Leave a course',
          description: "Cancels the caller's enrolment (its progress is kept); 404 when the caller is not enrolled.",
          ...enrolment,
          params: CourseIdParams,
          response: { 200: Described(Message, 'The caller is no longer enrolled.') },
        },
      },
      async (request) => {
        await learning.cancelEnrollmentByCourse(actorOf(request), request.params.course_id);
        return { message: 'Unenrolled successfully' };
      },
    );

    app.get(
      '/content/courses/my-courses',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayListMyCourses',
          summary: 'List the courses I am enrolled in',
          description:
            'Active and completed enrolments, newest first, with the course progress in percent and when the student last worked in the course.',
          ...enrolment,
          response: { 200: Described(MyCourses, "The caller's courses.") },
        },
      },
      async (request) => {
        const mine = await learning.listMyCourses(actorOf(request), { limit: MY_COURSES_LIMIT, offset: 0 });
        return { enrolled_courses: mine.items.filter((e) => e.status !== 'cancelled').map(toMyCourse) };
      },
    );

    app.get(
      '/content/users_progress',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayListProgress',
          summary: 'List my lesson progress',
          description: "The caller's progress on every lesson they have touched, across courses.",
          ...progress,
          response: { 200: Described(Type.Array(GatewayProgress), "The caller's lesson progress.") },
        },
      },
      async (request) => (await learning.listMyProgress(actorOf(request))).map(toGatewayProgress),
    );

    app.get(
      '/content/users_progress/course/:course_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayGetCourseProgress',
          summary: 'My progress in one course',
          description:
            'One row per published lesson of the course, in course order; lessons not yet touched are not completed. 404 for a course the caller cannot see.',
          ...progress,
          params: CourseIdParams,
          response: { 200: Described(Type.Array(CourseLessonProgress), "The caller's progress, lesson by lesson.") },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { course_id } = request.params;
        const course = await catalog.getCourseSummary(course_id);
        if (!course || (course.status !== 'published' && !(await catalog.isCourseStaff(actor, course_id))))
          throw notFound('Course', course_id);
        const [lessons, rows] = await Promise.all([
          catalog.listLessonIds(course_id),
          learning.listMyProgress(actor, course_id),
        ]);
        return toCourseLessonProgress(lessons, rows);
      },
    );

    app.put(
      '/content/users_progress/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayUpdateProgress',
          summary: 'Update my progress on a lesson',
          description:
            "For a lesson of a course the caller is enrolled in (404 otherwise). `completed` marks the lesson done; the course's `progress_percentage` follows at once and the enrolment completes with its last lesson.",
          ...progress,
          querystring: ProgressQuery,
          body: ProgressBody,
          response: { 200: Described(ProgressUpdated, 'The lesson progress.') },
        },
      },
      async (request) => {
        const result = await learning.updateLessonProgress(
          actorOf(request),
          { lessonId: request.query.lesson_id },
          request.body,
        );
        return {
          message: 'Progress updated successfully',
          progress: {
            ...toGatewayProgress(result.progress),
            course_progress_percentage: result.enrollment.progress_percentage,
          },
        };
      },
    );
  };
}
