// 002's assignments (category 7): a course's assignments, submissions (a student's own; the
// course's staff see all) and grading, over the assessment module.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { DomainError } from '../../platform/errors.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  AssignmentBody,
  AssignmentOut,
  AssignmentPatchBody,
  GradeBody,
  SubmissionListQuery,
  SubmissionOut,
  SubmitBody,
} from './assignments.schemas.ts';
import { IdParams } from './common.schemas.ts';
import { lectureField, withDrfFieldNames } from './field-names.ts';
import { DrfPage, drfPage, drfPageOf, DrfPageQuery, pageRequest } from './paging.ts';
import { assignmentInput, gradeInput, statusIn, toAssignmentOut, toSubmissionOut } from './serializers/assignment.ts';

const STAFF_ONLY = "Only the course's staff (owner, co-instructors) and admins; 403 for anyone else.";
const READERS = "The course's staff and its enrolled students; 403 for anyone else.";
const PageOnly = Type.Object(DrfPageQuery);

export function assignmentRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { assessment, catalog } = modules;
    const tags = ['assignments'];
    const publicUrl = config.publicUrl;

    app.get(
      '/courses/:id/assignments/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoListCourseAssignments',
          summary: "List a course's assignments",
          description: `${READERS} By due date, those without one last.`,
          tags,
          params: IdParams,
          querystring: PageOnly,
          response: { 200: Described(DrfPage(AssignmentOut), 'A page of assignments.') },
        },
      },
      async (request) => {
        const page = await assessment.listAssignments(actorOf(request), request.params.id, pageRequest(request.query));
        return drfPage(request, publicUrl, request.query, page, toAssignmentOut);
      },
    );

    app.post(
      '/courses/:id/assignments/',
      {
        config: { auth: 'user', location: '/assignments/{id}/' },
        schema: {
          operationId: 'djangoCreateAssignment',
          summary: 'Create an assignment',
          description: `${STAFF_ONLY} \`due_date\` is a date (due at the end of that day, UTC) or a date-time.`,
          tags,
          params: IdParams,
          body: AssignmentBody,
          response: { 201: Described(AssignmentOut, 'The assignment.') },
        },
      },
      async (request, reply) => {
        const assignment = await withDrfFieldNames(lectureField, () =>
          assessment.createAssignment(actorOf(request), request.params.id, {
            ...assignmentInput(request.body),
            title: request.body.title,
          }),
        );
        return reply.status(201).send(toAssignmentOut(assignment));
      },
    );

    app.get(
      '/assignments/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetAssignment',
          summary: 'Get an assignment',
          description: READERS,
          tags,
          params: IdParams,
          response: { 200: Described(AssignmentOut, 'The assignment.') },
        },
      },
      async (request) => toAssignmentOut(await assessment.getAssignment(actorOf(request), request.params.id)),
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/assignments/:id/',
        {
          config: { auth: 'user' },
          schema: {
            operationId: method === 'put' ? 'djangoReplaceAssignment' : 'djangoUpdateAssignment',
            summary: method === 'put' ? 'Update an assignment (full)' : 'Update an assignment (partial)',
            description: `${STAFF_ONLY} ${method === 'put' ? '`title` is required.' : 'Only the fields sent change.'}`,
            tags,
            params: IdParams,
            body: method === 'put' ? AssignmentBody : AssignmentPatchBody,
            response: { 200: Described(AssignmentOut, 'The assignment.') },
          },
        },
        async (request) =>
          toAssignmentOut(
            await withDrfFieldNames(lectureField, () =>
              assessment.updateAssignment(actorOf(request), request.params.id, assignmentInput(request.body)),
            ),
          ),
      );
    }

    app.delete(
      '/assignments/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoDeleteAssignment',
          summary: 'Delete an assignment',
          description: `${STAFF_ONLY} Its submissions go with it.`,
          tags,
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await assessment.deleteAssignment(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/assignments/:id/submit/',
      {
        config: { auth: 'user', location: '/submissions/{id}/' },
        schema: {
          operationId: 'djangoSubmitAssignment',
          summary: 'Submit an assignment',
          description:
            'For students enrolled in the course (403 otherwise): `content` (text), `file` (a file they uploaded), or both. The first submission answers 201; submitting again replaces it (200) until it is graded (409 after); after the due date the submission is marked late, and only one returned for rework (`pending`) may change. `score`, `status`, `feedback` or `graded_by` in the body are ignored.',
          tags,
          params: IdParams,
          body: SubmitBody,
          response: {
            200: Described(SubmissionOut, 'The submission, replaced.'),
            201: Described(SubmissionOut, 'The submission.'),
          },
        },
      },
      async (request, reply) => {
        const { submission, created } = await assessment.submitAssignment(actorOf(request), request.params.id, {
          content: request.body.content,
          file_id: request.body.file,
        });
        return reply.status(created ? 201 : 200).send(toSubmissionOut(submission));
      },
    );

    app.get(
      '/assignments/:id/submissions/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoListAssignmentSubmissions',
          summary: "List an assignment's submissions",
          description:
            "The course's staff see every submission (`status` filters); an enrolled student sees only their own (a page of at most one); 403 for anyone else.",
          tags,
          params: IdParams,
          querystring: SubmissionListQuery,
          response: { 200: Described(DrfPage(SubmissionOut), 'A page of submissions.') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { status, ...paging } = request.query;
        const assignment = await assessment.getAssignment(actor, request.params.id);
        if (await catalog.isCourseStaff(actor, assignment.course_id)) {
          const page = await assessment.listSubmissions(
            actor,
            assignment.id,
            { status: status && statusIn(status) },
            pageRequest(paging),
          );
          return drfPage(request, publicUrl, paging, page, toSubmissionOut);
        }
        const own = await assessment.getMySubmission(actor, assignment.id).catch((error: unknown) => {
          if (error instanceof DomainError && error.kind === 'not_found') return undefined;
          throw error;
        });
        const mine = own && (!status || statusIn(status) === own.status) ? [toSubmissionOut(own)] : [];
        return drfPageOf(request, publicUrl, paging, mine);
      },
    );

    app.get(
      '/submissions/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetSubmission',
          summary: 'Get a submission',
          description: "The student who made it and the course's staff; 404 for anyone else.",
          tags,
          params: IdParams,
          response: { 200: Described(SubmissionOut, 'The submission.') },
        },
      },
      async (request) => toSubmissionOut(await assessment.getSubmission(actorOf(request), request.params.id)),
    );

    app.post(
      '/submissions/:id/grade/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGradeSubmission',
          summary: 'Grade a submission',
          description:
            "Only the course's staff and admins (the student who made it gets 403, anyone else 404). `score` from 0 to the assignment's `max_score` (400 above it); `final_score` takes off any late penalty. `status` `pending` hands it back for rework.",
          tags,
          params: IdParams,
          body: GradeBody,
          response: { 200: Described(SubmissionOut, 'The graded submission.') },
        },
      },
      async (request) =>
        toSubmissionOut(
          await assessment.gradeSubmission(actorOf(request), request.params.id, gradeInput(request.body)),
        ),
    );
  };
}
