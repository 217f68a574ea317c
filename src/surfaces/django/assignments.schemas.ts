// 002's assignment bodies and answers (assignments.Assignment, AssignmentSubmission): `max_score`,
// `due_date` (a date or a date-time), a submission's `status`, `score` and grading. Decimals are
// strings, as DRF's DecimalField renders them. A student's `score`, `status`, `grade`,
// `feedback` or `graded_by` in a submission are ignored.
import { Type } from 'typebox';

import {
  DateOnly,
  DateTime,
  Described,
  Nullable,
  NullableDateTime,
  NullableScalar,
  StringEnum,
  Text,
  Uuid,
} from '../kit/schemas.ts';
import { DrfPageQuery } from './paging.ts';

const DueDate = Type.Union([DateOnly, Type.String({ format: 'date-time' }), Type.Null()], {
  description:
    'A date (`2026-02-01`: due at the end of that day, 23:59:59 UTC) or a date-time with its offset; null for no due date. Submissions after it are accepted and marked late.',
});
const Score = (description: string) =>
  Type.Number({ minimum: 0, maximum: 999_999.99, description: `${description} A number or a decimal string.` });
const DecimalOut = (description: string) => Type.String({ pattern: '^\\d+\\.\\d{2}$', description });

const assignmentFields = {
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  max_score: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 999_999.99,
      description: 'Highest score, above 0; default 100. A number or a decimal string.',
    }),
  ),
  due_date: Type.Optional(DueDate),
  lecture: Type.Optional(
    NullableScalar({ ...Uuid, description: 'A lecture of the course the assignment belongs to.' }),
  ),
};
export const AssignmentBody = Type.Object({ title: Text(1, 255), ...assignmentFields });
export const AssignmentPatchBody = Type.Object({ title: Type.Optional(Text(1, 255)), ...assignmentFields });

export const AssignmentOut = Type.Object({
  id: Uuid,
  course: Uuid,
  lecture: Nullable(Uuid),
  title: Type.String(),
  description: Type.String(),
  max_score: DecimalOut('Highest score.'),
  due_date: Described(NullableDateTime, 'Due date-time (UTC); null for none.'),
  submissions_count: Type.Integer(),
  graded_count: Type.Integer(),
  created_by: Nullable(Uuid),
  created_at: DateTime,
  updated_at: DateTime,
});

const SubmissionStatus = StringEnum(['submitted', 'graded', 'pending'], {
  description: '`submitted` awaits grading; `graded`; `pending`: returned to the student to rework and resubmit.',
});

export const SubmitBody = Type.Object({
  content: Type.Optional(NullableScalar(Type.String({ maxLength: 100_000, description: 'The answer as text.' }))),
  file: Type.Optional(
    NullableScalar({
      ...Uuid,
      description: 'The id of a file the student uploaded (`POST /api/v1/files/upload`); text, a file or both.',
    }),
  ),
});

export const GradeBody = Type.Object({
  score: Score("At most the assignment's `max_score`."),
  feedback: Type.Optional(NullableScalar(Type.String({ maxLength: 20_000 }))),
  status: Type.Optional(
    StringEnum(['graded', 'pending'], {
      description: '`pending` returns it for rework (it may be resubmitted). Default `graded`.',
    }),
  ),
});

export const SubmissionListQuery = Type.Object({
  ...DrfPageQuery,
  status: Type.Optional(SubmissionStatus),
});

export const SubmissionOut = Type.Object({
  id: Uuid,
  assignment: Uuid,
  user: Uuid,
  content: Nullable(Type.String()),
  file: Nullable(Uuid),
  status: SubmissionStatus,
  is_late: Type.Boolean(),
  submission_count: Type.Integer({ description: 'How many times it was (re)submitted.' }),
  score: Nullable(DecimalOut('The score given.')),
  final_score: Nullable(DecimalOut('The score after any late penalty.')),
  feedback: Nullable(Type.String()),
  graded_by: Nullable(Uuid),
  graded_at: NullableDateTime,
  submitted_at: DateTime,
  updated_at: DateTime,
});
