// 000's teacher pages: the assignments of every course a teacher teaches (owner or co-instructor)
// and the students enrolled in them. An admin sees those of every course.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { teacherAssignmentInput, toTeacherAssignment, toTeacherStudent } from './serializers/teacher.ts';
import {
  CreateTeacherAssignmentBody,
  TeacherAssignmentCreated,
  TeacherAssignments,
  TeacherPageQuery,
  TeacherStudents,
} from './teacher.schemas.ts';

const SCOPE =
  'Over every course the teacher owns or co-teaches, drafts included; an admin sees every course. Students get 403. The answer holds one page (`page`, `limit`); `X-Total-Count` gives the number of rows.';

export function gatewayTeacherRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { assessment, learning } = modules;
    const tags = ['gateway teacher'];
    const staff = { auth: ['instructor', 'admin'] as const };

    app.get(
      '/content/teacher/assignments',
      {
        config: staff,
        schema: {
          operationId: 'gatewayListTeacherAssignments',
          summary: "List the assignments of the teacher's courses",
          description: `${SCOPE} Soonest due first; \`submissions_count\` counts students who handed work in, \`graded_count\` those graded.`,
          tags,
          querystring: TeacherPageQuery,
          response: { 200: Described(TeacherAssignments, 'The assignments.') },
        },
      },
      async (request, reply) => {
        const { page, limit } = request.query;
        const listed = await assessment.listTeacherAssignments(actorOf(request), fromPage(page, limit));
        reply.header('x-total-count', String(listed.total));
        return { assignments: listed.items.map(toTeacherAssignment) };
      },
    );

    app.post(
      '/content/teacher/assignments',
      {
        // 000 has no path for one assignment: it is read at 001's.
        config: { ...staff, location: (body) => `/api/v1/assignments/${String(body['id'])}` },
        schema: {
          operationId: 'gatewayCreateTeacherAssignment',
          summary: 'Create an assignment in a course',
          description:
            "The course's teacher (owner or co-instructor) and admins; another teacher gets 403, an unknown course 404. Submissions are accepted after `due_date`, marked late (001's late policies are set at 001's path).",
          tags,
          body: CreateTeacherAssignmentBody,
          response: { 201: Described(TeacherAssignmentCreated, 'The assignment is created.') },
        },
      },
      async (request, reply) => {
        const assignment = await assessment.createAssignment(
          actorOf(request),
          request.body.course_id,
          teacherAssignmentInput(request.body),
        );
        return reply.status(201).send({
          id: assignment.id,
          message: 'Assignment created successfully',
          assignment: toTeacherAssignment(assignment),
        });
      },
    );

    app.get(
      '/content/teacher/students',
      {
        config: staff,
        schema: {
          operationId: 'gatewayListTeacherStudents',
          summary: "List the students of the teacher's courses",
          description: `${SCOPE} A student counts while actively enrolled or after completing; \`enrolled_courses\`, \`total_progress\` (average progress percentage) and \`last_activity\` cover the teacher's courses only. Most recently active first.`,
          tags,
          querystring: TeacherPageQuery,
          response: { 200: Described(TeacherStudents, 'The students.') },
        },
      },
      async (request, reply) => {
        const { page, limit } = request.query;
        const listed = await learning.listStudentsOfTeacher(actorOf(request), fromPage(page, limit));
        reply.header('x-total-count', String(listed.total));
        return { students: listed.items.map(toTeacherStudent) };
      },
    );
  };
}
