// Enrolments and progress in 000's words: `last_accessed`, `watch_time_seconds`, a course's
// lessons with `completed`/`score`/`video_watched`.
import type { Enrollment, LessonProgress, MyCourse } from '../../../modules/learning/index.ts';

export function toGatewayEnrollment(enrollment: Enrollment) {
  return {
    id: enrollment.id,
    course_id: enrollment.course_id,
    user_id: enrollment.user_id,
    status: enrollment.status,
    enrolled_at: enrollment.enrolled_at,
  };
}

export function toMyCourse(mine: MyCourse) {
  return {
    id: mine.course_id,
    name: mine.course?.title ?? '',
    enrollment_id: mine.id,
    status: mine.status,
    progress_percentage: mine.progress_percentage,
    enrolled_at: mine.enrolled_at,
    last_accessed: mine.last_accessed_at,
    completed_at: mine.completed_at,
  };
}

export function toGatewayProgress(progress: LessonProgress) {
  return {
    id: progress.id,
    lesson_id: progress.lesson_id,
    course_id: progress.course_id,
    user_id: progress.user_id,
    completed: progress.completed,
    score: progress.score,
    video_watched: progress.video_watched,
    watch_time_seconds: progress.watched_seconds,
    completed_at: progress.completed_at,
  };
}

/** Every published lesson of the course, in order, with the caller's progress where there is some. */
export function toCourseLessonProgress(lessons: { id: string }[], rows: LessonProgress[]) {
  const byLesson = new Map(rows.map((row) => [row.lesson_id, row]));
  return lessons.map(({ id }) => {
    const row = byLesson.get(id);
    return {
      lesson_id: id,
      completed: row?.completed ?? false,
      score: row?.score ?? null,
      video_watched: row?.video_watched ?? false,
    };
  });
}
