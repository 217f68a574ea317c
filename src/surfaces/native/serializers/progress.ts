// Lesson and course progress: 001's complete-lesson answer carries the enrolment's new state.
import type { CourseProgress, Enrollment, LessonProgress } from '../../../modules/learning/index.ts';

/** The lesson an enrolment's progress is written through. */
export function lessonRefOf(params: { enrollment_id: string; lesson_id: string }) {
  return { enrollmentId: params.enrollment_id, lessonId: params.lesson_id };
}

export const toLessonProgressOut = (progress: LessonProgress) => progress;

export function toCompleteLessonOut({ progress, enrollment }: { progress: LessonProgress; enrollment: Enrollment }) {
  return {
    ...progress,
    enrollment_progress_percentage: enrollment.progress_percentage,
    enrollment_status: enrollment.status,
  };
}

export function toCourseProgressOut(result: CourseProgress) {
  return {
    enrollment_id: result.enrollment.id,
    course_id: result.enrollment.course_id,
    status: result.enrollment.status,
    progress_percentage: result.enrollment.progress_percentage,
    completed_at: result.enrollment.completed_at,
    completed_lessons: result.completed_lessons,
    total_lessons: result.total_lessons,
    lessons: result.lessons.map(toLessonProgressOut),
  };
}
