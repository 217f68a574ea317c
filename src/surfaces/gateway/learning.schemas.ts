// 000's enrolment and progress shapes (section 2: Course Enrollment, Progress Tracking).
import { Type } from 'typebox';

import { DateTime, Int, Nullable, NullableDateTime, Uuid } from '../kit/schemas.ts';

export const GatewayEnrollment = Type.Object({
  id: Type.String(),
  course_id: Type.String(),
  user_id: Type.String(),
  status: Type.String({ description: '`active`, `completed` or `cancelled`.' }),
  enrolled_at: DateTime,
});

export const Enrolled = Type.Object({ message: Type.String(), enrollment: GatewayEnrollment });

export const MyCourse = Type.Object({
  id: Type.String({ description: 'The course id.' }),
  name: Type.String(),
  enrollment_id: Type.String(),
  status: Type.String(),
  progress_percentage: Type.Number(),
  enrolled_at: DateTime,
  last_accessed: NullableDateTime,
  completed_at: NullableDateTime,
});

export const MyCourses = Type.Object({ enrolled_courses: Type.Array(MyCourse) });

export const GatewayProgress = Type.Object({
  id: Type.String(),
  lesson_id: Type.String(),
  course_id: Type.String(),
  user_id: Type.String(),
  completed: Type.Boolean(),
  score: Nullable(Type.Integer()),
  video_watched: Type.Boolean(),
  watch_time_seconds: Type.Integer(),
  completed_at: NullableDateTime,
});

export const CourseLessonProgress = Type.Object({
  lesson_id: Type.String(),
  completed: Type.Boolean(),
  score: Nullable(Type.Integer()),
  video_watched: Type.Boolean(),
});

export const ProgressQuery = Type.Object({ lesson_id: Uuid });

export const ProgressBody = Type.Object(
  {
    completed: Type.Optional(Type.Boolean()),
    score: Type.Optional(Int(0, 100)),
    video_watched: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ProgressUpdated = Type.Object({
  message: Type.String(),
  progress: Type.Object({
    ...GatewayProgress.properties,
    course_progress_percentage: Type.Number({ description: "The course's progress after this change." }),
  }),
});
