// Enrolment and progress shapes: 001's fields first, then the native extensions.
import { Type } from 'typebox';

import { Nullable, StringEnum } from '../kit/schemas.ts';
import { DateTime, NullableDateTime, PageQuery, Uuid } from './common.schemas.ts';

const Status = StringEnum(['active', 'completed', 'cancelled']);
const PaymentStatus = StringEnum(['free', 'paid', 'refunded']);

export const EnrollmentOut = Type.Object({
  id: Uuid,
  course_id: Uuid,
  student_id: Uuid,
  enrolled_at: DateTime,
  completed_at: NullableDateTime,
  status: Status,
  payment_status: PaymentStatus,
  progress_percentage: Type.Number(),
  cancelled_at: NullableDateTime,
  last_accessed_at: NullableDateTime,
});

export const MyCourseOut = Type.Object({
  id: Uuid,
  course: Nullable(Type.Object({ id: Uuid, title: Type.String(), slug: Type.String() })),
  enrolled_at: DateTime,
  completed_at: NullableDateTime,
  progress_percentage: Type.Number(),
  status: Status,
  payment_status: PaymentStatus,
  last_accessed_at: NullableDateTime,
});

export const EnrollBody = Type.Object({ course_id: Uuid }, { additionalProperties: false });
export const GrantBody = Type.Object({ user_id: Uuid }, { additionalProperties: false });
export const PaymentBody = Type.Object(
  {
    user_id: Uuid,
    amount: Type.String({ pattern: '^\\d{1,10}(\\.\\d{1,2})?$', description: 'Decimal amount, e.g. "49.00"' }),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const EnrollmentListQuery = Type.Intersect([PageQuery, Type.Object({ status: Type.Optional(Status) })]);
export const EnrollmentParams = Type.Object({ enrollment_id: Uuid });
export const CourseParams = Type.Object({ course_id: Uuid });
export const EnrollmentLessonParams = Type.Object({ enrollment_id: Uuid, lesson_id: Uuid });
export const LessonParams = Type.Object({ lesson_id: Uuid });

export const LessonProgressOut = Type.Object({
  id: Uuid,
  enrollment_id: Uuid,
  lesson_id: Uuid,
  user_id: Uuid,
  completed: Type.Boolean(),
  completed_at: NullableDateTime,
  score: Nullable(Type.Number()),
  video_watched: Type.Boolean(),
  watched_seconds: Type.Integer(),
  last_position_seconds: Type.Integer(),
  completion_percentage: Type.Number(),
  updated_at: DateTime,
});

/** 001's complete-lesson answer, with the enrolment's new state beside it. */
export const CompleteLessonOut = Type.Object({
  id: Uuid,
  lesson_id: Uuid,
  completed: Type.Boolean(),
  completed_at: NullableDateTime,
  score: Nullable(Type.Number()),
  enrollment_progress_percentage: Type.Number(),
  enrollment_status: Status,
});

export const ProgressUpdateBody = Type.Object(
  {
    completed: Type.Optional(Type.Boolean()),
    score: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
    video_watched: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Seconds = Type.Number({ minimum: 0, maximum: 86_400 * 7 });
export const WatchBody = Type.Object(
  {
    from_seconds: Seconds,
    to_seconds: Seconds,
    duration_seconds: Type.Optional(Seconds),
    session_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const CourseProgressOut = Type.Object({
  enrollment_id: Uuid,
  course_id: Uuid,
  status: Status,
  progress_percentage: Type.Number(),
  completed_lessons: Type.Integer(),
  total_lessons: Type.Integer(),
  completed_at: NullableDateTime,
  lessons: Type.Array(LessonProgressOut),
});

export const VideoStatsOut = Type.Object({
  lesson_id: Uuid,
  duration_seconds: Type.Integer(),
  total_views: Type.Integer(),
  unique_viewers: Type.Integer(),
  completion_rate: Type.Number(),
  average_watch_time: Type.Integer(),
  drop_off_points: Type.Array(Type.Integer()),
  retention: Type.Array(
    Type.Object({ from_seconds: Type.Integer(), to_seconds: Type.Integer(), viewers: Type.Integer() }),
  ),
});
