// 000's teacher pages (section 4, Assignment System): assignments across the teacher's courses
// and the students enrolled in them.
import { Type } from 'typebox';

import { DateTime, Int, MAX_PAGE, Nullable, NullableDateTime, Uuid } from '../kit/schemas.ts';

export const TeacherAssignment = Type.Object({
  id: Type.String(),
  course_id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  due_date: NullableDateTime,
  max_score: Type.Number(),
  submissions_count: Type.Integer({ description: 'Students who handed work in.' }),
  graded_count: Type.Integer({ description: 'Submissions graded so far.' }),
});

export const TeacherAssignments = Type.Object({ assignments: Type.Array(TeacherAssignment) });

export const CreateTeacherAssignmentBody = Type.Object(
  {
    course_id: Uuid,
    title: Type.String({ minLength: 1, maxLength: 255 }),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    due_date: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    max_score: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: 'Default 100.' })),
  },
  { additionalProperties: false },
);

export const TeacherAssignmentCreated = Type.Object({
  id: Type.String(),
  message: Type.String(),
  assignment: TeacherAssignment,
});

export const TeacherStudent = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  enrolled_courses: Type.Integer({ description: "Active or completed enrolments in the teacher's courses." }),
  total_progress: Type.Number({ description: 'Average progress percentage over those enrolments.' }),
  last_activity: DateTime,
});

export const TeacherStudents = Type.Object({ students: Type.Array(TeacherStudent) });

export const TeacherPageQuery = Type.Object({
  page: Int(1, MAX_PAGE, { default: 1, description: 'Page number, from 1.' }),
  limit: Int(1, 100, { default: 100, description: 'Rows per page (at most 100).' }),
});
