// 001's enrolment endpoints, and native ones for enrolment by course, grants, payments, refunds
// and course rosters.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Page } from './common.schemas.ts';
import {
  CourseParams,
  EnrollBody,
  EnrollmentListQuery,
  EnrollmentOut,
  EnrollmentParams,
  GrantBody,
  MyCourseOut,
  PaymentBody,
} from './enrollments.schemas.ts';
import { toEnrollmentOut, toMyCourseOut } from './serializers/enrollment.ts';
import { pageOf } from './serializers/page.ts';

export function enrollmentRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const secured = { tags: ['enrollments'] };
    const learning = () => modules.learning;

    app.post(
      '/enrollments',
      {
        config: { auth: 'user' },
        schema: { ...secured, body: EnrollBody, response: { 201: EnrollmentOut } },
      },
      async (request, reply) =>
        reply.status(201).send(toEnrollmentOut(await learning().enroll(actorOf(request), request.body.course_id))),
    );

    app.post(
      '/courses/:course_id/enroll',
      {
        config: { auth: 'user', location: '/enrollments/{id}' },
        schema: { ...secured, params: CourseParams, response: { 201: EnrollmentOut } },
      },
      async (request, reply) =>
        reply.status(201).send(toEnrollmentOut(await learning().enroll(actorOf(request), request.params.course_id))),
    );

    app.delete(
      '/courses/:course_id/enroll',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: CourseParams, response: { 200: EnrollmentOut } },
      },
      async (request) =>
        toEnrollmentOut(await learning().cancelEnrollmentByCourse(actorOf(request), request.params.course_id)),
    );

    app.get(
      '/enrollments/my-courses',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          querystring: EnrollmentListQuery,
          response: { 200: Page(MyCourseOut) },
        },
      },
      async (request) => {
        const { page, page_size, status } = request.query;
        const result = await learning().listMyCourses(actorOf(request), {
          status,
          ...fromPage(page, page_size),
        });
        return pageOf(result.items.map(toMyCourseOut), result.total, page, page_size);
      },
    );

    app.get(
      '/enrollments/:enrollment_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: EnrollmentParams, response: { 200: EnrollmentOut } },
      },
      async (request) =>
        toEnrollmentOut(await learning().getEnrollmentById(actorOf(request), request.params.enrollment_id)),
    );

    app.delete(
      '/enrollments/:enrollment_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: EnrollmentParams, response: { 200: EnrollmentOut } },
      },
      async (request) =>
        toEnrollmentOut(await learning().cancelEnrollment(actorOf(request), request.params.enrollment_id)),
    );

    app.post(
      '/enrollments/:enrollment_id/refund',
      {
        config: { auth: ['admin'] },
        schema: { ...secured, params: EnrollmentParams, response: { 200: EnrollmentOut } },
      },
      async (request) =>
        toEnrollmentOut(await learning().refundEnrollment(actorOf(request), request.params.enrollment_id)),
    );

    app.get(
      '/courses/:course_id/enrollments',
      {
        config: { auth: ['instructor', 'admin'] },
        schema: {
          ...secured,
          params: CourseParams,
          querystring: EnrollmentListQuery,
          response: { 200: Page(EnrollmentOut) },
        },
      },
      async (request) => {
        const { page, page_size, status } = request.query;
        const result = await learning().listCourseEnrollments(actorOf(request), request.params.course_id, {
          status,
          ...fromPage(page, page_size),
        });
        return pageOf(result.items.map(toEnrollmentOut), result.total, page, page_size);
      },
    );

    app.post(
      '/courses/:course_id/enrollments/grant',
      {
        config: { auth: ['instructor', 'admin'], location: '/enrollments/{id}' },
        schema: {
          ...secured,
          params: CourseParams,
          body: GrantBody,
          response: { 201: EnrollmentOut },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toEnrollmentOut(
              await learning().grantEnrollment(actorOf(request), request.params.course_id, request.body.user_id),
            ),
          ),
    );

    app.post(
      '/courses/:course_id/enrollments/payments',
      {
        config: { auth: ['admin'], location: '/enrollments/{id}' },
        schema: {
          ...secured,
          params: CourseParams,
          body: PaymentBody,
          response: { 201: EnrollmentOut },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toEnrollmentOut(await learning().recordPayment(actorOf(request), request.params.course_id, request.body)),
          ),
    );
  };
}
