// 002's enrolment bodies and answers (enrollments.Enrollment) and the overall progress.
import { Type } from 'typebox';

import { DateTime, Int, Nullable, NullableDateTime, StringEnum, Uuid } from '../kit/schemas.ts';
import { DrfPageQuery } from './paging.ts';

export const EnrollBody = Type.Object({ course: { ...Uuid, description: 'The course to enrol in.' } });
export const EnrollmentListQuery = Type.Object({
  ...DrfPageQuery,
  status: Type.Optional(StringEnum(['active', 'completed', 'cancelled'])),
});

export const EnrollmentOut = Type.Object({
  id: Uuid,
  user: Uuid,
  course: Uuid,
  course_title: Nullable(Type.String()),
  status: Type.String(),
  payment_status: Type.String(),
  progress_percentage: Type.Number(),
  enrolled_at: DateTime,
  completed_at: NullableDateTime,
  last_accessed_at: NullableDateTime,
});

export const LectureProgressOut = Type.Object({
  lecture: Uuid,
  completed: Type.Boolean(),
  completed_at: NullableDateTime,
});
export const OverallProgressOut = Type.Object({
  enrollment: Uuid,
  course: Uuid,
  completion_percentage: Type.Number(),
  completed_lectures: Int(0, 1_000_000),
  total_lectures: Int(0, 1_000_000),
  lectures: Type.Array(LectureProgressOut),
});
