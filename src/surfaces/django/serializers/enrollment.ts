// Enrolments and progress in 002's words (user, course, completion_percentage, lectures).
import type { CourseProgress, Enrollment, MyCourse } from '../../../modules/learning/index.ts';

export const toEnrollmentOut = (enrollment: Enrollment | MyCourse) => ({
  id: enrollment.id,
  user: enrollment.user_id,
  course: enrollment.course_id,
  course_title: 'course' in enrollment ? (enrollment.course?.title ?? null) : null,
  status: enrollment.status,
  payment_status: enrollment.payment_status,
  progress_percentage: enrollment.progress_percentage,
  enrolled_at: enrollment.enrolled_at,
  completed_at: enrollment.completed_at,
  last_accessed_at: enrollment.last_accessed_at,
});

export const toOverallProgressOut = (progress: CourseProgress) => ({
  enrollment: progress.enrollment.id,
  course: progress.enrollment.course_id,
  completion_percentage: progress.enrollment.progress_percentage,
  completed_lectures: progress.completed_lessons,
  total_lectures: progress.total_lessons,
  lectures: progress.lessons.map((lesson) => ({
    lecture: lesson.lesson_id,
    completed: lesson.completed,
    completed_at: lesson.completed_at,
  })),
});
