// Native assignment endpoints: CRUD on a course, submissions, grading.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  AssignmentOut,
  AssignmentParams,
  CourseParams,
  CreateAssignmentBody,
  GradeSubmissionBody,
  SubmissionListQuery,
  SubmissionOut,
  SubmissionParams,
  SubmitBody,
  UpdateAssignmentBody,
} from './assignments.schemas.ts';
import { Detail, Page, PageQuery } from './common.schemas.ts';
import { assignmentInput, assignmentPatch, toAssignmentOut, toSubmissionOut } from './serializers/assignment.ts';
import { pageOf } from './serializers/page.ts';

export function assignmentRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const secured = { tags: ['assignments'] };
    const assessment = () => modules.assessment;
    const staff = ['instructor', 'admin'] as const;
    const errors = { 410: Detail };
    const page = (q: { page: number; page_size: number }) => fromPage(q.page, q.page_size);

    app.get(
      '/courses/:course_id/assignments',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: CourseParams,
          querystring: PageQuery,
          response: { 200: Page(AssignmentOut), ...errors },
        },
      },
      async (request) => {
        const result = await assessment().listAssignments(
          actorOf(request),
          request.params.course_id,
          page(request.query),
        );
        return pageOf(result.items.map(toAssignmentOut), result.total, request.query.page, request.query.page_size);
      },
    );

    app.post(
      '/courses/:course_id/assignments',
      {
        config: { auth: staff, location: '/assignments/{id}' },
        schema: {
          ...secured,
          params: CourseParams,
          body: CreateAssignmentBody,
          response: { 201: AssignmentOut, ...errors },
        },
      },
      async (request, reply) => {
        const input = assignmentInput(request.body);
        const created = await assessment().createAssignment(actorOf(request), request.params.course_id, input);
        return reply.status(201).send(toAssignmentOut(created));
      },
    );

    app.get(
      '/assignments/:assignment_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: AssignmentParams, response: { 200: AssignmentOut, ...errors } },
      },
      async (request) =>
        toAssignmentOut(await assessment().getAssignment(actorOf(request), request.params.assignment_id)),
    );

    app.patch(
      '/assignments/:assignment_id',
      {
        config: { auth: staff },
        schema: {
          ...secured,
          params: AssignmentParams,
          body: UpdateAssignmentBody,
          response: { 200: AssignmentOut, ...errors },
        },
      },
      async (request) =>
        toAssignmentOut(
          await assessment().updateAssignment(
            actorOf(request),
            request.params.assignment_id,
            assignmentPatch(request.body),
          ),
        ),
    );

    app.delete(
      '/assignments/:assignment_id',
      {
        config: { auth: staff },
        schema: { ...secured, params: AssignmentParams, response: { 204: { type: 'null' }, ...errors } },
      },
      async (request, reply) => {
        await assessment().deleteAssignment(actorOf(request), request.params.assignment_id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/assignments/:assignment_id/submissions',
      {
        config: { auth: 'user', location: '/submissions/{id}' },
        schema: {
          ...secured,
          params: AssignmentParams,
          body: SubmitBody,
          response: { 200: SubmissionOut, 201: SubmissionOut, ...errors },
        },
      },
      async (request, reply) => {
        const { submission, created } = await assessment().submitAssignment(
          actorOf(request),
          request.params.assignment_id,
          request.body,
        );
        return reply.status(created ? 201 : 200).send(toSubmissionOut(submission));
      },
    );

    app.get(
      '/assignments/:assignment_id/submissions',
      {
        config: { auth: staff },
        schema: {
          ...secured,
          params: AssignmentParams,
          querystring: SubmissionListQuery,
          response: { 200: Page(SubmissionOut), ...errors },
        },
      },
      async (request) => {
        const { status } = request.query;
        const result = await assessment().listSubmissions(
          actorOf(request),
          request.params.assignment_id,
          { status },
          page(request.query),
        );
        return pageOf(result.items.map(toSubmissionOut), result.total, request.query.page, request.query.page_size);
      },
    );

    app.get(
      '/assignments/:assignment_id/submissions/mine',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: AssignmentParams, response: { 200: SubmissionOut, ...errors } },
      },
      async (request) =>
        toSubmissionOut(await assessment().getMySubmission(actorOf(request), request.params.assignment_id)),
    );

    app.get(
      '/submissions/:submission_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: SubmissionParams, response: { 200: SubmissionOut, ...errors } },
      },
      async (request) =>
        toSubmissionOut(await assessment().getSubmission(actorOf(request), request.params.submission_id)),
    );

    app.post(
      '/submissions/:submission_id/grade',
      {
        config: { auth: staff },
        schema: {
          ...secured,
          params: SubmissionParams,
          body: GradeSubmissionBody,
          response: { 200: SubmissionOut, ...errors },
        },
      },
      async (request) =>
        toSubmissionOut(
          await assessment().gradeSubmission(actorOf(request), request.params.submission_id, request.body),
        ),
    );
  };
}
