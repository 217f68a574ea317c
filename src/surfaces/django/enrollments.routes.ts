// 002's enrolment (category 5) and overall progress per enrolment (category 6).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { IdParams } from './common.schemas.ts';
import { EnrollBody, EnrollmentListQuery, EnrollmentOut, OverallProgressOut } from './enrollments.schemas.ts';
import { DrfPage, drfPage, pageRequest } from './paging.ts';
import { toEnrollmentOut, toOverallProgressOut } from './serializers/enrollment.ts';

const OWN = 'The student sees their own enrolments; the course staff and admins see any of the course.';

export function enrollmentRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { learning } = modules;
    const tags = ['enrollments'];

    app.get(
      '/enrollments/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoListEnrollments',
          summary: 'List my enrolments',
          description: "The caller's enrolments, newest first; `status` filters.",
          tags,
          querystring: EnrollmentListQuery,
          response: { 200: Described(DrfPage(EnrollmentOut), 'A page of enrolments.') },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await learning.listMyCourses(actorOf(request), { ...pageRequest(q), status: q.status });
        return drfPage(request, config.publicUrl, q, page, toEnrollmentOut);
      },
    );

    const enroll = async (actorRequest: Parameters<typeof actorOf>[0], courseId: string) =>
      toEnrollmentOut(await learning.enroll(actorOf(actorRequest), courseId));

    app.post(
      '/enrollments/',
      {
        config: { auth: 'user', location: '/enrollments/{id}/' },
        schema: {
          operationId: 'djangoEnroll',
          summary: 'Enrol in a course',
          description:
            'The caller enrols in a published free course (`{course}`); `user`, `status` or `payment_status` in the body are ignored. Enrolling twice answers 409; a full course 409; a paid course needs a payment first (402-like 409).',
          tags,
          body: EnrollBody,
          response: { 201: Described(EnrollmentOut, 'The enrolment.') },
        },
      },
      async (request, reply) => reply.status(201).send(await enroll(request, request.body.course)),
    );

    app.post(
      '/courses/:id/enroll/',
      {
        config: { auth: 'user', location: '/enrollments/{id}/' },
        schema: {
          operationId: 'djangoEnrollInCourse',
          summary: 'Enrol in this course',
          description: 'As `POST /api/enrollments/` with the course in the path.',
          tags,
          params: IdParams,
          response: { 201: Described(EnrollmentOut, 'The enrolment.') },
        },
      },
      async (request, reply) => reply.status(201).send(await enroll(request, request.params.id)),
    );

    app.get(
      '/enrollments/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetEnrollment',
          summary: 'Get an enrolment',
          description: `${OWN} Anyone else gets 404.`,
          tags,
          params: IdParams,
          response: { 200: Described(EnrollmentOut, 'The enrolment.') },
        },
      },
      async (request) => toEnrollmentOut(await learning.getEnrollmentById(actorOf(request), request.params.id)),
    );

    app.delete(
      '/enrollments/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoUnenroll',
          summary: 'Unenrol',
          description: `${OWN} The enrolment is cancelled (kept for the record) and the seat freed.`,
          tags,
          params: IdParams,
          response: { 204: Described(NoContent, 'Unenrolled.') },
        },
      },
      async (request, reply) => {
        await learning.cancelEnrollment(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/enrollments/:id/progress/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetEnrollmentProgress',
          summary: 'Get overall progress',
          description: `${OWN} Completed lectures out of the published ones, and each lecture's state.`,
          tags,
          params: IdParams,
          response: { 200: Described(OverallProgressOut, 'The progress.') },
        },
      },
      async (request) => toOverallProgressOut(await learning.getCourseProgress(actorOf(request), request.params.id)),
    );
  };
}
