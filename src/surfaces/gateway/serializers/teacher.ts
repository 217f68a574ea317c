// Assignments and students in 000's words: `due_date` is the due time, `name` the full name,
// `total_progress` the average progress over the teacher's courses.
import type { Static } from 'typebox';

import type { Assignment, AssignmentInput } from '../../../modules/assessment/index.ts';
import type { TeacherStudent } from '../../../modules/learning/index.ts';
import type { CreateTeacherAssignmentBody } from '../teacher.schemas.ts';

export function toTeacherAssignment(assignment: Assignment) {
  return {
    id: assignment.id,
    course_id: assignment.course_id,
    title: assignment.title,
    description: assignment.description,
    due_date: assignment.due_at,
    max_score: assignment.max_score,
    submissions_count: assignment.submissions_count,
    graded_count: assignment.graded_count,
  };
}

export function teacherAssignmentInput(body: Static<typeof CreateTeacherAssignmentBody>): AssignmentInput {
  return {
    title: body.title,
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.due_date !== undefined ? { due_at: body.due_date } : {}),
    ...(body.max_score !== undefined ? { max_score: body.max_score } : {}),
  };
}

export function toTeacherStudent(student: TeacherStudent) {
  return {
    id: student.id,
    name: student.full_name,
    email: student.email,
    enrolled_courses: student.enrolled_courses,
    total_progress: student.average_progress,
    last_activity: student.last_activity,
  };
}
