// 001's analytics endpoints. The student's figures are the document's; the instructor, course
// and system answers are Lectern's (the document names the endpoints without a body).
import { Type } from 'typebox';

import { DateTime, Int, Uuid } from '../kit/schemas.ts';

const Count = Int(0, Number.MAX_SAFE_INTEGER);
const Score = Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], {
  description: 'Percent; null before any graded attempt',
});

export const StudentAnalyticsOut = Type.Object({
  courses_enrolled: Count,
  courses_completed: Count,
  total_lessons_completed: Count,
  quizzes_taken: Count,
  average_quiz_score: Score,
  learning_time_minutes: Type.Integer({ minimum: 0, description: 'Video watched, in whole minutes' }),
});

export const CourseAnalyticsOut = Type.Object({
  course_id: Uuid,
  title: Type.String({ maxLength: 500 }),
  enrollments: Count,
  completions: Count,
  completion_rate: Type.Number({ minimum: 0, description: 'Completions per enrolment' }),
  lessons_completed: Count,
  quiz_attempts: Type.Integer({ minimum: 0, description: 'Gradings of quiz attempts' }),
  average_quiz_score: Score,
  certificates_issued: Count,
  watch_time_minutes: Count,
});

export const InstructorAnalyticsOut = Type.Object({
  total_courses: Count,
  total_enrollments: Count,
  total_completions: Count,
  average_quiz_score: Score,
  courses: Type.Array(CourseAnalyticsOut, { maxItems: 1000 }),
});

export const SystemAnalyticsOut = Type.Object({
  total_users: Count,
  active_users_today: Count,
  active_users_week: Count,
  active_users_month: Count,
  total_events: Count,
  events_today: Count,
  enrollments: Count,
  completions: Count,
  lessons_completed: Count,
  quiz_attempts: Count,
  certificates_issued: Count,
  watch_time_minutes: Count,
  updated_at: DateTime,
});

export const CourseAnalyticsParams = Type.Object({ course_id: Uuid });
