// Native assignment endpoints: CRUD on a course, submissions, grading.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent } from '../kit/schemas.ts';
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

/** Who manages an assignment, said once for every write below. */
const ASSIGNMENT_STAFF_ONLY = "Only the course's staff (owner, co-instructors) and admins.";

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
          operationId: 'listCourseAssignments',
          summary: "List a course's assignments",
          description: "For the course's staff and enrolled students (403 otherwise).",
          ...secured,
          params: CourseParams,
          querystring: PageQuery,
          response: { 200: Described(Page(AssignmentOut), 'A page of assignments.'), ...errors },
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
          operationId: 'createAssignment',
          summary: 'Create an assignment',
          description: `${ASSIGNMENT_STAFF_ONLY} \`late_policy\` says what happens after \`due_date\`: \`refuse\` new submissions, \`accept\` them marked late, or \`penalize\` them by \`late_penalty_percentage\` of the score.`,
          ...secured,
          params: CourseParams,
          body: CreateAssignmentBody,
          response: { 201: Described(AssignmentOut, 'The assignment is created.'), ...errors },
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
        schema: {
          operationId: 'getAssignment',
          summary: 'Get an assignment',
          description: "For the course's staff and enrolled students (403 otherwise).",
          ...secured,
          params: AssignmentParams,
          response: { 200: Described(AssignmentOut, 'The assignment.'), ...errors },
        },
      },
      async (request) =>
        toAssignmentOut(await assessment().getAssignment(actorOf(request), request.params.assignment_id)),
    );

    app.patch(
      '/assignments/:assignment_id',
      {
        config: { auth: staff },
        schema: {
          operationId: 'updateAssignment',
          summary: 'Update an assignment',
          description: ASSIGNMENT_STAFF_ONLY,
          ...secured,
          params: AssignmentParams,
          body: UpdateAssignmentBody,
          response: { 200: Described(AssignmentOut, 'The updated assignment.'), ...errors },
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
        schema: {
          operationId: 'deleteAssignment',
          summary: 'Delete an assignment',
          description: `${ASSIGNMENT_STAFF_ONLY} Its submissions go with it.`,
          ...secured,
          params: AssignmentParams,
          response: { 204: Described(NoContent, 'The assignment is deleted.'), ...errors },
        },
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
          operationId: 'submitAssignment',
          summary: 'Submit work for an assignment',
          description:
            "For students enrolled in the course: text, the `file_id` of a file they uploaded (`POST /files/upload`), or both. Submitting again replaces the submission (200) until it is graded (409 after); after the due date only a submission returned for rework can change, and a first one follows the assignment's `late_policy` (410 when it refuses).",
          ...secured,
          params: AssignmentParams,
          body: SubmitBody,
          response: {
            200: Described(SubmissionOut, 'The submission is replaced.'),
            201: Described(SubmissionOut, 'The first submission is stored.'),
            ...errors,
          },
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
          operationId: 'listAssignmentSubmissions',
          summary: "List an assignment's submissions",
          description: ASSIGNMENT_STAFF_ONLY,
          ...secured,
          params: AssignmentParams,
          querystring: SubmissionListQuery,
          response: { 200: Described(Page(SubmissionOut), 'A page of submissions.'), ...errors },
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
        schema: {
          operationId: 'getMySubmission',
          summary: 'Get my submission for an assignment',
          description: '404 until the caller has submitted.',
          ...secured,
          params: AssignmentParams,
          response: { 200: Described(SubmissionOut, "The caller's submission."), ...errors },
        },
      },
      async (request) =>
        toSubmissionOut(await assessment().getMySubmission(actorOf(request), request.params.assignment_id)),
    );

    app.get(
      '/submissions/:submission_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'getSubmission',
          summary: 'Get a submission',
          description: "The student who submitted it, and the course's staff; 404 for anyone else.",
          ...secured,
          params: SubmissionParams,
          response: { 200: Described(SubmissionOut, 'The submission.'), ...errors },
        },
      },
      async (request) =>
        toSubmissionOut(await assessment().getSubmission(actorOf(request), request.params.submission_id)),
    );

    app.post(
      '/submissions/:submission_id/grade',
      {
        config: { auth: staff },
        schema: {
          operationId: 'gradeSubmission',
          summary: 'Grade a submission',
          description:
            "For the course's staff and admins. `score` is at most the assignment's `max_score`; `final_score` takes the late penalty off when the policy is `penalize`. `status: returned` hands the work back for rework instead of closing it.",
          ...secured,
          params: SubmissionParams,
          body: GradeSubmissionBody,
          response: { 200: Described(SubmissionOut, 'The graded submission.'), ...errors },
        },
      },
      async (request) =>
        toSubmissionOut(
          await assessment().gradeSubmission(actorOf(request), request.params.submission_id, request.body),
        ),
    );
  };
}
