// Assignment and submission shapes (native; 000's and 002's fields map onto these).
import { Type } from 'typebox';

import { Nullable, StringEnum } from '../kit/schemas.ts';
import { DateTime, NullableDateTime, PageQuery, Uuid } from './common.schemas.ts';

const LatePolicy = StringEnum(['refuse', 'accept', 'penalize'], {
  description:
    'After the due date: refuse new submissions, accept them marked late, or accept them with late_penalty_percentage off the score',
});
const SubmissionStatus = StringEnum(['submitted', 'graded', 'returned']);
const NullableNumber = Nullable(Type.Number());

export const AssignmentOut = Type.Object({
  id: Uuid,
  course_id: Uuid,
  lesson_id: Nullable(Uuid),
  title: Type.String(),
  description: Type.String(),
  due_date: NullableDateTime,
  max_score: Type.Number(),
  late_policy: LatePolicy,
  late_penalty_percentage: Type.Number(),
  submissions_count: Type.Integer(),
  graded_count: Type.Integer(),
  created_by: Nullable(Uuid),
  created_at: DateTime,
  updated_at: DateTime,
});

const fields = {
  lesson_id: Type.Optional(Nullable(Uuid)),
  title: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  due_date: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
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
  content: Nullable(Type.String()),
  file_id: Nullable(Uuid),
  status: SubmissionStatus,
  is_late: Type.Boolean(),
  submission_count: Type.Integer(),
  score: NullableNumber,
  final_score: NullableNumber,
  feedback: Nullable(Type.String()),
  graded_by: Nullable(Uuid),
  graded_at: NullableDateTime,
  submitted_at: DateTime,
  updated_at: DateTime,
});

export const SubmitBody = Type.Object(
  {
    content: Type.Optional(Nullable(Type.String({ maxLength: 100_000 }))),
    file_id: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export const GradeSubmissionBody = Type.Object(
  {
    score: Type.Number({ minimum: 0 }),
    feedback: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))),
    status: Type.Optional(StringEnum(['graded', 'returned'])),
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
