// Assignment and submission shapes (native; 000's and 002's fields map onto these).
import { Type } from 'typebox';

import { DateTime, NullableDateTime, PageQuery, Uuid } from './common.schemas.ts';

const LatePolicy = Type.Union([Type.Literal('refuse'), Type.Literal('accept'), Type.Literal('penalize')], {
  description:
    'After the due date: refuse new submissions, accept them marked late, or accept them with late_penalty_percentage off the score',
});
const SubmissionStatus = Type.Union([Type.Literal('submitted'), Type.Literal('graded'), Type.Literal('returned')]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const AssignmentOut = Type.Object({
  id: Uuid,
  course_id: Uuid,
  lesson_id: Type.Union([Uuid, Type.Null()]),
  title: Type.String(),
  description: Type.String(),
  due_date: NullableDateTime,
  max_score: Type.Number(),
  late_policy: LatePolicy,
  late_penalty_percentage: Type.Number(),
  submissions_count: Type.Integer(),
  graded_count: Type.Integer(),
  created_by: Type.Union([Uuid, Type.Null()]),
  created_at: DateTime,
  updated_at: DateTime,
});

const fields = {
  lesson_id: Type.Optional(Type.Union([Uuid, Type.Null()])),
  title: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  due_date: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  max_score: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000 })),
  late_policy: Type.Optional(LatePolicy),
  late_penalty_percentage: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
};
export const CreateAssignmentBody = Type.Object(fields, { additionalProperties: false });
export const UpdateAssignmentBody = Type.Object(
  { ...fields, title: Type.Optional(fields.title) },
  { additionalProperties: false },
);

export const SubmissionOut = Type.Object({
  id: Uuid,
  assignment_id: Uuid,
  student_id: Uuid,
  content: Type.Union([Type.String(), Type.Null()]),
  file_id: Type.Union([Uuid, Type.Null()]),
  status: SubmissionStatus,
  is_late: Type.Boolean(),
  submission_count: Type.Integer(),
  score: NullableNumber,
  final_score: NullableNumber,
  feedback: Type.Union([Type.String(), Type.Null()]),
  graded_by: Type.Union([Uuid, Type.Null()]),
  graded_at: NullableDateTime,
  submitted_at: DateTime,
  updated_at: DateTime,
});

export const SubmitBody = Type.Object(
  {
    content: Type.Optional(Type.Union([Type.String({ maxLength: 100_000 }), Type.Null()])),
    file_id: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);
export const GradeSubmissionBody = Type.Object(
  {
    score: Type.Number({ minimum: 0 }),
    feedback: Type.Optional(Type.Union([Type.String({ maxLength: 20_000 }), Type.Null()])),
    status: Type.Optional(Type.Union([Type.Literal('graded'), Type.Literal('returned')])),
  },
  { additionalProperties: false },
);

export const CourseParams = Type.Object({ course_id: Uuid });
export const AssignmentParams = Type.Object({ assignment_id: Uuid });
export const SubmissionParams = Type.Object({ submission_id: Uuid });
export const SubmissionListQuery = Type.Intersect([
  PageQuery,
  Type.Object({ status: Type.Optional(SubmissionStatus) }),
]);
