// 001's enrolment endpoints, and native ones for enrolment by course, grants, payments, refunds
// and course rosters.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described } from '../kit/schemas.ts';
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

const ENROLL_RULES =
  "A published free course only: a paid course answers 403 `LEARNING_PAYMENT_REQUIRED` until a payment is recorded or the course's staff grant a seat. 409 when already enrolled or when the course is full; a cancelled enrolment is reopened.";

export function enrollmentRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const secured = { tags: ['enrollments'] };
    const learning = () => modules.learning;

    app.post(
      '/enrollments',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'createEnrollment',
          summary: 'Enrol in a course',
          description: `Enrols the caller in \`course_id\`. ${ENROLL_RULES}`,
          ...secured,
          body: EnrollBody,
          response: { 201: Described(EnrollmentOut, 'The caller is enrolled.') },
        },
      },
      async (request, reply) =>
        reply.status(201).send(toEnrollmentOut(await learning().enroll(actorOf(request), request.body.course_id))),
    );

    app.post(
      '/courses/:course_id/enroll',
      {
        config: { auth: 'user', location: '/enrollments/{id}' },
        schema: {
          operationId: 'enrollInCourse',
          summary: 'Enrol in the course',
          description: `Enrols the caller. ${ENROLL_RULES}`,
          ...secured,
          params: CourseParams,
          response: { 201: Described(EnrollmentOut, 'The caller is enrolled.') },
        },
      },
      async (request, reply) =>
        reply.status(201).send(toEnrollmentOut(await learning().enroll(actorOf(request), request.params.course_id))),
    );

    app.delete(
      '/courses/:course_id/enroll',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'cancelMyCourseEnrollment',
          summary: 'Leave the course',
          description:
            "Cancels the caller's enrolment in the course and frees its seat; 404 when the caller is not enrolled.",
          ...secured,
          params: CourseParams,
          response: { 200: Described(EnrollmentOut, 'The cancelled enrolment.') },
        },
      },
      async (request) =>
        toEnrollmentOut(await learning().cancelEnrollmentByCourse(actorOf(request), request.params.course_id)),
    );

    app.get(
      '/enrollments/my-courses',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'listMyCourses',
          summary: 'List my enrolments',
          description:
            'The courses the caller is enrolled in, with their progress, newest enrolment first; filter by `status`.',
          ...secured,
          querystring: EnrollmentListQuery,
          response: { 200: Described(Page(MyCourseOut), "A page of the caller's enrolments.") },
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
        schema: {
          operationId: 'getEnrollment',
          summary: 'Get an enrolment',
          description: "Its student, the course's staff and admins; 404 for anyone else.",
          ...secured,
          params: EnrollmentParams,
          response: { 200: Described(EnrollmentOut, 'The enrolment.') },
        },
      },
      async (request) =>
        toEnrollmentOut(await learning().getEnrollmentById(actorOf(request), request.params.enrollment_id)),
    );

    app.delete(
      '/enrollments/:enrollment_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'cancelEnrollment',
          summary: 'Cancel an enrolment',
          description: "Its student, the course's staff or an admin; the seat is freed. 409 when already cancelled.",
          ...secured,
          params: EnrollmentParams,
          response: { 200: Described(EnrollmentOut, 'The cancelled enrolment.') },
        },
      },
      async (request) =>
        toEnrollmentOut(await learning().cancelEnrollment(actorOf(request), request.params.enrollment_id)),
    );

    app.post(
      '/enrollments/:enrollment_id/refund',
      {
        config: { auth: ['admin'] },
        schema: {
          operationId: 'refundEnrollment',
          summary: 'Refund an enrolment',
          description:
            'Marks a paid enrolment refunded and cancels it, freeing its seat; 409 when it was not paid. The money itself moves outside Lectern.',
          ...secured,
          params: EnrollmentParams,
          response: { 200: Described(EnrollmentOut, 'The refunded enrolment.') },
        },
      },
      async (request) =>
        toEnrollmentOut(await learning().refundEnrollment(actorOf(request), request.params.enrollment_id)),
    );

    app.get(
      '/courses/:course_id/enrollments',
      {
        config: { auth: ['instructor', 'admin'] },
        schema: {
          operationId: 'listCourseEnrollments',
          summary: "List a course's enrolments",
          description: "The roster, for the course's staff and admins; filter by `status`.",
          ...secured,
          params: CourseParams,
          querystring: EnrollmentListQuery,
          response: { 200: Described(Page(EnrollmentOut), 'A page of enrolments.') },
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
          operationId: 'grantEnrollment',
          summary: 'Give a user a seat',
          description:
            "For the course's staff and admins: enrols the user without payment (a free seat, also in paid courses). 409 when already enrolled or when the course is full.",
          ...secured,
          params: CourseParams,
          body: GrantBody,
          response: { 201: Described(EnrollmentOut, 'The user is enrolled.') },
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
          operationId: 'recordEnrollmentPayment',
          summary: 'Record a payment for a course',
          description:
            'Records a payment taken elsewhere (`amount`, `currency`, a `reference`) and enrols the user as paid, or marks their current enrolment paid. After that the user may also enrol themself.',
          ...secured,
          params: CourseParams,
          body: PaymentBody,
          response: { 201: Described(EnrollmentOut, 'The paid enrolment.') },
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
