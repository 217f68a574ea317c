// Enrolments in 001's words: the student is `student_id`.
import type { Enrollment, MyCourse } from '../../../modules/learning/index.ts';

export function toEnrollmentOut(enrollment: Enrollment) {
  return { ...enrollment, student_id: enrollment.user_id };
}

export const toMyCourseOut = (course: MyCourse) => course;
